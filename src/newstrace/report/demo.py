"""The demo report: what newstrace found in each article of a corpus (JSON and Markdown)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from newstrace.model import Article, ArticleAnalysis
from newstrace.report.analysis import analysis_to_dict, claim_line


def write_demo_report(pairs: Sequence[tuple[Article, ArticleAnalysis]], out: Path) -> list[Path]:
    """Write ``report.json`` and ``report.md`` into ``out``; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    data = [
        {**analysis_to_dict(article, analysis), "article": article.to_dict()}
        for article, analysis in pairs
    ]
    json_path = out / "report.json"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    md_path = out / "report.md"
    md_path.write_text(render_markdown(pairs), encoding="utf-8")
    return [json_path, md_path]


def render_markdown(pairs: Sequence[tuple[Article, ArticleAnalysis]]) -> str:
    """A readable Markdown page: per article, metadata, notes, what cleaning removed, claims."""
    lines = ["# newstrace report", ""]
    for article, analysis in pairs:
        lines += [
            f"## {article.outlet or 'unknown outlet'}: {article.title or article.source or '-'}",
            "",
            f"- id: `{article.id}`; language: {analysis.language}; "
            f"published: {article.published or 'unknown'}; url: {article.url or '-'}",
            f"- {len(analysis.sentences)} sentences, {len(analysis.claims)} claims, "
            f"{len(analysis.attributions)} attributions, "
            f"{len(article.removed)} pieces removed by cleaning",
        ]
        for note in article.notes:
            change = f" (was: {note.old!r}; now: {note.new!r})" if note.old or note.new else ""
            lines.append(f"- **{note.kind}**: {note.text}{change}")
        lines += ["", "| # | claim |", "|---|---|"]
        for number, claim in enumerate(analysis.claims, 1):
            lines.append(f"| {number} | {claim_line(claim).replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)
