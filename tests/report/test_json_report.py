"""The report document (JSON twin) built from analysed articles."""

from __future__ import annotations

import json

import pytest

from newstrace.model import (
    Article,
    ArticleAnalysis,
    Attribution,
    ChainLink,
    Claim,
    EditorialNote,
    Span,
    Speaker,
)
from newstrace.report.json import build_document, one_story, render_json

GROUP_KEYS = {
    "id",
    "summary",
    "status",
    "outlets",
    "independent_origins",
    "origins",
    "echoes",
    "claims",
}
CLAIM_KEYS = {"article_id", "claim_id", "text", "source", "chain"}


def _pair(text: str, outlet: str, sentence: str, speaker: str) -> tuple[Article, ArticleAnalysis]:
    note = EditorialNote(kind="update", text="Updated with a statement from the port.")
    article = Article.create(
        text, outlet=outlet, published="2024-11-04", language="en", title=text[:30], notes=(note,)
    )
    start = text.index(sentence)
    span = Span.of(text, start, start + len(sentence), "claim")
    chain = (ChainLink(speaker, "official"), ChainLink(outlet, "outlet"))
    attribution = Attribution(Speaker("official", speaker), None, (span,), chain=chain)
    claim = Claim(id=f"{article.id}:c1", sentence=span, content=span, attribution=attribution)
    analysis = ArticleAnalysis(article.id, "en", sentences=(span,), claims=(claim,))
    return article, analysis


@pytest.fixture()
def pairs() -> list[tuple[Article, ArticleAnalysis]]:
    return [
        _pair(
            "The ferry to Osterby is suspended. The crossing stays shut, the harbour master said.",
            "Harbour Gazette",
            "The crossing stays shut",
            "harbour master Iris Vold",
        ),
        _pair(
            "Osterby ferry halted. Divers found a dent in the hull, the port authority said.",
            "Coastal Wire",
            "Divers found a dent in the hull",
            "port authority",
        ),
    ]


def test_document_has_articles_and_stories_in_the_issue_shape(
    pairs: list[tuple[Article, ArticleAnalysis]],
) -> None:
    doc = build_document(one_story(pairs, "st-x"))
    assert set(doc) == {"articles", "stories"}
    assert [a["outlet"] for a in doc["articles"]] == ["Harbour Gazette", "Coastal Wire"]
    first = doc["articles"][0]
    assert first["story_id"] == "st-x"
    assert first["notes"][0]["kind"] == "update"
    assert first["claims"][0]["text"] == "The crossing stays shut"
    (story,) = doc["stories"]
    assert {
        "id",
        "title",
        "article_ids",
        "claim_groups",
        "discrepancies",
        "timeline",
        "notes",
    } <= set(story)
    assert story["id"] == "st-x"
    assert story["article_ids"] == [a.id for a, _ in pairs]
    claim_ids = set()
    for group in story["claim_groups"]:
        assert set(group) >= GROUP_KEYS
        for claim in group["claims"]:
            assert set(claim) >= CLAIM_KEYS
            claim_ids.add(claim["claim_id"])
    assert claim_ids == {f"{a.id}:c1" for a, _ in pairs}
    for item in story["discrepancies"]:
        assert {"kind", "summary", "claim_ids"} <= set(item)


def test_render_json_round_trips_unicode(pairs: list[tuple[Article, ArticleAnalysis]]) -> None:
    doc = build_document(one_story(pairs))
    doc["stories"][0]["title"] = "Fähre «Osterby»"
    text = render_json(doc)
    assert "Fähre «Osterby»" in text
    assert json.loads(text) == doc


def test_each_group_carries_its_provenance_graph(
    pairs: list[tuple[Article, ArticleAnalysis]],
) -> None:
    doc = build_document(one_story(pairs))
    groups = doc["stories"][0]["claim_groups"]
    assert groups
    for group in groups:
        graph = group["graph"]
        names = {node["name"] for node in graph["nodes"]}
        ids = {node["id"] for node in graph["nodes"]}
        assert set(group["outlets"]) <= names
        assert all(edge["from"] in ids and edge["to"] in ids for edge in graph["edges"])
