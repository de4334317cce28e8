"""Quote kinds count letters inside and outside quotation regions (texts written for tests)."""

from __future__ import annotations

import bisect

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.analyze._attr_quotes import QuoteRegion, quote_regions
from newstrace.analyze._attr_spans import alnum_count, quote_kind
from newstrace.model import QuoteKind

PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))


def reference_kind(
    text: str, content: list[tuple[int, int]], regions: tuple[QuoteRegion, ...]
) -> QuoteKind:
    """The definition, one character at a time."""
    starts = [r.start for r in regions]
    total = quoted = 0
    for start, end in content:
        for pos in range(start, end):
            if text[pos].isalnum():
                total += 1
                index = bisect.bisect_right(starts, pos) - 1
                quoted += index >= 0 and regions[index].start <= pos < regions[index].end
    if total == 0 or quoted == 0:
        return "indirect"
    return "direct" if quoted >= 0.9 * total else "mixed"


def test_kinds() -> None:
    text = "He said “we will build it” and “soon”, adding that costs rose."
    regions = quote_regions(text, PAIRS)
    quote = (text.index("“"), text.index("”") + 1)
    assert quote_kind(text, [quote], regions) == "direct"
    assert quote_kind(text, [(quote[0], len(text))], regions) == "mixed"
    assert quote_kind(text, [(text.index("costs"), len(text))], regions) == "indirect"
    assert quote_kind(text, [], regions) == "indirect"
    assert quote_kind(text, [(3, 3)], regions) == "indirect"


def test_alnum_count_is_isalnum() -> None:
    text = "a_b 3.5 ёж 🙂 ٣ x\u0301 Ⅻ ½ ²"
    assert alnum_count(text, 0, len(text)) == sum(c.isalnum() for c in text)
    assert alnum_count(text, 5, 2) == 0


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list('ab1 _.,“”"«»\n')), max_size=80),
    st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80)), max_size=4),
)
def test_same_as_the_definition(text: str, raw: list[tuple[int, int]]) -> None:
    regions = quote_regions(text, PAIRS)
    content = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in raw]
    assert quote_kind(text, content, regions) == reference_kind(text, content, regions)
