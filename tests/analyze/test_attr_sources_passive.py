"""Sources and contents read off the parse: agentless passives, subjects reached through a
preposition, a participle's own object, object predicates, sources from an earlier paragraph
(sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.analyze._attr_content import _content_ranges
from newstrace.analyze._attr_source import (
    _agentless_passive,
    _source_in_paragraph,
    _source_tokens,
)
from newstrace.analyze.nlp import load_nlp, parse
from newstrace.analyze.options import AnalysisOptions

SPACY = AnalysisOptions(backend="spacy", parse_scope="all")


def parsed(text: str) -> Any:
    if load_nlp(SPACY, "en") is None:
        pytest.skip("no English spaCy model installed")
    return parse(text, SPACY, "en")


def roles(text: str, cue: str) -> tuple[str, list[str]]:
    """The source text and the content pieces the parse gives the cue word ``cue``."""
    doc = parsed(text)
    head = next(t for t in doc if t.text == cue)
    source = _source_tokens(head, {head.i})
    content = _content_ranges(head, {head.i} | {t.i for t in source})
    return " ".join(t.text for t in source), [text[a:b] for a, b in content]


@pytest.mark.parametrize(
    ("text", "cue", "subject"),
    [
        ("The senator was accused of lying to the committee.", "accused", "The senator"),
        ("The new bridge is expected to open next spring.", "expected", "The new bridge"),
    ],
)
def test_agentless_passive_subject_goes_to_content(text: str, cue: str, subject: str) -> None:
    source, content = roles(text, cue)
    assert source == ""
    assert subject in content


def test_passive_with_agent_keeps_its_source() -> None:
    doc = parsed("The plan was criticized by the mayor.")
    head = next(t for t in doc if t.text == "criticized")
    assert not _agentless_passive(head)
    assert " ".join(t.text for t in _source_tokens(head, {head.i})) == "the mayor"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The mayor pleased the crowd by saying that taxes would fall.", "saying"),
        ("The mayor, despite admitting that the plan was costly, defended it.", "admitting"),
    ],
)
def test_subject_reached_through_a_preposition(text: str, cue: str) -> None:
    source, _ = roles(text, cue)
    assert source == "The mayor"


def test_participle_takes_its_own_object() -> None:
    source, content = roles("The union walked out on Monday, citing unpaid wages.", "citing")
    assert source == "The union"
    assert content == ["unpaid wages"]


@pytest.mark.parametrize(
    ("text", "cue", "predicate"),
    [
        ("The governor called the proposal a dangerous gamble.", "called", "gamble"),
        ("The critic described the film as a triumph.", "described", "triumph"),
    ],
)
def test_object_predicate_is_in_the_content(text: str, cue: str, predicate: str) -> None:
    _, content = roles(text, cue)
    assert any(predicate in piece for piece in content)


def test_source_from_an_earlier_paragraph_is_replaced() -> None:
    text = "9:30 a.m.\n\nThe finance minister says the budget is balanced."
    doc = parsed(text)
    paragraph = text.index("The finance")
    cue = (text.index("says"), text.index("says") + 4)
    found = _source_in_paragraph(doc, (0, 9), cue, paragraph)
    assert found is not None
    assert text[found[0] : found[1]] == "The finance minister"


def test_source_from_an_earlier_paragraph_without_a_plain_subject_is_dropped() -> None:
    text = "9:30 a.m.\n\nAfter the vote ended, the minister says the budget is balanced."
    doc = parsed(text)
    paragraph = text.index("After")
    cue = (text.index("says"), text.index("says") + 4)
    assert _source_in_paragraph(doc, (0, 9), cue, paragraph) is None


def test_source_in_the_cue_paragraph_is_kept() -> None:
    text = "The minister says the budget is balanced."
    doc = parsed(text)
    cue = (text.index("says"), text.index("says") + 4)
    assert _source_in_paragraph(doc, (0, 12), cue, 0) == (0, 12)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Asked about the delay, the mayor said the trains would run.", "Asked"),
        ("The council published a paper titled Safer Streets.", "titled"),
    ],
)
def test_bare_participle_has_no_source(text: str, cue: str) -> None:
    source, _ = roles(text, cue)
    assert source == ""


def test_perfect_participle_keeps_the_subject() -> None:
    source, _ = roles("Having said that the plan was fair, the mayor left.", "said")
    assert source == "the mayor"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The ministry confirmed the new target to Reuters.", "confirmed", "the new target"),
        (
            "The mayor announced the plan on Monday, weeks after taking office.",
            "announced",
            "the plan",
        ),
        ("The coach blamed the loss on the weather.", "blamed", "the loss on the weather"),
    ],
)
def test_named_or_set_off_phrases_are_not_predicates(text: str, cue: str, content: str) -> None:
    _, found = roles(text, cue)
    assert found == [content]


def test_quoted_as_saying_keeps_the_speaker() -> None:
    source, _ = roles("One manager was quoted as saying that costs had doubled.", "quoted")
    assert source == "One manager"
