"""Claim grouping details: a same-article pair that shares nothing vetoes a merge, a claim far
from its own article's wording of a proposition stays out of its group, and number ranges
written in words ("hundreds") are no anchors."""

from __future__ import annotations

import numpy as np

from newstrace.link.claim_match import claim_match_text
from newstrace.link.claims import SAME_ARTICLE_FLOOR, cluster
from newstrace.model import Attribution, ChainLink, Claim, Quantity, Span, Speaker


def test_unrelated_claims_of_one_article_stay_apart() -> None:
    # items 0 (article A) and 1 (article B) say one thing; item 2 (article B) says something
    # else that A's claim 0 also scores high with, but it shares nothing with item 1
    scores = np.array(
        [[1.0, 0.8, 0.7], [0.8, 1.0, 0.0], [0.7, 0.0, 1.0]],
        dtype=np.float32,
    )
    assert cluster(scores, [0, 1, 1], 0.5) == [0, 0, 2]


def test_claims_of_one_article_that_overlap_can_share_a_group() -> None:
    # item 2 is close to item 0 (0.7) and related to its own article's item 1 (0.35): the
    # mean over all its pairs with the group, 0.525, reaches the threshold
    scores = np.array(
        [[1.0, 0.8, 0.7], [0.8, 1.0, 0.35], [0.7, 0.35, 1.0]],
        dtype=np.float32,
    )
    assert cluster(scores, [0, 1, 1], 0.5) == [0, 0, 0]


def test_a_claim_far_from_its_own_articles_wording_stays_out() -> None:
    # item 2 (article B) matches A's item 0 (0.61) through a shared purpose clause but barely
    # relates to B's own wording of the proposition, item 1 (0.2, above the floor): the mean
    # over all its pairs with the group is 0.405, below the threshold
    low = SAME_ARTICLE_FLOOR + 0.15
    scores = np.array(
        [[1.0, 0.8, 0.61], [0.8, 1.0, low], [0.61, low, 1.0]],
        dtype=np.float32,
    )
    assert cluster(scores, [0, 1, 1], 0.5) == [0, 0, 2]


def _claim(text: str, quantities: tuple[Quantity, ...]) -> Claim:
    content = Span.of(text, 0, len(text), "content")
    return Claim(
        id="x:c1",
        sentence=content,
        content=content,
        attribution=Attribution(
            speaker=Speaker("self", "Daily", False, None),
            cue=None,
            content=(content,),
            chain=(ChainLink("Daily", "outlet"),),
        ),
        quantities=quantities,
    )


def _quantity(text: str, phrase: str, low: float, high: float) -> Quantity:
    start = text.index(phrase)
    return Quantity(Span.of(text, start, start + len(phrase)), low, high, approximate=True)


def test_a_range_in_words_is_no_anchor_but_digits_are() -> None:
    words = "Hundreds of fans queued outside the stadium overnight."
    digits = "Between 200 and 300 fans queued outside the stadium overnight."
    vague = claim_match_text(_claim(words, (_quantity(words, "Hundreds", 100, 999),)))
    exact = claim_match_text(_claim(digits, (_quantity(digits, "Between 200 and 300", 200, 300),)))
    assert vague.numbers == frozenset()
    assert {"200", "300"} <= exact.numbers
