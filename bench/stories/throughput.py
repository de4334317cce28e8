"""Insert rate of the story clusterer as the number of stored articles grows.

Usage (from the repository root)::

    .venv/bin/python bench/stories/throughput.py --articles 100000 --every 10000
    .venv/bin/python bench/stories/throughput.py --articles 3000 --every 1000 --embedding use

Prints one line per checkpoint: stored articles, the insert rate over the last window (with
evidence computed per article, and for the clustering step alone), stories so far, and the
process's peak memory. Rates are per second of this process's CPU time (``time.process_time``),
so that other jobs on a shared machine do not distort the curve. Articles come from
``stream.py`` (synthetic, seeded).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stream import stream

from newstrace.link.embed import EmbeddingOptions
from newstrace.link.evidence import article_evidence
from newstrace.link.stories import StoryClusterer


def main() -> None:
    """Run the benchmark and print the curve."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--every", type=int, default=10_000)
    parser.add_argument("--embedding", choices=["none", "use", "e5"], default="none")
    args = parser.parse_args()
    embedding = None
    if args.embedding != "none":
        embedding = EmbeddingOptions(model="e5" if args.embedding == "e5" else "use")
    clusterer = StoryClusterer(embedding=embedding)
    window_total = window_cluster = 0.0
    window = 0
    print("stored  inserts/s(evidence+cluster)  inserts/s(cluster only)  stories  peak_MB")
    for count, article in enumerate(stream(args.articles), 1):
        started = time.process_time()
        evidence = article_evidence(article, None, embedding)
        middle = time.process_time()
        clusterer.add_evidence(evidence, title=article.title)
        ended = time.process_time()
        window_total += ended - started
        window_cluster += ended - middle
        window += 1
        if count % args.every == 0 or count == 1000:
            size = window
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{count:>6}  {size / window_total:>27.1f}  {size / window_cluster:>23.1f}"
                f"  {len(clusterer.story_ids()):>7}  {peak:>7.0f}",
                flush=True,
            )
            window_total = window_cluster = 0.0
            window = 0
    window = 0


if __name__ == "__main__":
    main()
