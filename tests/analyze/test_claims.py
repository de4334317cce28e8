"""Claims: attributed contents, the outlet's own voice, notes skipped, polarity, hedges, anchors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.analyze.claims import build_claims, polarity
from newstrace.model import (
    Attribution,
    ChainLink,
    Claim,
    Mention,
    Quantity,
    Span,
    Speaker,
    TimeRef,
)

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def at(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span.of(text, start, start + len(phrase))


def sentence_spans(text: str, parts: list[str]) -> tuple[Span, ...]:
    return tuple(Span.of(text, at(text, p).start, at(text, p).end, "sentence") for p in parts)


HEADLINE = "Port of Klaipeda to expand by 2027"
S1 = "The port of Klaipeda will not close its northern terminal, the ministry said on Monday."
S2 = "Traffic reportedly fell 12% in 2023, according to a port official."
S3 = "While no decision on fees has been published anywhere yet, a union leader said fees may rise."
S4 = "The terminal opened in 1998."
NOTE = "Correction: an earlier version misstated the opening year."
TEXT = "\n\n".join([HEADLINE, f"{S1} {S2}", S3, S4, NOTE])


def attribution(
    text: str, source: str, cue: str, content: str, kind: str, hedges: tuple[str, ...] = ()
) -> Attribution:
    speaker = Speaker(kind, source, kind == "anonymous", at(text, source))  # type: ignore[arg-type]
    return Attribution(
        speaker=speaker,
        cue=at(text, cue),
        content=(at(text, content),),
        chain=(ChainLink(source, kind), ChainLink("Baltic Daily", "outlet")),  # type: ignore[arg-type]
        hedges=hedges,
    )


@pytest.fixture
def claims() -> tuple[Claim, ...]:
    text = TEXT
    sentences = sentence_spans(text, [HEADLINE, S1, S2, S3, S4, NOTE])
    atts = [
        attribution(text, "the ministry", "said on", S1.split(",")[0], "organisation"),
        attribution(
            text,
            "a port official",
            "according to",
            "Traffic reportedly fell 12% in 2023",
            "official",
            ("according to",),
        ),
        attribution(text, "a union leader", "said fees", "fees may rise", "official"),
    ]
    quantities = (Quantity(at(text, "12%"), 12, 12, kind="percent"),)
    dates = (
        TimeRef(at(text, "in 2023"), "year", "2023-01-01", "2023-12-31"),
        TimeRef(at(text, "in 1998"), "year", "1998-01-01", "1998-12-31"),
        TimeRef(at(text, "on Monday"), "day", "2024-05-06", "2024-05-06"),
    )
    second = text.index("Klaipeda", text.index(S1))
    mentions = (
        Mention(at(text, "Klaipeda"), "place", "klaipeda"),
        Mention(Span.of(text, second, second + len("Klaipeda"), "place"), "place", "klaipeda"),
    )
    return build_claims(
        "art1",
        text,
        sentences,
        atts,
        quantities=quantities,
        dates=dates,
        mentions=mentions,
        note_spans=(at(text, NOTE),),
        outlet="Baltic Daily",
        language="en",
    )


def test_claims_in_text_order_with_ids(claims: tuple[Claim, ...]) -> None:
    assert [c.id for c in claims] == [f"art1:c{n}" for n in range(1, len(claims) + 1)]
    starts = [c.content.start for c in claims]
    assert starts == sorted(starts)
    texts = [c.text for c in claims]
    assert texts == [
        HEADLINE,
        "The port of Klaipeda will not close its northern terminal",
        "Traffic reportedly fell 12% in 2023",
        "no decision on fees has been published anywhere yet",
        "fees may rise",
        S4,
    ]
    for claim in claims:
        assert TEXT[claim.content.start : claim.content.end] == claim.content.text
        assert claim.sentence.start <= claim.content.start < claim.content.end <= claim.sentence.end


def test_own_voice_claims_and_notes_skipped(claims: tuple[Claim, ...]) -> None:
    own = [c for c in claims if c.attribution.speaker.kind == "self"]
    assert [c.text for c in own] == [
        HEADLINE,
        "no decision on fees has been published anywhere yet",
        S4,
    ]
    for claim in own:
        assert claim.attribution.speaker.canonical == "Baltic Daily"
        assert claim.attribution.chain == (ChainLink("Baltic Daily", "outlet"),)
    assert not [c for c in claims if "Correction" in c.sentence.text]


def test_polarity_hedges_and_anchors(claims: tuple[Claim, ...]) -> None:
    by_text = {c.text: c for c in claims}
    closing = by_text["The port of Klaipeda will not close its northern terminal"]
    assert closing.polarity == "negative"
    assert [m.span.text for m in closing.mentions] == ["Klaipeda"]
    assert closing.dates == ()  # "on Monday" is outside the content
    traffic = by_text["Traffic reportedly fell 12% in 2023"]
    assert traffic.polarity == "positive"
    assert traffic.hedges == ("according to", "reportedly")
    assert [q.span.text for q in traffic.quantities] == ["12%"]
    assert [d.span.text for d in traffic.dates] == ["in 2023"]
    assert by_text["fees may rise"].hedges == ("may",)
    assert by_text["no decision on fees has been published anywhere yet"].polarity == "negative"
    assert [d.span.text for d in by_text[S4].dates] == ["in 1998"]


def test_several_content_spans_make_several_claims() -> None:
    text = "“We are ready,” the coach said. “The team is fit.”"
    quote1, quote2 = at(text, "“We are ready,”"), at(text, "“The team is fit.”")
    att = Attribution(
        speaker=Speaker("official", "coach", False, at(text, "the coach")),
        cue=at(text, "said"),
        content=(quote1, quote2),
        quote="direct",
        chain=(ChainLink("coach", "official"), ChainLink("the outlet", "outlet")),
    )
    sentences = sentence_spans(text, ["“We are ready,” the coach said.", "“The team is fit.”"])
    claims = build_claims(
        "x",
        text,
        sentences,
        [att],
        quantities=(),
        dates=(),
        mentions=(),
        note_spans=(),
        outlet=None,
        language="en",
    )
    assert [c.text for c in claims] == ["“We are ready,”", "“The team is fit.”"]
    assert all(c.attribution is att for c in claims)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("The talks did not fail", "en", "negative"),
        ("The plan won't work", "en", "negative"),
        ("Nobody was hurt", "en", "negative"),
        ("The talks succeeded", "en", "positive"),
        ("Notably, the note was signed", "en", "positive"),
        ("Решение не принято", "ru", "negative"),
        ("Решение принято", "ru", "positive"),
    ],
)
def test_polarity(text: str, language: str, expected: str) -> None:
    assert polarity(text, language) == expected


def test_denial_cue_makes_a_negative_claim() -> None:
    text = "The company denied that it sold data."
    assert polarity("that it sold data", "en", at(text, "denied")) == "negative"


def test_seed_background_is_the_outlets_own_voice() -> None:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds folder (../shared/seeds) is absent")
    text = (SEEDS / "000_5953783ade1d3edf.txt").read_text(encoding="utf-8")
    background = "This new recruitment push is likely due to a decline in voluntary recruitment."
    enlisting = "The number of people enlisting fell in autumn 2023"
    end = text.index(".", text.index(enlisting)) + 1
    sentences = (at(text, background), Span.of(text, text.index(enlisting), end, "sentence"))
    claims = build_claims(
        "nge",
        text,
        sentences,
        (),
        quantities=(),
        dates=(),
        mentions=(),
        note_spans=(),
        outlet="Novaya Gazeta Europe",
        language="en",
    )
    assert [c.attribution.speaker.kind for c in claims] == ["self", "self"]
    assert claims[0].hedges == ("likely",)
    assert claims[0].attribution.chain == (ChainLink("Novaya Gazeta Europe", "outlet"),)
