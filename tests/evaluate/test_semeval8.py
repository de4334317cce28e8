"""Tests for newstrace.evaluate.semeval8: reading pairs, the split, Pearson and the runner."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from newstrace.errors import InputError
from newstrace.evaluate.semeval8 import (
    Pair,
    in_held_out,
    pair_articles,
    pearson,
    read_pairs,
    run_semeval8_eval,
    text_article,
)
from newstrace.link.embed import EmbeddingOptions

REPO = Path(__file__).resolve().parents[2]
EVAL_CSV = REPO / ".." / "shared" / "eval" / "semeval8" / "semeval8-train.csv"
NONE = EmbeddingOptions(model="none")

FLOOD = (
    "Floods cut off villages in the Orvan valley\n"
    "Heavy rain flooded the Orvan valley on Sunday, cutting off 37 villages, the regional "
    "governor Matteo Lindqvist said. About 4,200 residents were evacuated to Kestrel town."
)
FLOOD_2 = (
    "Orvan valley evacuates 4,200 as river bursts its banks\n"
    "Governor Matteo Lindqvist ordered the evacuation of 4,200 people after the Orvan river "
    "burst its banks and water reached 37 villages, officials in Kestrel said."
)
CHESS = (
    "Teenager wins national chess title\n"
    "Sixteen-year-old Priya Okonkwo won the national chess championship in Dunmore after a "
    "tense final game against the defending champion."
)
CHESS_2 = (
    "Priya Okonkwo takes chess crown in Dunmore\n"
    "The national chess championship went to Priya Okonkwo, 16, who beat the defending "
    "champion in the final round in Dunmore."
)
BAKERY = (
    "Bakery chain opens its hundredth shop\n"
    "The Crumbwell bakery chain opened its hundredth shop on Harbour Street, its founder "
    "said, and plans another twenty branches next year."
)

HEADER = ["pair_id", "lang1", "lang2", "text1", "text2", "Overall"]


def _write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _toy_rows() -> list[list[str]]:
    return [
        ["1_2", "en", "en", FLOOD, FLOOD_2, "1.0"],
        ["3_4", "en", "en", CHESS, CHESS_2, "1.25"],
        ["1_3", "en", "en", FLOOD, CHESS, "4.0"],
        ["2_5", "en", "en", FLOOD_2, BAKERY, "4.0"],
        ["4_5", "en", "en", CHESS_2, BAKERY, "3.75"],
    ]


def test_read_pairs_parses_rows_and_gold(tmp_path: Path) -> None:
    pairs = read_pairs(_write_csv(tmp_path / "p.csv", _toy_rows()))
    assert len(pairs) == 5
    assert pairs[1] == Pair("3_4", "en", "en", CHESS, CHESS_2, 1.25)
    assert pairs[0].article_ids == ("1", "2")
    assert pairs[0].language_pair == "en-en"


def test_read_pairs_without_gold(tmp_path: Path) -> None:
    rows = [r[:5] for r in _toy_rows()]
    pairs = read_pairs(_write_csv(tmp_path / "p.csv", rows, HEADER[:5]))
    assert all(p.overall is None for p in pairs)


def test_read_pairs_rejects_missing_columns(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "bad.csv", [["1_2", "x"]], ["pair_id", "text1"])
    with pytest.raises(InputError, match="lang1"):
        read_pairs(path)


def test_text_article_takes_a_short_first_line_as_title() -> None:
    article = text_article("9", FLOOD, "en")
    assert article.title == "Floods cut off villages in the Orvan valley"
    assert article.text == FLOOD
    assert text_article("9", "One line only, no title", "en").title is None
    long_line = "word " * 100 + "\nrest"
    assert text_article("9", long_line, "en").title is None


def test_pair_articles_use_the_pair_ids_and_languages() -> None:
    first, second = pair_articles(Pair("11_12", "de", "en", "Hallo Welt", "Hello world"))
    assert (first.id, first.language, second.id, second.language) == ("11", "de", "12", "en")


def test_held_out_split_is_deterministic_and_near_the_share() -> None:
    ids = [f"{i}_{i + 7}" for i in range(2000)]
    first = [in_held_out(i) for i in ids]
    assert first == [in_held_out(i) for i in ids]
    assert 0.25 < sum(first) / len(first) < 0.35


def test_pearson() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) is None
    assert pearson([1], [1]) is None
    with pytest.raises(ValueError):
        pearson([1, 2], [1])


def test_runner_writes_predictions_and_correlates_positively(tmp_path: Path) -> None:
    data = _write_csv(tmp_path / "p.csv", _toy_rows())
    out = tmp_path / "out" / "pred.csv"
    report = run_semeval8_eval(data, out, NONE)
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["pair_id", "score"]
    assert [r[0] for r in rows[1:]] == ["1_2", "3_4", "1_3", "2_5", "4_5"]
    scores = {r[0]: float(r[1]) for r in rows[1:]}
    assert all(1.0 <= s <= 4.0 for s in scores.values())
    assert max(scores["1_2"], scores["3_4"]) < min(scores["1_3"], scores["2_5"], scores["4_5"])
    assert report.pearson is not None and report.pearson > 0.8
    assert [(s.language_pair, s.pairs) for s in report.languages] == [("en-en", 5)]
    assert "Pearson (Overall, 5 pairs)" in report.summary()
    assert report.to_dict()["languages"]["en-en"]["pairs"] == 5


def test_runner_without_gold_scores_nothing(tmp_path: Path) -> None:
    rows = [r[:5] for r in _toy_rows()]
    data = _write_csv(tmp_path / "p.csv", rows, HEADER[:5])
    report = run_semeval8_eval(data, tmp_path / "pred.csv", NONE)
    assert report.pearson is None
    assert len(report.predictions) == 5
    assert "nothing scored" in report.summary()


def test_runner_rejects_an_empty_file(tmp_path: Path) -> None:
    data = _write_csv(tmp_path / "empty.csv", [])
    with pytest.raises(InputError, match="no pairs"):
        run_semeval8_eval(data, tmp_path / "pred.csv", NONE)


def test_runner_keeps_repeated_pair_ids_as_separate_rows(tmp_path: Path) -> None:
    rows = [["1_2", "en", "en", FLOOD, FLOOD_2, "1.0"], ["1_2", "en", "en", FLOOD, BAKERY, "4.0"]]
    out = tmp_path / "o.csv"
    report = run_semeval8_eval(_write_csv(tmp_path / "p.csv", rows), out, NONE)
    assert [pid for pid, _ in report.predictions] == ["1_2", "1_2"]
    assert report.predictions[0][1] < report.predictions[1][1]
    assert report.pearson == pytest.approx(1.0)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_runner_handles_empty_texts(tmp_path: Path) -> None:
    rows = [["1_2", "en", "en", "", FLOOD, "4.0"], ["3_4", "en", "en", FLOOD, FLOOD_2, "1.0"]]
    report = run_semeval8_eval(_write_csv(tmp_path / "p.csv", rows), tmp_path / "o.csv", NONE)
    assert report.predictions[0] == ("1_2", 4.0)


@pytest.mark.skipif(not EVAL_CSV.exists(), reason="needs ../shared/eval/semeval8 (not present)")
def test_lexical_floor_on_the_task_sample(tmp_path: Path) -> None:
    """Lexical evidence only (no encoder): a quality floor on the first 300 pairs."""
    report = run_semeval8_eval(EVAL_CSV, tmp_path / "pred.csv", NONE, limit=300)
    assert report.scored_pairs == 300
    assert report.pearson is not None and report.pearson >= 0.55
    assert len(report.languages) >= 8
