"""The story view: everything the reports show about one story, built once.

:func:`build_story_view` runs the cross-article stages over one story's articles: claim groups
(:func:`newstrace.link.claims.group_claims`), provenance and status
(:func:`~newstrace.link.provenance.with_provenance`), discrepancies, the timeline and the
revisions. :meth:`StoryView.to_dict` is the story object of ``newstrace analyze --format json``;
:func:`claim_matrix` is the table the Markdown, HTML and CSV reports draw (claim groups as rows,
outlets as columns).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from newstrace.link.discrepancies import find_discrepancies
from newstrace.link.provenance import (
    ProvenanceGraph,
    member_paths,
    outlet_key,
    provenance_graph,
    with_provenance,
)
from newstrace.link.revisions import NoteLink, Revision, story_changes
from newstrace.link.timeline import TimelineEntry, build_timeline
from newstrace.model import (
    Article,
    ArticleAnalysis,
    ChainLink,
    ClaimGroup,
    ClaimRef,
    Discrepancy,
)

Items = Sequence[tuple[Article, ArticleAnalysis]]
Grouper = Callable[[Items], tuple[ClaimGroup, ...]]
Cell = Literal["stated", "stated differently", "absent"]


@dataclass(frozen=True, slots=True)
class StoryView:
    """One story's articles, claim groups with provenance, discrepancies, timeline and notes."""

    id: str
    title: str
    articles: tuple[Article, ...]
    groups: tuple[ClaimGroup, ...]
    graphs: tuple[ProvenanceGraph, ...]
    discrepancies: tuple[Discrepancy, ...]
    timeline: tuple[TimelineEntry, ...]
    notes: tuple[NoteLink | Revision, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        """The story's article ids, in input order."""
        return tuple(a.id for a in self.articles)

    def graph(self, group_id: str) -> ProvenanceGraph:
        """The provenance graph of one group."""
        for graph in self.graphs:
            if graph.group_id == group_id:
                return graph
        raise KeyError(f"no claim group {group_id!r} in story {self.id!r}")

    def to_dict(self) -> dict[str, Any]:
        """The issue's JSON shape for one story."""
        return {
            "id": self.id,
            "title": self.title,
            "article_ids": list(self.article_ids),
            "claim_groups": [group_to_dict(g) for g in self.groups],
            "discrepancies": [
                {"kind": d.kind, "summary": d.summary, "claim_ids": list(d.claim_ids)}
                for d in self.discrepancies
            ],
            "timeline": [e.to_dict() for e in self.timeline],
            "notes": [n.to_dict() for n in self.notes],
        }


def member_to_dict(member: ClaimRef) -> dict[str, Any]:
    """One claim of a group: ``{article_id, claim_id, text, source, chain}``."""
    attribution = member.claim.attribution
    return {
        "article_id": member.article_id,
        "claim_id": member.claim_id,
        "text": member.claim.text,
        "source": attribution.speaker.to_dict(),
        "chain": [link.to_dict() for link in attribution.chain],
    }


def group_to_dict(group: ClaimGroup) -> dict[str, Any]:
    """One claim group in the story JSON."""
    return {
        "id": group.id,
        "summary": group.summary,
        "status": group.status,
        "outlets": list(group.outlets),
        "independent_origins": group.independent_origins,
        "origins": [o.to_dict() for o in group.origins],
        "echoes": [e.to_dict() for e in group.echoes],
        "claims": [member_to_dict(m) for m in group.members],
    }


def _default_grouper(items: Items) -> tuple[ClaimGroup, ...]:
    from newstrace.link.claims import group_claims

    return group_claims(items)


def _title(items: Items) -> str:
    dated = sorted(
        (a.published or "9999", i, a.title or "") for i, (a, _) in enumerate(items) if a.title
    )
    return dated[0][2] if dated else ""


def build_story_view(
    story_id: str,
    items: Items,
    *,
    versions: Mapping[str, Sequence[Article]] | None = None,
    grouper: Grouper | None = None,
    title: str | None = None,
) -> StoryView:
    """Run the cross-article stages over one story's articles and their analyses.

    ``versions`` maps a key (URL or article id) to known versions of one article, diffed into
    the notes. ``grouper`` replaces :func:`newstrace.link.claims.group_claims` (tests pass a
    hand-made one). ``title`` defaults to the earliest article's title.
    """
    groups = (grouper or _default_grouper)(items)
    analyses = {article.id: analysis for article, analysis in items}
    texts = {article.id: article.text for article, _ in items}
    paths = [member_paths(g, analyses, texts) for g in groups]  # members only: found once
    provisional = tuple(
        with_provenance(g, analyses=analyses, texts=texts, paths=p)
        for g, p in zip(groups, paths, strict=True)
    )
    discrepancies = find_discrepancies(provisional, items)
    final = _one_spelling(
        tuple(
            with_provenance(g, discrepancies, analyses=analyses, texts=texts, paths=p)
            for g, p in zip(groups, paths, strict=True)
        )
    )
    articles = tuple(article for article, _ in items)
    return StoryView(
        id=story_id,
        title=title if title is not None else _title(items),
        articles=articles,
        groups=final,
        graphs=tuple(
            provenance_graph(g, analyses, texts, paths=p) for g, p in zip(final, paths, strict=True)
        ),
        discrepancies=discrepancies,
        timeline=build_timeline(final, articles),
        notes=story_changes(items, versions),
    )


def _one_spelling(groups: tuple[ClaimGroup, ...]) -> tuple[ClaimGroup, ...]:
    """Name each outlet one way across the story (the spelling used most, first seen on a tie),
    so that "Ledokhod" and "Ledohod" are not shown as two origins of different groups."""
    counts: dict[str, Counter[str]] = {}
    for group in groups:
        for link in (*group.origins, *group.echoes):
            if link.kind == "outlet":
                counts.setdefault(outlet_key(link.name), Counter())[link.name] += 1
    preferred = {key: names.most_common(1)[0][0] for key, names in counts.items()}

    def rename(links: tuple[ChainLink, ...]) -> tuple[ChainLink, ...]:
        return tuple(
            ChainLink(preferred.get(outlet_key(link.name), link.name), link.kind)
            if link.kind == "outlet"
            else link
            for link in links
        )

    return tuple(
        replace(group, origins=rename(group.origins), echoes=rename(group.echoes))
        for group in groups
    )


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One claim group across the story's outlets."""

    group_id: str
    summary: str
    status: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class ClaimMatrix:
    """Claim groups as rows, outlets as columns; a cell says stated, stated differently or
    absent (an outlet states a group "differently" when one of its claims in the group is part
    of a discrepancy)."""

    outlets: tuple[str, ...]
    rows: tuple[MatrixRow, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON and CSV writers."""
        return {
            "outlets": list(self.outlets),
            "rows": [
                {
                    "group_id": r.group_id,
                    "summary": r.summary,
                    "status": r.status,
                    "cells": dict(zip(self.outlets, r.cells, strict=True)),
                }
                for r in self.rows
            ],
        }


def claim_matrix(view: StoryView, *, min_outlets: int = 1) -> ClaimMatrix:
    """The story's claim matrix; rows with fewer than ``min_outlets`` outlets are left out."""
    outlets = tuple(dict.fromkeys(a.outlet or a.id for a in view.articles))
    involved: set[str] = set()
    for found in view.discrepancies:
        involved.update(found.claim_ids)
    rows: list[MatrixRow] = []
    for group in view.groups:
        if len(group.outlets) < min_outlets:
            continue
        cells: list[Cell] = []
        for outlet in outlets:
            mine = [m for m in group.members if (m.outlet or m.article_id) == outlet]
            if not mine:
                cells.append("absent")
            elif any(m.claim_id in involved for m in mine):
                cells.append("stated differently")
            else:
                cells.append("stated")
        rows.append(MatrixRow(group.id, group.summary, group.status, tuple(cells)))
    return ClaimMatrix(outlets, tuple(rows))
