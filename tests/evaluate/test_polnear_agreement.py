"""Annotator agreement and predictions beside annotators, on a tiny hand-made split."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main
from newstrace.evaluate.agreement import (
    annotations_by_article,
    annotator_agreement,
    predictions_vs_annotators,
)

TEXT = "The mayor said the road would reopen. Officials fear delays, a clerk added.\n"
#: annotator a: two attributions
ANN_A = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 37\tthe road would reopen.
E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3
T4\tSource 38 47\tOfficials
T5\tCue 48 52\tfear
T6\tContent 53 59\tdelays
E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6
"""
#: annotator b: the first as a; the second with a wider cue and no source
ANN_B = """T1\tSource 0 9\tThe mayor
T2\tCue 10 14\tsaid
T3\tContent 15 37\tthe road would reopen.
E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3
T5\tCue 38 52\tOfficials fear
T6\tContent 53 59\tdelays
E2\tAttribution:T5 Cue:T5 Content:T6
"""
#: annotator c: only the first attribution
ANN_C = ANN_A.split("T4")[0]

WORDS = ("the", "road", "would", "reopen", "mayor", "said")


def _split(root: Path) -> Path:
    split = root / "split"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "one_x.txt").write_text(TEXT, encoding="utf-8")
    (split / "text" / "single.txt").write_text(TEXT, encoding="utf-8")
    for name, ann in (("a", ANN_A), ("b", ANN_B), ("c", ANN_C)):
        (split / "attributions" / f"one_x_{name}.ann").write_text(ann, encoding="utf-8")
    (split / "attributions" / "single_a.ann").write_text(ANN_A, encoding="utf-8")
    (split / "attributions" / "orphan_a.ann").write_text(ANN_A, encoding="utf-8")
    (split / "attributions" / "orphan_b.ann").write_text(ANN_A, encoding="utf-8")
    return split


def test_only_articles_with_several_annotators_and_a_text(tmp_path: Path) -> None:
    found = annotations_by_article(_split(tmp_path))
    assert list(found) == ["one_x"]
    assert sorted(found["one_x"]) == ["a", "b", "c"]


def test_pairwise_agreement_counts(tmp_path: Path) -> None:
    scores = annotator_agreement(_split(tmp_path))
    assert scores.pairs == 3
    cue = scores.roles["Cue"].exact
    # a-b: 1 of 2 cues identical; a-c and b-c: 1 each, against 2 + 1 attributions
    assert (cue.matched, cue.predicted + cue.reference) == (3, 10)
    # overlap: "fear" and "Officials fear" share characters
    assert scores.roles["Cue"].overlap.matched == 4
    # attribution level: the second pair a-b fails on source (a has one, b none)
    assert scores.attributions.matched == 3


def test_predictions_beside_annotators(tmp_path: Path) -> None:
    split = _split(tmp_path)
    predictions = tmp_path / "pred"
    predictions.mkdir()
    (predictions / "one_x.ann").write_text(ANN_A, encoding="utf-8")
    (predictions / "single.ann").write_text(ANN_A, encoding="utf-8")
    side = predictions_vs_annotators(split, predictions)
    assert side.articles == ["one_x"]
    assert side.predictions.pairs == 3 and side.annotators.pairs == 6
    # identical to a: 2 matches against a, 1 against b (b's second has no source), 1 against c
    assert side.predictions.attributions.matched == 4
    assert side.predictions.attributions.reference == 2 + 2 + 1
    assert side.annotators.attributions.matched == 6
    assert predictions_vs_annotators(split, predictions, articles=["other"]).articles == []


def test_cli_prints_both_blocks_and_rejects_a_split_without_overlap(tmp_path: Path) -> None:
    split = _split(tmp_path)
    predictions = tmp_path / "pred"
    predictions.mkdir()
    (predictions / "one_x.ann").write_text(ANN_B, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["eval", "polnear-agreement", "--data", str(split), "--predictions", str(predictions)],
    )
    assert result.exit_code == 0, result.output
    assert "annotator vs annotator, unordered pairs (3 pairs)" in result.output
    assert "predictions vs each annotator (3 pairs)" in result.output
    (split / "attributions" / "one_x_b.ann").unlink()
    (split / "attributions" / "one_x_c.ann").unlink()
    result = runner.invoke(main, ["eval", "polnear-agreement", "--data", str(split)])
    assert result.exit_code != 0
    assert "no article has more than one annotator" in result.output


POLNEAR_TRAIN = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "polnear" / "train"


def test_polnear_train_agreement_figures() -> None:
    if not (POLNEAR_TRAIN / "attributions").is_dir():
        pytest.skip(f"PolNeAR train not found at {POLNEAR_TRAIN}")
    scores = annotator_agreement(POLNEAR_TRAIN)
    assert scores.pairs == 235
    assert round(scores.roles["Cue"].exact.f1, 3) == 0.707
    assert round(scores.attributions.f1, 3) == 0.780
