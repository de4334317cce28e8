"""The article commands as a user runs them: extract, add, list, show, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main

ARTICLE = """World

Harbour town evacuates after chemical leak

Officials in the port town of Selmark ordered 400 residents to leave their homes on Monday after
a tank leaked ammonia, the regional governor said.

"We are not taking any chances," governor Ana Brekke told reporters.

Sign up for our morning newsletter
Copyright © 2025 The Selmark Post. All rights reserved.
"""


@pytest.fixture()
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "leak.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture()
def meta_file(tmp_path: Path) -> Path:
    path = tmp_path / "meta.json"
    entry = {"file": "leak.txt", "outlet": "Selmark Post", "published": "2025-02-03"}
    path.write_text(json.dumps([entry]), encoding="utf-8")
    return path


def test_extract_json_has_the_documented_fields(article_file: Path, meta_file: Path) -> None:
    result = CliRunner().invoke(
        main, ["extract", str(article_file), "--meta", str(meta_file), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("id", "outlet", "url", "title", "published", "language", "text"):
        assert key in data
    assert data["outlet"] == "Selmark Post"
    assert data["published"] == "2025-02-03"
    assert data["language"] == "en"
    assert "400 residents" in data["text"]
    assert "newsletter" not in data["text"]
    assert "Copyright" not in data["text"]
    kinds = {r["kind"] for r in data["removed"]}
    assert {"newsletter", "footer"} <= kinds
    assert all({"kind", "text"} <= set(r) for r in data["removed"])


def test_extract_explain_lists_removals_with_reasons(article_file: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(article_file), "--explain"])
    assert result.exit_code == 0, result.output
    assert "removed (" in result.output
    assert "Copyright" in result.output.split("removed (", 1)[1]


def test_add_list_show_and_duplicates(tmp_path: Path, article_file: Path) -> None:
    db = tmp_path / "store.db"
    runner = CliRunner()
    first = runner.invoke(main, ["add", str(article_file), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert first.output.startswith("stored")
    again = runner.invoke(main, ["add", str(article_file), "--db", str(db)])
    assert again.exit_code == 0
    assert again.output.startswith("duplicate")
    listed = runner.invoke(main, ["list", "--db", str(db), "--format", "json"])
    rows = json.loads(listed.output)
    assert len(rows) == 1
    shown = runner.invoke(main, ["show", rows[0]["id"][:8], "--db", str(db), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["id"] == rows[0]["id"]


def test_add_goes_on_after_a_bad_input_and_exits_1(tmp_path: Path, article_file: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = tmp_path / "store.db"
    result = CliRunner().invoke(main, ["add", str(empty), str(article_file), "--db", str(db)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output
    assert "stored" in result.output
    listed = CliRunner().invoke(main, ["list", "--db", str(db), "--format", "json"])
    assert len(json.loads(listed.output)) == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["extract"]).exit_code == 2
    assert runner.invoke(main, ["show", "nope", "--db", str(tmp_path / "x.db")]).exit_code == 2
    assert runner.invoke(main, ["list", "--format", "yaml"]).exit_code == 2
