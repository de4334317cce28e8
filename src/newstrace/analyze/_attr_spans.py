"""Turning character ranges into clean attribution spans, shared by the parse and rules paths.

Edges are trimmed of whitespace and of commas/colons/dashes (quotation marks and a final full
stop inside a quotation are kept: they belong to the quote). Contents that lie inside a
quotation grow to cover the whole quotation, and a quotation that follows an attribution with
no cue of its own is added to that attribution's content.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newstrace.analyze._attr_quotes import QuoteRegion
from newstrace.model import QuoteKind, Span

Range = tuple[int, int]
_EDGE_JUNK = " \t\r\n,;:—–-"
#: characters ``str.isalnum`` rejects (``\w`` matches alphanumerics and the underscore)
_NOT_ALNUM = re.compile(r"[\W_]+")


@dataclass(slots=True)
class Draft:
    """A mutable attribution under construction (character ranges)."""

    cue: Range
    source: Range | None
    content: list[Range]
    sentence_index: int
    score: float = 0.0
    #: the content is the previous sentence ("This was reported by ...", "Об этом сообщает")
    anaphoric: bool = False
    #: which rule made the draft ("parse" for the dependency path)
    pattern: str = "parse"


class Coverage:
    """A set of character ranges kept as sorted disjoint intervals (cheap overlap queries)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``start:end`` shares a character with the covered ranges."""
        index = bisect.bisect_left(self._ends, start + 1)
        return index < len(self._starts) and self._starts[index] < end

    def add(self, start: int, end: int) -> None:
        """Cover ``start:end`` too (merging with the ranges it touches)."""
        if start >= end:
            return
        lo = bisect.bisect_left(self._ends, start)
        hi = bisect.bisect_right(self._starts, end)
        if lo < hi:
            start = min(start, self._starts[lo])
            end = max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]


def clean_range(text: str, start: int, end: int) -> Range:
    """Trim whitespace and separating punctuation from both ends of ``start:end``."""
    while start < end and text[start] in _EDGE_JUNK:
        start += 1
    while end > start and text[end - 1] in _EDGE_JUNK:
        end -= 1
    if end - start == 1 and text[start] in ".":
        return start, start
    return start, end


def merge_ranges(text: str, ranges: list[Range]) -> list[Range]:
    """Sorted, cleaned ranges; neighbours separated only by whitespace are joined."""
    merged: list[Range] = []
    for start, end in sorted(ranges):
        start, end = clean_range(text, start, end)
        if start >= end:
            continue
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def subtract(ranges: list[Range], holes: list[Range]) -> list[Range]:
    """``ranges`` with every ``holes`` range cut out."""
    result = list(ranges)
    for h_start, h_end in holes:
        pieces: list[Range] = []
        for start, end in result:
            if h_end <= start or h_start >= end:
                pieces.append((start, end))
                continue
            if start < h_start:
                pieces.append((start, h_start))
            if h_end < end:
                pieces.append((h_end, end))
        result = pieces
    return result


def grow_to_quotes(
    content: list[Range],
    regions: tuple[QuoteRegion, ...],
    keep_out: list[Range],
    starts: list[int] | None = None,
) -> list[Range]:
    """Extend content ranges that touch a quotation to the whole quotation.

    A quotation is not taken when it would swallow a ``keep_out`` range (the cue or source).
    ``regions`` must be sorted and disjoint (as :func:`quote_regions` returns them);
    ``starts`` (their start offsets) may be passed to save recomputing them.
    """
    if starts is None:
        starts = [r.start for r in regions]
    grown = list(content)
    for c_start, c_end in content:
        index = max(0, bisect.bisect_right(starts, c_start) - 1)
        while index < len(regions) and regions[index].start < c_end:
            region = regions[index]
            index += 1
            if region.end <= c_start:
                continue
            if any(region.start <= s and e <= region.end for s, e in keep_out):
                continue
            grown.append((region.start, region.end))
    return grown


def quote_kind(
    text: str,
    content: list[Range],
    regions: tuple[QuoteRegion, ...],
    starts: list[int] | None = None,
) -> QuoteKind:
    """``direct`` when the content is all quotation, ``mixed`` when partly, else ``indirect``.

    Letters and digits are counted, inside and outside quotation regions; the cost is linear
    in the length of the content (plus a binary search per range), whatever the regions.
    ``starts`` (the regions' start offsets) may be passed to save recomputing them.
    """
    if starts is None:
        starts = [r.start for r in regions]
    total = quoted = 0
    for start, end in content:
        total += alnum_count(text, start, end)
        index = max(0, bisect.bisect_right(starts, start) - 1)
        while index < len(regions) and regions[index].start < end:
            region = regions[index]
            index += 1
            if region.end > start:
                quoted += alnum_count(text, max(start, region.start), min(end, region.end))
    if total == 0 or quoted == 0:
        return "indirect"
    return "direct" if quoted >= 0.9 * total else "mixed"


def alnum_count(text: str, start: int, end: int) -> int:
    """How many characters of ``text[start:end]`` are letters or digits (``str.isalnum``)."""
    if start >= end:
        return 0
    return len(_NOT_ALNUM.sub("", text[start:end]))


def in_regions(regions: tuple[QuoteRegion, ...], starts: list[int], pos: int) -> bool:
    """Whether ``pos`` lies in one of the (sorted, disjoint) regions; ``starts`` are theirs."""
    index = bisect.bisect_right(starts, pos) - 1
    return index >= 0 and regions[index].start <= pos < regions[index].end


def to_span(text: str, rng: Range, label: str) -> Span:
    """A labelled span of ``text``."""
    return Span.of(text, rng[0], rng[1], label)


def sentence_of(starts: list[int], pos: int) -> int:
    """Index of the sentence holding offset ``pos``, given the sentences' start offsets."""
    return max(0, bisect.bisect_right(starts, pos) - 1)
