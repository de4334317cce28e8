"""Cost of scoring cue-head candidates over parsed PolNeAR dev docs, and a check that the two
scoring paths agree (one core, CPU seconds).

Usage (from the repository root):

    .venv/bin/python bench/analyze_speed/cue_scoring.py --data ../shared/eval/polnear/dev

The dev texts are parsed once (``parse_many`` with the evaluation's entity scope). Then, for
several passes, every candidate token (``is_candidate``) is scored two ways: the string path
``model.score(cue_features(...))`` (what training sees) and the memo path
``model.score_token(...)``. Each pass starts from fresh per-doc layouts (rebuilt, and timed, in
the path that runs first in that pass; the order alternates). The script fails if any score
differs between the paths.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from newstrace.analyze._attr_lexicon import load_language  # noqa: E402
from newstrace.analyze._attr_model import (  # noqa: E402
    CueModel,
    cue_features,
    is_candidate,
    load_cue_model,
)
from newstrace.analyze._cue_layout import _KEY as _LAYOUT_KEY  # noqa: E402
from newstrace.analyze._cue_layout import build_layout  # noqa: E402
from newstrace.analyze.nlp import parse_many  # noqa: E402
from newstrace.evaluate.polnear import ATTRIBUTION_ENTITIES  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import spacy_dev_setup  # noqa: E402


def by_strings(model: CueModel, tokens: list[Any], prior: Any, words: Any) -> list[float]:
    """Scores through the feature strings."""
    return [model.score(cue_features(t, prior, words)) for t in tokens]


def by_memo(model: CueModel, tokens: list[Any], prior: Any, words: Any) -> list[float]:
    """Scores through the key -> weight memo."""
    return [model.score_token(t, prior, words) for t in tokens]


def main() -> None:
    """Parse, then time and compare the two scoring paths."""
    args, texts, options = spacy_dev_setup(__doc__, passes=4)
    docs = list(parse_many(texts, options, "en", entities=ATTRIBUTION_ENTITIES))
    lang = load_language("en")
    model = load_cue_model("en")
    assert model is not None
    prior, words = lang.cue_lemmas, lang.extra.get("cue_word_rates")
    tokens = [[t for t in doc if is_candidate(t)] for doc in docs]
    start = time.process_time()
    for doc in docs:
        build_layout(doc)
    print(
        f"{len(texts)} docs, {sum(map(len, tokens))} candidates; "
        f"layouts alone {time.process_time() - start:.3f} CPU s"
    )
    paths = {"strings": by_strings, "memo": by_memo}
    for n in range(args.passes):
        order = ["strings", "memo"] if n % 2 == 0 else ["memo", "strings"]
        for doc in docs:
            doc.user_data.pop(_LAYOUT_KEY, None)
        found: dict[str, list[list[float]]] = {}
        times = {}
        for name in order:
            start = time.process_time()
            found[name] = [paths[name](model, ts, prior, words) for ts in tokens]
            times[name] = time.process_time() - start
        if found["strings"] != found["memo"]:
            raise SystemExit("the two scoring paths disagree")
        print(
            f"pass {n + 1} ({order[0]} first): "
            + ", ".join(f"{k} {v:.3f} CPU s" for k, v in times.items())
        )


if __name__ == "__main__":
    main()
