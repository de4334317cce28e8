"""One polarity discrepancy per group pushed back on, with every claim involved."""

from __future__ import annotations

from newstrace.link.discrepancies import find_discrepancies
from newstrace.model import (
    Article,
    ArticleAnalysis,
    Attribution,
    ChainLink,
    Claim,
    ClaimGroup,
    ClaimRef,
    Discrepancy,
    Span,
    Speaker,
)


def claim(aid: str, outlet: str, text: str, *, polarity: str = "positive", n: int = 1) -> ClaimRef:
    """A claim in the outlet's own voice, alone in its sentence."""
    span = Span(0, len(text), text, "content")
    chain = (ChainLink(outlet, "outlet"),)
    attribution = Attribution(Speaker("self", outlet), None, (span,), "indirect", chain)
    made = Claim(f"{aid}:c{n}", span, span, attribution, polarity=polarity)  # type: ignore[arg-type]
    return ClaimRef(aid, made, outlet)


def items(*refs: ClaimRef) -> list[tuple[Article, ArticleAnalysis]]:
    """One article per article id, holding its claims' sentences one per line."""
    by_article: dict[str, list[ClaimRef]] = {}
    for ref in refs:
        by_article.setdefault(ref.article_id, []).append(ref)
    out = []
    for aid, own in by_article.items():
        text = own[0].claim.text
        article = Article(id=aid, text=text, outlet=own[0].outlet, language="en")
        claims = tuple(r.claim for r in own)
        out.append(
            (article, ArticleAnalysis(aid, "en", tuple(c.sentence for c in claims), claims=claims))
        )
    return out


def polarity(found: tuple[Discrepancy, ...]) -> list[Discrepancy]:
    return [d for d in found if d.kind == "polarity"]


FEAR = "Inspectors fear the old viaduct could collapse under heavy lorries."
FEAR_TOO = "Inspectors fear the viaduct could collapse under heavy lorries, the council heard."
AGENCY = "The roads agency said the old viaduct posed no threat of collapse to heavy lorries."


def test_several_pushbacks_on_one_group_are_one_discrepancy() -> None:
    a = claim("a", "Valley Echo", FEAR)
    b = claim("b", "Ridge Times", FEAR_TOO)
    c = claim("c", "County Wire", AGENCY)
    d = claim("d", "Morning Ledger", "Engineers played down fears the viaduct could collapse.")
    groups = [
        ClaimGroup("fear", "viaduct could collapse", (a, b)),
        ClaimGroup("agency", "no threat", (c,)),
        ClaimGroup("ledger", "played down", (d,)),
    ]
    found = polarity(find_discrepancies(groups, items(a, b, c, d)))
    assert len(found) == 1, found
    only = found[0]
    assert only.group_id == "fear"
    assert {"c:c1", "d:c1"} <= set(only.claim_ids)
    assert {"a:c1", "b:c1"} & set(only.claim_ids)
    assert "County Wire" in only.summary and "Morning Ledger" in only.summary
    assert "2 claims" in only.summary


def test_one_pushback_keeps_the_one_line_explanation() -> None:
    a = claim("a", "Valley Echo", FEAR)
    b = claim("b", "Ridge Times", FEAR_TOO)
    c = claim("c", "County Wire", AGENCY)
    groups = [ClaimGroup("fear", "s", (a, b)), ClaimGroup("agency", "s", (c,))]
    found = polarity(find_discrepancies(groups, items(a, b, c)))
    assert len(found) == 1
    assert found[0].summary.startswith("County Wire qualifies it ('no threat')")
    assert "claims:" not in found[0].summary


def test_pushbacks_on_two_groups_stay_two_discrepancies() -> None:
    a = claim("a", "Valley Echo", FEAR)
    b = claim("b", "Ridge Times", FEAR_TOO)
    e = claim("e", "Valley Echo", "The ferry crossing at Millbrook will close on Friday.", n=2)
    f = claim("f", "Ridge Times", "The ferry crossing at Millbrook closes on Friday.", n=2)
    c = claim("c", "County Wire", AGENCY)
    g = claim(
        "g", "Harbour Post", "Reports that the Millbrook ferry crossing will close are untrue."
    )
    groups = [
        ClaimGroup("fear", "s", (a, b)),
        ClaimGroup("ferry", "s", (e, f)),
        ClaimGroup("agency", "s", (c,)),
        ClaimGroup("denial", "s", (g,)),
    ]
    found = polarity(find_discrepancies(groups, items(a, b, e, f, c, g)))
    assert sorted(d.group_id or "" for d in found) == ["fear", "ferry"]


def test_inner_contradiction_and_pushback_are_one_discrepancy() -> None:
    safe = "The old viaduct over the Tarn river is safe for heavy lorries."
    a = claim("a", "Valley Echo", safe)
    b = claim("b", "Ridge Times", safe.replace("is safe", "is not safe"), polarity="negative")
    c = claim("c", "County Wire", "The county postponed checks of the viaduct over the Tarn river.")
    groups = [ClaimGroup("safe", "s", (a, b)), ClaimGroup("checks", "s", (c,))]
    found = polarity(find_discrepancies(groups, items(a, b, c)))
    assert len(found) == 1, found
    assert found[0].group_id == "safe"
    assert {"a:c1", "b:c1", "c:c1"} == set(found[0].claim_ids)
    assert "negates it" in found[0].summary and "'postponed'" in found[0].summary


def test_pushback_names_every_member_of_the_group_it_answers() -> None:
    a = claim("a", "Valley Echo", FEAR)
    b = claim("b", "Ridge Times", FEAR_TOO)
    c = claim("c", "County Wire", AGENCY)
    groups = [ClaimGroup("fear", "s", (a, b)), ClaimGroup("agency", "s", (c,))]
    found = polarity(find_discrepancies(groups, items(a, b, c)))
    assert len(found) == 1
    assert {"a:c1", "b:c1", "c:c1"} == set(found[0].claim_ids)
