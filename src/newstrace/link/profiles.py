"""Outlet profiles across many stories: origin or echo, exclusives' fate, self-corrections.

For every outlet found in a set of :class:`~newstrace.link.story_view.StoryView` s:

- ``origin_groups`` / ``echo_groups``: claim groups stated by two or more outlets in which the
  outlet is a first-hand origin (one of the group's origin channels names it) or an echo (it
  only relays another outlet). Groups of one outlet are counted apart as ``exclusive_groups``.
- ``first_reports``: multi-outlet groups the outlet published first (its article is the
  group's earliest, by the timeline), and of those how many ended ``corroborated`` (later
  confirmed by an independent channel) or ``contested``; ``exclusive_groups`` counts the
  groups only it states, of which ``exclusive_contested`` were contested.
- ``articles`` and ``corrections``: its articles and how many of them carry a correction (or
  gained a revision among the story's versions).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newstrace.link.provenance import outlet_key, same_outlet
from newstrace.link.revisions import NoteLink, Revision
from newstrace.link.story_view import StoryView
from newstrace.model import ClaimGroup


@dataclass(slots=True)
class OutletProfile:
    """Counts that describe how an outlet behaves across stories."""

    outlet: str
    stories: int = 0
    articles: int = 0
    corrections: int = 0
    origin_groups: int = 0
    echo_groups: int = 0
    exclusive_groups: int = 0
    exclusive_contested: int = 0
    first_reports: int = 0
    first_reports_corroborated: int = 0
    first_reports_contested: int = 0
    _story_ids: set[str] = field(default_factory=set)

    @property
    def origin_share(self) -> float:
        """Share of its multi-outlet groups in which it is a first-hand origin."""
        total = self.origin_groups + self.echo_groups
        return self.origin_groups / total if total else 0.0

    @property
    def correction_rate(self) -> float:
        """Share of its articles that carry a correction or revision."""
        return self.corrections / self.articles if self.articles else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON."""
        return {
            "outlet": self.outlet,
            "stories": self.stories,
            "articles": self.articles,
            "corrections": self.corrections,
            "correction_rate": round(self.correction_rate, 3),
            "origin_groups": self.origin_groups,
            "echo_groups": self.echo_groups,
            "origin_share": round(self.origin_share, 3),
            "exclusive_groups": self.exclusive_groups,
            "exclusive_contested": self.exclusive_contested,
            "first_reports": self.first_reports,
            "first_reports_corroborated": self.first_reports_corroborated,
            "first_reports_contested": self.first_reports_contested,
        }


def _is_origin(group: ClaimGroup, outlet: str) -> bool:
    return any(
        same_outlet(part.strip(), outlet) for o in group.origins for part in o.name.split(" / ")
    )


def _count_groups(view: StoryView, profiles: dict[str, OutletProfile]) -> None:
    first_outlet = {e.group_id: e.first_outlet for e in view.timeline}
    for group in view.groups:
        outlets = group.outlets
        for outlet in outlets:
            profile = profiles[outlet_key(outlet)]
            if len(outlets) == 1:
                profile.exclusive_groups += 1
                profile.exclusive_contested += group.status == "contested"
                continue
            if _is_origin(group, outlet):
                profile.origin_groups += 1
            elif any(same_outlet(e.name, outlet) for e in group.echoes):
                profile.echo_groups += 1
        first = first_outlet.get(group.id)
        if first and len(outlets) > 1:
            profile = profiles[outlet_key(first)]
            profile.first_reports += 1
            profile.first_reports_corroborated += group.status == "corroborated"
            profile.first_reports_contested += group.status == "contested"


def _corrected_articles(view: StoryView) -> set[str]:
    corrected: set[str] = set()
    for change in view.notes:
        is_correction = isinstance(change, NoteLink) and change.note.kind == "correction"
        if is_correction or isinstance(change, Revision):
            corrected.add(change.article_id)
    return corrected


def outlet_profiles(views: Iterable[StoryView]) -> tuple[OutletProfile, ...]:
    """Profiles of every outlet in the stories, most articles first."""
    profiles: dict[str, OutletProfile] = {}
    for view in views:
        corrected = _corrected_articles(view)
        for article in view.articles:
            name = article.outlet or article.id
            profile = profiles.setdefault(outlet_key(name), OutletProfile(name))
            profile.articles += 1
            profile.corrections += article.id in corrected
            profile._story_ids.add(view.id)
        for group in view.groups:
            for outlet in group.outlets:
                profiles.setdefault(outlet_key(outlet), OutletProfile(outlet))
        _count_groups(view, profiles)
    for profile in profiles.values():
        profile.stories = len(profile._story_ids)
    return tuple(sorted(profiles.values(), key=lambda p: (-p.articles, p.outlet)))
