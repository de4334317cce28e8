"""Quotation regions of a text: where direct speech starts and ends, across sentences and
paragraphs.

A region opens at an opening mark and closes at the matching closing mark. Straight double
quotes alternate (open, close). A paragraph that ends inside an open quotation continues into
the next paragraph when that paragraph starts with the same opening mark (the newspaper
convention for a quotation running over several paragraphs); otherwise the region closes at
the paragraph end. In mixed typography any double quotation mark in closing position closes a
quotation opened by another one ('“X," he said').
Dialogue dashes (``— Text, — said he``) are handled by the language rules, not here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

_PARA = re.compile(r"\n[ \t]*\n")
#: double quotation marks that mixed typography pairs with one another
_DOUBLE = frozenset('“”"')
#: what a doubled apostrophe is read as: a straight double quote and a filler (same length)
_TYPEWRITER = '"\x01'


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    """Character range of one quotation, quote marks included."""

    start: int
    end: int


def region_at(regions: tuple[QuoteRegion, ...], pos: int) -> QuoteRegion | None:
    """The region holding character ``pos`` (``regions`` sorted and disjoint, as
    :func:`quote_regions` returns them), in logarithmic time."""
    index = bisect_right(regions, pos, key=lambda r: r.start) - 1
    if index >= 0 and pos < regions[index].end:
        return regions[index]
    return None


def neighbours(
    regions: tuple[QuoteRegion, ...], start: int, end: int
) -> tuple[QuoteRegion | None, QuoteRegion | None]:
    """The last region starting at or before ``start`` and the first starting at or after
    ``end``: the only candidates for a quotation right before or right after a span that lies
    outside every region."""
    before = bisect_right(regions, start, key=lambda r: r.start) - 1
    after = bisect_left(regions, end, key=lambda r: r.start)
    return (
        regions[before] if before >= 0 else None,
        regions[after] if after < len(regions) else None,
    )


@lru_cache(maxsize=16)
def quote_regions(text: str, pairs: tuple[tuple[str, str], ...]) -> tuple[QuoteRegion, ...]:
    """All top-level quotation regions of ``text`` given the language's ``(open, close)`` pairs.

    A doubled apostrophe (``''X,''``, the typewriter spelling of a double quotation mark in some
    newspapers) counts as a straight double quote when the language has that mark. Results are
    memoised for the last few texts (the attribution steps ask twice).
    """
    if "''" not in text or not any(o == c == '"' for o, c in pairs):
        return scan_regions(text, pairs)
    found = scan_regions(text.replace("''", _TYPEWRITER), pairs)
    return tuple(
        QuoteRegion(r.start, r.end + 1) if text[r.end - 1 : r.end + 1] == "''" else r for r in found
    )


def scan_regions(text: str, pairs: tuple[tuple[str, str], ...]) -> tuple[QuoteRegion, ...]:
    """The quotation regions of ``text`` with one-character marks only.

    Only quotation marks and paragraph ends can change the state, so the scan jumps from one
    to the next.
    """
    openers = {o: c for o, c in pairs if o != c}
    symmetric = {o for o, c in pairs if o == c}
    # a paragraph end is passed once a later character exists
    para_ends = [m.start() for m in _PARA.finditer(text) if m.start() < len(text) - 1]
    regions: list[QuoteRegion] = []
    open_at = -1
    expect = ""
    para_index = 0
    for match in _marks(pairs).finditer(text):
        index = match.start()
        while para_index < len(para_ends) and para_ends[para_index] < index:
            open_at = _paragraph_end(text, para_ends[para_index], open_at, regions)
            para_index += 1
        char = text[index]
        if open_at < 0:
            if char in openers or (char in symmetric and _can_open(text, index)):
                open_at, expect = index, openers.get(char, char)
        elif _closes(text, index, open_at, expect) and not _is_apostrophe(text, index):
            regions.append(QuoteRegion(open_at, index + 1))
            open_at = -1
    for para_end in para_ends[para_index:]:
        open_at = _paragraph_end(text, para_end, open_at, regions)
    if open_at >= 0:
        regions.append(QuoteRegion(open_at, len(text)))
    return tuple(regions)


@lru_cache(maxsize=16)
def _marks(pairs: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """A pattern matching any one-character quotation mark of ``pairs`` (none: no match)."""
    chars = sorted({c for pair in pairs for c in pair if len(c) == 1})
    return re.compile("[" + "".join(map(re.escape, chars)) + "]" if chars else "(?!)")


def _paragraph_end(text: str, para_end: int, open_at: int, regions: list[QuoteRegion]) -> int:
    """Close a quotation open at ``para_end`` unless the next paragraph continues it; the
    new ``open_at``."""
    if open_at >= 0 and not _continues(text, para_end + 1, text[open_at]):
        regions.append(QuoteRegion(open_at, para_end))
        return -1
    return open_at


def _continues(text: str, index: int, opener: str) -> bool:
    """Whether the paragraph starting at or after ``index`` opens with the same quote mark."""
    pos = index
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos < len(text) and text[pos] == opener


def _closes(text: str, index: int, open_at: int, expect: str) -> bool:
    """Whether the mark at ``index`` closes the quotation opened at ``open_at``: its own closing
    mark, or, in mixed typography, any other double quotation mark in closing position (after a
    non-space, before no letter or digit: '“X," he said', '"X” he said', '“X“ that')."""
    if not _can_close(text, index):
        return False
    if text[index] == expect:
        return True
    after = index + 1
    return (
        text[index] in _DOUBLE
        and text[open_at] in _DOUBLE
        and (after == len(text) or not text[after].isalnum())
    )


def _can_open(text: str, index: int) -> bool:
    return index == 0 or not text[index - 1].isalnum()


def _can_close(text: str, index: int) -> bool:
    if index > 0 and not text[index - 1].isspace():
        return True
    # "... 'X,' " she said": a spaced mark right after a closing single mark still closes
    return (
        index > 2
        and text[index - 1] == " "
        and text[index - 2] in "'’"
        and not text[index - 3].isspace()
    )


def _is_apostrophe(text: str, index: int) -> bool:
    """A right single quote between letters (``don’t``) is an apostrophe, not a closer."""
    return (
        text[index] in "’'"
        and 0 < index < len(text) - 1
        and text[index - 1].isalpha()
        and text[index + 1].isalpha()
    )
