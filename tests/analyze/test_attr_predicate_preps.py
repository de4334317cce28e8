"""Which prepositional phrases after a cue's object belong to its content: learned rates per
preposition (``predicate_preps`` of the language data), phrases naming someone left out,
prepositions that belong to the cue kept (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.analyze import _attr_content
from newstrace.analyze._attr_content import _content_ranges, names_someone
from newstrace.analyze._attr_lexicon import load_language
from newstrace.analyze._attr_source import _source_tokens
from newstrace.analyze.nlp import load_nlp, parse
from newstrace.analyze.options import AnalysisOptions

SPACY = AnalysisOptions(backend="spacy", parse_scope="all")


def parsed(text: str) -> Any:
    if load_nlp(SPACY, "en") is None:
        pytest.skip("no English spaCy model installed")
    return parse(text, SPACY, "en")


def content(text: str, cue: str, extra_cue: tuple[str, ...] = ()) -> str:
    """The content the parse gives the cue word ``cue`` (with ``extra_cue`` words in the cue)."""
    doc = parsed(text)
    head = next(t for t in doc if t.text == cue)
    ids = {head.i} | {t.i for t in doc if t.text in extra_cue}
    source = _source_tokens(head, ids)
    ranges = _content_ranges(head, ids | {t.i for t in source})
    return " | ".join(text[a:b] for a, b in ranges)


def test_english_ships_learned_rates() -> None:
    rates = load_language("en").extra["predicate_preps"]
    assert rates["as"] >= 0.5 and rates["of"] >= 0.5
    assert rates["during"] < 0.5 and rates["until"] < 0.5


@pytest.mark.parametrize(
    ("text", "cue", "phrase"),
    [
        ("The critic described the new bridge as a costly mistake.", "described", "as a costly"),
        ("The minister accused her rival of hiding the figures.", "accused", "of hiding"),
        ("The players blamed the defeat on the muddy pitch.", "blamed", "on the muddy pitch"),
    ],
)
def test_what_the_verb_says_of_its_object_stays(text: str, cue: str, phrase: str) -> None:
    assert phrase in content(text, cue)


@pytest.mark.parametrize(
    ("text", "cue", "adjunct"),
    [
        ("The union made a generous offer to the owners during the long talks.", "made", "during"),
        ("The board discussed the budget plan until the early evening.", "discussed", "until"),
    ],
)
def test_time_adjunct_after_the_object_is_left_out(text: str, cue: str, adjunct: str) -> None:
    found = content(text, cue)
    assert found
    assert adjunct not in found


def test_unknown_preposition_keeps_the_old_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_attr_content, "_prep_rates", lambda code: {})
    text = "The union made a generous offer to the owners during the long talks."
    assert "during the long talks" in content(text, "made")
    monkeypatch.setattr(_attr_content, "_prep_rates", lambda code: {"during": 0.9})
    assert "during the long talks" in content(text, "made")
    monkeypatch.setattr(_attr_content, "_prep_rates", lambda code: {"during": 0.1})
    assert "during" not in content(text, "made")


def test_preposition_in_the_cue_always_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_attr_content, "_prep_rates", lambda code: {"at": 0.0})
    text = "The governor took offense at the claim that the budget was padded."
    assert "the claim that the budget was padded" in content(text, "took", ("offense", "at"))


def test_named_recipient_is_left_out_whatever_the_rates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_attr_content, "_prep_rates", lambda code: {"to": 1.0})
    text = "The agency confirmed the revised forecast to Bloomberg on the same day."
    doc = parsed(text)
    named = {t.text for t in doc if t.dep_ == "prep" and names_someone(t)}
    assert named == {"to"}
    assert "Bloomberg" not in content(text, "confirmed")
