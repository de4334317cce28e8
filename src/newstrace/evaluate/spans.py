"""Span scoring shared by every evaluation: one-to-one matching of predicted and reference spans.

The idea follows spaCy's ``Example(predicted, reference)``: an :class:`Example` pairs what a
system produced with what annotators marked on the *same* text, and scorers add examples up.

Definitions (used by every score here):

* A *segment* is a possibly discontinuous set of character ranges (brat allows ``0 5;9 12``).
* Before comparing, each range is *trimmed*: surrounding whitespace, quotation marks and
  punctuation are removed from both ends (annotators disagree on whether the closing comma or
  quote belongs to a content span; that is not what we measure). A range that is nothing but
  punctuation (the ":" of "Name: words", the "―" of a signed quotation) is kept whole instead.
* Whitespace never counts: a segment is the set of its non-space characters, so a content
  given as one range over two sentences equals the same content given as two ranges.
* ``exact``: the trimmed character sets are identical.
* ``overlap``: the trimmed character sets share at least one character.
* Matching is one-to-one: candidate pairs are taken greedily by decreasing Jaccard similarity
  of their trimmed character sets, so one reference span is never credited twice.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

Range = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Segment:
    """A labelled, possibly discontinuous character range set."""

    label: str
    parts: tuple[Range, ...]


@dataclass(frozen=True, slots=True)
class Example:
    """Predicted and reference segments over one text."""

    text: str
    predicted: tuple[Segment, ...]
    reference: tuple[Segment, ...]


@dataclass(slots=True)
class PRF:
    """Counts behind precision, recall and F1 (matched predictions and matched references)."""

    matched: int = 0
    predicted: int = 0
    reference: int = 0

    @property
    def precision(self) -> float:
        """Matched / predicted (0 when nothing was predicted)."""
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched / reference (0 when there is no reference)."""
        return self.matched / self.reference if self.reference else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        """Add another count in place."""
        self.matched += other.matched
        self.predicted += other.predicted
        self.reference += other.reference

    def row(self) -> str:
        """``P R F1 (matched/predicted/reference)`` formatted for a summary table."""
        return (
            f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"({self.matched}/{self.predicted}/{self.reference})"
        )


def _is_trimmable(char: str) -> bool:
    if char.isspace():
        return True
    category = unicodedata.category(char)
    return category.startswith("P") or category in {"Sk", "Sm"}


def trim_range(text: str, start: int, end: int) -> Range:
    """Shrink ``start:end`` past whitespace, quotation marks and punctuation at both ends."""
    while start < end and _is_trimmable(text[start]):
        start += 1
    while end > start and _is_trimmable(text[end - 1]):
        end -= 1
    return start, end


def char_set(text: str, parts: Iterable[Range]) -> frozenset[int]:
    """The non-space character offsets a segment covers after trimming each part."""
    chars: set[int] = set()
    for start, end in parts:
        lo, hi = trim_range(text, start, end)
        if lo == hi:
            # A part that is punctuation only (a colon or dash as the cue of "Name: words")
            # keeps its characters: trimming exists to forgive a stray comma, not to make
            # such a span unmatchable.
            lo, hi = start, end
        chars.update(i for i in range(lo, hi) if not text[i].isspace())
    return frozenset(chars)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two character sets (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def greedy_match(
    n_pred: int, n_ref: int, score: Callable[[int, int], float]
) -> list[tuple[int, int]]:
    """One-to-one matching: pairs with positive score, taken by decreasing score."""
    pairs = [(score(i, j), i, j) for i in range(n_pred) for j in range(n_ref)]
    pairs = [p for p in pairs if p[0] > 0]
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_p: set[int] = set()
    used_r: set[int] = set()
    result: list[tuple[int, int]] = []
    for _, i, j in pairs:
        if i in used_p or j in used_r:
            continue
        used_p.add(i)
        used_r.add(j)
        result.append((i, j))
    return result


@dataclass(slots=True)
class SpanScores:
    """Exact and overlap scores of one label."""

    exact: PRF = field(default_factory=PRF)
    overlap: PRF = field(default_factory=PRF)


def score_segments(
    text: str, predicted: Sequence[Segment], reference: Sequence[Segment]
) -> SpanScores:
    """Score predicted against reference segments of one label on one text."""
    pred_sets = [char_set(text, s.parts) for s in predicted]
    ref_sets = [char_set(text, s.parts) for s in reference]
    scores = SpanScores()
    for prf in (scores.exact, scores.overlap):
        prf.predicted = len(predicted)
        prf.reference = len(reference)

    def exact(i: int, j: int) -> float:
        return 1.0 if pred_sets[i] and pred_sets[i] == ref_sets[j] else 0.0

    def overlap(i: int, j: int) -> float:
        return jaccard(pred_sets[i], ref_sets[j])

    scores.exact.matched = len(greedy_match(len(pred_sets), len(ref_sets), exact))
    scores.overlap.matched = len(greedy_match(len(pred_sets), len(ref_sets), overlap))
    return scores


def score_examples(examples: Iterable[Example]) -> dict[str, SpanScores]:
    """Per-label exact and overlap scores summed over examples."""
    totals: dict[str, SpanScores] = {}
    for example in examples:
        labels = {s.label for s in example.predicted} | {s.label for s in example.reference}
        for label in sorted(labels):
            pred = [s for s in example.predicted if s.label == label]
            ref = [s for s in example.reference if s.label == label]
            got = score_segments(example.text, pred, ref)
            total = totals.setdefault(label, SpanScores())
            total.exact.add(got.exact)
            total.overlap.add(got.overlap)
    return totals
