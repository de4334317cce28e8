"""The self-contained HTML report: one static file that opens offline.

Everything is inline (CSS in a ``<style>`` element, provenance graphs as inline SVG computed
by :mod:`newstrace.report.graph_svg`); there are no scripts, fonts or other external
resources. The page is rendered from the report document (the JSON twin) through a Jinja2
template with autoescaping on, so article text can never inject markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from newstrace.quoting import in_quotes
from newstrace.report import _document as d
from newstrace.report.graph_svg import group_svg

CELL_CLASS = {d.STATED: "stated", d.DIFFERENT: "differs", d.ABSENT: "absent"}


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A member claim as shown under its group."""

    outlet: str
    source: str
    chain: str
    text: str
    published: str


@dataclass(frozen=True, slots=True)
class GroupView:
    """A claim group ready for the template."""

    id: str
    anchor: str
    summary: str
    status: str
    status_label: str
    status_help: str
    outlets: int
    independent: int
    origins: list[str]
    echoes: list[str]
    cells: list[tuple[str, str]]
    svg: Markup
    claims: list[ClaimView]


@dataclass(frozen=True, slots=True)
class DiscrepancyView:
    """A discrepancy with its explanation and every version involved."""

    kind: str
    label: str
    summary: str
    versions: list[d.Version]


@dataclass(frozen=True, slots=True)
class StoryView:
    """One story, everything the template shows about it."""

    id: str
    anchor: str
    title: str
    articles: list[d.ArticleInfo]
    outlets: list[str]
    groups: list[GroupView]
    shared: list[GroupView]
    single: list[GroupView]
    discrepancies: list[DiscrepancyView]
    notes: list[d.Row]
    timeline: list[d.Row]
    counts: dict[str, int]


def plural(count: int, word: str) -> str:
    """``1 outlet``, ``2 outlets``, ``3 discrepancies``."""
    if count == 1:
        return f"{count} {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"


def when(value: str) -> str:
    """An ISO date-time shortened for a table: ``2025-04-08 19:30`` (dates unchanged)."""
    if len(value) > 10 and value[10] in "T ":
        return f"{value[:10]} {value[11:16]}"
    return value


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment over the packaged templates (autoescape always on)."""
    env = Environment(
        loader=PackageLoader("newstrace.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["plural"] = plural
    env.filters["when"] = when
    env.filters["quoted"] = in_quotes
    return env


def _anchor(prefix: str, raw: object) -> str:
    text = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in str(raw))
    return f"{prefix}-{text}"


def _group_view(
    story_id: str,
    group: Mapping[str, Any],
    row: list[str],
    articles: Mapping[str, d.ArticleInfo],
) -> GroupView:
    status = str(group.get("status") or "")
    claims = [
        ClaimView(
            outlet=d.outlet_of(str(c.get("article_id")), articles),
            source=d.source_name(c),
            chain=d.chain_text(c),
            text=" ".join(str(c.get("text") or "").split()),
            published=getattr(articles.get(str(c.get("article_id"))), "published", ""),
        )
        for c in group.get("claims") or ()
    ]
    return GroupView(
        id=str(group.get("id") or ""),
        anchor=_anchor(f"g-{story_id}", group.get("id")),
        summary=" ".join(str(group.get("summary") or "").split()),
        status=status,
        status_label=d.status_label(status),
        status_help=d.STATUS_HELP.get(status, ""),
        outlets=len(group.get("outlets") or ()),
        independent=int(group.get("independent_origins") or 0),
        origins=d.origin_names(group),
        echoes=d.echo_names(group),
        cells=[(CELL_CLASS[c], c) for c in row],
        # the SVG is assembled from escaped parts in graph_svg
        svg=Markup(group_svg({**group, "id": f"{story_id}-{group.get('id')}"}, articles)),
        claims=claims,
    )


def story_view(story: Mapping[str, Any], articles: Mapping[str, d.ArticleInfo]) -> StoryView:
    """Everything the template needs about one story, from its plain-data view."""
    sid = str(story.get("id") or "")
    outlets = d.story_outlets(story, articles)
    raw_groups = list(story.get("claim_groups") or ())
    matrix = d.claim_matrix(story, articles)
    groups = [_group_view(sid, g, row, articles) for g, row in zip(raw_groups, matrix, strict=True)]
    ordered = sorted(groups, key=lambda g: (-g.outlets, -g.independent))
    discrepancies = [
        DiscrepancyView(
            kind=str(item.get("kind") or ""),
            label=d.discrepancy_label(str(item.get("kind") or "")),
            summary=str(item.get("summary") or ""),
            versions=d.discrepancy_versions(item, story, articles),
        )
        for item in story.get("discrepancies") or ()
    ]
    members = [articles[str(a)] for a in story.get("article_ids") or () if str(a) in articles]
    counts = {
        "articles": len(members),
        "outlets": len(outlets),
        "groups": len(groups),
        "corroborated": sum(g.status == "corroborated" for g in groups),
        "discrepancies": len(discrepancies),
    }
    return StoryView(
        id=sid,
        anchor=_anchor("story", sid),
        title=str(story.get("title") or sid),
        articles=members,
        outlets=outlets,
        groups=groups,
        shared=[g for g in ordered if g.outlets > 1],
        single=[g for g in ordered if g.outlets <= 1],
        discrepancies=discrepancies,
        notes=d.note_rows(story, articles),
        timeline=d.timeline_rows(story, articles),
        counts=counts,
    )


def render_html(doc: Mapping[str, Any], *, title: str = "newstrace report") -> str:
    """The whole document as one self-contained HTML page."""
    articles = d.articles_by_id(doc)
    stories = [story_view(s, articles) for s in doc.get("stories") or ()]
    template = environment().get_template("report.html.j2")
    return template.render(
        title=title,
        stories=stories,
        article_count=len(articles),
        status_help=d.STATUS_HELP,
        status_labels=d.STATUS_LABELS,
    )
