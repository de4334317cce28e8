"""Provenance: origins, echoes, independent origin count, status and graph (hand-built groups)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.link.provenance import provenance_graph, with_provenance
from newstrace.model import (
    ArticleAnalysis,
    Attribution,
    ChainLink,
    Claim,
    ClaimGroup,
    ClaimRef,
    Discrepancy,
    Span,
    Speaker,
    SpeakerKind,
)

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def ref(
    article: str,
    n: int,
    outlet: str,
    chain: list[tuple[str, SpeakerKind]],
    text: str = "The harbour authority will close the north pier on Monday.",
    *,
    anonymous: bool = False,
    quote: str = "indirect",
) -> ClaimRef:
    """A claim of ``article`` whose relay chain is ``chain`` + the article's outlet."""
    links = (*(ChainLink(name, kind) for name, kind in chain), ChainLink(outlet, "outlet"))
    first = chain[0] if chain else (outlet, "self")
    speaker = Speaker(first[1], first[0], anonymous, None)
    span = Span(0, len(text), text, "content")
    attribution = Attribution(speaker, None, (span,), quote, links)  # type: ignore[arg-type]
    return ClaimRef(article, Claim(f"{article}:c{n}", span, span, attribution), outlet)


def group(*members: ClaimRef) -> ClaimGroup:
    return ClaimGroup("g1", "pier closure", tuple(members))


def test_echo_chain_has_one_origin() -> None:
    g = with_provenance(
        group(
            ref("a", 1, "Harbour Post", [("port officials", "anonymous")], anonymous=True),
            ref(
                "b", 1, "Coast Daily", [("port officials", "anonymous"), ("Harbour Post", "outlet")]
            ),
            ref("c", 1, "Evening Gull", [("Harbour Post", "outlet")]),
        )
    )
    assert g.independent_origins == 1
    assert [o.name for o in g.origins] == ["Harbour Post"]
    assert {e.name for e in g.echoes} == {"Coast Daily", "Evening Gull"}
    assert g.status == "single_origin"


def test_independent_second_source_corroborates() -> None:
    g = with_provenance(
        group(
            ref("a", 1, "Harbour Post", [("port officials", "anonymous")], anonymous=True),
            ref("d", 1, "Bay Herald", [("Mara Voss", "person")]),
            ref("b", 1, "Coast Daily", [("Harbour Post", "outlet")]),
        )
    )
    assert g.independent_origins == 2
    assert {o.name for o in g.origins} == {"Harbour Post", "Bay Herald"}
    assert [e.name for e in g.echoes] == ["Coast Daily"]
    assert g.status == "corroborated"


def test_two_relayed_outlets_outside_the_corpus_are_two_channels() -> None:
    g = with_provenance(
        group(
            ref("e1", 1, "Coast Daily", [("union source", "anonymous"), ("Dock Wire", "outlet")]),
            ref(
                "e1", 2, "Coast Daily", [("a minister aide", "anonymous"), ("Tide Times", "outlet")]
            ),
            ref("e2", 1, "Evening Gull", [("union sources", "anonymous"), ("Dock Wire", "outlet")]),
        )
    )
    assert g.independent_origins == 2
    assert {o.name for o in g.origins} == {"Dock Wire", "Tide Times"}
    assert {e.name for e in g.echoes} == {"Coast Daily", "Evening Gull"}
    assert g.status == "corroborated"


def test_one_outside_origin_relayed_twice_is_echo_only() -> None:
    g = with_provenance(
        group(
            ref("e1", 1, "Coast Daily", [("union source", "anonymous"), ("Dock Wire", "outlet")]),
            ref("e2", 1, "Evening Gull", [("Dock Wire", "outlet")]),
        )
    )
    assert g.independent_origins == 1
    assert g.status == "echo_only"


def test_one_outlet_is_exclusive() -> None:
    g = with_provenance(group(ref("a", 1, "Harbour Post", [("Mara Voss", "person")])))
    assert g.status == "exclusive"
    assert g.independent_origins == 1


def test_named_speaker_heard_by_two_outlets_is_one_origin() -> None:
    g = with_provenance(
        group(
            ref("a", 1, "Harbour Post", [("Ilse Brandt", "person")]),
            ref("d", 1, "Bay Herald", [("Ilse Brandt", "person")]),
        )
    )
    assert g.independent_origins == 1
    assert g.status == "single_origin"


def test_echo_restating_in_own_voice_adds_no_channel() -> None:
    g = with_provenance(
        group(
            ref("a", 1, "Harbour Post", [("port officials", "anonymous")], anonymous=True),
            ref("b", 1, "Coast Daily", []),
            ref("b", 2, "Coast Daily", [("Harbour Post", "outlet")]),
        )
    )
    assert g.independent_origins == 1
    assert [e.name for e in g.echoes] == ["Coast Daily"]


def test_anonymous_sources_of_a_relaying_article_are_presumed_relayed() -> None:
    headline = "Pier to close, according to port sources"
    g = with_provenance(
        group(
            ref("b", 1, "Coast Daily", [("port sources", "anonymous")], headline, anonymous=True),
            ref("b", 2, "Coast Daily", [("port official", "anonymous"), ("Dock Wire", "outlet")]),
            ref("c", 1, "Evening Gull", [("Dock Wire", "outlet")]),
        )
    )
    assert g.independent_origins == 1
    assert g.status == "echo_only"


def test_anonymous_source_that_told_the_outlet_itself_stays_first_hand() -> None:
    told = "A port official told the Daily that the pier will close."
    g = with_provenance(
        group(
            ref("b", 1, "Coast Daily", [("port official", "anonymous")], told, anonymous=True),
            ref("b", 2, "Coast Daily", [("Dock Wire", "outlet")]),
            ref("c", 1, "Evening Gull", [("Dock Wire", "outlet")]),
        )
    )
    assert g.independent_origins == 2
    assert "Coast Daily" in {o.name for o in g.origins}


def test_polarity_discrepancy_makes_it_contested() -> None:
    members = (
        ref("a", 1, "Harbour Post", [("Mara Voss", "person")]),
        ref("d", 1, "Bay Herald", [("Ilse Brandt", "person")]),
    )
    clash = Discrepancy("polarity", "x", ("d:c1", "z:c9"), None)
    assert with_provenance(group(*members), [clash]).status == "contested"
    other = Discrepancy("number", "x", ("d:c1",), "g1")
    assert with_provenance(group(*members), [other]).status == "corroborated"


def test_graph_nodes_and_edges() -> None:
    g = group(
        ref("a", 1, "Harbour Post", [("port officials", "anonymous")], anonymous=True),
        ref("b", 1, "Coast Daily", [("Harbour Post", "outlet")]),
        ref("d", 1, "Bay Herald", [("Mara Voss", "person")]),
        ref("d", 2, "Bay Herald", [("Harbour Post", "outlet")]),
    )
    graph = provenance_graph(g)
    roles = {n.name: n.role for n in graph.nodes}
    assert roles["Harbour Post"] == "origin"
    assert roles["Coast Daily"] == "echo"
    assert roles["Bay Herald"] == "origin"
    assert roles["Mara Voss"] == "source"
    names = {n.key: n.name for n in graph.nodes}
    kinds = {(names[e.source], names[e.target]): e.kind for e in graph.edges}
    assert kinds[("port officials", "Harbour Post")] == "told"
    assert kinds[("Harbour Post", "Coast Daily")] == "cited"
    assert kinds[("Harbour Post", "Bay Herald")] == "reported"
    assert kinds[("Mara Voss", "Bay Herald")] == "told"
    assert len(graph.channels) == 2
    assert graph.to_dict()["echoes"] == ["Coast Daily"]


def test_transliterated_outlet_names_are_one_outlet() -> None:
    g = with_provenance(
        group(
            ref("n", 1, "Bay Herald", [("Kremlin source", "anonymous"), ("Verstka", "outlet")]),
            ref("m", 1, "Coast Daily", [("Kremlin source", "anonymous"), ("Vyorstka", "outlet")]),
        )
    )
    assert g.independent_origins == 1
    assert g.status == "echo_only"


def _seed_items() -> list[tuple[object, ArticleAnalysis]]:
    from newstrace.analyze import analyze
    from newstrace.ingest import MetaIndex, ingest
    from newstrace.model import Article

    seeds = SHARED / "seeds"
    files = sorted(str(p) for p in seeds.glob("*.txt"))
    items: list[tuple[object, ArticleAnalysis]] = []
    for article in ingest(files, meta=MetaIndex.load(seeds / "articles.json")):
        assert isinstance(article, Article)
        items.append((article, analyze(article)))
    return items


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds is absent")
def test_seed_300000_plan_rests_on_verstka_and_mediazona() -> None:
    from newstrace.model import Article

    items = _seed_items()
    # A hand-made group standing in for the claim matcher: the statements of the 300,000
    # recruitment plan (the 2022 "partial" mobilisation is another event).
    members = tuple(
        ClaimRef(a.id, c, a.outlet)
        for a, an in items
        if isinstance(a, Article)
        for c in an.claims
        if "300,000" in c.text and "partial" not in c.text
    )
    analyses = {a.id: an for a, an in items if isinstance(a, Article)}
    g = with_provenance(ClaimGroup("g", "300,000 plan", members), analyses=analyses)
    assert {o.name for o in g.origins} == {"Verstka", "Mediazona"}
    assert g.independent_origins == 2
    assert {e.name for e in g.echoes} == {"Novaya Gazeta Europe", "The Moscow Times"}
