"""The offset indexes agree with a plain scan over every range, on random inputs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.analyze._span_index import DisjointRanges, SpanIndex

_RANGE = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda r: (r[0], r[0] + r[1]))
_RANGES = st.lists(_RANGE, max_size=40)


@settings(max_examples=300, deadline=None)
@given(_RANGES, _RANGE)
def test_inside_matches_scan(ranges: list[tuple[int, int]], query: tuple[int, int]) -> None:
    start, end = query
    expected = [i for i, (s, e) in enumerate(ranges) if start <= s and e <= end]
    assert SpanIndex(ranges).inside(start, end) == expected


@settings(max_examples=300, deadline=None)
@given(_RANGES, st.lists(_RANGE, max_size=4))
def test_inside_any_matches_scan(
    ranges: list[tuple[int, int]], bounds: list[tuple[int, int]]
) -> None:
    expected = [i for i, (s, e) in enumerate(ranges) if any(a <= s and e <= b for a, b in bounds)]
    assert SpanIndex(ranges).inside_any(bounds) == expected


@settings(max_examples=300, deadline=None)
@given(_RANGES, _RANGE)
def test_overlapping_matches_scan(ranges: list[tuple[int, int]], query: tuple[int, int]) -> None:
    start, end = query
    expected = [i for i, (s, e) in enumerate(ranges) if s < end and start < e]
    assert SpanIndex(ranges).overlapping(start, end) == expected


@settings(max_examples=300, deadline=None)
@given(_RANGES, _RANGE)
def test_holding_matches_scan(ranges: list[tuple[int, int]], query: tuple[int, int]) -> None:
    start, end = query
    expected = [i for i, (s, e) in enumerate(ranges) if s <= start and end <= e]
    assert SpanIndex(ranges).holding(start, end) == expected


def test_index_of_nothing_answers_nothing() -> None:
    index = SpanIndex([])
    assert len(index) == 0
    assert index.inside(0, 10) == index.overlapping(0, 10) == index.holding(0, 10) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(_RANGE, max_size=60))
def test_disjoint_ranges_keep_what_a_scan_keeps(candidates: list[tuple[int, int]]) -> None:
    kept: list[tuple[int, int]] = []
    ranges = DisjointRanges()
    for start, end in candidates:
        if end <= start:
            continue
        clash = any(start < e and s < end for s, e in kept)
        assert ranges.overlaps(start, end) == clash
        if not clash:
            kept.append((start, end))
            ranges.add(start, end)
    assert len(ranges) == len(kept)


def test_disjoint_ranges_refuse_an_overlap_or_an_empty_range() -> None:
    ranges = DisjointRanges()
    ranges.add(5, 10)
    with pytest.raises(ValueError, match="overlaps"):
        ranges.add(9, 12)
    with pytest.raises(ValueError, match="empty"):
        ranges.add(20, 20)
    ranges.add(10, 12)  # touching is not overlapping
    assert not ranges.overlaps(0, 5)
    assert ranges.overlaps(11, 30)
