"""A leading reporting clause ("The agency said on Monday that ...") is who said it, not what."""

from __future__ import annotations

from newstrace.link.claim_match import said_text
from newstrace.model import Attribution, Claim, Mention, Span, Speaker


def _claim(text: str, names: tuple[str, ...] = ()) -> Claim:
    whole = Span.of(text, 0, len(text), "sentence")
    mentions = tuple(
        Mention(Span.of(text, text.index(n), text.index(n) + len(n)), "organisation", n.lower())
        for n in names
    )
    speaker = Speaker(kind="self", canonical="Outlet")
    return Claim(
        id="a:c1",
        sentence=whole,
        content=whole,
        attribution=Attribution(speaker, None, (whole,)),
        mentions=mentions,
    )


def test_leading_report_naming_someone_is_cut() -> None:
    text = "The Harbour Authority said on Monday that the pier was safe to use"
    assert said_text(_claim(text, ("The Harbour Authority",))) == "the pier was safe to use"


def test_a_verb_of_fear_without_a_name_stays() -> None:
    text = "Farmers fear that the harvest could fail this year"
    assert said_text(_claim(text)) == text


def test_a_head_with_a_comma_is_not_a_report() -> None:
    text = "The Authority has not signed it, meaning that the pier stays shut"
    assert said_text(_claim(text, ("The Authority",))) == text
