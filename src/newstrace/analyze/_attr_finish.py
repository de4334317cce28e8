"""Last step shared by the parse and rules paths: quotations, continuation, clean spans."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newstrace.analyze._attr_lexicon import LanguageData
from newstrace.analyze._attr_quoted import outside_quotations
from newstrace.analyze._attr_quotes import QuoteRegion, quote_regions
from newstrace.analyze._attr_spans import (
    Draft,
    Range,
    clean_range,
    grow_to_quotes,
    in_regions,
    merge_ranges,
    quote_kind,
    subtract,
    to_span,
)
from newstrace.analyze.attribution import RawAttribution, is_speech_cue
from newstrace.model import Span

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: how many following sentences a quotation may continue over with no cue of its own
MAX_CONTINUATION = 6


def finish(
    text: str,
    drafts: list[Draft],
    sentences: tuple[Span, ...],
    lang: LanguageData,
    nested: list[Draft] | None = None,
) -> list[RawAttribution]:
    """Complete drafts into attributions: whole quotations, continuations, trimmed spans.

    A draft whose cue lies inside a quotation is dropped (``_attr_quoted``).

    ``nested`` are drafts left out of the univocal reading because their cue lies inside a
    kept draft's content; those that report speech (``attribution.is_speech_cue``) with their source
    inside that content go into the ``nested`` field of the attribution holding them.
    """
    regions = quote_regions(text, lang.quote_pairs)
    region_starts = [r.start for r in regions]
    drafts = sorted(outside_quotations(drafts, regions, region_starts), key=lambda d: d.cue[0])
    index = _Index([s.start for s in sentences], region_starts, [d.cue[0] for d in drafts])
    for draft in drafts:
        _shape(text, draft, sentences, regions, index)
    dropped: set[int] = set()
    for draft in drafts:
        if id(draft) not in dropped:
            dropped |= _continue_quotation(text, draft, drafts, sentences, regions, index)
    kept = [d for d in drafts if id(d) not in dropped and any(s < e for s, e in d.content)]
    for draft in nested or []:
        _shape(text, draft, sentences, regions, index)
    children = _place_nested(text, kept, nested or [], regions, index, lang)
    return [_raw(text, draft, children, regions, index) for draft in kept]


def _shape(
    text: str,
    draft: Draft,
    sentences: tuple[Span, ...],
    regions: tuple[QuoteRegion, ...],
    index: _Index,
) -> None:
    """Anaphoric content, whole quotations, cue and source cut out, trimmed ranges."""
    if draft.anaphoric and draft.sentence_index > 0:
        previous = sentences[draft.sentence_index - 1]
        draft.content = [(previous.start, previous.end)]
    keep_out = [draft.cue] + ([draft.source] if draft.source else [])
    grown = grow_to_quotes(draft.content, regions, keep_out, index.regions)
    draft.content = merge_ranges(text, subtract(grown, keep_out))


def _raw(
    text: str,
    draft: Draft,
    children: dict[int, list[Draft]],
    regions: tuple[QuoteRegion, ...],
    index: _Index,
) -> RawAttribution:
    content = [r for r in draft.content if r[0] < r[1]]
    source = None
    if draft.source is not None:
        s_start, s_end = clean_range(text, *draft.source)
        source = to_span(text, (s_start, s_end), "source") if s_start < s_end else None
    inner = sorted(children.get(id(draft), []), key=lambda d: d.cue[0])
    return RawAttribution(
        source=source,
        cue=to_span(text, draft.cue, "cue"),
        content=tuple(to_span(text, r, "content") for r in content),
        quote=quote_kind(text, content, regions, index.regions),
        sentence_index=draft.sentence_index,
        nested=tuple(_raw(text, d, children, regions, index) for d in inner),
    )


def _inside(rng: Range, ranges: list[Range]) -> bool:
    return any(start <= rng[0] and rng[1] <= end for start, end in ranges)


def _place_nested(
    text: str,
    kept: list[Draft],
    nested: list[Draft],
    regions: tuple[QuoteRegion, ...],
    index: _Index,
    lang: LanguageData,
) -> dict[int, list[Draft]]:
    """Outer draft id -> the nested drafts it holds (innermost holder; deeper levels too).

    A nested draft needs a source, a speech cue outside quotation marks, and its cue and
    source inside the content of a holder whose cue is in the same sentence; its content is
    cut to the holder's content.
    """
    placed: list[Draft] = list(kept)
    children: dict[int, list[Draft]] = {}
    taken_cues = [d.cue for d in kept]
    for draft in nested:
        if draft.source is None or not is_speech_cue(text, *draft.cue, lang):
            continue
        if in_regions(regions, index.regions, draft.cue[0]):
            continue
        if any(s < draft.cue[1] and draft.cue[0] < e for s, e in taken_cues):
            continue
        source = clean_range(text, *draft.source)
        holders = [
            d
            for d in placed
            if d.sentence_index == draft.sentence_index
            and _inside(draft.cue, d.content)
            and source[0] < source[1]
            and _inside(source, d.content)
        ]
        if not holders:
            continue
        holder = min(holders, key=lambda d: sum(e - s for s, e in d.content))
        clipped = _intersect(draft.content, holder.content)
        draft.content = merge_ranges(text, subtract(clipped, [draft.cue, source]))
        if not any(s < e for s, e in draft.content):
            continue
        placed.append(draft)
        taken_cues.append(draft.cue)
        children.setdefault(id(holder), []).append(draft)
    return children


def _intersect(ranges: list[Range], within: list[Range]) -> list[Range]:
    """The parts of ``ranges`` that lie inside ``within``."""
    return [
        (max(s, w_start), min(e, w_end))
        for s, e in ranges
        for w_start, w_end in within
        if max(s, w_start) < min(e, w_end)
    ]


@dataclass(frozen=True, slots=True)
class _Index:
    """Sorted start offsets of sentences, quotation regions and (sorted) draft cues."""

    sentences: list[int]
    regions: list[int]
    cues: list[int]


def _continue_quotation(
    text: str,
    draft: Draft,
    drafts: list[Draft],
    sentences: tuple[Span, ...],
    regions: tuple[QuoteRegion, ...],
    index: _Index,
) -> set[int]:
    """Append the all-quotation sentences that follow a quoting attribution.

    Attributions found *inside* such a continuation (a verb within the quoted speech) are
    part of the quote, not separate attributions: their ids are returned to be dropped.
    The continuation stops at the first sentence that is not wholly quoted. A signed
    quotation (``_attr_signed``) is a whole paragraph already and never continues.
    """
    if draft.pattern == "signed" or not draft.content:
        return set()
    if quote_kind(text, draft.content, regions, index.regions) == "indirect":
        return set()
    last_end = max(end for _, end in [*draft.content, draft.cue])
    first = bisect.bisect_left(index.sentences, last_end)
    dropped: set[int] = set()
    previous_end = last_end
    for sentence in sentences[first : first + MAX_CONTINUATION]:
        if not _all_quoted(text, sentence, regions, index.regions):
            break
        gap = text[previous_end : sentence.start]
        if _BLANK_LINE.search(gap) and not any(
            r.start < previous_end and r.end > sentence.start for r in regions
        ):
            break  # a new paragraph continues a quotation only if it was left open
        previous_end = sentence.end
        lo = bisect.bisect_left(index.cues, sentence.start)
        hi = bisect.bisect_left(index.cues, sentence.end)
        inner = [d for d in drafts[lo:hi] if d is not draft]
        dropped |= {id(d) for d in inner}
        draft.content.append((sentence.start, sentence.end))
    return dropped


def _all_quoted(
    text: str, sentence: Span, regions: tuple[QuoteRegion, ...], starts: list[int]
) -> bool:
    letters = [p for p in range(sentence.start, sentence.end) if text[p].isalnum()]
    return bool(letters) and all(in_regions(regions, starts, p) for p in letters)
