"""ECB+ dev: the incremental clusterer with and without each component (B-cubed and pairwise).

Usage (from the repository root; needs ../shared/eval/ecbplus/ecbplus-dev.jsonl)::

    .venv/bin/python bench/stories/ecbplus_ablation.py [--embedding use|e5]

Documents go through one ``StoryClusterer`` in file order, as ``newstrace eval ecbplus`` does.
Evidence is computed once and reused by every variant (it does not depend on the options).
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from newstrace.evaluate.ecbplus import bcubed, load_documents, pairwise
from newstrace.link.embed import EmbeddingOptions
from newstrace.link.evidence import article_evidence
from newstrace.link.stories import StoryClusterer, StoryOptions
from newstrace.model import Article

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "ecbplus"
VARIANTS: dict[str, dict[str, object]] = {
    "default": {},
    "no local refinement (moves/merges)": {"refine": False},
    "centroid only (no closest member)": {"centroid_weight": 1.0},
    "closest member only (no centroid)": {"centroid_weight": 0.0},
    "no entity/number overlap": {"entity_weight": 0.0, "number_weight": 0.0},
    "no time penalty": {"time_penalty": 0.0},
    "no term cap (one term may dominate)": {"term_cap": 1.0},
    "with entity contrast 0.15": {"contrast_weight": 0.15},
    "threshold 0.25": {"threshold": 0.25},
    "threshold 0.32": {"threshold": 0.32},
}


def main() -> None:
    """Print one table row per variant."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DATA / "ecbplus-dev.jsonl")
    parser.add_argument("--embedding", choices=["none", "use", "e5"], default="none")
    args = parser.parse_args()
    embedding = None
    if args.embedding != "none":
        embedding = EmbeddingOptions(model="e5" if args.embedding == "e5" else "use")
    docs = load_documents(args.data)
    gold = {d.id: d.story or "" for d in docs}
    evidence = [
        article_evidence(Article.create(d.text, language="en", source=d.id), None, embedding)
        for d in docs
    ]
    variants = dict(VARIANTS)
    if embedding is not None:  # a blended score lives on another scale: scan its threshold
        for threshold in (0.35, 0.4, 0.45, 0.5):
            variants[f"embedding blend, threshold {threshold}"] = {"embedding_threshold": threshold}
    print("| variant | B3 P | B3 R | B3 F1 | pairwise F1 | stories |")
    print("|---|---|---|---|---|---|")
    for name, changes in variants.items():
        options = dataclasses.replace(StoryOptions(), **changes)  # type: ignore[arg-type]
        clusterer = StoryClusterer(options)
        for item in evidence:
            clusterer.add_evidence(item)
        pairs = zip(docs, evidence, strict=True)
        predicted = {d.id: clusterer.story_of(e.article_id) or "" for d, e in pairs}
        b3, pw = bcubed(predicted, gold), pairwise(predicted, gold)
        print(
            f"| {name} | {b3.precision:.3f} | {b3.recall:.3f} | {b3.f1:.4f} | {pw.f1:.4f}"
            f" | {len(set(predicted.values()))} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
