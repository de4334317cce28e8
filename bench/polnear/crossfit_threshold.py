"""Choose the cue model's operating point on PolNeAR train by cross-fitting the whole pipeline.

For each of the 5 folds of train (``train_cues.FOLDS``, documents ``data[k::5]``), a cue-head
model is trained on the other four folds (the cross-fitted samples of ``train_cues.examples``,
6 epochs) with lemma and word rates from those folds only; the attribution pipeline then runs on
the held-out fold's cached parses with that model at each threshold of a grid, and with each
``sourceless_cue_margin`` (a cue without a source must score that far above the threshold).
Scores are summed over the five held-out folds with the PolNeAR scorer. Dev is never read.

Usage (from the repository root; the parse cache is a ``DocBin`` with a ``.names`` file beside
it, as for ``train_cues.py --cache``):

    .venv/bin/python bench/polnear/crossfit_threshold.py --train ../shared/eval/polnear/train \
        --cache train.spacy --work /tmp/xfit --thresholds=-5,-7,-9,-11 --margins 0,6

Models and samples are cached in ``--work``; the per-setting figures are printed as a table.
Other learned data (``sourceless_lemmas``, ``predicate_preps``, and the cue extent unless
``--fold-extent``) are the shipped ones, learned on all of train, so they are in-sample on the
held-out folds. With ``--fold-extent`` the cue-extent weights are trained for each fold on the
other four (``train_cues.extent_samples`` with that fold's rates; not cached, about 5 CPU s a
fold), so extent changes are measured held out too. With ``--predictions DIR``, the held-out
predictions of the first setting are written there as brat ``.ann`` files (one per article, as
``run_eval.py --out`` does), for error listings.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_cues as tc

import newstrace.analyze._attr_cue as attr_cue
import newstrace.analyze._attr_dep as attr_dep
from newstrace.analyze._attr_lexicon import load_language
from newstrace.analyze._attr_model import CueModel
from newstrace.evaluate.polnear import (
    ROLES,
    attributions_of,
    gold_file,
    match_attributions,
    predicted_spans,
    to_brat,
)
from newstrace.evaluate.spans import Example, score_examples

Data = list[tuple[Any, list[Any]]]
#: figure name -> [matched, predicted, reference]
Counts = dict[str, list[int]]
FIGURES = ("Source exact", "Cue exact", "Content overlap", "Attribution")


def fold_model(data: Data, k: int, work: Path) -> dict[str, Any]:
    """Cue model, lemma rates and word rates learned without fold ``k`` (cached in ``work``)."""
    path = work / f"fold{k}.json"
    if path.exists():
        cached: dict[str, Any] = json.loads(path.read_text("utf-8"))
        return cached
    samples = _samples(data, work)
    rest_samples = [s for j, fold in enumerate(samples) if j != k for s in fold]
    rest = [d for j in range(tc.FOLDS) if j != k for d in data[j :: tc.FOLDS]]
    seen, hits = tc.lemma_rates(rest)
    model = {
        "weights": {f: round(w, 3) for f, w in tc.train_perceptron(rest_samples, 6).items()},
        "cue_lemmas": tc.rates(seen, hits, min_hits=2),
        "cue_word_rates": tc.word_rates(rest),
    }
    path.write_text(json.dumps(model), "utf-8")
    return model


def _samples(data: Data, work: Path) -> list[list[tc.Sample]]:
    """Cross-fitted cue-head samples, one list per fold (the order of ``tc.examples``)."""
    path = work / "samples_by_fold.pkl"
    if path.exists():
        with path.open("rb") as handle:
            cached: list[list[tc.Sample]] = pickle.load(handle)
            return cached
    flat = tc.examples(data)
    sizes = [
        sum(sum(tc.is_candidate(t) for t in doc) for doc, _ in data[k :: tc.FOLDS])
        for k in range(tc.FOLDS)
    ]
    out, start = [], 0
    for size in sizes:
        out.append(flat[start : start + size])
        start += size
    with path.open("wb") as handle:
        pickle.dump(out, handle)
    return out


def fold_extent(data: Data, k: int, model: dict[str, Any]) -> dict[str, float]:
    """Cue-extent weights learned without fold ``k`` (with the fold model's rates)."""
    rest = [d for j in range(tc.FOLDS) if j != k for d in data[j :: tc.FOLDS]]
    samples = tc.extent_samples(rest, model["cue_lemmas"], model["cue_word_rates"])
    weights = tc.train_perceptron(samples, tc.EXTENT_EPOCHS)
    return {f: round(w, 3) for f, w in weights.items() if abs(w) >= 0.001}


def score_fold(
    data: Data,
    k: int,
    model: dict[str, Any],
    threshold: float,
    margin: float,
    out: dict[int, Path] | None = None,
) -> Counts:
    """PolNeAR counts of the pipeline on fold ``k`` with its held-out cue model (and its
    held-out extent weights when ``model`` has ``extent``); ``out`` maps a document's index in
    ``data`` to the ``.ann`` file its predictions are written to."""
    lang = load_language("en")
    lang.cue_lemmas.clear()
    lang.cue_lemmas.update(model["cue_lemmas"])
    lang.extra["cue_word_rates"] = model["cue_word_rates"]
    lang.extra["sourceless_cue_margin"] = margin
    cue_model = CueModel(weights=model["weights"], threshold=threshold)
    attr_dep.load_cue_model = lambda code: cue_model  # type: ignore[assignment]
    if "extent" in model:
        extent = model["extent"]
        attr_cue.load_extent_weights = lambda code: extent  # type: ignore[assignment]
    attribution = [0, 0, 0]
    examples = []
    for position in range(k, len(data), tc.FOLDS):
        doc, gold = data[position]
        text = doc.text
        found_raw = attributions_of(text, doc)
        if out is not None and position in out:
            out[position].write_text(to_brat(text, found_raw), "utf-8")
        pred = predicted_spans(found_raw)
        found = match_attributions(text, pred, gold)
        attribution = [
            attribution[0] + found.matched,
            attribution[1] + found.predicted,
            attribution[2] + found.reference,
        ]
        examples.append(
            Example(
                text,
                tuple(s for a in pred for r in ROLES if (s := a.segment(r))),
                tuple(s for a in gold for r in ROLES if (s := a.segment(r))),
            )
        )
    roles = score_examples(examples)

    def counts(label: str, kind: str) -> list[int]:
        prf = getattr(roles[label], kind)
        return [prf.matched, prf.predicted, prf.reference]

    return {
        "Source exact": counts("Source", "exact"),
        "Cue exact": counts("Cue", "exact"),
        "Content overlap": counts("Content", "overlap"),
        "Attribution": attribution,
    }


def f1(counts: list[int]) -> float:
    """F1 of ``[matched, predicted, reference]`` (matching is one-to-one)."""
    matched, predicted, reference = counts
    return 2 * matched / (predicted + reference) if predicted + reference else 0.0


def _prediction_files(split: Path, folder: Path) -> dict[int, Path]:
    """Index in ``tc.load_docs`` order -> ``folder/NAME.ann`` (annotated articles only)."""
    folder.mkdir(parents=True, exist_ok=True)
    names = sorted(p.stem for p in (split / "text").glob("*.txt"))
    annotated = [n for n in names if gold_file(split, n) is not None]
    return {i: folder / f"{name}.ann" for i, name in enumerate(annotated)}


def main() -> None:
    """Train the fold models, score every setting, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True, help="DocBin of the parsed split")
    parser.add_argument("--work", type=Path, required=True, help="folder for cached models")
    parser.add_argument("--thresholds", default="-5,-7,-9,-11", help="absolute cue thresholds")
    parser.add_argument("--margins", default="0", help="sourceless_cue_margin values")
    parser.add_argument(
        "--predictions", type=Path, help="write the first setting's held-out .ann files here"
    )
    parser.add_argument(
        "--fold-extent", action="store_true", help="train the cue-extent weights per fold too"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    data = tc.load_docs(args.train, args.cache)
    thresholds = [float(t) for t in args.thresholds.split(",")]
    margins = [float(m) for m in args.margins.split(",")]
    out = _prediction_files(args.train, args.predictions) if args.predictions else None
    totals: dict[tuple[float, float], Counts] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for k in range(tc.FOLDS):
        model = fold_model(data, k, args.work)
        if args.fold_extent:
            model = {**model, "extent": fold_extent(data, k, model)}
        for threshold in thresholds:
            for margin in margins:
                first = threshold == thresholds[0] and margin == margins[0]
                scored = score_fold(data, k, model, threshold, margin, out if first else None)
                for name, counts in scored.items():
                    total = totals[(threshold, margin)][name]
                    totals[(threshold, margin)][name] = [
                        a + b for a, b in zip(total, counts, strict=True)
                    ]
    print("threshold margin | " + " | ".join(FIGURES))
    for (threshold, margin), counts in sorted(totals.items()):
        cells = " | ".join(f"{f1(counts[n]):.4f}" for n in FIGURES)
        content = counts["Content overlap"]
        print(f"{threshold:9} {margin:6} | {cells} {counts['Attribution']} content {content}")


if __name__ == "__main__":
    main()
