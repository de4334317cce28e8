"""The claim matcher's precision and recall on hand-labelled ECB+ sentence pairs.

Usage (from the repository root)::

    .venv/bin/python bench/claims/ecbplus_pairs.py [--embedding use|e5|none] [--threshold 0.5]

``ecbplus_pairs.jsonl`` (beside this script) holds one labelled pair a line: two sentences from
different documents of the same ECB+ story, given as document ids and character offsets into
the documents' ``text`` (the texts themselves stay in ``../shared/eval/ecbplus``), and
``same``: whether the two sentences state the same main proposition (the same fact or event,
possibly with different detail) - the labeller's judgement. Each pair is scored with
``ClaimMatcher(...).score`` on the plain sentences; the script prints precision, recall and F1
at the threshold and a sweep over thresholds.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Literal, cast

from newstrace.link.claim_match import ClaimMatcher, MatchOptions

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / ".." / "shared" / "eval" / "ecbplus" / "ecbplus-dev.jsonl"


def load_pairs(labels: Path, data: Path) -> list[tuple[str, str, bool]]:
    """``(sentence a, sentence b, same)`` for every labelled pair."""
    texts = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            texts[doc["id"]] = doc["text"]
    pairs = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        a = texts[row["a"]][row["a_start"] : row["a_end"]]
        b = texts[row["b"]][row["b_start"] : row["b_end"]]
        pairs.append((a, b, bool(row["same"])))
    return pairs


def prf(scores: list[float], gold: list[bool], threshold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``score >= threshold`` against the labels."""
    tp = sum(s >= threshold and g for s, g in zip(scores, gold, strict=True))
    fp = sum(s >= threshold and not g for s, g in zip(scores, gold, strict=True))
    fn = sum(s < threshold and g for s, g in zip(scores, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    """Score every pair and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=HERE / "ecbplus_pairs.jsonl")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--embedding", choices=["use", "e5", "none"], default="use")
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"ECB+ data not found at {args.data}")
    pairs = load_pairs(args.labels, args.data)
    model = cast(Literal["use", "e5", "none"], args.embedding)
    matcher = ClaimMatcher(MatchOptions(embedding=model, threshold=args.threshold))
    scores = [matcher.score(a, b) for a, b, _ in pairs]
    gold = [same for _, _, same in pairs]
    p, r, f = prf(scores, gold, args.threshold)
    print(f"{len(pairs)} pairs ({sum(gold)} same-claim), embedding={args.embedding}")
    print(f"threshold {args.threshold:.2f}: precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        p, r, f = prf(scores, gold, threshold)
        print(f"  sweep {threshold:.1f}: P {p:.3f} R {r:.3f} F1 {f:.3f}")


if __name__ == "__main__":
    main()
