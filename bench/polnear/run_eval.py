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
    args = parser.parse_args()
    started = time.perf_counter()
    report = run_polnear_eval(args.data, args.out, AnalysisOptions(backend=args.backend))
    print(report.summary())
    print(f"wall time: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
