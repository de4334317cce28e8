"""Claim groups on real multi-outlet coverage: hand-labelled ECB+ stories, stage by stage.

Usage (from the repository root)::

    .venv/bin/python bench/claims/ecbplus_groups.py [--embedding use|none] [--threshold 0.5]
    .venv/bin/python bench/claims/ecbplus_groups.py --dump DOC_ID [DOC_ID ...]

``ecbplus_groups.jsonl`` (beside this script) holds the labels: a ``story`` line names an ECB+
sub-topic and the documents taken from it (each document is one article, its id as outlet);
a story line with ``"set": "heldout"`` belongs to the held-out set (labelled after the
grouping rules were tuned on the others, figures printed apart); a ``claim`` line gives a
document id, the character offsets of a claim's content in the document's ``text`` and
``prop``, the labeller's proposition id (claims with one proposition
id state the same thing: the same fact or event, possibly with different detail). The texts
stay in ``../shared/eval/ecbplus``; only offsets are stored here. A claim the pipeline finds is
matched to the label whose span overlaps it most (at least half of the shorter of the two); a
claim with no label is its own proposition.

For every story the claims are grouped four times - average linkage only
(:func:`newstrace.link.claims.cluster`), then with the anchored stage, then with the topic
stage, then with the derivational-stem stage (all of
:func:`newstrace.link.claims.group_claims`) - and the script prints pairwise
precision, recall and F1 over cross-article claim pairs, and B-cubed precision/recall, summed
over the stories. ``--dump`` prints the claims of some documents with their offsets (to write
labels).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newstrace.analyze import analyze
from newstrace.link.claim_match import ClaimMatcher, MatchOptions
from newstrace.link.claims import stage_labels, story_claims
from newstrace.model import Article, ArticleAnalysis

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / ".." / "shared" / "eval" / "ecbplus" / "ecbplus-dev.jsonl"
STAGES = ("linkage", "+anchored", "+topic", "+stem")


@dataclass(frozen=True)
class Label:
    """One labelled claim span."""

    doc: str
    start: int
    end: int
    prop: str


def load_texts(data: Path) -> dict[str, str]:
    """Document id -> text."""
    texts = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            texts[doc["id"]] = doc["text"]
    return texts


def load_labels(path: Path) -> tuple[dict[str, list[str]], list[Label]]:
    """Stories (name -> document ids) and claim labels."""
    stories, labels, _ = load_label_sets(path)
    return stories, labels


def load_label_sets(path: Path) -> tuple[dict[str, list[str]], list[Label], dict[str, str]]:
    """Stories (name -> document ids), claim labels and each story's set ("dev"/"heldout")."""
    stories: dict[str, list[str]] = {}
    sets: dict[str, str] = {}
    labels = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["kind"] == "story":
            stories[row["story"]] = list(row["docs"])
            sets[row["story"]] = row.get("set", "dev")
        else:
            labels.append(Label(row["doc"], row["start"], row["end"], row["prop"]))
    return stories, labels, sets


def analysed(docs: Sequence[str], texts: dict[str, str]) -> list[tuple[Article, ArticleAnalysis]]:
    """Each document as an article (its id as outlet) with its analysis."""
    items = []
    for doc in docs:
        article = Article(id=doc, text=texts[doc], outlet=doc, language="en")
        items.append((article, analyze(article)))
    return items


def gold_of(items: Sequence[tuple[Article, ArticleAnalysis]], labels: Sequence[Label]) -> list[str]:
    """The proposition of every claim (in ``story_claims`` order)."""
    out = []
    for article, analysis in items:
        for number, claim in enumerate(analysis.claims):
            start, end = claim.content.start, claim.content.end
            best, overlap = f"{article.id}#{number}", 0
            for label in labels:
                if label.doc != article.id:
                    continue
                shared = min(end, label.end) - max(start, label.start)
                shorter = min(end - start, label.end - label.start)
                if shared > overlap and 2 * shared >= shorter:
                    best, overlap = label.prop, shared
            out.append(best)
    return out


def stages_of(
    items: Sequence[tuple[Article, ArticleAnalysis]], matcher: ClaimMatcher
) -> tuple[list[int], list[list[int]]]:
    """Claim owners and the group labels after each stage of ``group_claims``."""
    _, owners, texts = story_claims(items)
    return owners, stage_labels(texts, owners, matcher.pairwise(texts), matcher)


def pair_counts(owners: Sequence[int], gold: Sequence[str], pred: Sequence[int]) -> list[int]:
    """``[tp, fp, fn]`` over cross-article pairs."""
    tp = fp = fn = 0
    for i in range(len(owners)):
        for j in range(i + 1, len(owners)):
            if owners[i] == owners[j]:
                continue
            truth, said = gold[i] == gold[j], pred[i] == pred[j]
            tp += truth and said
            fp += said and not truth
            fn += truth and not said
    return [tp, fp, fn]


def bcubed(gold: Sequence[str], pred: Sequence[int]) -> tuple[float, float]:
    """Summed B-cubed precision and recall numerators (divide by the number of claims)."""
    g, p = np.asarray(gold), np.asarray(pred)
    precision = recall = 0.0
    for i in range(len(gold)):
        same_pred, same_gold = p == p[i], g == g[i]
        both = float(np.sum(same_pred & same_gold))
        precision += both / float(np.sum(same_pred))
        recall += both / float(np.sum(same_gold))
    return precision, recall


def evaluate(data: Path, labels_path: Path, options: MatchOptions, verbose: bool) -> None:
    """Print pairwise and B-cubed figures per stage, summed over the labelled stories of
    each set (the tuning set "dev", then "heldout")."""
    texts = load_texts(data)
    stories, labels, sets = load_label_sets(labels_path)
    matcher = ClaimMatcher(options)
    for name in sorted(set(sets.values())):
        chosen = {story: docs for story, docs in stories.items() if sets[story] == name}
        print(f"set {name}:")
        _evaluate_stories(chosen, texts, labels, matcher, verbose)


def _evaluate_stories(
    stories: dict[str, list[str]],
    texts: dict[str, str],
    labels: Sequence[Label],
    matcher: ClaimMatcher,
    verbose: bool,
) -> None:
    """Print the summed figures of ``stories``, stage by stage."""
    totals = {stage: [0, 0, 0] for stage in STAGES}
    cubes = {stage: [0.0, 0.0] for stage in STAGES}
    claims = 0
    for story, docs in stories.items():
        items = analysed(docs, texts)
        gold = gold_of(items, labels)
        owners, stages = stages_of(items, matcher)
        claims += len(gold)
        for stage, pred in zip(STAGES, stages, strict=True):
            counts = pair_counts(owners, gold, pred)
            totals[stage] = [a + b for a, b in zip(totals[stage], counts, strict=True)]
            bp, br = bcubed(gold, pred)
            cubes[stage][0] += bp
            cubes[stage][1] += br
            if verbose:
                print(f"{story} {stage}: tp {counts[0]} fp {counts[1]} fn {counts[2]}")
    print(f"{len(stories)} stories, {claims} claims, embedding={matcher.options.embedding}")
    for stage in STAGES:
        tp, fp, fn = totals[stage]
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        f = 2 * p * r / (p + r) if p + r else 0.0
        bp, br = cubes[stage][0] / claims, cubes[stage][1] / claims
        print(
            f"{stage:10s} pairs tp {tp} fp {fp} fn {fn}: P {p:.3f} R {r:.3f} F1 {f:.3f}"
            f" | B3 P {bp:.3f} R {br:.3f}"
        )


def dump(docs: Sequence[str], data: Path) -> None:
    """Print every claim of ``docs`` with its content offsets and final group."""
    texts = load_texts(data)
    items = analysed(docs, texts)
    _, stages = stages_of(items, ClaimMatcher(MatchOptions()))
    index = 0
    for article, analysis in items:
        for claim in analysis.claims:
            row = {"doc": article.id, "start": claim.content.start, "end": claim.content.end}
            groups = "/".join(str(s[index]) for s in stages)
            print(json.dumps(row), groups, " ".join(claim.content.text.split()))
            index += 1


def main() -> None:
    """Evaluate, or dump claims for labelling."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=HERE / "ecbplus_groups.jsonl")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--embedding", choices=["use", "none"], default="use")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--dump", nargs="+", metavar="DOC_ID")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"ECB+ data not found at {args.data}")
    if args.dump:
        dump(args.dump, args.data)
        return
    options = MatchOptions(embedding=args.embedding, threshold=args.threshold)
    evaluate(args.data, args.labels, options, args.verbose)


if __name__ == "__main__":
    main()
