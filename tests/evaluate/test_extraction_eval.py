"""Tests for newstrace.evaluate.extraction: the shingle scorer and the evaluation runner."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest
import trafilatura

from newstrace.errors import InputError
from newstrace.evaluate.extraction import (
    run_extraction_eval,
    score_predictions,
    shingle_f1,
    shingle_match,
    shingles,
)

REPO = Path(__file__).resolve().parents[2]
EVAL_DIR = REPO / ".." / "shared" / "eval" / "extraction"
FIXTURES = REPO / "tests" / "fixtures" / "html"


# --- scorer -------------------------------------------------------------------------------


def test_shingles_are_word_ngrams_with_counts() -> None:
    assert shingles("a b c d e") == Counter({("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1})
    assert shingles("x y x y x y", n=2) == Counter({("x", "y"): 3, ("y", "x"): 2})


def test_shingles_tokenise_on_word_characters_in_any_script() -> None:
    assert shingles("Привет, мир! Как дела?", n=2) == Counter(
        {("Привет", "мир"): 1, ("мир", "Как"): 1, ("Как", "дела"): 1}
    )
    assert shingles("It's 5 p.m.", n=9) == Counter({("It", "s", "5", "p", "m"): 1})


def test_short_and_empty_texts() -> None:
    assert shingles("one two") == Counter({("one", "two"): 1})
    assert shingles(" ... ") == Counter()
    with pytest.raises(ValueError):
        shingles("a b", n=0)


def test_partial_overlap_hand_computed() -> None:
    # predicted {abcd, bcde}, truth {abcd, bcdf}: tp 1, fp 1, fn 1
    assert shingle_f1("a b c d e", "a b c d f") == (0.5, 0.5, 0.5)


def test_multiset_semantics_hand_computed() -> None:
    # predicted {xy: 3, yx: 2}, truth {xy: 2, yx: 1}: tp 3, fp 2, fn 0
    match = shingle_match("x y x y x y", "x y x y", n=2)
    assert (match.tp, match.fp, match.fn) == (3, 2, 0)
    precision, recall, f1 = shingle_f1("x y x y x y", "x y x y", n=2)
    assert precision == pytest.approx(0.6)
    assert recall == 1.0
    assert f1 == pytest.approx(0.75)


def test_extra_and_missing_text_hand_computed() -> None:
    truth = "the mayor said the bridge will reopen in May"  # 9 tokens, 6 shingles
    predicted = "Menu Home " + truth  # 11 tokens, 8 shingles, 6 shared
    precision, recall, f1 = shingle_f1(predicted, truth)
    assert precision == pytest.approx(6 / 8)
    assert recall == 1.0
    assert f1 == pytest.approx(2 * 0.75 / 1.75)
    precision, recall, _ = shingle_f1(truth, predicted)
    assert precision == 1.0
    assert recall == pytest.approx(6 / 8)


def test_empty_sides() -> None:
    assert shingle_f1("", "") == (1.0, 1.0, 1.0)
    assert shingle_f1("", "some true text here") == (0.0, 0.0, 0.0)
    assert shingle_f1("some predicted text here", "") == (0.0, 0.0, 0.0)
    assert shingle_f1("Same text, other punctuation!", "same text other punctuation") == (
        0.0,
        0.0,
        0.0,
    )  # case is kept: "Same" differs from "same"


def test_benchmark_aggregate_hand_computed() -> None:
    truth = {
        "a": {"articleBody": "a b c d e"},
        "b": {"articleBody": "p q r s t"},
        "c": {"articleBody": "k l m n"},
    }
    predictions = {
        "a": {"articleBody": "a b c d f"},  # P 0.5, R 0.5
        "b": {"articleBody": "p q r s t"},  # P 1, R 1
        "c": {"articleBody": ""},  # P undefined (left out), R 0
    }
    report = score_predictions(predictions, truth)
    assert report.precision == pytest.approx(0.75)  # mean of 0.5 and 1
    assert report.recall == pytest.approx(0.5)  # mean of 0.5, 1 and 0
    assert report.f1 == pytest.approx(2 * 0.75 * 0.5 / 1.25)
    assert report.mean_document_f1 == pytest.approx(0.5)  # mean of 0.5, 1 and 0


# --- runner -------------------------------------------------------------------------------


def _make_benchmark(folder: Path, pages: dict[str, str], truth: dict[str, str] | None) -> Path:
    (folder / "html").mkdir(parents=True)
    for doc_id, name in pages.items():
        data = (FIXTURES / name).read_text(encoding="utf-8").encode("utf-8")
        (folder / "html" / f"{doc_id}.html.gz").write_bytes(gzip.compress(data))
    if truth is not None:
        gt = {k: {"articleBody": v, "url": f"https://example.org/{k}"} for k, v in truth.items()}
        (folder / "ground-truth.json").write_text(json.dumps(gt), encoding="utf-8")
    return folder


def test_run_on_handwritten_pages(tmp_path: Path) -> None:
    split_truth = " ".join(
        [
            "For most of the last century the old textile mill on the river bend stood empty,",
            "its windows boarded up and its courtyard overgrown with birch trees and nettles.",
        ]
    )
    data = _make_benchmark(
        tmp_path / "bench",
        {"p1": "split_body.html", "p2": "no_body.html"},
        {"p1": split_truth, "p2": "A page that has lost its article."},
    )
    out = tmp_path / "out" / "predictions.json"
    report = run_extraction_eval(data, out)
    predictions = json.loads(out.read_text(encoding="utf-8"))
    assert set(predictions) == {"p1", "p2"}
    assert predictions["p2"] == {"articleBody": ""}
    assert predictions["p1"]["articleBody"].startswith("For most of the last century")
    assert [d.doc_id for d in report.failures] == ["p2"]
    by_id = {d.doc_id: d for d in report.documents}
    assert by_id["p1"].recall == 1.0
    assert by_id["p1"].precision is not None and by_id["p1"].precision < 0.5
    assert by_id["p2"].precision is None and by_id["p2"].recall == 0.0
    summary = report.summary()
    assert "F1" in summary and "rejected p2" in summary


def test_run_without_ground_truth_only_writes_predictions(tmp_path: Path) -> None:
    data = _make_benchmark(tmp_path / "bench", {"only": "news_page.html"}, None)
    report = run_extraction_eval(data, tmp_path / "p.json")
    assert report.f1 is None
    assert "no ground truth" in report.summary()
    assert json.loads((tmp_path / "p.json").read_text())["only"]["articleBody"]


def test_run_on_folder_without_pages(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no html"):
        run_extraction_eval(tmp_path, tmp_path / "p.json")


@pytest.mark.skipif(not EVAL_DIR.is_dir(), reason=f"evaluation data not found at {EVAL_DIR}")
def test_real_pages_score_at_least_trafilatura(tmp_path: Path) -> None:
    """Quality floor on the first 10 benchmark pages (measured 0.988 vs trafilatura's 0.955)."""
    ours = run_extraction_eval(EVAL_DIR, tmp_path / "ours.json", limit=10)
    baseline = run_extraction_eval(
        EVAL_DIR,
        tmp_path / "trafilatura.json",
        limit=10,
        extractor=lambda html, url: trafilatura.extract(html, include_comments=False) or "",
    )
    assert len(ours.documents) == 10
    assert not ours.failures
    assert ours.f1 is not None and baseline.f1 is not None
    assert ours.f1 >= 0.97
    assert ours.f1 >= baseline.f1
