"""Third grouping stage: close centroids and a shared event word, on invented items."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from newstrace.link._group_topic import event_words, topic_merge
from newstrace.link.claim_match import MatchText


def _item(words: str, polarity: str = "positive") -> MatchText:
    return MatchText(text=words, terms={w: 1.0 for w in words.split()}, polarity=polarity)


def _filler(n: int) -> list[MatchText]:
    """Unrelated claims, so that words shared by only a few claims count as rare."""
    return [_item(f"topic filler{i}") for i in range(n)]


def _setup(
    first: MatchText, second: MatchText, cosine: float, pair: float
) -> tuple[np.ndarray, np.ndarray, list[int], list[MatchText]]:
    items = [first, second, *_filler(8)]
    n = len(items)
    vectors = np.zeros((n, 3), dtype=np.float32)
    vectors[0] = [1.0, 0.0, 0.0]
    vectors[1] = [cosine, float(np.sqrt(1 - cosine**2)), 0.0]
    vectors[2:, 2] = 1.0
    scores = np.zeros((n, n), dtype=np.float32)
    scores[0, 1] = scores[1, 0] = pair
    np.fill_diagonal(scores, 1.0)
    return vectors, scores, list(range(n)), items


def test_close_groups_sharing_a_rare_word_merge() -> None:
    vectors, scores, owners, items = _setup(
        _item("workers found leak pipe"), _item("leak spotted monday tunnel"), 0.7, 0.2
    )
    labels = topic_merge(vectors, scores, owners, list(range(len(items))), items)
    assert labels[0] == labels[1]
    assert len(set(labels[2:])) == len(items) - 2


def test_no_shared_event_word_keeps_them_apart() -> None:
    vectors, scores, owners, items = _setup(
        _item("workers found leak pipe"), _item("council informed next day"), 0.7, 0.2
    )
    labels = topic_merge(vectors, scores, owners, list(range(len(items))), items)
    assert labels[0] != labels[1]


def test_far_centroids_low_pairs_or_opposite_polarity_keep_them_apart() -> None:
    a, b = _item("workers found leak pipe"), _item("leak spotted monday tunnel")
    for cosine, pair, second in (
        (0.4, 0.2, b),
        (0.7, 0.05, b),
        (0.7, 0.2, _item(b.text, "negative")),
    ):
        vectors, scores, owners, items = _setup(a, second, cosine, pair)
        labels = topic_merge(vectors, scores, owners, list(range(len(items))), items)
        assert labels[0] != labels[1]


def test_story_topic_words_are_not_event_words() -> None:
    items = [_item("dam leak"), _item("dam found"), _item("dam river"), _item("dam city")]
    assert all("dam" not in words for words in event_words([*items, *items, *items]))


def test_without_embeddings_nothing_changes() -> None:
    _, scores, owners, items = _setup(_item("a leak"), _item("leak b"), 0.9, 0.9)
    empty = np.zeros((len(items), 0), dtype=np.float32)
    assert topic_merge(empty, scores, owners, [0, 1, *range(2, len(items))], items) == list(
        range(len(items))
    )


def test_a_shared_name_is_not_an_event_word() -> None:
    vectors, scores, owners, items = _setup(
        _item("Harbourton council informed"), _item("Harbourton ferry delayed"), 0.7, 0.2
    )
    labels = topic_merge(vectors, scores, owners, list(range(len(items))), items)
    assert labels[0] != labels[1]


def test_one_amount_of_other_owners_keeps_close_groups_apart() -> None:
    ours = replace(_item("club offered bid worth"), amounts=frozenset({"52000000"}))
    theirs = replace(_item("gulls offered bid worth"), amounts=frozenset({"52000000<gulls"}))
    vectors, scores, owners, items = _setup(ours, theirs, 0.8, 0.3)
    labels = topic_merge(vectors, scores, owners, list(range(len(items))), items)
    assert labels[0] != labels[1]
    same = replace(theirs, amounts=frozenset({"52000000"}))
    vectors, scores, owners, items = _setup(ours, same, 0.8, 0.3)
    labels = topic_merge(vectors, scores, owners, list(range(len(items))), items)
    assert labels[0] == labels[1]
