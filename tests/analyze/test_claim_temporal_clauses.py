"""Claim units: an "after"/"before" clause with its own subject and past-tense verb, and a
second reported clause joined by "and that", are claims of their own; a prepositional
"after" phrase is not split off."""

from __future__ import annotations

import pytest

from newstrace.analyze.claims import build_claims
from newstrace.model import Claim, Span


def own_voice(text: str) -> tuple[Claim, ...]:
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
        language="en",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The county will close the coastal road on Friday after surveyors found "
            "cracks in the sea wall.",
            [
                "The county will close the coastal road on Friday",
                "surveyors found cracks in the sea wall.",
            ],
        ),
        (
            "The club sacked its coach in June, before the players had staged a strike.",
            ["The club sacked its coach in June", "the players had staged a strike."],
        ),
        (
            "The agency said the water was safe to drink and that the pipes would be "
            "replaced by spring.",
            [
                "The agency said the water was safe to drink",
                "that the pipes would be replaced by spring.",
            ],
        ),
    ],
)
def test_temporal_and_reported_clauses_are_claims(text: str, expected: list[str]) -> None:
    assert [c.content.text for c in own_voice(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The harbour reopened after heavy storms in the north of the island.",
        "The minister resigned after ordering an inquiry into the tender.",
        "Turnout rose after an unusually quiet campaign across the region.",
    ],
)
def test_after_phrases_without_a_clause_stay_whole(text: str) -> None:
    assert [c.content.text for c in own_voice(text)] == [text]
