"""``TextWords.has`` agrees with a whole-word regular-expression search, on random texts."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.analyze._text_words import MAX_RUNS, TextWords

_ALPHABET = "ab Жж_1'’-.,\n\u200b😀"
_TEXT = st.text(alphabet=_ALPHABET, max_size=80)


def _searched(text: str, word: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text) is not None


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=8), max_size=8))
def test_random_words(text: str, words: list[str]) -> None:
    known = TextWords(text)
    for word in words:
        assert known.has(word) == _searched(text, word), word


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.data())
def test_pieces_of_the_text(text: str, data: st.DataObject) -> None:
    """Substrings of the text itself, which often are whole words."""
    known = TextWords(text)
    for _ in range(6):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        word = text[start:end]
        assert known.has(word) == _searched(text, word), word


def test_words_with_many_runs_and_odd_edges() -> None:
    text = "the a-b-c-d-e-f plan, 'tis o'brien's U.S. view -x"
    known = TextWords(text)
    many = "a-b-c-d-e-f"
    assert len(re.findall(r"\w+", many)) > MAX_RUNS
    for word in (many, "b-c-d-e-f", "'tis", "o'brien", "u.s", "U.S", "U.S.", "-x", "plan,", ""):
        assert known.has(word) == _searched(text, word), word
