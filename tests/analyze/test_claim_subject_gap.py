"""A reported clause's subject cut off by an appositive is given back to its claim."""

from __future__ import annotations

from newstrace.analyze.claims import _with_subject
from newstrace.model import Attribution, Span, Speaker


def _attribution(text: str, cue: str, content_from: str) -> tuple[Attribution, Span]:
    cue_start = text.index(cue)
    start = text.index(content_from)
    content = Span.of(text, start, len(text) - 1, "content")
    speaker = Speaker("person", "Petrov", False, Span.of(text, 0, 6, "source"))
    attribution = Attribution(
        speaker=speaker,
        cue=Span.of(text, cue_start, cue_start + len(cue), "cue"),
        content=(content,),
    )
    return attribution, content


def test_subject_before_an_appositive_joins_the_content() -> None:
    text = (
        "Petrov said workers from Hydrocorp, the firm that runs the weir, found a leak on Friday."
    )
    attribution, content = _attribution(text, "said", "the firm")
    grown = _with_subject(text, attribution, content)
    assert grown.text.startswith("workers from Hydrocorp, the firm")
    assert grown.end == content.end


def test_a_time_phrase_after_the_cue_is_not_a_subject() -> None:
    text = "Petrov said on Tuesday, the last day of talks, that a deal was near."
    attribution, content = _attribution(text, "said", "the last day")
    assert _with_subject(text, attribution, content) == content


def test_content_without_an_appositive_is_left_alone() -> None:
    text = "Petrov said workers from Hydrocorp, then the police found a leak."
    attribution, content = _attribution(text, "said", "then the police")
    assert _with_subject(text, attribution, content) == content
