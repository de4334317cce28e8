"""Cues inside quotation marks are part of someone's quoted words, not attributions of their own.

In '"He told me the plan was dead," she said', "told" reports speech, but the whole quotation is
what "she said" attributes: PolNeAR is univocal (each word belongs to one attribution at most)
and a relayed speaker inside a quotation is never annotated on its own. The parse path keeps
speech cues inside a content as nested attributions only when they stand outside quotation
marks (``_attr_finish._place_nested``); a draft whose cue lies inside a quotation is dropped
before the drafts are completed, whether or not another draft quotes it (measured on PolNeAR
train by cross-fitting, 2026-11-22: a quoted cue matched a gold cue in 25 of 306 held-out
predictions, and those 25 were quotation regions misread from mixed or spaced marks).
"""

from __future__ import annotations

from newstrace.analyze._attr_quotes import QuoteRegion
from newstrace.analyze._attr_spans import Draft, in_regions

#: drafts read off the page layout, not the parse: a transcript printed as one long quotation
#: ('"SMITH: ...' on every paragraph) still has its speaker labels
LAYOUT_PATTERNS = frozenset({"label", "signed"})


def outside_quotations(
    drafts: list[Draft], regions: tuple[QuoteRegion, ...], starts: list[int]
) -> list[Draft]:
    """The drafts whose cue does not start inside a quotation region (``regions`` sorted and
    disjoint, ``starts`` their start offsets), and every draft read off the layout."""
    return [
        d
        for d in drafts
        if d.pattern in LAYOUT_PATTERNS or not in_regions(regions, starts, d.cue[0])
    ]
