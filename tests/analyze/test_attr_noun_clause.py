"""A nominal cue's content is the clause it introduces: "her claim that X", "his refusal to X"
(sentences written for these tests)."""

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
