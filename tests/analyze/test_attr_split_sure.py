"""Over-long contents cut back (sentences written for these tests): a conjunct the cue model is
sure of is split off whatever its tense; a clause before a colon or dash that introduces the
quotation a trailing cue follows is not that cue's content; a double quotation mark of another
typography closes a quotation; a doubled apostrophe is a double quotation mark."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.analyze._attr_content import _content_ranges
from newstrace.analyze._attr_quotes import quote_regions
from newstrace.analyze._attr_split import lead_clause, outer_cue, split_offs
from newstrace.analyze.nlp import load_nlp, parse
from newstrace.analyze.options import AnalysisOptions

SPACY = AnalysisOptions(backend="spacy", parse_scope="all")
PAIRS = (("“", "”"), ('"', '"'))


def _doc(text: str) -> Any:
    if load_nlp(SPACY, "en") is None:
        pytest.skip("no English spaCy model installed")
    return parse(text, SPACY, "en")


def _content(doc: Any, cue: str, cues: frozenset[int], sure: frozenset[int]) -> str:
    head = next(t for t in doc if t.text == cue)
    split = {t.i for t in split_offs(head, cues, sure)}
    return " | ".join(doc.text[a:b] for a, b in _content_ranges(head, {head.i, *split}))


def _indices(doc: Any, *words: str) -> frozenset[int]:
    return frozenset(t.i for t in doc if t.text in words)


def test_sure_conjunct_of_another_tense_is_split_off() -> None:
    doc = _doc("The senator has said the plan is sound and has expressed support for the new tax.")
    cues = _indices(doc, "said", "expressed")
    sure = _indices(doc, "expressed")
    assert _content(doc, "said", cues, sure) == "the plan is sound"
    second = next(t for t in doc if t.text == "expressed")
    outer = outer_cue(second, cues, sure)
    assert outer is not None and outer.text == "said"  # takes the senator as its source


def test_conjunct_of_another_tense_stays_when_the_model_is_not_sure() -> None:
    doc = _doc("The senator has said the plan is sound and has expressed support for the new tax.")
    cues = _indices(doc, "said", "expressed")
    content = _content(doc, "said", cues, frozenset())
    assert content == "the plan is sound and has expressed support for the new tax"


def test_sure_conjunct_with_a_subject_of_its_own_stays() -> None:
    doc = _doc("The mayor said the council was wrong and the judge agreed with the ruling.")
    cues = _indices(doc, "said", "agreed")
    agreed = next(t for t in doc if t.text == "agreed")
    assert outer_cue(agreed, cues, _indices(doc, "agreed")) is None


def test_clause_before_a_colon_is_not_the_quoted_content() -> None:
    text = 'In her speech, the mayor praised the budget: "It is a fine plan for us," she said.'
    doc = _doc(text)
    said = next(t for t in doc if t.text == "said")
    lead = lead_clause(said)
    assert " ".join(t.text for t in lead) == "In her speech , the mayor praised the budget :"
    content = _content(doc, "said", _indices(doc, "said"), frozenset())
    assert content == '"It is a fine plan for us'  # the mark closes after the comma


def test_clause_before_a_dash_is_cut_and_a_plain_quotation_is_kept() -> None:
    doc = _doc('The mayor praised the budget - "a fine plan for the city," she said.')
    said = next(t for t in doc if t.text == "said")
    assert lead_clause(said)[-1].text == "-"
    plain = _doc('"It is a fine plan for the city," she said.')
    assert lead_clause(next(t for t in plain if t.text == "said")) == []
    comma = _doc('The mayor praised the budget, "a fine plan for the city," she said.')
    assert lead_clause(next(t for t in comma if t.text == "said")) == []


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('“We will win," the mayor said. She left.', '“We will win,"'),
        ('"We will win” the mayor said. "Not now."', '"We will win”'),
        ("a website “Cape Breton Wins“ that pitches the island", "“Cape Breton Wins“"),
    ],
)
def test_double_mark_of_another_typography_closes_a_quotation(text: str, quoted: str) -> None:
    regions = quote_regions(text, PAIRS)
    assert text[regions[0].start : regions[0].end] == quoted


def test_double_mark_before_a_letter_does_not_close() -> None:
    text = "“They called it “the plan” all year,” she said."
    regions = quote_regions(text, PAIRS)
    assert [text[r.start : r.end] for r in regions] == ["“They called it “the plan”"]


def test_doubled_apostrophes_quote_like_a_double_mark() -> None:
    text = "''We will win,'' the mayor said. ''Not this year.'' The voters' choice is ''open''."
    regions = quote_regions(text, PAIRS)
    found = [text[r.start : r.end] for r in regions]
    assert found == ["''We will win,''", "''Not this year.''", "''open''"]
    assert quote_regions("The voters' choice, the mayor's plan.", PAIRS) == ()
