"""Tests for the fused claim ranker (signals, fusion, top-k, weight fitting); no real model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from newstrace.link._embed_cache import EncodeFn, Encoder, Matrix
from newstrace.link.claim_rank import (
    ClaimRanker,
    RankOptions,
    fit_weights,
    fuse,
    map_at_k,
    standardise,
    top_k,
)

KNOWN = [
    "The mayor closed every public swimming pool for the summer.",
    "A video shows a bear riding a bicycle in a circus parade.",
    "The new bridge cost 40 million euros, twice the estimate.",
]


def _topic(texts: Sequence[str]) -> Matrix:
    """A stand-in encoder that knows three topics by keyword."""
    topics = (("pool", "swim"), ("bear", "bicycle", "bike"), ("bridge", "euros"))
    out = np.zeros((len(texts), 3), dtype=np.float32)
    for row, text in enumerate(texts):
        for col, words in enumerate(topics):
            out[row, col] = sum(text.lower().count(w) for w in words)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: Matrix = (out / norms).astype(np.float32)
    return unit


ENCODERS: dict[Encoder, EncodeFn] = {"e5-query": _topic, "e5-passage": _topic}


def test_standardise_rows_and_constant_row() -> None:
    matrix = np.array([[1.0, 2.0, 3.0], [5.0, 5.0, 5.0]], dtype=np.float32)
    out = standardise(matrix)
    assert out[0].mean() == pytest.approx(0.0, abs=1e-6)
    assert out[0].std() == pytest.approx(1.0, abs=1e-5)
    assert out[1].tolist() == [0.0, 0.0, 0.0]


def test_fuse_weights_and_shape_check() -> None:
    a = np.array([[1.0, 0.0]], dtype=np.float32)
    b = np.array([[0.0, 1.0]], dtype=np.float32)
    assert fuse({"a": a, "b": b}, {"a": 0.75, "b": 0.25}).tolist() == [[0.75, 0.25]]
    with pytest.raises(ValueError):
        fuse({"a": a, "b": np.zeros((2, 2), dtype=np.float32)}, {"a": 1.0, "b": 1.0})


def test_top_k_orders_and_breaks_ties_by_column() -> None:
    scores = np.array([[0.1, 0.9, 0.9, 0.3]], dtype=np.float32)
    assert [r.index for r in top_k(scores, 3)[0]] == [1, 2, 3]
    assert top_k(scores, 10)[0][-1].index == 0
    assert top_k(np.zeros((2, 0), dtype=np.float32), 5) == [[], []]


def test_map_at_k_counts_only_labelled_queries() -> None:
    assert map_at_k([[2, 0], [1], [0]], [{0}, {1}, set()]) == pytest.approx(0.75)


def test_fit_weights_prefers_the_informative_signal() -> None:
    rng = np.random.default_rng(0)
    gold = [{int(i)} for i in rng.integers(0, 40, size=30)]
    good = rng.normal(size=(30, 40)).astype(np.float32)
    for row, rel in enumerate(gold):
        good[row, next(iter(rel))] += 4.0
    noise = rng.normal(size=(30, 40)).astype(np.float32) * 3
    weights, best = fit_weights({"noise": noise, "good": good}, gold, step=0.25)
    assert weights["good"] > weights["noise"]
    assert best > 0.9


def test_ranker_fuses_lexical_and_dense_signals() -> None:
    options = RankOptions(weights=(("bm25", 0.3), ("e5", 0.7)), use_cache=False)
    ranker = ClaimRanker(KNOWN, options, encoders=ENCODERS)
    queries = ["they shut the pools, no swim this summer", "circus bear on a bike!"]
    ranked = ranker.rank(queries, top=2)
    assert [row[0].index for row in ranked] == [0, 1]
    assert ranked[0][0].score > ranked[0][1].score
    assert ClaimRanker([], options).rank(["x"]) == [[]]


def test_zero_weight_signal_is_not_computed() -> None:
    options = RankOptions(weights=(("bm25", 1.0), ("use", 0.0)), use_cache=False)
    assert options.signals == ("bm25",)
    assert set(ClaimRanker(KNOWN, options).signals(["bridge euros"])) == {"bm25"}
