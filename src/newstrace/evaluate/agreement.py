"""How far PolNeAR's own annotators agree, and how far predictions sit from each of them.

PolNeAR has a few articles that every annotator annotated (its quality checks; the files are
``attributions/<article>_<annotator>.ann``). Scoring one annotator's file against another's
with the scorer of :mod:`newstrace.evaluate.polnear` gives the agreement a trained human
reaches under exactly the measure newstrace is held to, which is the ceiling a floor on that
measure can sensibly ask for.

* :func:`annotator_agreement` scores every unordered pair of annotators of every article with
  several annotators (F1 does not depend on which of the two is called the reference);
* :func:`predictions_vs_annotators` scores a folder of predicted ``.ann`` files against each
  annotator of those articles in turn, next to each annotator scored against the others, so
  the two rows compare like with like.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newstrace.evaluate.polnear import (
    ROLES,
    AttributionSpans,
    match_attributions,
    read_brat,
    score_lines,
)
from newstrace.evaluate.spans import PRF, Example, Segment, SpanScores, score_examples


@dataclass(slots=True)
class PairScores:
    """Summed counts of many (compared, reference) pairs of annotation files."""

    pairs: int = 0
    roles: dict[str, SpanScores] = field(default_factory=dict)
    attributions: PRF = field(default_factory=PRF)

    def add(
        self, text: str, compared: list[AttributionSpans], reference: list[AttributionSpans]
    ) -> None:
        """Score ``compared`` against ``reference`` on ``text`` and add the counts."""
        self.pairs += 1
        self.attributions.add(match_attributions(text, compared, reference))
        example = Example(text, _segments(compared), _segments(reference))
        for role, scores in score_examples([example]).items():
            total = self.roles.setdefault(role, SpanScores())
            total.exact.add(scores.exact)
            total.overlap.add(scores.overlap)

    def summary(self, title: str) -> str:
        """A plain-text block: per role exact and overlap, then attribution level."""
        head = f"{title} ({self.pairs} pairs)"
        return "\n".join([head, *score_lines(self.roles, self.attributions, indent="  ")])


def _segments(attributions: list[AttributionSpans]) -> tuple[Segment, ...]:
    return tuple(s for a in attributions for r in ROLES if (s := a.segment(r)))


def annotations_by_article(split_dir: Path) -> dict[str, dict[str, Path]]:
    """``{article: {annotator: .ann path}}`` for the articles of a split with two or more."""
    found: dict[str, dict[str, Path]] = {}
    texts = {p.stem for p in (split_dir / "text").glob("*.txt")}
    for path in sorted((split_dir / "attributions").glob("*_*.ann")):
        article, _, annotator = path.stem.rpartition("_")
        if article in texts:
            found.setdefault(article, {})[annotator] = path
    return {article: files for article, files in found.items() if len(files) > 1}


def _read(path: Path) -> list[AttributionSpans]:
    return read_brat(path.read_text(encoding="utf-8"))


def _text(split_dir: Path, article: str) -> str:
    return (split_dir / "text" / f"{article}.txt").read_text(encoding="utf-8")


def annotator_agreement(split_dir: Path) -> PairScores:
    """Every unordered pair of annotators of each multiply annotated article, summed."""
    scores = PairScores()
    for article, files in annotations_by_article(split_dir).items():
        text = _text(split_dir, article)
        annotations = [_read(path) for _, path in sorted(files.items())]
        for first, second in itertools.combinations(annotations, 2):
            scores.add(text, second, first)
    return scores


@dataclass(slots=True)
class SideBySide:
    """Predictions and annotators scored against the same references."""

    predictions: PairScores = field(default_factory=PairScores)
    annotators: PairScores = field(default_factory=PairScores)
    articles: list[str] = field(default_factory=list)


def predictions_vs_annotators(
    split_dir: Path, predictions_dir: Path, articles: Iterable[str] | None = None
) -> SideBySide:
    """Predicted ``.ann`` files against every annotator, next to annotators against each other.

    For each multiply annotated article with a prediction ``predictions_dir/<article>.ann``
    (and, when ``articles`` is given, in it), the prediction is scored against each of the
    article's annotators, and each annotator against each other annotator (ordered pairs, so
    both rows have every annotator as reference equally often).
    """
    wanted = None if articles is None else set(articles)
    result = SideBySide()
    for article, files in annotations_by_article(split_dir).items():
        predicted = predictions_dir / f"{article}.ann"
        if (wanted is not None and article not in wanted) or not predicted.is_file():
            continue
        result.articles.append(article)
        text = _text(split_dir, article)
        annotations = [_read(path) for _, path in sorted(files.items())]
        mine = _read(predicted)
        for reference in annotations:
            result.predictions.add(text, mine, reference)
        for compared, reference in itertools.permutations(annotations, 2):
            result.annotators.add(text, compared, reference)
    return result
