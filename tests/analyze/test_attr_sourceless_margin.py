"""A cue with no source must score ``sourceless_cue_margin`` above the cue model's threshold
(sentences written for these tests)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from newstrace.analyze._attr_dep import find_with_parse
from newstrace.analyze._attr_lexicon import LanguageData, load_language
from newstrace.analyze._attr_model import load_cue_model
from newstrace.analyze.nlp import load_nlp, parse
from newstrace.analyze.options import AnalysisOptions
from newstrace.analyze.sentences import split_sentences

SPACY = AnalysisOptions(backend="spacy", parse_scope="all")
TEXT = (
    "The mayor was accused of lying about the budget.\n\n"
    "Mayor Dana Holt said the toll plan would pay for the bridge."
)


def cues(lang: LanguageData) -> dict[str, bool]:
    """Cue text -> whether the attribution has a source."""
    if load_nlp(SPACY, "en") is None or load_cue_model("en") is None:
        pytest.skip("no English spaCy model or cue model installed")
    doc: Any = parse(TEXT, SPACY, "en")
    sentences = split_sentences(TEXT, language="en", doc=doc)
    found = find_with_parse(TEXT, doc, sentences, lang)
    return {a.cue.text: a.source is not None for a in found}


def with_margin(margin: float) -> LanguageData:
    lang = load_language("en")
    return dataclasses.replace(lang, extra={**lang.extra, "sourceless_cue_margin": margin})


def test_no_margin_keeps_the_sourceless_cue() -> None:
    found = cues(with_margin(0.0))
    assert any("accused" in cue and not sourced for cue, sourced in found.items())
    assert any("said" in cue and sourced for cue, sourced in found.items())


def test_a_large_margin_drops_only_the_sourceless_cue() -> None:
    found = cues(with_margin(1000.0))
    assert not any("accused" in cue for cue in found)
    assert any("said" in cue and sourced for cue, sourced in found.items())


def test_english_ships_a_margin() -> None:
    assert float(load_language("en").extra["sourceless_cue_margin"]) > 0
