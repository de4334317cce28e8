"""``find_tensions`` ranks a claim without an idiom only against groups it could contradict;
on invented stories that gives exactly what ranking every group with a member of opposite
polarity gives (the full ranking), including which member is opposed and the score."""

from __future__ import annotations

import random

from newstrace.link._tension import (
    Context,
    Tension,
    _claim_tension,
    _has_idiom,
    _Story,
    build_context,
    find_tensions,
    says_something,
)
from newstrace.model import ArticleAnalysis, Attribution, Claim, ClaimGroup, ClaimRef, Span, Speaker

SUBJECTS = ["the harbour pier", "the river bridge", "the coastal road", "the town reservoir"]
PREDICATES = [
    "could collapse during the storm",
    "will reopen for traffic on Monday",
    "needs urgent structural repairs",
    "was inspected by engineers yesterday",
    "poses a serious flooding danger",
]
NEGATIONS = [
    "there is no danger that {s} {p}",
    "officials do not expect that {s} {p}",
    "it is not true that {s} {p}",
]
IDIOMS = ["However, {s} {p}", "plans saying {s} {p} were put on hold"]


def _sentence(rng: random.Random) -> tuple[str, str]:
    subject, predicate = rng.choice(SUBJECTS), rng.choice(PREDICATES)
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(NEGATIONS).format(s=subject, p=predicate).capitalize(), "negative"
    if roll < 0.4:
        return rng.choice(IDIOMS).format(s=subject, p=predicate), "positive"
    return f"{subject} {predicate}".capitalize(), "positive"


def _article(rng: random.Random, article: str) -> ArticleAnalysis:
    parts = [_sentence(rng) for _ in range(rng.randint(2, 4))]
    text = " ".join(f"{s}." for s, _ in parts)
    sentences: list[Span] = []
    claims: list[Claim] = []
    start = 0
    for number, (sentence, polarity) in enumerate(parts, start=1):
        span = Span.of(text, start, start + len(sentence), "sentence")
        sentences.append(span)
        claims.append(
            Claim(
                id=f"{article}:c{number}",
                sentence=span,
                content=span,
                attribution=Attribution(Speaker("self", "Outlet"), None, (span,)),
                polarity=polarity,  # type: ignore[arg-type]
            )
        )
        start += len(sentence) + 2
    return ArticleAnalysis(article, "en", sentences=tuple(sentences), claims=tuple(claims))


def _story(seed: int) -> tuple[list[ClaimGroup], list[ClaimRef], Context]:
    rng = random.Random(seed)
    analyses = [_article(rng, f"a{i}") for i in range(8)]
    claims = [ClaimRef(an.article_id, c) for an in analyses for c in an.claims]
    shuffled = claims[:]
    rng.shuffle(shuffled)
    groups: list[ClaimGroup] = []
    while shuffled:
        members = tuple(shuffled[: rng.randint(1, 4)])
        del shuffled[: len(members)]
        groups.append(ClaimGroup(id=f"g{len(groups)}", summary="", members=members))
    return groups, claims, build_context([("en", an) for an in analyses])


def _full_ranking(
    groups: list[ClaimGroup], claims: list[ClaimRef], context: Context
) -> list[Tension]:
    story = _Story(groups, context)
    found = []
    for claim in claims:
        if not says_something(claim, "en"):
            continue
        keep = "all" if _has_idiom(claim, "en") else "opposite"
        tension = _claim_tension(claim, story, keep)
        if tension is not None:
            found.append(tension)
    return found


def _key(tensions: list[Tension]) -> list[tuple[str, str, str, str, float]]:
    return [(t.group.id, t.claim.claim_id, t.opposed.claim_id, t.reason, t.score) for t in tensions]


def test_pruned_ranking_equals_full_ranking_on_invented_stories() -> None:
    total = 0
    for seed in range(40):
        groups, claims, context = _story(seed)
        pruned = list(find_tensions(groups, claims, context))
        assert _key(pruned) == _key(_full_ranking(groups, claims, context)), seed
        total += len(pruned)
    assert total > 20  # the stories do hold tensions, so the comparison means something


def test_a_contradiction_is_found_without_an_idiom() -> None:
    positive = "The harbour pier could collapse during the storm."
    negative = "There is no danger that the harbour pier could collapse during the storm."
    analyses = []
    refs = []
    for article, text, polarity in (("a", positive, "positive"), ("b", negative, "negative")):
        span = Span.of(text, 0, len(text), "sentence")
        claim = Claim(
            id=f"{article}:c1",
            sentence=span,
            content=span,
            attribution=Attribution(Speaker("self", "Outlet"), None, (span,)),
            polarity=polarity,  # type: ignore[arg-type]
        )
        analyses.append(("en", ArticleAnalysis(article, "en", sentences=(span,), claims=(claim,))))
        refs.append(ClaimRef(article, claim))
    groups = [ClaimGroup(id="g1", summary="", members=(refs[0],))]
    found = find_tensions(groups, refs, build_context(analyses))
    assert [(t.claim.claim_id, t.reason) for t in found] == [
        ("b:c1", "contradicts it (opposite polarity)")
    ]
