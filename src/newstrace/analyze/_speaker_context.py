"""What speaker resolution knows about one article while it runs: the article's mentions,
sentences, paragraphs and cues (:class:`ArticleView`) and the speakers met so far
(:class:`State`). Shared by :mod:`newstrace.analyze.speakers` and its helper modules.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from itertools import pairwise

from newstrace.analyze import _speaker_phrases as phrases
from newstrace.analyze._span_index import SpanIndex
from newstrace.analyze.keys import canonical_key, outlet_for_key
from newstrace.model import ChainLink, Mention, Span, Speaker

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True, slots=True)
class Known:
    """A speaker met earlier, remembered for coreference."""

    speaker: Speaker
    relay: tuple[ChainLink, ...]
    position: int
    plural: bool


@dataclass(frozen=True, slots=True)
class Resolved:
    speaker: Speaker
    relay: tuple[ChainLink, ...] = ()
    plural: bool = False
    anaphoric: bool = False


@dataclass(slots=True)
class State:
    """What resolution has learnt so far in one article (local to one call)."""

    history: list[Known] = field(default_factory=list)
    active: ChainLink | None = None
    active_paragraph: int = -1
    #: positions in ``history`` of the speakers whose source span ends at each offset
    by_end: dict[int, list[int]] = field(default_factory=dict)

    def remember(self, known: Known) -> None:
        """Add a speaker to the history (always through here, so ``by_end`` stays whole)."""
        if known.speaker.span is not None:
            self.by_end.setdefault(known.speaker.span.end, []).append(len(self.history))
        self.history.append(known)

    def last_ending_in(self, low: int, high: int) -> list[Known]:
        """Remembered speakers whose source span ends in ``[low, high]``, latest first."""
        found = [i for end in range(low, high + 1) for i in self.by_end.get(end, ())]
        return [self.history[i] for i in sorted(found, reverse=True)]


class MentionLookup:
    """The article's mentions (in text order) indexed for the questions speaker resolution
    asks once per attribution, so that a huge article is not rescanned for each one."""

    __slots__ = ("_by_end", "_first_outlet", "_full_person", "_groups", "_index", "_mentions")

    def __init__(self, mentions: tuple[Mention, ...]) -> None:
        if any(a.span.start > b.span.start for a, b in pairwise(mentions)):
            raise ValueError("mentions must be sorted by position")
        self._mentions = mentions
        self._index = SpanIndex((m.span.start, m.span.end) for m in mentions)
        self._by_end = sorted((m.span.end, i) for i, m in enumerate(mentions))
        self._first_outlet: dict[str, Mention] = {}
        self._full_person: dict[str, str] = {}
        for m in mentions:
            if m.kind == "outlet":
                self._first_outlet.setdefault(m.key, m)
            elif m.kind == "person" and len(m.span.text.split()) >= 2:
                self._full_person.setdefault(m.key, m.span.text)
        self._groups: dict[Hashable, tuple[list[int], list[int]]] = {}

    def inside(self, start: int, end: int) -> list[Mention]:
        """The mentions lying within ``[start, end]``, in order."""
        return [self._mentions[i] for i in self._index.inside(start, end)]

    def first_outlet(self, key: str) -> Mention:
        """The first outlet mention with this key (``KeyError`` when there is none)."""
        return self._first_outlet[key]

    def full_person_name(self, key: str) -> str | None:
        """The first person mention of two or more words with this key."""
        return self._full_person.get(key)

    def last_ending_by(
        self, before: int, group: Hashable, test: Callable[[Mention], bool]
    ) -> Mention | None:
        """The last mention (in order) that passes ``test`` and ends at or before ``before``.

        ``group`` names ``test`` (the same name must always mean the same test): the mentions
        passing it are collected once per article.
        """
        if group not in self._groups:
            chosen = [i for i, m in enumerate(self._mentions) if test(m)]
            self._groups[group] = ([self._mentions[i].span.start for i in chosen], chosen)
        starts, chosen = self._groups[group]
        k = bisect.bisect_right(starts, before) - 1
        while k >= 0 and self._mentions[chosen[k]].span.end > before:
            k -= 1  # a mention ending after ``before`` (it holds the offset); rare
        return self._mentions[chosen[k]] if k >= 0 else None

    def furthest_ending_by(self, before: int) -> Mention | None:
        """The first mention, in order, of those with the largest end at or before ``before``."""
        k = bisect.bisect_right(self._by_end, (before, len(self._mentions))) - 1
        if k < 0:
            return None
        end = self._by_end[k][0]
        first = bisect.bisect_left(self._by_end, (end, -1))
        return self._mentions[self._by_end[first][1]]


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One article as speaker resolution reads it (mentions sorted by position)."""

    text: str
    mentions: tuple[Mention, ...]
    sentences: tuple[Span, ...]
    language: str
    outlet: str | None
    paragraph_starts: tuple[int, ...]
    cues: tuple[Span, ...] = ()
    cue_starts: tuple[int, ...] = ()
    lookup: MentionLookup = field(init=False, repr=False, compare=False)
    sentence_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lookup", MentionLookup(self.mentions))
        starts = tuple(sorted(s.start for s in self.sentences))
        object.__setattr__(self, "sentence_starts", starts)

    @property
    def self_link(self) -> ChainLink:
        return ChainLink(self.outlet or "the outlet", "outlet")

    def is_self(self, name: str) -> bool:
        return self.outlet is not None and canonical_key(name) == canonical_key(self.outlet)

    def paragraph_of(self, pos: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, pos) - 1

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return self.lookup.inside(start, end)

    def sentence_start_by(self, pos: int) -> int:
        """The last sentence start at or before ``pos`` (0 when there is none)."""
        k = bisect.bisect_right(self.sentence_starts, pos) - 1
        return self.sentence_starts[k] if k >= 0 else 0

    def outlet_name(self, mention: Mention) -> str:
        known = outlet_for_key(mention.key)
        if known is not None:
            return known
        first = self.lookup.first_outlet(mention.key)
        return phrases.without_determiner(first.span.text)

    def person_name(self, key: str, fallback: str) -> str:
        full = self.lookup.full_person_name(key)
        return phrases.clean(full if full is not None else fallback)
