"""The central records: spans stay true to the text, articles round-trip, ids are stable."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstrace.model import Article, EditorialNote, Removal, Span, article_id, parse_iso_date


@given(st.text(), st.data())
def test_span_of_covers_its_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = Span.of(text, start, end, "x")
    assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 2), (0, 99)])
def test_span_of_rejects_bad_bounds(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="outside text"):
        Span.of("hello", start, end)


def test_article_id_depends_on_text_url_and_outlet() -> None:
    base = article_id("text", "https://a.example/1", "A")
    assert base == article_id("text", "https://a.example/1", "A")
    assert base != article_id("text!", "https://a.example/1", "A")
    assert base != article_id("text", "https://a.example/2", "A")
    assert base != article_id("text", "https://a.example/1", "B")


@given(
    text=st.text(min_size=1),
    outlet=st.none() | st.text(max_size=20),
    title=st.none() | st.text(max_size=40),
)
def test_article_round_trips_through_dict(text: str, outlet: str | None, title: str | None) -> None:
    note = EditorialNote("update", text[:5], Span.of(text, 0, min(5, len(text)), "note"))
    article = Article.create(
        text,
        outlet=outlet,
        title=title,
        notes=(note,),
        removed=(Removal("footer", "Terms of use.", "footer line"),),
    )
    assert Article.from_dict(article.to_dict()) == article


def test_with_meta_recomputes_id() -> None:
    article = Article.create("Body text.", outlet="A")
    moved = article.with_meta(outlet="B")
    assert moved.outlet == "B"
    assert moved.id == article_id("Body text.", None, "B")
    assert moved.id != article.id


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-03-22", "2024-03-22"), ("2024-03-22T10:00:00Z", "2024-03-22"), ("nope", None)],
)
def test_parse_iso_date(value: str, expected: str | None) -> None:
    parsed = parse_iso_date(value)
    assert (parsed.isoformat() if parsed else None) == expected
