"""The story view: issue JSON shape, claim matrix, and end to end on the bundled corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.link.story_view import build_story_view, claim_matrix
from newstrace.model import (
    Article,
    ArticleAnalysis,
    Attribution,
    ChainLink,
    Claim,
    ClaimGroup,
    ClaimRef,
    Quantity,
    Span,
    Speaker,
)

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"


def _article(
    aid: str, outlet: str, text: str, chain: tuple[ChainLink, ...], qty: float
) -> tuple[Article, ArticleAnalysis]:
    span = Span(0, len(text), text, "content")
    at = text.index(str(int(qty)))
    quantity = Quantity(Span(at, at + len(str(int(qty))), str(int(qty))), qty, qty)
    speaker = Speaker(chain[0].kind, chain[0].name, chain[0].kind == "anonymous")
    claim = Claim(
        f"{aid}:c1",
        span,
        span,
        Attribution(speaker, None, (span,), "indirect", chain),
        quantities=(quantity,),
    )
    article = Article(
        id=aid,
        text=text,
        outlet=outlet,
        title=f"{outlet} story",
        published="2025-06-0" + aid[-1],
        language="en",
    )
    return article, ArticleAnalysis(aid, "en", (span,), claims=(claim,))


def _items() -> list[tuple[Article, ArticleAnalysis]]:
    return [
        _article(
            "a1",
            "Harbour Post",
            "Port officials say 800 dockers will strike.",
            (ChainLink("port officials", "anonymous"), ChainLink("Harbour Post", "outlet")),
            800,
        ),
        _article(
            "a2",
            "Coast Daily",
            "The Harbour Post says 800 dockers will strike.",
            (ChainLink("Harbour Post", "outlet"), ChainLink("Coast Daily", "outlet")),
            800,
        ),
        _article(
            "a3",
            "Bay Herald",
            "Union leader Mara Voss says 650 dockers will strike.",
            (ChainLink("Mara Voss", "person"), ChainLink("Bay Herald", "outlet")),
            650,
        ),
    ]


def _one_group(items: object) -> tuple[ClaimGroup, ...]:
    refs = tuple(ClaimRef(a.id, an.claims[0], a.outlet) for a, an in _items())
    return (ClaimGroup("g1", "dockers strike", refs),)


def test_to_dict_has_the_issue_shape() -> None:
    view = build_story_view("s1", _items(), grouper=_one_group)
    data = view.to_dict()
    assert set(data) == {
        "id",
        "title",
        "article_ids",
        "claim_groups",
        "discrepancies",
        "timeline",
        "notes",
    }
    assert data["title"] == "Harbour Post story"
    (group,) = data["claim_groups"]
    assert set(group) == {
        "id",
        "summary",
        "status",
        "outlets",
        "independent_origins",
        "origins",
        "echoes",
        "claims",
    }
    assert group["independent_origins"] == 2 and group["status"] == "corroborated"
    assert {o["name"] for o in group["origins"]} == {"Harbour Post", "Bay Herald"}
    assert [e["name"] for e in group["echoes"]] == ["Coast Daily"]
    assert set(group["claims"][0]) == {"article_id", "claim_id", "text", "source", "chain"}
    assert data["discrepancies"][0]["kind"] == "number"
    assert data["timeline"][0]["first_outlet"] == "Harbour Post"
    json.dumps(data)


def test_claim_matrix_cells() -> None:
    view = build_story_view("s1", _items(), grouper=_one_group)
    matrix = claim_matrix(view)
    assert matrix.outlets == ("Harbour Post", "Coast Daily", "Bay Herald")
    assert matrix.rows[0].cells == ("stated differently",) * 3
    extra = _article(
        "a4",
        "Evening Gull",
        "Ferries run as usual, 12 of them.",
        (ChainLink("Evening Gull", "outlet"),),
        12,
    )
    view = build_story_view("s1", [*_items(), extra], grouper=_one_group)
    assert claim_matrix(view).rows[0].cells[-1] == "absent"
    assert view.graph("g1").group_id == "g1"


def _corpus(
    folder: Path, meta: str, limit: int | None = None
) -> list[tuple[Article, ArticleAnalysis]]:
    from newstrace.analyze import analyze
    from newstrace.ingest import MetaIndex, ingest

    files = sorted(str(p) for p in folder.iterdir() if p.suffix in {".txt", ".html"})[:limit]
    found = []
    for article in ingest(files, meta=MetaIndex.load(folder / meta)):
        assert isinstance(article, Article)
        found.append((article, analyze(article)))
    return found


def test_example_corpus_end_to_end() -> None:
    key = json.loads((REPO / "examples" / "answer_key.json").read_text("utf-8"))
    main = next(s for s in key["stories"] if s["name"] == "main")
    items = _corpus(REPO / "examples", "meta.json", limit=len(main["files"]))
    view = build_story_view("main", items)
    data = view.to_dict()
    assert len(data["article_ids"]) == 5
    kinds = {d["kind"] for d in data["discrepancies"]}
    assert "number" in kinds  # about 1,500 against around 1,200
    number = next(d for d in data["discrepancies"] if d["kind"] == "number")
    assert "1,500" in number["summary"] and "1,200" in number["summary"]
    correction = [n for n in data["notes"] if n["type"] == "correction"]
    assert correction and correction[0]["claim_ids"]  # the correction is tied to the crack claim
    groups = {g["id"]: g for g in data["claim_groups"]}
    for group in groups.values():  # an echo outlet is never counted as an origin
        names = {o["name"] for o in group["origins"]}
        assert not names & {e["name"] for e in group["echoes"]}


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds is absent")
def test_seeds_end_to_end() -> None:
    items = _corpus(SHARED / "seeds", "articles.json")
    data = build_story_view("seed", items).to_dict()
    credit = [d for d in data["discrepancies"] if d["kind"] == "attribution"]
    assert any("Mediazona" in d["summary"] and "Verstka" in d["summary"] for d in credit)
    quote = next(g for g in data["claim_groups"] if any("snouts" in c["text"] for c in g["claims"]))
    assert {o["name"] for o in quote["origins"]} == {"Verstka", "Mediazona"}
    assert quote["independent_origins"] == 2
