"""No sentence is longer than the cap: a paragraph without sentence ends is cut at soft breaks."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.analyze.sentences import MAX_SENTENCE_CHARS, split_sentences


def test_a_paragraph_without_sentence_ends_is_cut_after_commas() -> None:
    text = ", ".join(f"the council met residents of district {n} on the river" for n in range(400))
    spans = split_sentences(text, language="en")
    assert len(spans) > 1
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in spans)
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert all(s.text.endswith(",") for s in spans[:-1])  # cut after a comma, not mid-clause


def test_text_without_any_space_is_still_cut() -> None:
    text = "x" * (MAX_SENTENCE_CHARS * 2 + 5)
    spans = split_sentences(text, language="en")
    assert [s.end - s.start for s in spans] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 5]


def test_ordinary_sentences_are_untouched() -> None:
    text = "The dam held. Engineers said the crack was small."
    assert [s.text for s in split_sentences(text, language="en")] == [
        "The dam held.",
        "Engineers said the crack was small.",
    ]


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab ,;\n."), min_size=0, max_size=9000))
def test_spans_cover_the_text_in_order_and_respect_the_cap(text: str) -> None:
    spans = split_sentences(text, language="en")
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in spans)
    assert all(a.end <= b.start for a, b in pairwise(spans))
    assert all(text[s.start : s.end] == s.text for s in spans)
