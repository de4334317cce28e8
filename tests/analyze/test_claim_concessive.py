"""A trailing concessive clause qualifies a claim without denying it (invented sentences)."""

from __future__ import annotations

import pytest

from newstrace.analyze.claims import main_clause, polarity


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("The vote is likely on Friday, though no date has been set", "en", "positive"),
        ("The ferry will sail on Monday … although nothing is final", "en", "positive"),
        ("The ferry will not sail on Monday, though the sea is calm", "en", "negative"),
        ("Выборы, скорее всего, пройдут в мае, хотя решения пока нет", "ru", "positive"),
        ("Nothing was decided, although talks went on", "en", "negative"),
    ],
)
def test_concessive_clause_does_not_set_polarity(text: str, language: str, expected: str) -> None:
    assert polarity(text, language) == expected


def test_main_clause_keeps_a_sentence_without_concession() -> None:
    assert main_clause("Though late, the train arrived", "en") == "Though late, the train arrived"
    assert main_clause("It is late, though", "en") == "It is late"
