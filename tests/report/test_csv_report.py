"""The CSV claim matrix, rendered from a hand-built report document."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from newstrace.report.csv import FIXED_COLUMNS, render_csv

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "report" / "story_doc.json"


@pytest.fixture()
def doc() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def _table(doc: dict[str, Any]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render_csv(doc))))


def test_header_is_fixed_columns_then_outlets(doc: dict[str, Any]) -> None:
    header = next(csv.reader(io.StringIO(render_csv(doc))))
    assert tuple(header[: len(FIXED_COLUMNS)]) == FIXED_COLUMNS
    assert header[len(FIXED_COLUMNS) :] == [
        "Harbour Gazette",
        "Coastal Wire",
        "Nordposten",
        "Island Radio <b>Live</b>",
    ]


def test_cells_say_stated_stated_differently_or_absent(doc: dict[str, Any]) -> None:
    rows = {row["group_id"]: row for row in _table(doc)}
    assert set(rows) == {"g1", "g2", "g3"}
    assert rows["g1"]["Coastal Wire"] == "stated"
    assert rows["g1"]["Island Radio <b>Live</b>"] == "absent"
    assert rows["g2"]["Harbour Gazette"] == "stated differently"
    assert rows["g2"]["Nordposten"] == "stated differently"
    assert rows["g2"]["Coastal Wire"] == "absent"
    assert rows["g1"]["status"] == "corroborated"
    assert rows["g1"]["independent_origins"] == "2"
    assert rows["g1"]["outlets"] == "3"


def test_quotes_and_commas_survive_a_round_trip(doc: dict[str, Any]) -> None:
    rows = {row["group_id"]: row for row in _table(doc)}
    assert rows["g3"]["summary"] == 'Repairs will take <at least> two weeks & cost "a lot".'


def test_text_that_looks_like_a_formula_is_defused(doc: dict[str, Any]) -> None:
    doc["stories"][0]["claim_groups"][0]["summary"] = '=HYPERLINK("x")'
    rows = {row["group_id"]: row for row in _table(doc)}
    assert rows["g1"]["summary"].startswith("'=")


def test_several_stories_share_one_column_set() -> None:
    def story(sid: str, aid: str, outlet: str) -> dict[str, Any]:
        claim = {"article_id": aid, "claim_id": f"{aid}:c1", "text": "x", "chain": []}
        group = {
            "id": "g1",
            "summary": "s",
            "status": "exclusive",
            "outlets": [outlet],
            "independent_origins": 1,
            "claims": [claim],
        }
        return {"id": sid, "article_ids": [aid], "claim_groups": [group], "discrepancies": []}

    doc = {
        "articles": [{"id": "x1", "outlet": "Alpha"}, {"id": "x2", "outlet": "Beta"}],
        "stories": [story("s1", "x1", "Alpha"), story("s2", "x2", "Beta")],
    }
    rows = _table(doc)
    assert [(r["story_id"], r["Alpha"], r["Beta"]) for r in rows] == [
        ("s1", "stated", "absent"),
        ("s2", "absent", "stated"),
    ]
