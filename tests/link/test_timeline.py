"""Timeline: when each claim group first appeared, and where."""

from __future__ import annotations

from newstrace.link.timeline import build_timeline
from newstrace.model import Article, Attribution, Claim, ClaimGroup, ClaimRef, Span, Speaker


def _ref(aid: str, outlet: str) -> ClaimRef:
    span = Span(0, 4, "text")
    claim = Claim(f"{aid}:c1", span, span, Attribution(Speaker("self", outlet), None, (span,)))
    return ClaimRef(aid, claim, outlet)


def test_first_appearance_and_order() -> None:
    articles = [
        Article(id="late", text="x", outlet="Evening Gull", published="2025-06-03"),
        Article(id="early", text="x", outlet="Harbour Post", published="2025-06-01T09:00:00"),
        Article(id="undated", text="x", outlet="Bay Herald"),
        Article(id="mid", text="x", outlet="Harbour Post", published="2025-06-02"),
    ]
    g1 = ClaimGroup(
        "g1",
        "pier",
        (_ref("late", "Evening Gull"), _ref("early", "Harbour Post"), _ref("mid", "Harbour Post")),
    )
    g2 = ClaimGroup("g2", "ferry", (_ref("undated", "Bay Herald"),))
    g3 = ClaimGroup("g3", "rust", (_ref("mid", "Harbour Post"), _ref("undated", "Bay Herald")))
    timeline = build_timeline([g2, g1, g3], articles)
    assert [e.group_id for e in timeline] == ["g1", "g3", "g2"]
    first = timeline[0]
    assert first.first_outlet == "Harbour Post" and first.first_seen == "2025-06-01T09:00:00"
    assert [a.outlet for a in first.appearances] == ["Harbour Post", "Evening Gull"]
    assert timeline[2].first_seen is None
    assert timeline[1].to_dict()["appearances"][1]["outlet"] == "Bay Herald"
