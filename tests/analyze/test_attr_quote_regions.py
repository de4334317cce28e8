"""Quotation regions and the logarithmic lookups over them."""

from __future__ import annotations

from newstrace.analyze._attr_quotes import QuoteRegion, neighbours, quote_regions, region_at

PAIRS = (("“", "”"), ('"', '"'))
TEXT = '“We will rebuild,” the mayor said. Then: "Not this year." She left.'


def test_regions_are_found_in_order() -> None:
    regions = quote_regions(TEXT, PAIRS)
    assert [TEXT[r.start : r.end] for r in regions] == ["“We will rebuild,”", '"Not this year."']


def test_region_at_agrees_with_a_scan_at_every_position() -> None:
    regions = quote_regions(TEXT, PAIRS)
    for pos in range(len(TEXT) + 1):
        scanned = next((r for r in regions if r.start <= pos < r.end), None)
        assert region_at(regions, pos) == scanned, pos


def test_neighbours_are_the_regions_just_before_and_after_a_span() -> None:
    regions = quote_regions(TEXT, PAIRS)
    said = TEXT.index("the mayor said")
    before, after = neighbours(regions, said, said + len("the mayor said"))
    assert before == regions[0] and after == regions[1]
    assert neighbours((), 3, 5) == (None, None)
    assert neighbours((QuoteRegion(10, 20),), 0, 5) == (None, QuoteRegion(10, 20))
