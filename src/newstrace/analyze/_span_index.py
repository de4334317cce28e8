"""Offset indexes that keep the analysis linear on huge inputs.

Several steps ask, for each of many spans, which of many other spans lie inside it, overlap
it or hold it (the quantities inside each claim, the taken spans overlapping each sentence, the
contents holding each cue). Scanning every span per question is quadratic on a single huge
paragraph; :class:`SpanIndex` answers each question with a binary search and a walk over the
spans that start near the question, and :class:`DisjointRanges` keeps a growing set of
non-overlapping ranges. Answers are the indices of the spans in their original order, so a
caller that filtered a sequence before gets the same items in the same order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class SpanIndex:
    """Ranges ``(start, end)`` in any order (they may overlap), indexed by start.

    ``inside`` costs a binary search plus the ranges that start inside the question;
    ``overlapping`` and ``holding`` walk back from the question's end while an earlier range
    may still reach it (a running maximum of the ends stops the walk), so they are cheap when
    ranges are short compared with the text, as sentences, mentions and contents are.
    """

    __slots__ = ("_ends", "_order", "_reach", "_starts")

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        items = sorted((start, index, end) for index, (start, end) in enumerate(ranges))
        self._order = [index for _, index, _ in items]
        self._starts = [start for start, _, _ in items]
        self._ends = [end for _, _, end in items]
        reach: list[int] = []
        furthest = -1
        for end in self._ends:
            furthest = max(furthest, end)
            reach.append(furthest)
        self._reach = reach

    def __len__(self) -> int:
        return len(self._order)

    def inside(self, start: int, end: int) -> list[int]:
        """Indices (ascending) of the ranges ``r`` with ``start <= r.start and r.end <= end``."""
        lo = bisect_left(self._starts, start)
        hi = bisect_right(self._starts, end)
        ends = self._ends
        return sorted(self._order[k] for k in range(lo, hi) if ends[k] <= end)

    def inside_any(self, bounds: Iterable[tuple[int, int]]) -> list[int]:
        """Indices (ascending) of the ranges inside at least one of ``bounds``."""
        found: set[int] = set()
        for start, end in bounds:
            found.update(self.inside(start, end))
        return sorted(found)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Indices (ascending) of the ranges ``r`` with ``r.start < end and start < r.end``."""
        return self._walk_back(bisect_left(self._starts, end), start, strict=True)

    def holding(self, start: int, end: int) -> list[int]:
        """Indices (ascending) of the ranges ``r`` with ``r.start <= start and end <= r.end``."""
        return self._walk_back(bisect_right(self._starts, start), end, strict=False)

    def _walk_back(self, hi: int, bound: int, *, strict: bool) -> list[int]:
        """Ranges before position ``hi`` (in start order) whose end passes ``bound``
        (``end > bound`` when strict, else ``end >= bound``)."""
        found: list[int] = []
        ends, reach, order = self._ends, self._reach, self._order
        k = hi - 1
        while k >= 0 and (reach[k] > bound if strict else reach[k] >= bound):
            if ends[k] > bound if strict else ends[k] >= bound:
                found.append(order[k])
            k -= 1
        found.sort()
        return found


class DisjointRanges:
    """A growing set of non-empty, pairwise disjoint ranges ``[start, end)``."""

    __slots__ = ("_ends", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` (non-empty) shares a position with a kept range."""
        k = bisect_left(self._starts, end)
        return k > 0 and self._ends[k - 1] > start

    def add(self, start: int, end: int) -> None:
        """Keep ``[start, end)``; it must be non-empty and overlap no kept range."""
        if end <= start or self.overlaps(start, end):
            raise ValueError(f"range ({start}, {end}) is empty or overlaps a kept one")
        k = bisect_left(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)

    def __len__(self) -> int:
        return len(self._starts)
