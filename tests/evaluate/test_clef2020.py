"""Tests for the CLEF 2020 claim-retrieval evaluation (tiny files written here, no model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main
from newstrace.errors import InputError
from newstrace.evaluate.clef2020 import (
    average_precision,
    map_at_k,
    read_claims,
    read_qrels,
    read_queries,
    run_clef_eval,
)
from newstrace.link.claim_match import ClaimMatcher, MatchOptions

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
    matcher = ClaimMatcher(MatchOptions(embedding="none", use_cache=False))
    report = run_clef_eval(files["claims"], files["queries"], run, files["qrels"], matcher=matcher)
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
