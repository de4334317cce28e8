"""CLI tests for ``newstrace similar`` and ``newstrace eval semeval8``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from newstrace.cli import main

STORM = (
    "Storm knocks out power to 58,000 homes in Calderport\n"
    "A winter storm cut electricity to 58,000 homes across Calderport overnight, the utility "
    "Brightline Energy said on Thursday. Crews expect to restore power by Saturday."
)
STORM_2 = (
    "Brightline Energy races to restore power after Calderport storm\n"
    "About 58,000 Calderport households lost power when the storm brought down lines, "
    "Brightline Energy said, adding that repairs should be finished by Saturday."
)
MUSEUM = (
    "Museum returns carved masks to their makers' descendants\n"
    "The Halvard Museum handed back eleven carved masks to a delegation from the coastal "
    "villages where they were made, its director Ines Varga said."
)


def _files(tmp_path: Path) -> tuple[Path, Path, Path]:
    paths = []
    for name, text in (("storm.txt", STORM), ("storm2.txt", STORM_2), ("museum.txt", MUSEUM)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1], paths[2]


def test_similar_json_scores_and_explains(tmp_path: Path) -> None:
    storm, storm2, museum = _files(tmp_path)
    runner = CliRunner()
    args = ["--format", "json", "--embedding", "none"]
    same = runner.invoke(main, ["similar", str(storm), str(storm2), *args])
    other = runner.invoke(main, ["similar", str(storm), str(museum), *args])
    assert same.exit_code == 0, same.output
    assert other.exit_code == 0, other.output
    same_data, other_data = json.loads(same.stdout), json.loads(other.stdout)
    assert same_data["score"] > other_data["score"]
    assert same_data["semeval"] < other_data["semeval"]
    assert "58000" in same_data["shared_numbers"]
    assert same_data["blend"] == "lexical"
    assert set(same_data["components"]) >= {"terms", "entities", "numbers", "same_language"}


def test_similar_text_shows_the_breakdown(tmp_path: Path) -> None:
    storm, storm2, _ = _files(tmp_path)
    result = CliRunner().invoke(main, ["similar", str(storm), str(storm2), "--embedding", "none"])
    assert result.exit_code == 0, result.output
    assert "score:" in result.stdout
    assert "components:" in result.stdout
    assert "shared numbers: 58000" in result.stdout


def test_similar_with_a_missing_input_exits_1(tmp_path: Path) -> None:
    storm, _, _ = _files(tmp_path)
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(main, ["similar", str(storm), str(missing), "--embedding", "none"])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr


def test_eval_semeval8_writes_scores_and_prints_pearson(tmp_path: Path) -> None:
    data = tmp_path / "pairs.csv"
    with data.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["pair_id", "lang1", "lang2", "text1", "text2", "Overall"])
        writer.writerow(["1_2", "en", "en", STORM, STORM_2, "1.0"])
        writer.writerow(["1_3", "en", "en", STORM, MUSEUM, "4.0"])
        writer.writerow(["2_3", "en", "en", STORM_2, MUSEUM, "3.5"])
    out = tmp_path / "pred.csv"
    args = ["--data", str(data), "--predictions-out", str(out), "--embedding", "none"]
    result = CliRunner().invoke(main, ["eval", "semeval8", *args])
    assert result.exit_code == 0, result.output
    assert "Pearson (Overall, 3 pairs)" in result.stdout
    assert "en-en" in result.stdout
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["pair_id", "score"]
    assert float(rows[1][1]) < float(rows[2][1])


def test_eval_semeval8_bad_file_is_a_usage_error(tmp_path: Path) -> None:
    data = tmp_path / "bad.csv"
    data.write_text("id,text\n1,hello\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["eval", "semeval8", "--data", str(data), "--predictions-out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "missing column" in result.output
