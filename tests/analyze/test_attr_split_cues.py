"""A second cue the parser hangs on a first cue's complement is split off with the first cue's
source; a root cue after a quotation keeps its own object; an agentless passive with nothing
else attributed has its subject as content (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.analyze._attr_content import _content_ranges
from newstrace.analyze._attr_split import outer_cue, split_offs
from newstrace.analyze.nlp import load_nlp, parse
from newstrace.analyze.options import AnalysisOptions

SPACY = AnalysisOptions(backend="spacy", parse_scope="all")


def _doc(text: str) -> Any:
    if load_nlp(SPACY, "en") is None:
        pytest.skip("no English spaCy model installed")
    return parse(text, SPACY, "en")


def _split(text: str, *cue_words: str) -> dict[str, tuple[str, str, str]]:
    """Per cue word: its outer cue, the words split off its content, and its content."""
    doc = _doc(text)
    cues = frozenset(t.i for t in doc if t.text in cue_words)
    found = {}
    for token in doc:
        if token.i not in cues:
            continue
        outer = outer_cue(token, cues)
        split = sorted(t.i for t in split_offs(token, cues))
        ranges = _content_ranges(token, {token.i, *split})
        found[token.text] = (
            outer.text if outer is not None else "",
            " ".join(doc[i].text for i in split),
            " | ".join(text[a:b] for a, b in ranges),
        )
    return found


def test_conjoined_speech_verb_is_split_off() -> None:
    text = "The senator said the mayor was wrong and criticized him for raising taxes."
    found = _split(text, "said", "criticized")
    assert found["said"] == ("", "and criticized him for raising taxes", "the mayor was wrong")
    assert found["criticized"] == ("said", "", "him for raising taxes")


def test_participle_after_a_comma_is_split_off() -> None:
    text = "The coach said the team had played well, adding that the referee made mistakes."
    found = _split(text, "said", "adding")
    assert found["said"][2] == "the team had played well"
    assert found["adding"] == ("said", "", "that the referee made mistakes")


def test_conjunct_in_another_tense_stays_in_the_content() -> None:
    text = "The mayor says he will lower taxes and fix the roads."
    found = _split(text, "says", "fix")
    assert found["says"] == ("", "", "he will lower taxes and fix the roads")
    assert found["fix"][0] == ""


def test_root_cue_after_a_quotation_keeps_its_object() -> None:
    text = "\u201cWe are finished with this.\u201d Davis rescinded his endorsement of the mayor."
    doc = _doc(text)
    head = next(t for t in doc if t.text == "rescinded")
    ranges = _content_ranges(head, {head.i})
    assert [text[a:b] for a, b in ranges] == ["his endorsement of the mayor"]


def test_agentless_passive_subject_is_the_content() -> None:
    text = "On Tuesday, the closure of the factory was announced."
    doc = _doc(text)
    head = next(t for t in doc if t.text == "announced")
    ranges = _content_ranges(head, {head.i, head.i - 1})
    assert [text[a:b] for a, b in ranges] == ["the closure of the factory"]
