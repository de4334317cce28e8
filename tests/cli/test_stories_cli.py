"""Tests for ``newstrace stories``, story assignment in ``newstrace add``, and ``eval ecbplus``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SEEDS = REPO / ".." / "shared" / "seeds"


def add_and_list(inputs: list[str], meta: Path, db: Path) -> list[dict[str, object]]:
    runner = CliRunner()
    added = runner.invoke(main, ["add", *inputs, "--meta", str(meta), "--db", str(db)])
    assert added.exit_code == 0, added.output
    assert "(story st-" in added.output
    listed = runner.invoke(main, ["stories", "--db", str(db), "--format", "json", "--explain"])
    assert listed.exit_code == 0, listed.output
    stories: list[dict[str, object]] = json.loads(listed.output)
    return stories


def files_by_story(stories: list[dict[str, object]], db: Path) -> list[set[str]]:
    runner = CliRunner()
    rows = json.loads(runner.invoke(main, ["list", "--db", str(db), "--format", "json"]).output)
    name = {row["id"]: Path(str(row.get("url") or "")).name for row in rows}
    source = {}
    for row in rows:
        shown = runner.invoke(main, ["show", row["id"], "--db", str(db), "--format", "json"])
        source[row["id"]] = Path(json.loads(shown.output)["source"] or name[row["id"]]).name
    groups = []
    for story in stories:
        members = story["articles"]
        assert isinstance(members, list)
        groups.append({source[m["article"]] for m in members})
    return groups


def test_example_corpus_clusters_as_its_answer_key_says(tmp_path: Path) -> None:
    key = json.loads((EXAMPLES / "answer_key.json").read_text(encoding="utf-8"))
    inputs = [str(EXAMPLES / f) for story in key["stories"] for f in story["files"]]
    db = tmp_path / "ex.db"
    groups = files_by_story(add_and_list(inputs, EXAMPLES / "meta.json", db), db)
    expected = [set(story["files"]) for story in key["stories"]]
    assert sorted(groups, key=len) == sorted(expected, key=len)


@pytest.mark.skipif(not (SEEDS / "articles.json").exists(), reason="../shared/seeds is absent")
def test_seed_articles_form_one_story(tmp_path: Path) -> None:
    meta = json.loads((SEEDS / "articles.json").read_text(encoding="utf-8"))
    inputs = [str(SEEDS / item["file"]) for item in meta]
    stories = add_and_list(inputs, SEEDS / "articles.json", tmp_path / "seeds.db")
    assert len(stories) == 1
    assert len(stories[0]["articles"]) == len(inputs)  # type: ignore[arg-type]


def test_table_output_with_explanations(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    inputs = [
        str(EXAMPLES / "01_ledokhod_terna_dam.txt"),
        str(EXAMPLES / "03_eastgate_terna_pdf.txt"),
    ]
    add_and_list(inputs, EXAMPLES / "meta.json", db)
    result = CliRunner().invoke(main, ["stories", "--db", str(db), "--explain"])
    assert result.exit_code == 0, result.output
    assert "started the story" in result.output
    assert "shared entities:" in result.output
    assert result.output.strip().endswith("1 story(ies)")


def test_eval_ecbplus_command(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    docs = [
        {"id": "a", "story": "s1", "text": "Harbour crane collapses in Brisk; two dockers hurt."},
        {"id": "b", "story": "s2", "text": "Lindau re-elects its mayor Berta Ilg with 61 percent."},
    ]
    data.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    out = tmp_path / "p.jsonl"
    result = CliRunner().invoke(
        main, ["eval", "ecbplus", "--data", str(data), "--predictions-out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "B-cubed" in result.output and "pairwise" in result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
