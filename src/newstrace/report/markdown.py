"""The Markdown report: per story, the claim matrix, claim groups with their provenance,
discrepancies with both versions, editorial notes and the timeline.

Rendered from the report document (see :mod:`newstrace.report.json`), so it shows the same
facts as the JSON, CSV and HTML reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newstrace.quoting import in_quotes
from newstrace.report import _document as d
from newstrace.report.graph_svg import group_graph, layers

LEGEND = """\
How to read this: each *claim group* is one statement that several articles make, even when
they word or translate it differently. An *origin* is a channel that reached the public
first-hand (a speaker talking to an outlet, or an outlet's own reporting); an *echo* is an
outlet that only repeats another outlet, so it adds no confirmation. *Independent origins*
counts the distinct origins. In the claim matrix, "stated differently" means that outlet's
version is involved in a discrepancy listed below."""

SYMBOL = {d.STATED: "● stated", d.DIFFERENT: "◐ stated differently", d.ABSENT: "·"}


def cell(text: object) -> str:
    """Text made safe for Markdown: one line, no table-breaking pipes, no raw HTML."""
    line = " ".join(str(text).split())
    for raw, safe in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|")):
        line = line.replace(raw, safe)
    return line


def plural(count: int, word: str) -> str:
    """``1 outlet``, ``2 outlets``."""
    return f"{count} {word}" + ("" if count == 1 else "s")


def render_markdown(doc: Mapping[str, Any]) -> str:
    """The whole document as Markdown."""
    articles = d.articles_by_id(doc)
    stories = list(doc.get("stories") or ())
    lines = ["# newstrace report", "", LEGEND, ""]
    count = "1 story" if len(stories) == 1 else f"{len(stories)} stories"
    lines += [f"{plural(len(articles), 'article')}, {count}.", ""]
    for story in stories:
        lines += _story(story, articles)
    return "\n".join(lines).rstrip() + "\n"


def _story(story: Mapping[str, Any], articles: Mapping[str, d.ArticleInfo]) -> list[str]:
    title = story.get("title") or story.get("id")
    lines = [f"## Story: {cell(title)}", "", f"Story id `{story.get('id')}`.", ""]
    lines += ["### Articles", "", "| outlet | published | language | title |", "|---|---|---|---|"]
    for aid in story.get("article_ids") or ():
        info = articles.get(str(aid))
        if info:
            lines.append(
                f"| {cell(info.outlet)} | {cell(info.published or '?')} | "
                f"{cell(info.language or '?')} | {cell(info.title or '-')} |"
            )
    lines.append("")
    lines += _matrix(story, articles)
    lines += _groups(story, articles)
    lines += _discrepancies(story, articles)
    lines += _rows("Editorial notes and corrections", d.note_rows(story, articles))
    lines += _rows("Timeline", d.timeline_rows(story, articles))
    return lines


def _matrix(story: Mapping[str, Any], articles: Mapping[str, d.ArticleInfo]) -> list[str]:
    outlets = d.story_outlets(story, articles)
    groups = list(story.get("claim_groups") or ())
    if not groups:
        return ["### Claim matrix", "", "No claims were found.", ""]
    head = "| claim | status | origins | " + " | ".join(cell(o) for o in outlets) + " |"
    lines = ["### Claim matrix", "", head, "|" + "---|" * (len(outlets) + 3)]
    for group, row in zip(groups, d.claim_matrix(story, articles), strict=True):
        cells = " | ".join(SYMBOL[c] for c in row)
        lines.append(
            f"| {cell(group.get('summary'))} | {d.status_label(str(group.get('status')))} | "
            f"{group.get('independent_origins', 0)} of "
            f"{plural(len(group.get('outlets') or ()), 'outlet')} | {cells} |"
        )
    return [*lines, ""]


def _groups(story: Mapping[str, Any], articles: Mapping[str, d.ArticleInfo]) -> list[str]:
    lines = ["### Claim groups and where they come from", ""]
    for group in story.get("claim_groups") or ():
        status = str(group.get("status"))
        lines += [
            f"#### {cell(group.get('summary'))}",
            "",
            f"- status: **{d.status_label(status)}** ({d.STATUS_HELP.get(status, '')})",
            f"- {plural(len(group.get('outlets') or ()), 'outlet')}, "
            f"{plural(int(group.get('independent_origins') or 0), 'independent origin')}",
            f"- origins: {cell(', '.join(d.origin_names(group)) or '-')}",
            f"- echoes: {cell(', '.join(d.echo_names(group)) or '-')}",
            "- provenance:",
        ]
        lines += [f"  - {path}" for path in _paths(group, articles)]
        lines.append("- claims:")
        for claim in group.get("claims") or ():
            outlet = d.outlet_of(str(claim.get("article_id")), articles)
            lines.append(
                f"  - {cell(outlet)} (source: {cell(d.source_name(claim))}): "
                f"{in_quotes(cell(claim.get('text')))}"
            )
        lines.append("")
    return lines


def _paths(group: Mapping[str, Any], articles: Mapping[str, d.ArticleInfo]) -> list[str]:
    """The provenance graph as text: one line per edge, in layer order."""
    graph = group_graph(group, articles)
    layer = layers(graph)
    names = {n.key: n for n in graph.nodes}
    edges = sorted(graph.edges, key=lambda e: (layer.get(e.source, 0), e.source, e.target))
    out = [
        f"{names[e.source].name} ({names[e.source].role}) → "
        f"{names[e.target].name} ({names[e.target].role})"
        for e in edges
        if e.source in names and e.target in names
    ]
    linked = {e.source for e in graph.edges} | {e.target for e in graph.edges}
    out += [f"{n.name} ({n.role})" for n in graph.nodes if n.key not in linked]
    return [cell(line) for line in out]


def _discrepancies(story: Mapping[str, Any], articles: Mapping[str, d.ArticleInfo]) -> list[str]:
    items = list(story.get("discrepancies") or ())
    lines = ["### Discrepancies", ""]
    if not items:
        return [*lines, "None found.", ""]
    for item in items:
        kind = str(item.get("kind"))
        lines.append(f"- **{d.discrepancy_label(kind)}**: {cell(item.get('summary'))}")
        for version in d.discrepancy_versions(item, story, articles):
            lines.append(
                f"  - {cell(version.outlet)} (source: {cell(version.source or '?')}): "
                f"{in_quotes(cell(version.text))}"
            )
    return [*lines, ""]


def _rows(title: str, rows: list[d.Row]) -> list[str]:
    lines = [f"### {title}", ""]
    if not rows:
        return [*lines, "None.", ""]
    lines += ["| when | outlet | what | text |", "|---|---|---|---|"]
    for row in rows:
        text = row.text + (f" ({row.detail})" if row.detail else "")
        lines.append(
            f"| {cell(row.when or '?')} | {cell(row.outlet)} | {cell(row.label)} | {cell(text)} |"
        )
    return [*lines, ""]
