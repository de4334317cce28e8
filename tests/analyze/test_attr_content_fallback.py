"""Contents found when the cue's own arguments give none: the clause an "as" aside comments
on, the complement of a copula's adjective, and the clause a nominal cue introduces ("her claim
that X", "his refusal to X"); a clause before the cue behind a colon or semicolon is not its
complement (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.analyze._attr_content import _content_ranges
from newstrace.analyze.nlp import load_nlp, parse
from newstrace.analyze.options import AnalysisOptions

SPACY = AnalysisOptions(backend="spacy", parse_scope="all")


def content(text: str, cue: str) -> str:
    """The content the parse gives the cue word ``cue`` (a cue of that word alone)."""
    if load_nlp(SPACY, "en") is None:
        pytest.skip("no English spaCy model installed")
    doc: Any = parse(text, SPACY, "en")
    head = next(t for t in doc if t.text == cue)
    return " | ".join(text[a:b] for a, b in _content_ranges(head, {head.i}))


def test_as_aside_before_the_clause() -> None:
    text = "As the county paper reported, the levy would fund two new schools."
    found = content(text, "reported")
    assert "the levy would fund two new schools" in found
    assert "county paper" not in found


def test_as_aside_after_the_clause() -> None:
    text = "The levy would fund two new schools, as the county paper reported."
    assert "The levy would fund two new schools" in content(text, "reported")


def test_copula_takes_the_adjective_clause() -> None:
    text = "The councillors were adamant that the levy would pass."
    assert content(text, "were") == "that the levy would pass"


def test_copula_takes_the_adjective_preposition() -> None:
    assert content("The union is critical of the new pension plan.", "is") == "the new pension plan"


def test_copula_with_a_bare_adjective_has_none() -> None:
    assert content("The union was happy.", "was") == ""


def test_clause_behind_a_colon_is_not_the_content() -> None:
    text = "Overall, voters were split in the county: most of the women preferred the mayor."
    assert content(text, "preferred") == "the mayor"


def test_clause_behind_a_semicolon_is_not_the_content() -> None:
    text = "The council was divided; most members backed the plan."
    assert content(text, "backed") == "the plan"


def test_clause_before_a_comma_stays_the_content() -> None:
    assert content("The levy will pass, the mayor said.", "said") == "The levy will pass"


def test_that_clause_of_a_noun() -> None:
    text = "Despite her claims that the bridge was safe, inspectors closed it."
    assert content(text, "claims") == "that the bridge was safe"


def test_infinitive_of_a_noun() -> None:
    text = "His refusal to release the tax records angered the committee."
    assert content(text, "refusal") == "to release the tax records"


def test_a_noun_with_no_clause_has_no_content() -> None:
    assert content("The refusal angered the committee.", "refusal") == ""


def test_a_relative_clause_is_not_the_content() -> None:
    text = "The claim which the mayor repeated on Monday angered the committee."
    assert "repeated" not in content(text, "claim")
