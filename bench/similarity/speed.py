"""Cost of one pairwise similarity call, per component, on SemEval-8 texts.

    .venv/bin/python bench/similarity/speed.py [--pairs 20000]

Evidence is built once per text (lexical only; a random unit vector stands in for a 512-d
embedding, since only the cosine's cost is measured here, not the encoder's).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from newstrace.evaluate.semeval8 import pair_articles, read_pairs
from newstrace.link.evidence import ArticleEvidence, article_evidence
from newstrace.link.similarity import (
    embedding_cosine,
    overlap,
    shared_terms,
    similarity,
    similarity_score,
    term_cosine,
)

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "semeval8"


def per_call(fn: Callable[[ArticleEvidence, ArticleEvidence], object], pairs: list) -> float:
    """Microseconds per call of ``fn`` over the pairs (best of three runs)."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for a, b in pairs:
            fn(a, b)
        best = min(best, time.perf_counter() - started)
    return best / len(pairs) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DATA / "semeval8-train.csv")
    parser.add_argument("--pairs", type=int, default=20000)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    evidence = []
    for pair in read_pairs(args.data)[:400]:
        for article in pair_articles(pair):
            vector = rng.standard_normal(512).astype(np.float32)
            vector /= np.linalg.norm(vector)
            evidence.append(dataclasses.replace(article_evidence(article), embedding=vector))
    random.seed(0)
    pairs = [tuple(random.sample(evidence, 2)) for _ in range(args.pairs)]
    timings = {
        "terms": per_call(lambda a, b: term_cosine(a.terms, b.terms), pairs),
        "entities": per_call(lambda a, b: overlap(a.entities, b.entities), pairs),
        "numbers": per_call(lambda a, b: overlap(a.numbers, b.numbers), pairs),
        "embedding cosine": per_call(embedding_cosine, pairs),
        "shared_terms (explanation)": per_call(shared_terms, pairs),
        "similarity() total, with explanation": per_call(similarity, pairs),
        "similarity_score() total": per_call(similarity_score, pairs),
    }
    print(f"{len(evidence)} articles, {len(pairs)} random pairs, microseconds per call")
    for name, micro in timings.items():
        print(f"  {name:45s} {micro:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
