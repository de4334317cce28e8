"""More sources and contents read off the parse: raising verbs learned as sourceless, a
subordinate clause is no parenthetical, object control, infinitives parsed as adverbial
clauses (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.analyze._attr_content import _content_ranges
from newstrace.analyze._attr_lexicon import load_language
from newstrace.analyze._attr_source import _source_tokens, _subject_in_content
from newstrace.analyze.nlp import load_nlp, parse
from newstrace.analyze.options import AnalysisOptions

SPACY = AnalysisOptions(backend="spacy", parse_scope="all")


def parsed(text: str) -> Any:
    if load_nlp(SPACY, "en") is None:
        pytest.skip("no English spaCy model installed")
    return parse(text, SPACY, "en")


def sourceless() -> frozenset[str]:
    return frozenset(load_language("en").extra.get("sourceless_lemmas", ()))


def roles(text: str, cue: str, lemmas: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """The source text and the content pieces the parse gives the cue word ``cue``."""
    doc = parsed(text)
    head = next(t for t in doc if t.text == cue)
    source = _source_tokens(head, {head.i}, (), lemmas)
    content = _content_ranges(head, {head.i} | {t.i for t in source}, lemmas)
    return " ".join(t.text for t in source), [text[a:b] for a, b in content]


def test_raising_verbs_are_learned_as_sourceless() -> None:
    lemmas = sourceless()
    assert {"seem", "appear"} <= lemmas
    assert "say" not in lemmas and "tell" not in lemmas


@pytest.mark.parametrize(
    ("text", "cue", "subject"),
    [
        ("The new policy seems to favour large firms.", "seems", "The new policy"),
        ("The old bridge appears to need urgent repairs.", "appears", "The old bridge"),
    ],
)
def test_raising_verb_subject_goes_to_content(text: str, cue: str, subject: str) -> None:
    source, content = roles(text, cue, sourceless())
    assert source == ""
    assert subject in content
    # without the learned list the subject is read as the source
    assert roles(text, cue)[0] == subject


def test_speech_verb_keeps_its_subject_with_the_learned_list() -> None:
    doc = parsed("The mayor said the bridge would reopen.")
    head = next(t for t in doc if t.text == "said")
    assert not _subject_in_content(head, sourceless())
    assert roles("The mayor said the bridge would reopen.", "said", sourceless()) == (
        "The mayor",
        ["the bridge would reopen"],
    )


def test_subordinate_clause_takes_its_own_object() -> None:
    text = "The mayor praised the budget, even though auditors disclosed its hidden costs."
    assert roles(text, "disclosed") == ("auditors", ["its hidden costs"])


def test_object_of_the_governing_verb_is_the_source_of_its_infinitive() -> None:
    assert roles("The senator asked the aides to explain the delay.", "explain") == (
        "the aides",
        ["the delay"],
    )


def test_infinitive_after_the_object_joins_the_content() -> None:
    text = "The group launched a campaign last week to block the pipeline."
    source, content = roles(text, "launched")
    assert source == "The group"
    assert content == ["a campaign", "to block the pipeline"]


def test_infinitive_without_an_object_is_the_content() -> None:
    assert roles("The union pushed hard to win the vote.", "pushed") == (
        "The union",
        ["to win the vote"],
    )


def test_infinitive_set_off_by_a_comma_is_no_content() -> None:
    assert roles("The union pushed hard all year, to win the vote.", "pushed") == (
        "The union",
        [],
    )


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("It was unclear whether the talks would resume.", ""),
        ("It is clear that the vote will be close.", ""),
        ("The minister was clear that the vote will be close.", "The minister"),
    ],
)
def test_placeholder_it_of_an_adjective_is_no_source(text: str, source: str) -> None:
    cue = next(word for word in ("was", "is") if f" {word} " in text)
    assert roles(text, cue)[0] == source
