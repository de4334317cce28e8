"""Claim units: a sentence with two predicates or a relative "when"/"where" clause gives two
claims; content split by a mid-sentence cue gives one."""

from __future__ import annotations

import pytest

from newstrace.analyze.claims import build_claims
from newstrace.model import Attribution, ChainLink, Claim, Quantity, Span, Speaker


def at(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span.of(text, start, start + len(phrase))


def own_voice(text: str, language: str = "en") -> tuple[Claim, ...]:
    sentence = Span.of(text, 0, len(text), "sentence")
    return build_claims(
        "a",
        text,
        (sentence,),
        (),
        quantities=(),
        dates=(),
        mentions=(),
        note_spans=(),
        outlet="The Gazette",
        language=language,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pupils of the village school will be sent home on Friday and placed in the "
            "town library for the rest of the month.",
            [
                "Pupils of the village school will be sent home on Friday",
                "placed in the town library for the rest of the month.",
            ],
        ),
        (
            "The council has hired three extra gritters and has opened two salt depots.",
            ["The council has hired three extra gritters", "has opened two salt depots."],
        ),
        (
            "The bridge will stay shut until the autumn of 2031, when the new span opens.",
            ["The bridge will stay shut until the autumn of 2031", "when the new span opens."],
        ),
    ],
)
def test_two_predicates_make_two_claims(text: str, expected: list[str]) -> None:
    claims = own_voice(text)
    assert [c.text for c in claims] == expected
    assert all(c.sentence.text == text for c in claims)
    assert all(c.attribution.content == (c.content,) for c in claims)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Bread and butter were sold out at the market by noon on Sunday.", "en"),
        ("The mayor visited the flooded and damaged homes on the east bank.", "en"),
        ("The striker scored twice and the crowd cheered.", "en"),  # short second side
        ("He declined to say who paid and refused to comment on the contract.", "en"),
        ("Мэр приехал в город и открыл новый мост через реку в понедельник.", "ru"),
    ],
)
def test_one_predicate_or_unknown_grammar_stays_one_claim(text: str, language: str) -> None:
    assert [c.text for c in own_voice(text, language)] == [text]


def test_content_around_a_mid_sentence_cue_is_one_claim() -> None:
    text = "The new budget, the treasurer wrote, was not approved by about 40 members."
    first, second = at(text, "The new budget"), at(text, "was not approved by about 40 members")
    quantity = Quantity(at(text, "about 40"), 40, 40, approximate=True)
    att = Attribution(
        speaker=Speaker("official", "treasurer", False, at(text, "the treasurer")),
        cue=at(text, "wrote"),
        content=(first, second),
        chain=(ChainLink("treasurer", "official"),),
    )
    claims = build_claims(
        "b",
        text,
        (Span.of(text, 0, len(text), "sentence"),),
        (att,),
        quantities=(quantity,),
        dates=(),
        mentions=(),
        note_spans=(),
        outlet=None,
        language="en",
    )
    assert len(claims) == 1
    claim = claims[0]
    assert claim.content.start == first.start and claim.content.end == second.end
    assert claim.attribution is att
    assert claim.polarity == "negative"
    assert claim.quantities == (quantity,)
