"""The attribution points of the seeds' EXPECTED.md, end to end: ingest, then analyze."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.analyze import analyze
from newstrace.ingest import MetaIndex, ingest
from newstrace.model import Article, ArticleAnalysis, Claim

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
pytestmark = pytest.mark.skipif(
    not (SEEDS / "articles.json").is_file(), reason="../shared/seeds is not present"
)


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[Article, ArticleAnalysis]]:
    meta = MetaIndex.load(SEEDS / "articles.json")
    out: dict[str, tuple[Article, ArticleAnalysis]] = {}
    for item in ingest(sorted(str(p) for p in SEEDS.glob("*.txt")), meta=meta):
        assert isinstance(item, Article), str(item)
        out[item.outlet or ""] = (item, analyze(item))
    return out


def claims_with(analysis: ArticleAnalysis, phrase: str) -> list[Claim]:
    return [c for c in analysis.claims if phrase in c.sentence.text]


def chain_names(claim: Claim) -> list[str]:
    return [link.name for link in claim.attribution.chain]


def test_quote_credited_to_mediazona_by_one_and_verstka_by_the_other(
    seeds: dict[str, tuple[Article, ArticleAnalysis]],
) -> None:
    _, nge = seeds["Novaya Gazeta Europe"]
    _, mt = seeds["The Moscow Times"]
    boots = claims_with(nge, "pairs of boots")
    snouts = claims_with(mt, "snouts short")
    assert boots and snouts
    for claim in boots:
        speaker = claim.attribution.speaker
        assert speaker.anonymous and speaker.kind == "anonymous"
        assert claim.attribution.quote == "direct"
        assert chain_names(claim)[-2:] == ["Mediazona", "Novaya Gazeta Europe"]
    for claim in snouts:
        assert claim.attribution.speaker.anonymous
        assert chain_names(claim)[-2:] == ["Verstka", "The Moscow Times"]


def test_recruitment_plan_sources(seeds: dict[str, tuple[Article, ArticleAnalysis]]) -> None:
    _, mt = seeds["The Moscow Times"]
    ministry = claims_with(mt, "confirmed the 300,000 recruitment target")
    assert any(c.attribution.speaker.anonymous and "Verstka" in chain_names(c) for c in ministry)
    _, nge = seeds["Novaya Gazeta Europe"]
    forms = claims_with(nge, "uniform and weaponry request forms")
    assert any(
        c.attribution.speaker.anonymous and chain_names(c)[-2:-1] == ["Verstka"] for c in forms
    )


def test_speaker_kinds(seeds: dict[str, tuple[Article, ArticleAnalysis]]) -> None:
    _, mt = seeds["The Moscow Times"]
    kinds = {c.attribution.speaker.canonical: c.attribution.speaker.kind for c in mt.claims}
    assert kinds.get("Ilya Grashchenkov") == "person"
    assert kinds.get("Vladimir Putin") == "person"
    assert all(kind != "person" for name, kind in kinds.items() if "source" in name.lower())
    background = claims_with(mt, "sparked some protests")
    assert background and all(c.attribution.speaker.kind != "anonymous" for c in background)


def test_the_outlet_and_the_source_resolve(
    seeds: dict[str, tuple[Article, ArticleAnalysis]],
) -> None:
    _, mt = seeds["The Moscow Times"]
    told_outlet = claims_with(mt, "political scientist Ilya Grashchenkov told the outlet")
    assert told_outlet
    assert all("Verstka" in chain_names(c) for c in told_outlet)
    source_said = claims_with(mt, "That’s only possible in case of encirclement")
    assert source_said
    assert all(c.attribution.speaker.anonymous for c in source_said)
    assert all("Verstka" in chain_names(c) for c in source_said)


def test_own_source_of_the_moscow_times_is_first_hand(
    seeds: dict[str, tuple[Article, ArticleAnalysis]],
) -> None:
    _, mt = seeds["The Moscow Times"]
    hesitant = claims_with(mt, "remains hesitant")
    assert hesitant
    assert any(chain_names(c) and chain_names(c)[-1] == "The Moscow Times" for c in hesitant)
    assert all("Verstka" not in chain_names(c) for c in hesitant)
