"""A relative pronoun as source ("X, who said ...") resolves to the name right before it."""

from __future__ import annotations

import pytest

from newstrace.analyze.attribution import find_attributions
from newstrace.analyze.mentions import find_mentions
from newstrace.analyze.sentences import split_sentences
from newstrace.analyze.speakers import resolve_attributions
from newstrace.model import Attribution


def resolve(text: str, language: str = "en") -> tuple[Attribution, ...]:
    sentences = split_sentences(text, language=language)
    raw = find_attributions(text, language=language, sentences=sentences)
    mentions = find_mentions(text, language=language)
    return resolve_attributions(
        text, raw, mentions, sentences, language=language, outlet="The Test Gazette"
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The mayor met Oleg Surin, who said that the bridge would reopen in May.", "Surin"),
        (
            "Reporters then called Marta Kellner, who said the dam was safe for now.",
            "Kellner",
        ),
    ],
)
def test_who_source_takes_the_preceding_name(text: str, name: str) -> None:
    found = [a for a in resolve(text) if a.cue is not None and a.cue.text == "said"]
    assert found, "no attribution for 'said'"
    speaker = found[0].speaker
    assert speaker.span is not None and speaker.span.text == "who"
    assert name in speaker.canonical
    assert speaker.kind == "person"


def test_who_without_adjacent_name_is_not_resolved_to_a_far_name() -> None:
    text = "Oleg Surin spoke first. The engineers, who said the plan was late, asked for money."
    found = [
        a for a in resolve(text) if a.speaker.span is not None and a.speaker.span.text == "who"
    ]
    assert found, "the 'who said' attribution should be found"
    assert all("Surin" not in a.speaker.canonical for a in found)
