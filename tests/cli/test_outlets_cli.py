"""``newstrace outlets``: outlet profiles over the stored stories of the example corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newstrace.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("outlets") / "store.db"
    inputs = sorted(str(p) for p in EXAMPLES.glob("0*"))
    meta = str(EXAMPLES / "meta.json")
    added = CliRunner().invoke(main, ["add", *inputs, "--meta", meta, "--db", str(db)])
    assert added.exit_code == 0, added.output
    return db


def profiles(db: Path) -> dict[str, dict[str, Any]]:
    result = CliRunner().invoke(main, ["outlets", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    return {p["outlet"]: p for p in json.loads(result.output)["outlets"]}


def test_the_scoop_is_an_origin_and_the_relays_are_echoes(stored: Path) -> None:
    found = profiles(stored)
    scoop, relay = found["Ledokhod"], found["Vecherny Korvask"]
    assert scoop["origin_groups"] > 0 and scoop["echo_groups"] == 0
    assert relay["echo_groups"] > relay["origin_groups"]
    assert scoop["first_reports"] > 0
    assert scoop["corrections"] == 1  # its correction note
    assert found["Eastgate News"]["stories"] == 2  # the dam story and the mill fire


def test_table_lists_every_outlet(stored: Path) -> None:
    result = CliRunner().invoke(main, ["outlets", "--db", str(stored)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("outlet")
    names = {"Ledokhod", "Korvask Courier", "Eastgate News", "Vecherny Korvask", "DravInform"}
    assert {line.split("  ")[0].strip() for line in lines[1:]} == names


def test_an_empty_store_says_how_to_fill_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["outlets", "--db", str(tmp_path / "empty.db")])
    assert result.exit_code == 0
    assert "newstrace add" in result.output
