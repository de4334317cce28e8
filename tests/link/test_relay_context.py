"""Relay context: continued attribution in a paragraph, an article's relayed outlet."""

from __future__ import annotations

from newstrace.link.provenance import with_provenance
from newstrace.model import (
    ArticleAnalysis,
    Attribution,
    ChainLink,
    Claim,
    ClaimGroup,
    ClaimRef,
    Span,
    Speaker,
    SpeakerKind,
)


def sentence_claims(
    aid: str, outlet: str, parts: list[tuple[str, list[tuple[str, SpeakerKind]]]], sep: str
) -> tuple[str, ArticleAnalysis]:
    """An article of sentences joined by ``sep``; each with the chain before its outlet."""
    text = sep.join(p for p, _ in parts)
    sentences, claims, at = [], [], 0
    for n, (part, chain) in enumerate(parts, 1):
        span = Span(at, at + len(part), part, "sentence")
        links = (*(ChainLink(name, kind) for name, kind in chain), ChainLink(outlet, "outlet"))
        first = chain[0] if chain else (outlet, "self")
        who = Speaker(first[1], first[0], first[1] == "anonymous")
        claims.append(
            Claim(f"{aid}:c{n}", span, span, Attribution(who, None, (span,), chain=links))
        )
        sentences.append(span)
        at += len(part) + len(sep)
    return text, ArticleAnalysis(aid, "en", tuple(sentences), claims=tuple(claims))


ORIGIN = [
    (
        "The ferry line will stop its night service, port officials told the Harbour Post.",
        [("port officials", "anonymous")],
    ),
    ("Crews would be moved to the day shifts.", []),
]


def test_own_voice_sentence_continues_the_paragraphs_relayed_attribution() -> None:
    relayed = [
        (
            "The ferry line will stop its night service, the Harbour Post reported.",
            [("Harbour Post", "outlet")],
        ),
        ("Crews would be moved to the day shifts.", []),
    ]
    a_text, a = sentence_claims("a", "Harbour Post", ORIGIN, " ")
    b_text, b = sentence_claims("b", "Coast Daily", relayed, " ")
    members = (
        ClaimRef("a", a.claims[1], "Harbour Post"),
        ClaimRef("b", b.claims[1], "Coast Daily"),
    )
    group = ClaimGroup("g", "shifts", members)
    plain = with_provenance(group)
    assert plain.independent_origins == 2
    got = with_provenance(group, analyses={"a": a, "b": b}, texts={"a": a_text, "b": b_text})
    assert got.independent_origins == 1
    assert [e.name for e in got.echoes] == ["Coast Daily"]
    assert got.status == "single_origin"


def test_a_new_paragraph_ends_the_attribution() -> None:
    relayed = [
        (
            "The ferry line will stop its night service, the Harbour Post reported.",
            [("Harbour Post", "outlet")],
        ),
        ("Crews would be moved to the day shifts.", []),
    ]
    a_text, a = sentence_claims("a", "Harbour Post", ORIGIN, " ")
    b_text, b = sentence_claims("b", "Coast Daily", relayed, "\n\n")
    members = (
        ClaimRef("a", a.claims[1], "Harbour Post"),
        ClaimRef("b", b.claims[1], "Coast Daily"),
    )
    got = with_provenance(
        ClaimGroup("g", "shifts", members),
        analyses={"a": a, "b": b},
        texts={"a": a_text, "b": b_text},
    )
    assert got.independent_origins == 2


def test_unnamed_source_of_an_article_that_relays_one_outlet() -> None:
    relayed = [
        ("The night service will stop, the Harbour Post reported.", [("Harbour Post", "outlet")]),
        ("Crews move to day shifts, according to the Harbour Post.", [("Harbour Post", "outlet")]),
        (
            "“We have no choice,” the outlet quotes a senior port official.",
            [("senior port official", "official")],
        ),
    ]
    a_text, a = sentence_claims(
        "a",
        "Harbour Post",
        [
            (
                "“We have no choice,” a senior port official told the Harbour Post.",
                [("senior port official", "anonymous")],
            ),
        ],
        " ",
    )
    b_text, b = sentence_claims("b", "Coast Daily", relayed, " ")
    members = (
        ClaimRef("a", a.claims[0], "Harbour Post"),
        ClaimRef("b", b.claims[2], "Coast Daily"),
    )
    group = ClaimGroup("g", "quote", members)
    assert with_provenance(group).independent_origins == 2
    got = with_provenance(group, analyses={"a": a, "b": b}, texts={"a": a_text, "b": b_text})
    assert got.independent_origins == 1 and [e.name for e in got.echoes] == ["Coast Daily"]


def test_named_source_is_not_presumed_relayed() -> None:
    relayed = [
        ("The night service will stop, the Harbour Post reported.", [("Harbour Post", "outlet")]),
        ("Crews move to day shifts, according to the Harbour Post.", [("Harbour Post", "outlet")]),
        ("“We have no choice,” port director Lena Sorel said.", [("Lena Sorel", "person")]),
    ]
    a_text, a = sentence_claims(
        "a",
        "Harbour Post",
        [
            (
                "“We have no choice,” a senior port official told the Harbour Post.",
                [("senior port official", "anonymous")],
            ),
        ],
        " ",
    )
    b_text, b = sentence_claims("b", "Coast Daily", relayed, " ")
    members = (
        ClaimRef("a", a.claims[0], "Harbour Post"),
        ClaimRef("b", b.claims[2], "Coast Daily"),
    )
    got = with_provenance(
        ClaimGroup("g", "quote", members),
        analyses={"a": a, "b": b},
        texts={"a": a_text, "b": b_text},
    )
    assert got.independent_origins == 2
