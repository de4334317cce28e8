"""Time a 50-article story end to end on one core: ingest, analyze, group, provenance, report.

The analyze stage uses ``analyze_many`` (articles parsed in batches), as ``newstrace analyze``
does.

Usage (from the repository root)::

    .venv/bin/python bench/story_e2e/generate.py --out /tmp/story50 --articles 50
    .venv/bin/python bench/story_e2e/run.py /tmp/story50 [--profile 25] [--backend spacy]

The process pins itself to one CPU and caps numeric libraries at one thread before importing
them. The pipeline runs twice in the same process: the first ("cold") run pays for loading
models (spaCy, the sentence encoder) and filling caches; the second ("warm") run is what a
long-lived process (web server, batch worker) pays per story. Each stage is timed in CPU
seconds of this process (``time.process_time``) and in wall seconds; with ``--profile N`` the
warm run is also profiled and the N most expensive functions (cumulative time) are printed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from newstrace.analyze.options import AnalysisOptions
    from newstrace.model import Article, ArticleAnalysis

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

T = TypeVar("T")
Timings = list[tuple[str, float, float]]


def timed(timings: Timings, stage: str, step: Callable[[], T]) -> T:
    """Run one stage, append ``(stage, cpu seconds, wall seconds)``, return its result."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = step()
    timings.append((stage, time.process_time() - cpu, time.perf_counter() - wall))
    return result


def pipeline(folder: Path, options: AnalysisOptions) -> tuple[Timings, dict[str, Any]]:
    """The whole pipeline on every article file in ``folder`` (with its ``meta.json``)."""
    from newstrace.analyze import analyze_many
    from newstrace.ingest import MetaIndex, ingest
    from newstrace.model import Article
    from newstrace.report.html import render_html
    from newstrace.report.json import build_document, render_json, split_stories

    timings: Timings = []
    inputs = sorted(str(p) for p in folder.iterdir() if p.name != "meta.json")
    meta = MetaIndex.load(folder / "meta.json")
    articles = timed(timings, "ingest", lambda: list(ingest(inputs, meta=meta)))
    kept = [a for a in articles if isinstance(a, Article)]
    if len(kept) != len(inputs):
        raise SystemExit(f"{len(inputs) - len(kept)} inputs were rejected")

    def analyse_all() -> list[tuple[Article, ArticleAnalysis]]:
        return list(zip(kept, analyze_many(kept, options), strict=True))

    pairs = timed(timings, "analyze", analyse_all)
    stories = timed(timings, "group (stories)", lambda: split_stories(pairs))
    doc = timed(timings, "provenance (story view)", lambda: build_document(stories))
    timed(timings, "report (json + html)", lambda: (render_json(doc), render_html(doc)))
    return timings, doc


def show(label: str, timings: Timings) -> None:
    """Print one run's stage table."""
    print(f"\n{label}\n{'stage':<26}{'cpu s':>8}{'wall s':>8}")
    for stage, cpu, wall in timings:
        print(f"{stage:<26}{cpu:>8.2f}{wall:>8.2f}")
    print(f"{'total':<26}{sum(t[1] for t in timings):>8.2f}{sum(t[2] for t in timings):>8.2f}")


def main() -> None:
    """Parse arguments, run cold and warm, print the tables and (optionally) a profile."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--backend", choices=["spacy", "rules"], default="spacy")
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest calls")
    args = parser.parse_args()
    for name in THREAD_VARIABLES:  # before numpy and the encoders load (lazily, below)
        os.environ[name] = "1"
    from newstrace.analyze.options import AnalysisOptions

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    options = AnalysisOptions(backend=args.backend)
    cold, doc = pipeline(args.folder, options)
    show("cold run (includes loading models)", cold)
    profiler = cProfile.Profile() if args.profile else None
    if profiler is not None:
        profiler.enable()
    warm, doc = pipeline(args.folder, options)
    if profiler is not None:
        profiler.disable()
    show("warm run (models loaded)", warm)
    stories = doc["stories"]
    print(
        f"\n{len(doc['articles'])} articles, {len(stories)} stories, "
        f"{sum(len(s['claim_groups']) for s in stories)} claim groups"
    )
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.profile)
        print(out.getvalue())


if __name__ == "__main__":
    main()
