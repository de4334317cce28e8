"""Score HTML body extraction settings on the article-extraction-benchmark folder.

Usage (from the repository root)::

    .venv/bin/python bench/extraction/run.py --data ../shared/eval/extraction

Prints one Markdown table row per setting (precision, recall and F1 as the benchmark computes
them, mean per-page F1, rejected pages, seconds). Predictions of each setting are written to
``--out`` (a temporary folder by default). Results are recorded in ``RESULTS.md`` here.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import trafilatura

from newstrace.evaluate.extraction import run_extraction_eval
from newstrace.ingest.html import HtmlOptions, extract_html

Extractor = Callable[[str, str | None], str]


def _trafilatura(html: str, url: str | None, **kwargs: Any) -> str:
    return trafilatura.extract(html, **kwargs) or ""


def _newstrace(html: str, url: str | None, options: HtmlOptions) -> str:
    return extract_html(html, url, options).text


def settings() -> dict[str, tuple[Extractor, bool]]:
    """Setting name -> (extractor, whether it receives the page URL)."""
    base = HtmlOptions()
    plain = HtmlOptions(
        short_fallback=False, merge_split_body=False, rescue_notes=False, drop_title_line=False
    )
    traf = functools.partial
    return {
        "trafilatura.extract defaults": (traf(_trafilatura), False),
        "trafilatura include_comments=False (benchmark's call)": (
            traf(_trafilatura, include_comments=False),
            False,
        ),
        "trafilatura favor_precision": (
            traf(_trafilatura, include_comments=False, favor_precision=True),
            False,
        ),
        "trafilatura favor_recall": (
            traf(_trafilatura, include_comments=False, favor_recall=True),
            False,
        ),
        "trafilatura fast": (traf(_trafilatura, include_comments=False, fast=True), False),
        "trafilatura include_tables=False": (
            traf(_trafilatura, include_comments=False, include_tables=False),
            False,
        ),
        "newstrace precision, no repairs": (traf(_newstrace, options=plain), False),
        "newstrace standard mode + repairs": (
            traf(_newstrace, options=HtmlOptions(mode="standard")),
            False,
        ),
        "newstrace without short-output fallback": (
            traf(_newstrace, options=HtmlOptions(short_fallback=False)),
            False,
        ),
        "newstrace without split-body merge": (
            traf(_newstrace, options=HtmlOptions(merge_split_body=False)),
            False,
        ),
        "newstrace without note rescue": (
            traf(_newstrace, options=HtmlOptions(rescue_notes=False)),
            False,
        ),
        "newstrace without headline-line drop": (
            traf(_newstrace, options=HtmlOptions(drop_title_line=False)),
            False,
        ),
        "newstrace default (extract_html)": (traf(_newstrace, options=base), False),
        "newstrace default, given the page URL": (traf(_newstrace, options=base), True),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the chosen settings and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="benchmark folder")
    parser.add_argument("--out", type=Path, help="folder for predictions (default: temporary)")
    parser.add_argument("--only", action="append", help="run settings whose name contains this")
    parser.add_argument("--limit", type=int, help="score only the first N pages")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="newstrace-extraction-"))
    print("| setting | precision | recall | F1 | mean page F1 | rejected | seconds |")
    print("|---|---|---|---|---|---|---|")
    for index, (name, (extractor, pass_url)) in enumerate(settings().items()):
        if args.only and not any(part in name for part in args.only):
            continue
        report = run_extraction_eval(
            args.data,
            out / f"{index:02d}.json",
            extractor=extractor,
            limit=args.limit,
            pass_url=pass_url,
        )
        print(
            f"| {name} | {report.precision:.4f} | {report.recall:.4f} | {report.f1:.4f} | "
            f"{report.mean_document_f1:.4f} | {len(report.failures)} | {report.seconds:.1f} |",
            flush=True,
        )
    print(f"\npredictions: {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
