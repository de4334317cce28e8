"""Time expressions in English and Russian, resolved against the publication date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newstrace.analyze.dates import find_dates, time_expression_spans
from newstrace.model import TimeRef

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
FRIDAY = date(2024, 3, 22)  # a Friday


def only(text: str, *, language: str = "en", published: date | None = FRIDAY) -> TimeRef:
    refs = find_dates(text, language=language, published=published)
    assert len(refs) == 1, refs
    return refs[0]


def resolved(text: str, **kwargs: object) -> tuple[str, str, str | None, str | None]:
    ref = only(text, **kwargs)  # type: ignore[arg-type]
    return ref.span.text, ref.granularity, ref.start, ref.end


# ----------------------------------------------------------------------------- English


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials said on Friday that", ("on Friday", "day", "2024-03-22", "2024-03-22")),
        ("In a speech Sunday, the mayor", ("Sunday", "day", "2024-03-17", "2024-03-17")),
        ("The agency said Wednesday.", ("Wednesday", "day", "2024-03-20", "2024-03-20")),
        ("It happened last Friday.", ("last Friday", "day", "2024-03-15", "2024-03-15")),
        ("It opens next Monday.", ("next Monday", "day", "2024-03-25", "2024-03-25")),
        ("The vote will be held on Sunday", ("on Sunday", "day", "2024-03-24", "2024-03-24")),
        ("Friday's report showed", ("Friday", "day", "2024-03-22", "2024-03-22")),
    ],
)
def test_weekdays(text: str, expected: tuple[str, str, str, str]) -> None:
    assert resolved(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("suggested March 25 as a key date", ("March 25", "day", "2024-03-25", "2024-03-25")),
        ("on March 25, 2023, troops", ("on March 25, 2023", "day", "2023-03-25", "2023-03-25")),
        ("since 5 March the", ("5 March", "day", "2024-03-05", "2024-03-05")),
        ("on the 25th of December", ("on the 25th of December", "day", "2023-12-25", None)),
        ("Jan. 6 hearings", ("Jan. 6", "day", "2024-01-06", "2024-01-06")),
        ("Friday, March 22, 2024", ("Friday, March 22, 2024", "day", "2024-03-22", None)),
    ],
)
def test_days(text: str, expected: tuple[str, str, str, str | None]) -> None:
    got = resolved(text)
    assert got[:3] == expected[:3]
    assert got[3] == (expected[3] or expected[2])


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("the March 15-17 presidential election", "2024-03-15", "2024-03-17"),
        ("held 15-17 March", "2024-03-15", "2024-03-17"),
        ("from March 30 to April 2", "2024-03-30", "2024-04-02"),
        ("between March 15 and 17", "2024-03-15", "2024-03-17"),
        ("talks on 30 December - 2 January", "2023-12-30", "2024-01-02"),
    ],
)
def test_day_ranges(text: str, start: str, end: str) -> None:
    ref = only(text)
    assert (ref.granularity, ref.start, ref.end) == ("range", start, end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("terms due to run out April are", ("April", "month", "2024-04-01", "2024-04-30")),
        ("in April the", ("in April", "month", "2024-04-01", "2024-04-30")),
        ("in December", ("in December", "month", "2023-12-01", "2023-12-31")),
        ("in September 2022", ("in September 2022", "month", "2022-09-01", "2022-09-30")),
        ("Sept. 2021 was", ("Sept. 2021", "month", "2021-09-01", "2021-09-30")),
        ("since May", ("May", "month", "2024-05-01", "2024-05-31")),
        ("early April", ("early April", "range", "2024-04-01", "2024-04-10")),
        ("in late February", ("in late February", "range", "2024-02-21", "2024-02-29")),
        ("the end of March 2023", ("the end of March 2023", "range", "2023-03-21", "2023-03-31")),
    ],
)
def test_months(text: str, expected: tuple[str, str, str, str]) -> None:
    assert resolved(text) == expected


def test_month_alone_takes_the_nearest_across_a_year_boundary() -> None:
    assert only("in December", published=date(2024, 1, 10)).start == "2023-12-01"
    assert only("in January", published=date(2023, 12, 20)).start == "2024-01-01"
    assert only("on January 2", published=date(2024, 12, 30)).start == "2025-01-02"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fell in autumn 2023 from", ("in autumn 2023", "season", "2023-09-01", "2023-11-30")),
        ("the spring of 2022", ("the spring of 2022", "season", "2022-03-01", "2022-05-31")),
        ("in summer", ("in summer", "season", "2024-06-01", "2024-08-31")),
        ("last fall", ("last fall", "season", "2023-09-01", "2023-11-30")),
        ("next spring", ("next spring", "season", "2025-03-01", "2025-05-31")),
        ("winter 2023", ("winter 2023", "season", "2022-12-01", "2023-02-28")),
        ("winter 2022-23", ("winter 2022-23", "season", "2022-12-01", "2023-02-28")),
    ],
)
def test_seasons(text: str, expected: tuple[str, str, str, str]) -> None:
    assert resolved(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", ("yesterday", "day", "2024-03-21", "2024-03-21")),
        ("Today the", ("Today", "day", "2024-03-22", "2024-03-22")),
        ("last week", ("last week", "week", "2024-03-11", "2024-03-17")),
        ("earlier this week", ("earlier this week", "week", "2024-03-18", "2024-03-24")),
        ("last month", ("last month", "month", "2024-02-01", "2024-02-29")),
        ("next month", ("next month", "month", "2024-04-01", "2024-04-30")),
        ("This year, as", ("This year", "year", "2024-01-01", "2024-12-31")),
        ("late last year", ("late last year", "range", "2023-09-01", "2023-12-31")),
        ("three days ago", ("three days ago", "day", "2024-03-19", "2024-03-19")),
        ("2 weeks ago", ("2 weeks ago", "week", "2024-03-04", "2024-03-10")),
        ("a year ago", ("a year ago", "year", "2023-01-01", "2023-12-31")),
        ("last weekend", ("last weekend", "range", "2024-03-16", "2024-03-17")),
    ],
)
def test_relative_expressions(text: str, expected: tuple[str, str, str, str]) -> None:
    assert resolved(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in 2022", ("in 2022", "year", "2022-01-01", "2022-12-31")),
        ("In 2007, Mexico", ("In 2007", "year", "2007-01-01", "2007-12-31")),
        ("the 2014 annexation", ("2014", "year", "2014-01-01", "2014-12-31")),
        ("since 2014", ("2014", "year", "2014-01-01", "2014-12-31")),
        ("mid-2023", ("mid-2023", "range", "2023-05-01", "2023-08-31")),
        ("the 2022-23 season", ("2022-23", "range", "2022-01-01", "2023-12-31")),
        ("in the 1990s", ("in the 1990s", "range", "1990-01-01", "1999-12-31")),
        ("the early '90s", ("the early '90s", "range", "1990-01-01", "1993-12-31")),
    ],
)
def test_years(text: str, expected: tuple[str, str, str, str]) -> None:
    assert resolved(text) == expected


@pytest.mark.parametrize(
    ("text", "granularity", "start", "end"),
    [
        ("2024-03-22", "day", "2024-03-22", "2024-03-22"),
        ("25.03.2024", "day", "2024-03-25", "2024-03-25"),
        ("3/25/2024", "day", "2024-03-25", "2024-03-25"),
        ("25/3/2024", "day", "2024-03-25", "2024-03-25"),
        ("3/4/2024", "range", "2024-03-04", "2024-04-03"),  # both readings, no guessed day
        ("4/4/2024", "day", "2024-04-04", "2024-04-04"),
    ],
)
def test_numeric_dates(text: str, granularity: str, start: str, end: str) -> None:
    ref = only(text)
    assert (ref.granularity, ref.start, ref.end) == (granularity, start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Theresa May said",
        "May I ask",
        "the Women's March organisers",
        "April Ryan asked",
        "the annual spring draft",
        "the Arab Spring",
        "prices fall sharply",
        "more than 2000 people",
        "a 2000 % rise",
        "the Su-2024 prototype",
        "he may march on",
        "on Sundays the shop",
    ],
)
def test_not_time_expressions(text: str) -> None:
    assert find_dates(text, language="en", published=FRIDAY) == ()


def test_without_publication_date_relative_bounds_are_none() -> None:
    for text, granularity in [
        ("on Friday", "day"),
        ("April", "month"),
        ("March 25", "day"),
        ("last week", "week"),
        ("yesterday", "day"),
        ("this year", "year"),
        ("early April", "range"),
        ("в прошлом месяце", "month"),
    ]:
        language = "ru" if text.startswith("в ") else "en"
        ref = only(text, language=language, published=None)
        assert (ref.granularity, ref.start, ref.end) == (granularity, None, None), text
    ref = only("September 2022", published=None)
    assert (ref.start, ref.end) == ("2022-09-01", "2022-09-30")


# ----------------------------------------------------------------------------- Russian


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("об этом сообщили в пятницу", ("в пятницу", "day", "2024-03-22", "2024-03-22")),
        ("в прошлую пятницу", ("в прошлую пятницу", "day", "2024-03-15", "2024-03-15")),
        ("во вторник", ("во вторник", "day", "2024-03-19", "2024-03-19")),
        ("голосование состоится в воскресенье", ("в воскресенье", "day", "2024-03-24", None)),
        ("назвал 25 марта ключевой датой", ("25 марта", "day", "2024-03-25", "2024-03-25")),
        ("25 марта 2023 года", ("25 марта 2023 года", "day", "2023-03-25", "2023-03-25")),
        ("в апреле", ("в апреле", "month", "2024-04-01", "2024-04-30")),
        ("в сентябре 2022 года", ("в сентябре 2022 года", "month", "2022-09-01", "2022-09-30")),
        ("в начале апреля", ("в начале апреля", "range", "2024-04-01", "2024-04-10")),
        ("осенью 2023 года", ("осенью 2023 года", "season", "2023-09-01", "2023-11-30")),
        ("прошлой осенью", ("прошлой осенью", "season", "2023-09-01", "2023-11-30")),
        ("15–17 марта", ("15–17 марта", "range", "2024-03-15", "2024-03-17")),
        ("с 15 по 17 марта", ("с 15 по 17 марта", "range", "2024-03-15", "2024-03-17")),
        ("с 28 февраля по 3 марта", ("с 28 февраля по 3 марта", "range", "2024-02-28", None)),
        ("в прошлом месяце", ("в прошлом месяце", "month", "2024-02-01", "2024-02-29")),
        ("на прошлой неделе", ("на прошлой неделе", "week", "2024-03-11", "2024-03-17")),
        ("в этом году", ("в этом году", "year", "2024-01-01", "2024-12-31")),
        ("вчера", ("вчера", "day", "2024-03-21", "2024-03-21")),
        ("в 2022 году", ("в 2022 году", "year", "2022-01-01", "2022-12-31")),
        ("В 2019 году", ("В 2019 году", "year", "2019-01-01", "2019-12-31")),
        ("в конце 2023 года", ("в конце 2023 года", "range", "2023-09-01", "2023-12-31")),
        ("в 1990-е годы", ("в 1990-е годы", "range", "1990-01-01", "1999-12-31")),
        ("два года назад", ("два года назад", "year", "2022-01-01", "2022-12-31")),
        ("неделю назад", ("неделю назад", "week", "2024-03-11", "2024-03-17")),
    ],
)
def test_russian(text: str, expected: tuple[str, str, str, str | None]) -> None:
    got = resolved(text, language="ru")
    assert got[:3] == expected[:3]
    if expected[3] is not None:
        assert got[3] == expected[3]


@pytest.mark.parametrize(
    "text",
    ["Марта сказала", "2000 человек пришли", "среда обитания", "более 2000 человек"],
)
def test_russian_non_dates(text: str) -> None:
    assert find_dates(text, language="ru", published=FRIDAY) == ()


# ----------------------------------------------------------------------------- shared


def test_clock_times_are_time_expression_spans() -> None:
    text = "At 10:30 and again at 9 pm, then 7.45 a.m. on March 25."
    spans = time_expression_spans(text, language="en")
    covered = {text[s:e] for s, e in spans}
    assert {"10:30", "9 pm", "7.45 a.m.", "on March 25"} <= covered


def test_spans_point_into_text() -> None:
    text = "Early on Friday, 22 March 2024, and again in April and autumn 2023, last week."
    refs = find_dates(text, language="en", published=FRIDAY)
    assert [r.span.text for r in refs] == [
        "on Friday, 22 March 2024",
        "in April",
        "autumn 2023",
        "last week",
    ]
    for ref in refs:
        assert text[ref.span.start : ref.span.end] == ref.span.text
        assert ref.start is not None and ref.end is not None and ref.start <= ref.end


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed articles not present (../shared/seeds)")
def test_seed_time_expressions() -> None:
    meta = {m["file"]: m for m in json.loads((SEEDS / "articles.json").read_text("utf-8"))}
    found: dict[str, tuple[str, str | None]] = {}
    for name, info in meta.items():
        text = (SEEDS / name).read_text("utf-8")
        published = date.fromisoformat(info["published"])
        for ref in find_dates(text, language=info["language"], published=published):
            found[" ".join(ref.span.text.split())] = (ref.granularity, ref.start)
    assert found["on Friday"] == ("day", "2024-03-22")
    assert found["Friday"] == ("day", "2024-03-22")
    assert found["Sunday"] == ("day", "2024-03-17")
    assert found["March 25"] == ("day", "2024-03-25")
    assert found["April"] == ("month", "2024-04-01")
    assert found["in autumn 2023"] == ("season", "2023-09-01")
    assert found["in September 2022"] == ("month", "2022-09-01")
    assert found["March 15-17"] == ("range", "2024-03-15")
    assert found["This year"] == ("year", "2024-01-01")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The city will close 2,400 schools in the region on Thursday, officials said.",
            "2025-04-10",
        ),
        ("The strike is likely to start on Thursday, the union said.", "2025-04-10"),
        ("She said the vote would take place on Friday.", "2025-04-11"),
        ("Police arrested 1,200 protesters on Sunday.", "2025-04-06"),
    ],
)
def test_weekday_tense_with_numbers_in_the_clause(sentence: str, expected: str) -> None:
    [ref] = find_dates(sentence, language="en", published=date(2025, 4, 8))
    assert ref.start == expected


def test_russian_future_verb_points_the_weekday_forward() -> None:
    [ahead] = find_dates(
        "Забастовка, скорее всего, начнётся в четверг.", language="ru", published=date(2025, 4, 8)
    )
    assert ahead.start == "2025-04-10"
    [back] = find_dates("Пожар начался в четверг.", language="ru", published=date(2025, 4, 8))
    assert back.start == "2025-04-03"


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        ("Work resumes in the second half of May.", "en", ("2025-05-16", "2025-05-31")),
        ("Exports grew in the first half of 2024.", "en", ("2024-01-01", "2024-06-30")),
        ("Мост откроют во второй половине мая.", "ru", ("2025-05-16", "2025-05-31")),
    ],
)
def test_halves_of_a_month_or_year(sentence: str, language: str, expected: tuple[str, str]) -> None:
    [ref] = find_dates(sentence, language=language, published=date(2025, 4, 9))
    assert (ref.start, ref.end) == expected
