"""Tests for claim groups: fixtures written for these tests, plus the seed articles when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace.link.claim_match import ClaimMatcher, MatchOptions
from newstrace.link.claims import ClaimOptions, cluster, group_claims, tidy, trim
from newstrace.model import (
    Article,
    ArticleAnalysis,
    Attribution,
    Claim,
    ClaimGroup,
    Quantity,
    Span,
    Speaker,
)

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "seeds"


def make(
    outlet: str, sentences: list[str], language: str = "en", quotes: set[int] = frozenset()
) -> tuple[Article, ArticleAnalysis]:
    text = " ".join(sentences)
    article = Article.create(text, outlet=outlet, language=language)
    claims, start = [], 0
    for number, sentence in enumerate(sentences, start=1):
        span = Span.of(text, start, start + len(sentence))
        quantities = tuple(
            Quantity(Span.of(text, start, start + len(sentence)), float(w), float(w))
            for w in sentence.replace(",", "").split()
            if w.isdigit()
        )
        kind = "direct" if number in quotes else "indirect"
        speaker = Speaker(kind="anonymous", canonical="anonymous: source", anonymous=True)
        claims.append(
            Claim(
                id=f"{article.id}:c{number}",
                sentence=span,
                content=span,
                attribution=Attribution(speaker, None, (span,), quote=kind),
                quantities=quantities,
            )
        )
        start += len(sentence) + 1
    return article, ArticleAnalysis(article.id, language, claims=tuple(claims))


LEXICAL = ClaimOptions(match=MatchOptions(embedding="none", use_cache=False))


def members(group: ClaimGroup) -> set[str]:
    return {f"{m.outlet}:{m.claim.id.rsplit(':', 1)[1]}" for m in group.members}


def test_paraphrases_across_outlets_group_and_the_rest_stay_alone() -> None:
    one = make(
        "Harbour Post",
        [
            "The port authority will dredge the northern channel to a depth of 16 metres at a cost of 85,000,000 euros.",  # noqa: E501
            "Fishermen say the works will disturb the spawning grounds.",
        ],
    )
    two = make(
        "Coastal Daily",
        [
            "A 85,000,000 euro dredging of the northern channel, to 16 metres, was approved by the port authority.",  # noqa: E501
            "The ferry company reported record passenger numbers in July.",
        ],
    )
    groups = group_claims([one, two], options=LEXICAL)
    assert [g.id for g in groups] == ["g1", "g2", "g3"]
    assert members(groups[0]) == {"Harbour Post:c1", "Coastal Daily:c1"}
    assert all(len(g.members) == 1 for g in groups[1:])
    assert groups[0].outlets == ("Harbour Post", "Coastal Daily")
    assert groups[0].status == "exclusive" and groups[0].independent_origins == 0


def test_every_claim_lands_in_exactly_one_group() -> None:
    items = [
        make("A", ["Rain closed 12 schools.", "The mayor resigned on Monday."]),
        make("B", ["The mayor resigned on Monday evening.", "Rain closed 12 schools again."]),
        make("C", ["A new bakery opened downtown."]),
    ]
    groups = group_claims(items, options=LEXICAL)
    seen = [m.claim.id for g in groups for m in g.members]
    assert sorted(seen) == sorted(c.id for _, a in items for c in a.claims)


def test_same_article_claims_never_link_directly() -> None:
    import numpy as np

    scores = np.array([[1.0, 0.99], [0.99, 1.0]], dtype=np.float32)
    assert cluster(scores, [0, 0], 0.5) == [0, 1]
    assert cluster(scores, [0, 1], 0.5) == [0, 0]


def test_average_linkage_stops_chaining() -> None:
    import numpy as np

    # 0~1 strongly, 1~2 strongly, 0~2 not at all: average link of {0,1} to 2 is 0.45
    scores = np.array([[1, 0.9, 0.0], [0.9, 1, 0.9], [0.0, 0.9, 1]], dtype=np.float32)
    labels = cluster(scores, [0, 1, 2], 0.5)
    assert len(set(labels)) == 2


def test_translated_quotes_sharing_a_number_group() -> None:
    one = make("Paper One", ["We are short of 70,000 teachers in the north,"], quotes={1})
    two = make("Paper Two", ["The north lacks 70,000 classroom staff, believe me,"], quotes={1})
    groups = group_claims([one, two], options=LEXICAL)
    assert len(groups) == 1


def test_summary_is_trimmed_member_text() -> None:
    assert trim("word " * 100, limit=40).endswith("…")
    assert len(trim("word " * 100, limit=40)) <= 41
    assert trim("  short   claim ") == "short claim"


def test_custom_matcher_is_used() -> None:
    one = make("X", ["Alpha beta gamma delta epsilon."])
    two = make("Y", ["Zeta eta theta iota kappa."])
    always = ClaimMatcher(MatchOptions(embedding="none", threshold=0.0, use_cache=False))
    assert len(group_claims([one, two], matcher=always)) == 1


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
@pytest.mark.slow
def test_seed_story_groups() -> None:
    from newstrace.analyze import analyze
    from newstrace.ingest import ingest
    from newstrace.ingest.meta import MetaIndex

    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    articles = [a for a in ingest(paths, meta=MetaIndex.load(SEEDS / "articles.json"))]
    items = [(a, analyze(a)) for a in articles if isinstance(a, Article)]
    groups = group_claims(items)

    def together(*needles: str) -> bool:
        for group in groups:
            texts = [m.claim.sentence.text.lower() for m in group.members]
            if len({m.article_id for m in group.members}) < 2:
                continue
            if all(any(n in t for t in texts) for n in needles):
                return True
        return False

    assert together("pairs of boots on the ground", "snouts short")
    assert together("further 300,000 soldiers", "recruit 300,000 soldiers")
    assert together("mobilisation 2.0", "mobilization 2.0")
    assert together("kharkiv", "kharkiv")
    json.dumps([g.summary for g in groups])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("that the ferry will stop running", "The ferry will stop running"),
        ("что паром перестанет ходить", "Паром перестанет ходить"),
        ("“We will keep the ferry running,”", "“We will keep the ferry running”"),
        ("That is all", "That is all"),
        ("thatched roofs burned", "Thatched roofs burned"),
    ],
)
def test_summary_reads_as_a_line_of_its_own(text: str, expected: str) -> None:
    assert tidy(text) == expected
