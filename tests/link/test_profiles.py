"""Outlet profiles across stories."""

from __future__ import annotations

from newstrace.link.profiles import outlet_profiles
from newstrace.link.story_view import build_story_view
from newstrace.model import (
    Article,
    ArticleAnalysis,
    Attribution,
    ChainLink,
    Claim,
    ClaimGroup,
    ClaimRef,
    EditorialNote,
    Span,
    Speaker,
)


def _item(
    aid: str, outlet: str, day: str, chain: tuple[ChainLink, ...], *, corrected: bool = False
) -> tuple[Article, ArticleAnalysis]:
    text = f"Claim {aid} about the harbour strike."
    span = Span(0, len(text), text, "content")
    speaker = Speaker(chain[0].kind, chain[0].name, chain[0].kind == "anonymous")
    claim = Claim(f"{aid}:c1", span, span, Attribution(speaker, None, (span,), "indirect", chain))
    notes = (
        (EditorialNote("correction", "An earlier version said otherwise."),) if corrected else ()
    )
    article = Article(id=aid, text=text, outlet=outlet, published=day, notes=notes)
    return article, ArticleAnalysis(aid, "en", (span,), claims=(claim,))


def _all_in_one(items: object) -> tuple[ClaimGroup, ...]:
    assert isinstance(items, list)
    return (
        ClaimGroup(
            "g1", "strike", tuple(ClaimRef(a.id, an.claims[0], a.outlet) for a, an in items)
        ),
    )


def _post(aid: str, day: str, **kw: bool) -> tuple[Article, ArticleAnalysis]:
    return _item(
        aid,
        "Harbour Post",
        day,
        (ChainLink("officials", "anonymous"), ChainLink("Harbour Post", "outlet")),
        **kw,
    )


def test_profiles_count_origins_echoes_first_reports_and_corrections() -> None:
    echo = _item(
        "b1",
        "Coast Daily",
        "2025-06-02",
        (ChainLink("Harbour Post", "outlet"), ChainLink("Coast Daily", "outlet")),
    )
    second = _item(
        "c1",
        "Bay Herald",
        "2025-06-03",
        (ChainLink("Mara Voss", "person"), ChainLink("Bay Herald", "outlet")),
    )
    story1 = build_story_view(
        "s1", [_post("a1", "2025-06-01", corrected=True), echo, second], grouper=_all_in_one
    )
    story2 = build_story_view(
        "s2",
        [
            _post("a2", "2025-07-01"),
            _item(
                "b2",
                "Coast Daily",
                "2025-07-02",
                (ChainLink("Harbour Post", "outlet"), ChainLink("Coast Daily", "outlet")),
            ),
        ],
        grouper=_all_in_one,
    )
    story3 = build_story_view("s3", [_post("a3", "2025-08-01")], grouper=_all_in_one)
    profiles = {p.outlet: p for p in outlet_profiles([story1, story2, story3])}
    post = profiles["Harbour Post"]
    assert (post.stories, post.articles, post.corrections) == (3, 3, 1)
    assert (post.origin_groups, post.echo_groups, post.exclusive_groups) == (2, 0, 1)
    assert (post.first_reports, post.first_reports_corroborated) == (2, 1)
    daily = profiles["Coast Daily"]
    assert (daily.origin_groups, daily.echo_groups, daily.first_reports) == (0, 2, 0)
    assert daily.origin_share == 0.0 and post.origin_share == 1.0
    assert post.to_dict()["correction_rate"] == round(1 / 3, 3)
