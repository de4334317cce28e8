"""Sentence splitting: offsets, abbreviations, quotes, paragraphs, size."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.analyze.sentences import split_sentences


def texts(text: str, language: str = "en") -> list[str]:
    return [s.text for s in split_sentences(text, language=language)]


def test_spans_point_into_the_text() -> None:
    text = "  The mayor spoke first.  Then the council voted.\n\nA new paragraph starts. "
    spans = split_sentences(text, language="en")
    assert [text[s.start : s.end] for s in spans] == [s.text for s in spans]
    assert texts(text) == [
        "The mayor spoke first.",
        "Then the council voted.",
        "A new paragraph starts.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Mr. Lowe met Gen. Harlan at the St. Mary hospital on Jan. 4 with Dr. Ines Vaz.",
        "The U.S. Senate and the U.N. Security Council met in Washington, D.C. last week.",
        "J. R. Tolkien and H. G. Wells were mentioned by the committee.",
        "Inflation rose to 3.5 percent while 1.200 tonnes of grain were shipped.",
        "Sales fell 2.5% in the quarter, the company said.",
    ],
)
def test_no_split_inside(sentence: str) -> None:
    assert texts(sentence) == [sentence]


def test_question_in_quote_followed_by_lower_case() -> None:
    text = '"Why would we wait?" she asked. The board agreed.'
    assert texts(text) == ['"Why would we wait?" she asked.', "The board agreed."]


def test_quote_of_several_sentences_splits_but_keeps_every_character() -> None:
    text = "“We waited for hours. Nobody came. Then the doors opened,” the driver said."
    spans = split_sentences(text, language="en")
    assert len(spans) == 3
    assert spans[0].start == 0 and spans[-1].end == len(text)
    assert spans[-1].text.endswith("the driver said.")


def test_paragraph_always_breaks_even_without_punctuation() -> None:
    text = "A headline with no full stop\n\nThe story begins here."
    assert texts(text) == ["A headline with no full stop", "The story begins here."]


def test_single_line_break_is_whitespace() -> None:
    text = "The plan was approved by the\nregional council on Monday. It starts in May."
    assert texts(text) == [
        "The plan was approved by the\nregional council on Monday.",
        "It starts in May.",
    ]


def test_paragraph_that_is_one_long_quote() -> None:
    text = "“This is the first part of it. And this is the second part. And a third.”"
    spans = split_sentences(text, language="en")
    assert spans[0].start == 0 and spans[-1].end == len(text)
    assert all(s.text.strip() for s in spans)


def test_russian_abbreviations() -> None:
    text = "Г. Иванов живёт на ул. Ленина, т.е. в центре. Он работает там."
    assert texts(text, "ru") == [
        "Г. Иванов живёт на ул. Ленина, т.е. в центре.",
        "Он работает там.",
    ]


def test_dash_dialogue_starts_a_sentence() -> None:
    text = "Он ответил. — Мы не будем торопиться, — сказал он."
    assert texts(text, "ru") == ["Он ответил.", "— Мы не будем торопиться, — сказал он."]


def test_huge_paragraph_completes() -> None:
    unit = "The index rose 3.5 points on Monday, Mr. Ames said. "
    text = unit * 100_000  # about 5 MB in one paragraph
    spans = split_sentences(text, language="en")
    assert len(spans) == 100_000
    assert spans[-1].end == len(text.rstrip())


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .?!\n\"“”'AB3")), max_size=200))
def test_spans_are_ordered_disjoint_slices(text: str) -> None:
    spans = split_sentences(text, language="en")
    last = 0
    for span in spans:
        assert span.start >= last and span.end > span.start
        assert text[span.start : span.end] == span.text == span.text.strip()
        last = span.end
    covered = "".join(s.text for s in spans)
    assert "".join(covered.split()) == "".join(text.split())
