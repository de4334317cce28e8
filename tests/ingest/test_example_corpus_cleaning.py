"""The bundled example corpus comes out of ingest as its answer key says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newstrace.ingest import MetaIndex, ingest
from newstrace.model import Article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KEY: dict[str, Any] = json.loads((EXAMPLES / "answer_key.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    meta = MetaIndex.load(EXAMPLES / "meta.json")
    paths = sorted(str(EXAMPLES / name) for name in KEY["cleaning"])
    found: dict[str, Article] = {}
    for item in ingest(paths, meta=meta):
        assert isinstance(item, Article), f"rejected: {item}"
        found[Path(item.source or "").name] = item
    return found


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", sorted(KEY["cleaning"]))
def test_cleaning_points_hold(articles: dict[str, Article], name: str) -> None:
    expected = KEY["cleaning"][name]
    article = articles[name]
    text = _flat(article.text)
    for piece in expected.get("removed", []):
        assert _flat(piece) not in text, f"{name}: should have been removed: {piece!r}"
    for piece in expected.get("must_keep", []) + expected.get("must_keep_joined", []):
        assert _flat(piece) in text, f"{name}: should have been kept: {piece!r}"
    kinds = [note.kind for note in article.notes]
    assert kinds == [n["kind"] for n in expected.get("notes", [])], name
    for note, want in zip(article.notes, expected.get("notes", []), strict=True):
        if "old" in want:
            assert want["old"] in (note.old or ""), name
        if "new" in want:
            assert want["new"] in (note.new or ""), name


def test_outlets_and_languages(articles: dict[str, Article]) -> None:
    for name, outlet in KEY["outlets"].items():
        assert articles[name].outlet == outlet
    assert articles["04_vecherny_korvask_ru.txt"].language == "ru"
    assert {a.language for n, a in articles.items() if "_ru" not in n} == {"en"}
