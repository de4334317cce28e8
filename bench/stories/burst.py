"""A burst of articles on one event: one story, bounded state, steady insert rate.

Usage (from the repository root)::

    .venv/bin/python bench/stories/burst.py --articles 10000

Prints, every 2,000 articles: stories so far, the size of the biggest story's kept state
(exemplars, centroid terms, counted entities) and the process's peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stream import Event, _article

from newstrace.link.evidence import article_evidence
from newstrace.link.stories import StoryClusterer


def main() -> None:
    """Run the burst and print its state as it grows."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    from wordfreq import top_n_list

    rng = random.Random(11)
    vocabulary = top_n_list("en", 5000)
    event = Event(rng, 0, vocabulary)
    clusterer = StoryClusterer()
    spent = 0.0
    print("articles  stories  biggest  exemplars  centroid_terms  entities  inserts/s  peak_MB")
    for count in range(1, args.articles + 1):
        article = _article(rng, event, vocabulary[50:2000], count)
        evidence = article_evidence(article)
        started = time.process_time()
        clusterer.add_evidence(evidence, title=article.title)
        spent += time.process_time() - started
        if count % 2000 == 0:
            states = sorted(clusterer._stories.values(), key=lambda s: -len(s.article_ids))
            big = states[0]
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{count:>8}  {len(states):>7}  {len(big.article_ids):>7}  {len(big.exemplars):>9}"
                f"  {len(big.centroid):>14}  {len(big.entities):>8}  {2000 / spent:>9.0f}"
                f"  {peak:>7.0f}",
                flush=True,
            )
            spent = 0.0


if __name__ == "__main__":
    main()
