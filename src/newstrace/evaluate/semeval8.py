"""Multilingual news-article similarity scored against SemEval-2022 Task 8.

The data is a CSV with at least ``pair_id``, ``lang1``, ``lang2``, ``text1`` and ``text2``;
``Overall`` (1 = same story .. 4 = unrelated, a mean of annotators) is the gold score when
present. Each text becomes an :class:`~newstrace.model.Article` (its first line is the title
when the text has one), goes through :func:`~newstrace.link.evidence.article_evidence`, and each
pair is scored with :func:`~newstrace.link.similarity.similarity`, mapped onto the task's 1..4
scale. Quality is the Pearson correlation of the predictions with ``Overall``, overall and per
language pair; since both run "lower = more similar" the correlation is positive when good.
"""

from __future__ import annotations

import csv
import hashlib
import math
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newstrace.errors import InputError
from newstrace.link.embed import EmbeddingOptions, embed
from newstrace.link.evidence import ArticleEvidence, article_evidence
from newstrace.link.similarity import similarity, to_semeval_scale
from newstrace.model import Article

TITLE_MAX_CHARS = 300
REQUIRED_COLUMNS = ("pair_id", "lang1", "lang2", "text1", "text2")
EMBED_BATCH = 16


@dataclass(frozen=True, slots=True)
class Pair:
    """One row of the task: two texts in their languages and, when known, the gold score."""

    pair_id: str
    lang1: str
    lang2: str
    text1: str
    text2: str
    overall: float | None = None

    @property
    def language_pair(self) -> str:
        """``"de-en"``-style label of the two languages, in the file's order."""
        return f"{self.lang1}-{self.lang2}"

    @property
    def article_ids(self) -> tuple[str, str]:
        """The two article ids the pair id joins (``"123_456"`` -> ``("123", "456")``)."""
        first, _, second = self.pair_id.partition("_")
        return first, second


def read_pairs(path: Path) -> list[Pair]:
    """Read a task CSV; raises :class:`InputError` when the file lacks the needed columns."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise InputError(str(path), f"missing column(s): {', '.join(missing)}")
        return [_pair(row) for row in reader]


def _pair(row: dict[str, str]) -> Pair:
    overall = (row.get("Overall") or "").strip()
    return Pair(
        pair_id=row["pair_id"].strip(),
        lang1=row["lang1"].strip().lower(),
        lang2=row["lang2"].strip().lower(),
        text1=row["text1"] or "",
        text2=row["text2"] or "",
        overall=float(overall) if overall else None,
    )


def pair_articles(pair: Pair) -> tuple[Article, Article]:
    """The pair's two texts as articles (id from the pair id, title from a first line)."""
    id1, id2 = pair.article_ids
    return (
        text_article(id1 or f"{pair.pair_id}#1", pair.text1, pair.lang1),
        text_article(id2 or f"{pair.pair_id}#2", pair.text2, pair.lang2),
    )


def text_article(article_id: str, text: str, language: str) -> Article:
    """An article from a task text: a short first line ending in a newline is its title."""
    body = text.strip()
    head, newline, _ = body.partition("\n")
    title = head.strip() if newline and 0 < len(head.strip()) <= TITLE_MAX_CHARS else None
    return Article(id=article_id, text=body, title=title, language=language or None)


def in_held_out(pair_id: str, percent: int = 30) -> bool:
    """Deterministic hash split: True for the ~``percent``% of pair ids held out from fitting."""
    digest = hashlib.sha256(pair_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < percent


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson correlation; ``None`` for fewer than two points or a constant series."""
    n = len(xs)
    if n != len(ys):
        raise ValueError(f"series differ in length: {n} and {len(ys)}")
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


@dataclass(frozen=True, slots=True)
class LanguageScore:
    """Pearson correlation of one language pair (``None`` when it cannot be computed)."""

    language_pair: str
    pairs: int
    pearson: float | None


@dataclass(frozen=True, slots=True)
class SemevalReport:
    """Predictions of one run (``(pair_id, score)`` in file order; a pair id may repeat with
    other texts) and, when gold scores exist, their correlations."""

    predictions: tuple[tuple[str, float], ...]
    pearson: float | None
    languages: tuple[LanguageScore, ...]
    scored_pairs: int
    seconds: float
    embedding: str
    held_out_pearson: float | None = None
    held_out_pairs: int = 0

    def summary(self) -> str:
        """Readable lines: overall Pearson, then one line per language pair."""
        lines = [
            f"pairs: {len(self.predictions)}  embedding: {self.embedding}  "
            f"time: {self.seconds:.1f}s"
        ]
        if self.pearson is None:
            lines.append("no Overall scores: predictions written, nothing scored")
            return "\n".join(lines)
        lines.append(f"Pearson (Overall, {self.scored_pairs} pairs): {self.pearson:.4f}")
        if self.held_out_pearson is not None:
            lines.append(
                f"Pearson on the {self.held_out_pairs} pairs held out from fitting the blend "
                f"weights: {self.held_out_pearson:.4f}"
            )
        for lang in self.languages:
            value = "n/a" if lang.pearson is None else f"{lang.pearson:.4f}"
            lines.append(f"  {lang.language_pair:8s} {lang.pairs:5d} pairs  Pearson {value}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "pearson": self.pearson,
            "scored_pairs": self.scored_pairs,
            "seconds": self.seconds,
            "embedding": self.embedding,
            "held_out_pearson": self.held_out_pearson,
            "held_out_pairs": self.held_out_pairs,
            "languages": {
                s.language_pair: {"pairs": s.pairs, "pearson": s.pearson} for s in self.languages
            },
        }


def score_pairs(
    pairs: Sequence[Pair], embedding: EmbeddingOptions, batch: int = EMBED_BATCH
) -> list[float]:
    """Similarity of every pair on the task's 1..4 scale, in the pairs' order.

    Evidence is computed once per distinct text; leads are embedded in batches (the same lead
    :func:`~newstrace.link.evidence.article_evidence` would embed one at a time).
    """
    evidence: dict[tuple[str, str], ArticleEvidence] = {}
    for pair in pairs:
        for article in pair_articles(pair):
            evidence.setdefault((article.id, article.text), article_evidence(article))
    if embedding.model != "none":
        evidence = _embedded(evidence, embedding, batch)
    scores = []
    for pair in pairs:
        first, second = pair_articles(pair)
        result = similarity(evidence[first.id, first.text], evidence[second.id, second.text])
        scores.append(to_semeval_scale(result.score))
    return scores


def _embedded(
    evidence: dict[tuple[str, str], ArticleEvidence], options: EmbeddingOptions, batch: int
) -> dict[tuple[str, str], ArticleEvidence]:
    keys = [k for k, e in evidence.items() if e.lead]
    out = dict(evidence)
    for start in range(0, len(keys), batch):
        chunk = keys[start : start + batch]
        vectors = embed([evidence[k].lead for k in chunk], options)
        if vectors is None:
            break
        for key, vector in zip(chunk, vectors, strict=True):
            out[key] = replace(evidence[key], embedding=vector)
    return out


def run_semeval8_eval(
    data: Path,
    predictions_out: Path,
    embedding: EmbeddingOptions | None = None,
    limit: int | None = None,
) -> SemevalReport:
    """Score every pair of a task CSV, write ``pair_id,score`` and correlate with ``Overall``.

    Raises :class:`InputError` when the file has no pairs or lacks the needed columns.
    """
    options = embedding or EmbeddingOptions()
    pairs = read_pairs(data)[:limit]
    if not pairs:
        raise InputError(str(data), "no pairs found")
    started = time.perf_counter()
    scores = score_pairs(pairs, options)
    seconds = time.perf_counter() - started
    predictions = tuple((p.pair_id, s) for p, s in zip(pairs, scores, strict=True))
    write_predictions(predictions_out, predictions)
    gold = [(p, s) for p, s in zip(pairs, scores, strict=True) if p.overall is not None]
    by_language: dict[str, list[tuple[Pair, float]]] = defaultdict(list)
    for pair, score in gold:
        by_language[pair.language_pair].append((pair, score))
    languages = tuple(
        LanguageScore(lang, len(group), _correlate(group))
        for lang, group in sorted(by_language.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    )
    held_out = [(p, sc) for p, sc in gold if in_held_out(p.pair_id)]
    return SemevalReport(
        predictions=predictions,
        pearson=_correlate(gold),
        languages=languages,
        scored_pairs=len(gold),
        seconds=seconds,
        embedding=options.model,
        held_out_pearson=_correlate(held_out),
        held_out_pairs=len(held_out),
    )


def _correlate(scored: Sequence[tuple[Pair, float]]) -> float | None:
    return pearson([s for _, s in scored], [p.overall or 0.0 for p, _ in scored])


def write_predictions(path: Path, predictions: Sequence[tuple[str, float]]) -> None:
    """Write ``pair_id,score`` rows (score on the 1..4 scale) in the given order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["pair_id", "score"])
        for pair_id, score in predictions:
            writer.writerow([pair_id, f"{score:.4f}"])
