"""The Markdown report, rendered from a hand-built report document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newstrace.report.markdown import cell, render_markdown

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "report" / "story_doc.json"


@pytest.fixture()
def doc() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def _section(text: str, title: str) -> str:
    start = text.index(f"### {title}")
    end = text.find("\n### ", start + 1)
    return text[start : end if end != -1 else None]


def test_matrix_has_a_row_per_group_and_a_column_per_outlet(doc: dict[str, Any]) -> None:
    matrix = _section(render_markdown(doc), "Claim matrix")
    rows = [line for line in matrix.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 3  # header + one per claim group
    header = rows[0]
    for outlet in ("Harbour Gazette", "Coastal Wire", "Nordposten"):
        assert outlet in header
    suspended = next(r for r in rows if "ferry service to Osterby" in r)
    assert suspended.count("● stated") == 3
    assert "2 of 3 outlets" in suspended
    passengers = next(r for r in rows if "230 passengers" in r)
    assert passengers.count("◐ stated differently") == 2


def test_discrepancy_shows_its_explanation_and_both_versions(doc: dict[str, Any]) -> None:
    section = _section(render_markdown(doc), "Discrepancies")
    assert "**numbers differ**" in section
    assert "relaying it, says about 260" in section
    assert "“about 230 passengers were on board”" in section
    assert "“rund 260 Passagiere waren an Bord”" in section
    assert "a crew member (anonymous)" in section


def test_provenance_is_written_as_paths_from_source_to_echo(doc: dict[str, Any]) -> None:
    text = render_markdown(doc)
    assert "harbour master Iris Vold (source) → Harbour Gazette (origin)" in text
    assert "Harbour Gazette (origin) → Nordposten (echo)" in text
    assert "Coastal Wire (origin)" in text


def test_notes_keep_old_and_new_wording_and_timeline_is_sorted(doc: dict[str, Any]) -> None:
    text = render_markdown(doc)
    notes = _section(text, "Editorial notes and corrections")
    assert "earlier: “300 passengers” — now: “230 passengers”" in notes
    timeline = _section(text, "Timeline")
    assert timeline.index("2024-11-04") < timeline.index("2024-11-05")


def test_article_text_cannot_break_tables_or_inject_html(doc: dict[str, Any]) -> None:
    text = render_markdown(doc)
    assert "<script>" not in text
    assert "<img" not in text
    assert "&lt;script&gt;" in text
    assert cell("a | b\nc") == "a \\| b c"


def test_empty_document_renders() -> None:
    text = render_markdown({"articles": [], "stories": []})
    assert text.startswith("# newstrace report")
    assert "0 articles, 0 stories." in text


def test_timeline_names_who_followed_and_revisions_show_their_changes(
    doc: dict[str, Any],
) -> None:
    text = render_markdown(doc)
    timeline = _section(text, "Timeline")
    assert "then Coastal Wire (2024-11-04), Nordposten (2024-11-05)" in timeline
    notes = _section(text, "Editorial notes and corrections")
    assert "affects: “about 230 passengers were on board”" in notes
    assert "| revision |" in notes
    assert (
        "changed “The port closed the ferry line.” to “The port halted the Osterby ferry.”" in notes
    )
    assert "added “Divers inspected the hull.”" in notes
