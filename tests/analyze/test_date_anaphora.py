"""Days counted from the date the text last named, and headline weekdays that look ahead."""

from __future__ import annotations

from datetime import date

import pytest

from newstrace.analyze.dates import find_dates

PUB = date(2025, 6, 20)  # a Friday


def resolved(
    text: str, language: str = "en", published: date | None = PUB
) -> dict[str, tuple[str, str | None, str | None]]:
    return {
        r.span.text: (r.granularity, r.start, r.end)
        for r in find_dates(text, language=language, published=published)
    }


@pytest.mark.parametrize(
    ("text", "expression", "day"),
    [
        (
            "Inspectors found the leak on June 13 and warned the town the following day.",
            "the following day",
            "2025-06-14",
        ),
        (
            "The strike began on Monday, June 2. The next day the buses stopped.",
            "The next day",
            "2025-06-03",
        ),
        (
            "The ferry sank on May 30. Two days later divers reached it.",
            "Two days later",
            "2025-06-01",
        ),
        (
            "The vote was held on June 10; the results had leaked the day before.",
            "the day before",
            "2025-06-09",
        ),
        (
            "Talks opened on 4 June. Three days earlier, the envoy had resigned.",
            "Three days earlier",
            "2025-06-01",
        ),
        ("The plant shut on March 3. A week later, it reopened.", "A week later", "2025-03-10"),
    ],
)
def test_counts_from_the_last_named_day(text: str, expression: str, day: str) -> None:
    assert resolved(text)[expression] == ("day", day, day)


def test_chained_counts_follow_the_previous_anaphoric_day() -> None:
    got = resolved(
        "The dam was inspected on May 5. The next day a crack was seen. "
        "Two days later the road closed."
    )
    assert got["The next day"][1] == "2025-05-06"
    assert got["Two days later"][1] == "2025-05-08"


def test_the_last_named_day_is_the_anchor_not_the_first() -> None:
    got = resolved("On June 1 the board met. On June 9 it voted, and the next day it resigned.")
    assert got["the next day"][1] == "2025-06-10"


def test_russian_following_day_and_days_later() -> None:
    got = resolved(
        "Пожар начался 3 мая, а на следующий день его потушили. Три дня спустя открыли дорогу.",
        language="ru",
    )
    assert got["на следующий день"] == ("day", "2025-05-04", "2025-05-04")
    assert got["Три дня спустя"] == ("day", "2025-05-07", "2025-05-07")


def test_without_an_anchor_the_day_is_recognised_but_not_resolved() -> None:
    assert resolved("The next day nobody came.")["The next day"] == ("day", None, None)


def test_day_after_an_event_noun_is_not_counted_from_a_date() -> None:
    got = resolved("The poll closed on June 8. The mayor spoke the day after the vote.")
    assert "the day after" not in got
    assert resolved("The poll closed on June 8. He spoke the day after.")["the day after"] == (
        "day",
        "2025-06-09",
        "2025-06-09",
    )


def test_the_following_week_is_the_week_after_the_anchor() -> None:
    got = resolved("The plan was approved on Wednesday, June 4. The following week it stalled.")
    assert got["The following week"] == ("week", "2025-06-09", "2025-06-15")


def test_publication_relative_words_still_count_from_publication() -> None:
    got = resolved("The storm hit on June 2. Yesterday the clean-up ended.")
    assert got["Yesterday"][1] == "2025-06-19"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Port to close north pier on Friday over storm\n\nThe port said so.", "2025-06-20"),
        ("Museum to reopen on Tuesday after repairs\n\nThe museum said so.", "2025-06-24"),
        ("Port closes north pier on Tuesday\n\nThe pier shut.", "2025-06-17"),
        ("The council said it had agreed to close the pier on Tuesday.", "2025-06-17"),
    ],
)
def test_headline_infinitive_looks_ahead(text: str, day: str) -> None:
    first = find_dates(text, language="en", published=PUB)[0]
    assert first.start == day
