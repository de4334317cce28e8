"""Timeline of a story: when each claim group first appeared, and where.

Times come from ``Article.published`` (ISO date or date-time). Articles without a date sort
last; ties keep input order. A group's appearances list each outlet once, at its earliest
article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newstrace.model import Article, ClaimGroup


@dataclass(frozen=True, slots=True)
class Appearance:
    """One outlet's first article stating a claim group."""

    outlet: str
    article_id: str
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {"outlet": self.outlet, "article_id": self.article_id, "published": self.published}


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """When and where a claim group first appeared, and who followed."""

    group_id: str
    summary: str
    first_seen: str | None
    first_outlet: str
    appearances: tuple[Appearance, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON (an entry of a story's ``timeline``)."""
        return {
            "group_id": self.group_id,
            "summary": self.summary,
            "first_seen": self.first_seen,
            "first_outlet": self.first_outlet,
            "appearances": [a.to_dict() for a in self.appearances],
        }


def _order(published: str | None, position: int) -> tuple[int, str, int]:
    return (0 if published else 1, published or "", position)


def group_timeline(group: ClaimGroup, articles: Sequence[Article]) -> TimelineEntry:
    """The timeline entry of one group."""
    position = {a.id: i for i, a in enumerate(articles)}
    by_id = {a.id: a for a in articles}
    seen: dict[str, Appearance] = {}
    ranked = sorted(
        group.members,
        key=lambda m: _order(
            by_id[m.article_id].published if m.article_id in by_id else None,
            position.get(m.article_id, len(position)),
        ),
    )
    for member in ranked:
        article = by_id.get(member.article_id)
        outlet = member.outlet or (article.outlet if article else None) or member.article_id
        if outlet not in seen:
            published = article.published if article else None
            seen[outlet] = Appearance(outlet, member.article_id, published)
    appearances = tuple(seen.values())
    first = appearances[0] if appearances else Appearance("", "", None)
    return TimelineEntry(group.id, group.summary, first.published, first.outlet, appearances)


def build_timeline(
    groups: Sequence[ClaimGroup], articles: Sequence[Article]
) -> tuple[TimelineEntry, ...]:
    """Every group's entry, ordered by first appearance (undated last)."""
    entries = [group_timeline(g, articles) for g in groups if g.members]
    order = {a.id: i for i, a in enumerate(articles)}
    return tuple(
        sorted(
            entries,
            key=lambda e: _order(e.first_seen, order.get(e.appearances[0].article_id, len(order))),
        )
    )
