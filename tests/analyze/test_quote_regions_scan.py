"""``scan_regions`` (``quote_regions`` without doubled apostrophes) jumps from mark to mark;
it must find what a scan of every character finds.

The reference below is the character-by-character scan the function replaced. Texts are
random mixes of quotation marks, letters, spaces and (blank) lines, written for this test.
"""

from __future__ import annotations

import random
import re

import pytest

from newstrace.analyze._attr_quotes import (
    QuoteRegion,
    _can_open,
    _closes,
    _continues,
    _is_apostrophe,
    quote_regions,
    scan_regions,
)

_PARA = re.compile(r"\n[ \t]*\n")
PAIRS = (('"', '"'), ("“", "”"), ("«", "»"), ("‘", "’"), ("'", "'"))
ALPHABET = ['"', "“", "”", "«", "»", "‘", "’", "'", "a", "b", " ", " ", "\n", "\n\n", "\t", "."]


def reference(text: str, pairs: tuple[tuple[str, str], ...]) -> tuple[QuoteRegion, ...]:
    """The former scan of every character (closing as ``_closes`` decides, on the marks of
    ``pairs`` only)."""
    openers = {o: c for o, c in pairs if o != c}
    symmetric = {o for o, c in pairs if o == c}
    marks = {c for pair in pairs for c in pair}
    para_ends = [m.start() for m in _PARA.finditer(text)] + [len(text)]
    regions: list[QuoteRegion] = []
    open_at, expect, para_index = -1, "", 0
    for index, char in enumerate(text):
        while para_ends[para_index] < index:
            para_index += 1
            if open_at >= 0 and not _continues(text, index, text[open_at]):
                regions.append(QuoteRegion(open_at, para_ends[para_index - 1]))
                open_at = -1
        if open_at < 0:
            if char in openers or (char in symmetric and _can_open(text, index)):
                open_at, expect = index, openers.get(char, char)
        elif (
            char in marks
            and _closes(text, index, open_at, expect)
            and not _is_apostrophe(text, index)
        ):
            regions.append(QuoteRegion(open_at, index + 1))
            open_at = -1
    if open_at >= 0:
        regions.append(QuoteRegion(open_at, len(text)))
    return tuple(regions)


@pytest.mark.parametrize("seed", range(5))
def test_same_regions_as_a_scan_of_every_character(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(400):
        text = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 60)))
        pairs = PAIRS[: rnd.randint(0, len(PAIRS))]
        assert scan_regions(text, pairs) == reference(text, pairs), (text, pairs)


def test_region_continues_over_paragraphs_only_when_reopened() -> None:
    text = "He said: “One.\n\n“Two.” Then “three.\n\nNo mark here."
    found = quote_regions(text, PAIRS)
    assert found == reference(text, PAIRS)
    assert [text[r.start : r.end] for r in found] == ["“One.\n\n“Two.”", "“three."]


def test_a_spaced_mark_after_a_closing_single_mark_closes() -> None:
    text = "\"He called it 'a sham,' \" she said. \"Later ' it' stayed."
    found = quote_regions(text, PAIRS)
    assert text[found[0].start : found[0].end] == "\"He called it 'a sham,' \""
    assert all(r.start > found[0].end for r in found[1:])
