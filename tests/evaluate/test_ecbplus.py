"""Tests for the ECB+ story-clustering evaluation: scorers, loader, the run, and the floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.errors import InputError
from newstrace.evaluate.ecbplus import bcubed, load_documents, pairwise, run_ecbplus_eval

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
ECB_DEV = SHARED / "eval" / "ecbplus" / "ecbplus-dev.jsonl"


def test_bcubed_and_pairwise_on_a_hand_worked_example() -> None:
    gold = {"a": "x", "b": "x", "c": "x", "d": "y"}
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2"}
    b3 = bcubed(predicted, gold)
    # precision: a,b 1; c,d 1/2 -> 3/4. recall: a,b 2/3; c 1/3; d 1 -> 2/3
    assert b3.precision == pytest.approx(0.75)
    assert b3.recall == pytest.approx(2 / 3)
    pw = pairwise(predicted, gold)
    assert pw.precision == pytest.approx(1 / 2)  # (a,b) right, (c,d) wrong
    assert pw.recall == pytest.approx(1 / 3)  # (a,b) of (a,b),(a,c),(b,c)


def test_perfect_clustering_scores_one() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed({"a": "s", "b": "s", "c": "t"}, gold).f1 == pytest.approx(1.0)
    assert pairwise({"a": "s", "b": "s", "c": "t"}, gold).f1 == pytest.approx(1.0)


def test_loader_names_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "1", "text": "x"}\n{"text": "no id"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2"):
        load_documents(path)


def write_docs(path: Path) -> None:
    docs = [
        ("k1", "kiln", "A fire broke out at the Ostrava brick kiln of Tamsel Ceramics on Monday; "
         "manager Juri Pohl said 80 workers left safely and the kiln roof collapsed."),
        ("k2", "kiln", "Tamsel Ceramics' brick kiln in Ostrava burned on Monday. Juri Pohl, the "
         "plant manager, said all 80 workers got out before the roof fell in."),
        ("v1", "vote", "Voters in Lindau re-elected mayor Berta Ilg with 61 percent on Sunday, "
         "the Lindau election office said; turnout was 48 percent."),
        ("v2", "vote", "Berta Ilg won a second term as Lindau mayor on Sunday with 61 percent of "
         "the vote, according to the election office."),
    ]  # fmt: skip
    lines = [json.dumps({"id": i, "story": s, "text": t}) for i, s, t in docs]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_run_writes_predictions_and_scores(tmp_path: Path) -> None:
    data = tmp_path / "mini.jsonl"
    write_docs(data)
    out = tmp_path / "out" / "pred.jsonl"
    report = run_ecbplus_eval(data, out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["k1", "k2", "v1", "v2"]
    assert rows[0]["story"] == rows[1]["story"] != rows[2]["story"] == rows[3]["story"]
    assert report.bcubed is not None and report.bcubed.f1 == pytest.approx(1.0)
    assert "B-cubed" in report.summary()


@pytest.mark.slow
@pytest.mark.skipif(not ECB_DEV.exists(), reason="../shared/eval/ecbplus is not present")
def test_ecbplus_dev_floor(tmp_path: Path) -> None:
    report = run_ecbplus_eval(ECB_DEV, tmp_path / "pred.jsonl")
    assert report.bcubed is not None
    assert report.bcubed.f1 >= 0.89  # measured 0.898 (bench/stories/RESULTS.md)
