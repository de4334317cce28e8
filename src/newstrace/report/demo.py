"""The demo report: the whole pipeline's report of a corpus, in every format, in one folder.

``newstrace demo --out demo-report`` (``make demo``) writes ``report.html`` (the
self-contained page to open in a browser), ``report.json`` (its JSON twin), ``report.md`` and
``report.csv`` (the claim matrix) for the bundled example corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newstrace.model import Article, ArticleAnalysis
from newstrace.report.csv import render_csv
from newstrace.report.html import render_html
from newstrace.report.json import build_document, render_json, split_stories
from newstrace.report.markdown import render_markdown

DEMO_TITLE = "newstrace report: the example corpus"


def _html(doc: Mapping[str, Any]) -> str:
    return render_html(doc, title=DEMO_TITLE)


WRITERS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "report.html": _html,
    "report.json": render_json,
    "report.md": render_markdown,
    "report.csv": render_csv,
}


def write_report_files(doc: Mapping[str, Any], out: Path) -> list[Path]:
    """Write the document into ``out`` in every format; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, render in WRITERS.items():
        path = out / name
        path.write_text(render(doc), encoding="utf-8", newline="")
        written.append(path)
    return written


def write_demo_report(pairs: Sequence[tuple[Article, ArticleAnalysis]], out: Path) -> list[Path]:
    """Cluster the analysed articles into stories and write the report files into ``out``."""
    return write_report_files(build_document(split_stories(pairs)), out)
