"""Tests for the CLEF 2020 claim-retrieval evaluation (tiny files written here, no model)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from newstrace.cli import main
from newstrace.errors import InputError
from newstrace.evaluate.clef2020 import (
    CLEF_PRESETS,
    average_precision,
    map_at_k,
    read_claims,
    read_qrels,
    read_queries,
    run_clef_eval,
)
from newstrace.link._embed_cache import EncodeFn, Encoder, Matrix
from newstrace.link.claim_rank import RankOptions

BM25_ONLY = RankOptions(weights=(("bm25", 1.0),), use_cache=False)

CLAIMS = (
    "\tvclaim\ttitle\n"
    "0\tA city banned plastic straws in restaurants.\tCity bans straws\n"
    "1\tA photo shows a shark on a flooded highway.\tHighway shark photo\n"
    "2\tThe senator voted against veterans funding 12 times.\tSenator and veterans votes\n"
)
QUERIES = (
    "\ttweet_content\n"
    "q1\tWow, a shark swimming on the highway after the flood! pic.twitter.com/abc #StormNews\n"
    "q2\tOur city just banned plastic straws in every restaurant https://t.co/x\n"
)
QRELS = "q1\t0\t1\t1\nq2\t0\t0\t1\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, body in (("claims", CLAIMS), ("queries", QUERIES), ("qrels", QRELS)):
        path = tmp_path / f"{name}.tsv"
        path.write_text(body, encoding="utf-8")
        paths[name] = path
    return paths


def test_readers(files: dict[str, Path]) -> None:
    claims = read_claims(files["claims"])
    assert [c.id for c in claims] == ["0", "1", "2"]
    assert claims[0].text == "A city banned plastic straws in restaurants. City bans straws"
    assert read_queries(files["queries"])[0][0] == "q1"
    assert read_qrels(files["qrels"]) == {"q1": {"1"}, "q2": {"0"}}


def test_bad_rows_raise_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("header\nno-tab-here\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_claims(bad)
    qrels = tmp_path / "bad.qrels"
    qrels.write_text("q1 0 1\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_qrels(qrels)


def test_average_precision_and_map() -> None:
    assert average_precision(["a", "b"], {"a"}) == 1.0
    assert average_precision(["x", "a"], {"a"}) == 0.5
    assert average_precision(["x", "y", "z", "w", "v", "a"], {"a"}) == 0.0
    assert map_at_k({"q1": ["a"], "q2": ["x", "b"]}, {"q1": {"a"}, "q2": {"b"}}) == 0.75


def test_run_writes_trec_lines_and_scores(files: dict[str, Path], tmp_path: Path) -> None:
    run = tmp_path / "out" / "run.txt"
    report = run_clef_eval(
        files["claims"], files["queries"], run, files["qrels"], options=BM25_ONLY
    )
    lines = run.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6
    qid, q0, claim_id, rank, score, tag = lines[0].split()
    assert (qid, q0, claim_id, rank, tag) == ("q1", "Q0", "1", "1", "newstrace")
    assert float(score) > 0
    assert report.map_at_5 == 1.0
    assert "MAP@5 1.0000" in report.summary()


def test_cli(files: dict[str, Path], tmp_path: Path) -> None:
    run = tmp_path / "run.txt"
    args = ["eval", "clef2020", "--claims", str(files["claims"]), "--queries"]
    args += [str(files["queries"]), "--predictions-out", str(run), "--qrels", str(files["qrels"])]
    result = CliRunner().invoke(main, [*args, "--embedding", "none"])
    assert result.exit_code == 0, result.output
    assert "MAP@5 1.0000" in result.output
    assert run.exists()


def test_presets_name_known_signals_and_default_fuses_three() -> None:
    for options in CLEF_PRESETS.values():
        assert set(options.signals) <= {"bm25", "e5", "use"}
    assert CLEF_PRESETS["e5+use"].signals == ("bm25", "e5", "use")
    assert CLEF_PRESETS["none"].signals == ("bm25",)


def _words(texts: Sequence[str]) -> Matrix:
    """A cheap stand-in encoder: hashed bag of lowercase words, unit rows."""
    out = np.zeros((len(texts), 64), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in text.lower().split():
            out[row, sum(map(ord, word.strip(".,!#"))) % 64] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: Matrix = (out / norms).astype(np.float32)
    return unit


def test_fit_on_a_split_reports_weights_and_train_map(
    files: dict[str, Path], tmp_path: Path
) -> None:
    run = tmp_path / "run.txt"
    options = RankOptions(weights=(("bm25", 0.5), ("e5", 0.5)), cache_dir=tmp_path / "cache")
    encoders: dict[Encoder, EncodeFn] = {"e5-query": _words, "e5-passage": _words}
    fit = (files["queries"], files["qrels"])
    report = run_clef_eval(
        files["claims"],
        files["queries"],
        run,
        files["qrels"],
        options=options,
        fit=fit,
        encoders=encoders,
    )
    assert report.fit_map_at_5 == 1.0
    assert report.map_at_5 == 1.0
    assert set(report.weights) == {"bm25", "e5"}
    assert abs(sum(report.weights.values()) - 1.0) < 1e-6
    assert "fitted on the training split" in report.summary()
    assert (tmp_path / "cache" / "embeddings.sqlite").exists()


def test_cli_fit_options_go_together(files: dict[str, Path], tmp_path: Path) -> None:
    args = ["eval", "clef2020", "--claims", str(files["claims"]), "--queries"]
    args += [str(files["queries"]), "--predictions-out", str(tmp_path / "r.txt")]
    result = CliRunner().invoke(
        main, [*args, "--embedding", "none", "--fit-queries", str(files["queries"])]
    )
    assert result.exit_code != 0
    assert "go together" in result.output
    fit = ["--fit-queries", str(files["queries"]), "--fit-qrels", str(files["qrels"])]
    result = CliRunner().invoke(main, [*args, "--embedding", "none", *fit])
    assert result.exit_code == 0, result.output
    assert "weights bm25 1" in result.output


def test_queries_keep_signature_and_lose_links() -> None:
    from newstrace.evaluate.clef2020 import query_texts, query_words

    tweet = (
        "Big news #FloodWatch https://t.co/x pic.twitter.com/y — Jo Bell (@JoBellNews) May 2, 2019"
    )
    text = query_texts([("q", tweet)])[0]
    assert "http" not in text and "pic.twitter" not in text
    assert text.endswith("— Jo Bell (@JoBellNews) May 2, 2019")
    assert (
        query_words([("q", tweet)])[0]
        == "Big news Flood Watch — Jo Bell (Jo Bell News) May 2, 2019"
    )
