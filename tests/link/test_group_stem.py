"""Fourth grouping stage: two claims naming one rare event in two derived forms."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from newstrace.link._group_stem import derivational_stem, stem_merge, stem_pairs
from newstrace.link.claim_match import MatchText

Setup = tuple[np.ndarray, list[int], list[MatchText]]


def _item(text: str, *entities: str, polarity: str = "positive") -> MatchText:
    return MatchText(text=text, entities=frozenset(entities), polarity=polarity)


def _setup(first: MatchText, second: MatchText, pair: float, owners: list[int]) -> Setup:
    items = [first, second, _item("the weather stayed mild", "Leeds")]
    scores = np.zeros((3, 3), dtype=np.float32)
    scores[0, 1] = scores[1, 0] = pair
    np.fill_diagonal(scores, 1.0)
    return scores, owners, items


def test_derivational_stem_meets_verb_and_noun() -> None:
    assert derivational_stem("evacuating") == derivational_stem("evacuation") == "evacuat"
    assert derivational_stem("recruitment") == derivational_stem("recruited") == "recruit"
    assert derivational_stem("dredge") == ""  # too short to tell words apart


def test_verb_and_noun_of_one_event_join() -> None:
    scores, owners, items = _setup(
        _item("the army is busy blockading Dunmore", "dunmore"),
        _item("officials in Dunmore expect a blockade within days", "dunmore"),
        0.2,
        [0, 1, 2],
    )
    assert stem_pairs(items, owners) == [(0, 1)]
    labels = stem_merge(scores, owners, [0, 1, 2], items)
    assert labels[0] == labels[1] != labels[2]


def test_no_shared_entity_keeps_them_apart() -> None:
    scores, owners, items = _setup(
        _item("the army is busy blockading Dunmore", "dunmore"),
        _item("officials in Carrow expect a blockade within days", "carrow"),
        0.2,
        [0, 1, 2],
    )
    assert stem_merge(scores, owners, [0, 1, 2], items) == [0, 1, 2]


def test_same_article_low_score_and_opposite_polarity_stay_apart() -> None:
    first = _item("the army is busy blockading Dunmore", "dunmore")
    second = _item("officials in Dunmore expect a blockade within days", "dunmore")
    scores, owners, items = _setup(first, second, 0.2, [0, 0, 2])
    assert stem_pairs(items, owners) == []
    scores, owners, items = _setup(first, replace(second, polarity="negative"), 0.2, [0, 1, 2])
    assert stem_merge(scores, owners, [0, 1, 2], items) == [0, 1, 2]
    scores, owners, items = _setup(first, second, 0.05, [0, 1, 2])
    assert stem_merge(scores, owners, [0, 1, 2], items) == [0, 1, 2]


def test_a_stem_three_claims_hold_or_the_same_word_is_not_evidence() -> None:
    third = _item("a blockade of Dunmore was ruled out", "dunmore")
    items = [
        _item("the army is busy blockading Dunmore", "dunmore"),
        _item("officials in Dunmore expect a blockade within days", "dunmore"),
        third,
    ]
    assert stem_pairs(items, [0, 1, 2]) == []
    same = [
        _item("officials in Dunmore expect a blockade", "dunmore"),
        _item("a blockade of Dunmore is expected soon", "dunmore"),
    ]
    assert stem_pairs(same, [0, 1]) == []


def test_other_languages_give_no_stems() -> None:
    items = [
        replace(_item("армия блокирует город", "x"), language="ru"),
        replace(_item("блокада города", "x"), language="ru"),
    ]
    assert stem_pairs(items, [0, 1]) == []


def test_a_plural_is_the_same_word_not_a_derived_form() -> None:
    items = [
        _item("the family of Italian immigrants settled in Dunmore", "dunmore"),
        _item("an immigrant tailor opened a shop in Dunmore", "dunmore"),
    ]
    assert stem_pairs(items, [0, 1]) == []


def test_the_story_topic_entity_ties_nothing() -> None:
    pair = [
        _item("the army is busy blockading Dunmore", "dunmore"),
        _item("officials in Dunmore expect a blockade within days", "dunmore"),
        _item("Dunmore council met on Friday", "dunmore"),
    ]
    few = [_item(f"unrelated note {i}", f"Place{i}") for i in range(2)]
    assert stem_pairs([*pair, *few], [0, 1, 2, 3, 4]) == []
    many = [_item(f"unrelated note {i}", f"Place{i}") for i in range(15)]
    assert stem_pairs([*pair, *many], list(range(18))) == [(0, 1)]
