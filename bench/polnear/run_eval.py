"""Run the PolNeAR attribution evaluation on one split and print the scores.

Usage (from the repository root):

    .venv/bin/python bench/polnear/run_eval.py --data ../shared/eval/polnear/dev \
        --out /tmp/polnear-dev --backend spacy

The same as ``newstrace eval polnear --data DIR --predictions-out DIR`` once the CLI is wired.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newstrace.analyze.options import AnalysisOptions
from newstrace.evaluate.polnear import run_polnear_eval


def main() -> None:
    """Parse arguments, run, print the summary and the wall time."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="split dir with text/")
    parser.add_argument("--out", type=Path, required=True, help="where .ann predictions go")
    parser.add_argument("--backend", choices=["spacy", "rules"], default="spacy")
    parser.add_argument(
        "--parse-scope",
        choices=["cue_sentences", "all"],
        default="all",
        help="parse the whole text (the default, as `newstrace eval polnear` does) or only "
        "sentences holding a likely cue word (faster, loses recall)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    options = AnalysisOptions(backend=args.backend, parse_scope=args.parse_scope)
    report = run_polnear_eval(args.data, args.out, options)
    print(report.summary())
    print(f"wall time: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
