"""Claim matcher precision and recall on the example corpus's answer key.

Gold: a claim belongs to an answer-key claim group when its sentence contains that group's key
phrase for the claim's file (a sentence may hold two groups' phrases). The key's discrepancies
(other than polarity) are versions of one claim too, so their key phrases count as groups.
Only pairs of claims from different articles of the Terna story (files 01-05) count.

* matcher: a pair is predicted "same" when ``ClaimMatcher.pairwise`` scores it at or above
  the threshold;
* groups: a pair is predicted "same" when ``group_claims`` puts both claims in one group.

Precision is given two ways: over pairs whose two claims both carry a gold label ("labelled"),
and over all predicted pairs, counting a pair with an unlabelled claim as wrong ("strict";
the key does not list every shared claim, so this is a lower bound).

Run from the repository root::

    .venv/bin/python bench/claims/answer_key.py [--embedding use|e5|none] [--threshold 0.5]
        [--labels sentences|propositions]

``--labels propositions`` labels each claim by its own content instead, from the hand-written
clause phrases in ``propositions.json`` (claims are clause units, so a sentence's label is
wrong for one of its halves); it also lists phrases that no claim holds.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newstrace.analyze import analyze
from newstrace.ingest import ingest
from newstrace.ingest.meta import MetaIndex
from newstrace.link.claim_match import ClaimMatcher, MatchOptions
from newstrace.link.claims import ClaimOptions, group_claims, story_claims
from newstrace.model import Article, ArticleAnalysis

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
STORY_FILES = 5  # files 01..05 are the Terna story; 06 is another story


def load_story() -> list[tuple[Article, ArticleAnalysis]]:
    """Ingest and analyse the example corpus's first story."""
    paths = sorted(str(p) for p in EXAMPLES.glob("0*"))[:STORY_FILES]
    meta = MetaIndex.load(EXAMPLES / "meta.json")
    articles = [a for a in ingest(paths, meta=meta) if isinstance(a, Article)]
    return [(a, analyze(a)) for a in articles]


def gold_labels(items: Sequence[tuple[Article, ArticleAnalysis]]) -> list[set[str]]:
    """Answer-key groups of every claim (empty set: not in any listed group)."""
    key = json.loads((EXAMPLES / "answer_key.json").read_text(encoding="utf-8"))
    labels = []
    for article, analysis in items:
        name = Path(article.source or "").name
        for claim in analysis.claims:
            sentence = " ".join(claim.sentence.text.split())
            found = {
                group_name
                for group_name, phrases in _gold_groups(key)
                if name in phrases and phrases[name] in sentence
            }
            labels.append(found)
    return labels


PROPOSITIONS = Path(__file__).resolve().parent / "propositions.json"
#: A claim this short (words) is not labelled by a phrase that merely contains it.
MIN_CONTAINED_WORDS = 4


def proposition_labels(items: Sequence[tuple[Article, ArticleAnalysis]]) -> list[set[str]]:
    """Propositions of every claim from ``propositions.json`` (labels by clause, not by
    sentence): a claim carries a proposition when its content holds one of the phrases given
    for its file, or (from ``MIN_CONTAINED_WORDS`` words) lies inside one."""
    table = json.loads(PROPOSITIONS.read_text(encoding="utf-8"))["propositions"]
    labels = []
    for article, analysis in items:
        name = Path(article.source or "").name
        for claim in analysis.claims:
            content = " ".join(claim.content.text.split())
            long_enough = len(content.split()) >= MIN_CONTAINED_WORDS
            labels.append(
                {
                    proposition
                    for proposition, files in table.items()
                    for phrase in files.get(name, [])
                    if phrase in content or (long_enough and content in phrase)
                }
            )
    return labels


def unused_phrases(items: Sequence[tuple[Article, ArticleAnalysis]]) -> list[str]:
    """Phrases of ``propositions.json`` that no claim content of their file holds."""
    table = json.loads(PROPOSITIONS.read_text(encoding="utf-8"))["propositions"]
    contents: dict[str, list[str]] = {}
    for article, analysis in items:
        name = Path(article.source or "").name
        contents[name] = [" ".join(c.content.text.split()) for c in analysis.claims]
    return [
        f"{proposition}/{name}: {phrase}"
        for proposition, files in table.items()
        for name, phrases in files.items()
        for phrase in phrases
        if not any(phrase in c or c in phrase for c in contents.get(name, []))
    ]


def _gold_groups(key: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """Claim groups, plus each discrepancy between versions of one claim (not polarity,
    which sets a claim against its denial: two claims)."""
    groups = [(g["name"], g["key_phrases"]) for g in key["claim_groups"]]
    for number, item in enumerate(key["discrepancies"]):
        if item["kind"] != "polarity":
            groups.append((f"discrepancy{number}_{item['kind']}", item["key_phrases"]))
    return groups


def score_pairs(
    owners: Sequence[int], gold: Sequence[set[str]], same: Sequence[Sequence[bool]]
) -> dict[str, float]:
    """Pairwise precision (labelled and strict) and recall over cross-article pairs."""
    tp = fp_labelled = fp_strict = fn = 0
    for i in range(len(owners)):
        for j in range(i + 1, len(owners)):
            if owners[i] == owners[j]:
                continue
            truth = bool(gold[i] & gold[j])
            predicted = bool(same[i][j])
            if predicted and truth:
                tp += 1
            elif predicted:
                fp_strict += 1
                fp_labelled += bool(gold[i] and gold[j])
            elif truth:
                fn += 1
    return {
        "tp": tp,
        "fp_labelled": fp_labelled,
        "fp_strict": fp_strict,
        "fn": fn,
        "precision_labelled": tp / max(tp + fp_labelled, 1),
        "precision_strict": tp / max(tp + fp_strict, 1),
        "recall": tp / max(tp + fn, 1),
    }


def evaluate(
    items: Sequence[tuple[Article, ArticleAnalysis]],
    options: MatchOptions,
    labels: str = "sentences",
) -> dict[str, dict[str, float]]:
    """Matcher-level and group-level pairwise scores for one option set; ``labels`` is
    ``"sentences"`` (key phrase in the claim's sentence) or ``"propositions"``."""
    _, owners, texts = story_claims(items)
    gold = proposition_labels(items) if labels == "propositions" else gold_labels(items)
    scores = ClaimMatcher(options).pairwise(texts)
    matcher = score_pairs(owners, gold, (scores >= options.threshold).tolist())
    groups = group_claims(items, options=ClaimOptions(match=options))
    label = {}
    for group in groups:
        for member in group.members:
            label[member.claim.id] = group.id
    ids = [c.id for _, analysis in items for c in analysis.claims]
    same = [[label[a] == label[b] for b in ids] for a in ids]
    return {"matcher": matcher, "groups": score_pairs(owners, gold, same)}


def main(argv: Sequence[str] | None = None) -> int:
    """Print the scores as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embedding", choices=["use", "e5", "none"], default="use")
    parser.add_argument("--threshold", type=float, default=MatchOptions().threshold)
    parser.add_argument("--labels", choices=["sentences", "propositions"], default="sentences")
    args = parser.parse_args(argv)
    items = load_story()
    options = MatchOptions(embedding=args.embedding, threshold=args.threshold)
    result: dict[str, Any] = dict(evaluate(items, options, args.labels))
    if args.labels == "propositions":
        result["unused_phrases"] = unused_phrases(items)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
