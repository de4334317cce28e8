"""A cue candidate with a speaker of its own, set off by a comma inside another cue's content
(a relative clause, an adverbial clause with its own subject), is cut out of that content and
keeps its own source (sentences written for these tests)."""

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


def _content(text: str, cue: str, *others: str) -> str:
    """The content of cue word ``cue`` when ``others`` are cue candidates too."""
    doc = _doc(text)
    cues = frozenset(t.i for t in doc if t.text in (cue, *others))
    head = next(t for t in doc if t.text == cue)
    split = {t.i for t in split_offs(head, cues)}
    return " | ".join(text[a:b] for a, b in _content_ranges(head, {head.i, *split}))


def _outer(text: str, cue: str, *others: str) -> Any:
    doc = _doc(text)
    cues = frozenset(t.i for t in doc if t.text in (cue, *others))
    return outer_cue(next(t for t in doc if t.text == cue), cues)


def test_relative_clause_cue_is_cut_out() -> None:
    text = "The governor praised the new budget, which the treasurer announced on Monday."
    assert _content(text, "praised", "announced") == "the new budget"
    assert _outer(text, "announced", "praised") is None  # keeps its own source


def test_relative_pronoun_subject_cue_is_cut_out() -> None:
    text = "The newspaper made no mention of the senator, who declared he would retire next year."
    assert _content(text, "mention", "declared") == "the senator"


def test_adverbial_clause_with_own_subject_is_cut_out() -> None:
    text = "Most residents said the park was too small, while the developers argued it was fine."
    assert _content(text, "said", "argued") == "the park was too small"
    assert _outer(text, "argued", "said") is None


def test_relative_clause_that_is_no_cue_stays() -> None:
    text = "The governor praised the new budget, which the treasurer announced on Monday."
    assert _content(text, "praised") == "the new budget, which the treasurer announced on Monday"


def test_adverbial_clause_without_a_comma_stays() -> None:
    text = "The teacher said the test was hard because the students had not studied."
    content = _content(text, "said", "studied")
    assert content == "the test was hard because the students had not studied"
