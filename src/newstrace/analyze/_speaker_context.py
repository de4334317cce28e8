"""What speaker resolution knows about one article while it runs: the article's mentions,
sentences, paragraphs and cues (:class:`ArticleView`) and the speakers met so far
(:class:`State`). Shared by :mod:`newstrace.analyze.speakers` and its helper modules.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from newstrace.analyze import _speaker_phrases as phrases
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

    @property
    def self_link(self) -> ChainLink:
        return ChainLink(self.outlet or "the outlet", "outlet")

    def is_self(self, name: str) -> bool:
        return self.outlet is not None and canonical_key(name) == canonical_key(self.outlet)

    def paragraph_of(self, pos: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, pos) - 1

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.span.start and m.span.end <= end]

    def outlet_name(self, mention: Mention) -> str:
        known = outlet_for_key(mention.key)
        if known is not None:
            return known
        first = next(m for m in self.mentions if m.key == mention.key and m.kind == "outlet")
        return phrases.without_determiner(first.span.text)

    def person_name(self, key: str, fallback: str) -> str:
        names = [m.span.text for m in self.mentions if m.key == key and m.kind == "person"]
        full = [n for n in names if len(n.split()) >= 2]
        return phrases.clean(full[0] if full else fallback)
