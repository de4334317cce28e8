"""Quantities in English and Russian news text."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstrace.analyze.dates import find_dates
from newstrace.analyze.quantities import find_quantities
from newstrace.model import Quantity

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def one(text: str, language: str = "en") -> Quantity:
    found = find_quantities(text, language=language)
    assert len(found) == 1, found
    return found[0]


def summary(q: Quantity) -> tuple[object, ...]:
    return (q.span.text, q.low, q.high, q.unit, q.per, q.kind, q.approximate, q.comparator)


# ----------------------------------------------------------------------------- English


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "plans to recruit a further 300,000 soldiers for deployment",
            ("300,000 soldiers", 300000, 300000, "soldiers", None, "count", False, None),
        ),
        (
            "we require a further 300,000 pairs of boots on the ground",
            (
                "300,000 pairs of boots",
                300000,
                300000,
                "pairs of boots",
                None,
                "count",
                False,
                None,
            ),
        ),
        (
            "We're 300,000 snouts short, he said",
            ("300,000 snouts", 300000, 300000, "snouts", None, "count", False, None),
        ),
        (
            "Three hundred thousand troops massed at the border.",
            ("Three hundred thousand troops", 300000, 300000, "troops", None, "count", False, None),
        ),
        (
            "A dozen drones were shot down",
            ("A dozen drones", 12, 12, "drones", None, "count", False, None),
        ),
        (
            "The city of 1.5 million people lost power",
            ("1.5 million people", 1.5e6, 1.5e6, "people", None, "count", False, None),
        ),
        (
            "Police detained 1,200 Ukrainian citizens",
            (
                "1,200 Ukrainian citizens",
                1200,
                1200,
                "ukrainian citizens",
                None,
                "count",
                False,
                None,
            ),
        ),
        (
            "about 300\u202f000 volunteers",
            (
                "about 300\u202f000 volunteers",
                300000,
                300000,
                "volunteers",
                None,
                "count",
                True,
                "about",
            ),
        ),
        (
            "some 300 protesters gathered",
            ("some 300 protesters", 300, 300, "protesters", None, "count", True, "about"),
        ),
        (
            "Two sources confirmed it",
            ("Two sources", 2, 2, "sources", None, "count", False, None),
        ),
    ],
)
def test_english_counts(text: str, expected: tuple[object, ...]) -> None:
    assert summary(one(text)) == expected


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "approximate"),
    [
        ("between 500 and 600 people attended", 500, 600, "people", False),
        ("500 to 600 people attended", 500, 600, "people", False),
        ("from 500-600 a week", 500, 600, None, False),
        ("500–600 migrants", 500, 600, "migrants", False),
        ("2-3 million refugees", 2e6, 3e6, "refugees", False),
        ("three or four officers", 3, 4, "officers", False),
        ("dozens of civilians", 24, 99, "civilians", True),
        ("hundreds of thousands of refugees", 200_000, 999_999, "refugees", True),
        ("tens of thousands of protesters", 20_000, 99_999, "protesters", True),
        ("thousands of Russians fled", 2_000, 9_999, "russians", True),
        ("several thousand soldiers", 2_000, 9_000, "soldiers", True),
        ("a few hundred metres", 200, 500, None, True),
    ],
)
def test_english_ranges_and_vague_amounts(
    text: str, low: float, high: float, unit: str | None, approximate: bool
) -> None:
    q = one(text)
    assert (q.low, q.high, q.approximate) == (low, high, approximate)
    if unit is not None:
        assert q.unit == unit


@pytest.mark.parametrize(
    ("text", "value", "comparator", "approximate"),
    [
        ("secured over 87% of the votes", 87, "over", False),
        ("more than 1,000 people", 1000, "over", False),
        ("at least 12 people died", 12, "over", False),
        ("less than 5% of households", 5, "under", False),
        ("up to 20,000 troops", 20000, "under", False),
        ("almost 90 percent of", 90, "under", True),
        ("nearly 40 per cent", 40, "under", True),
        ("around 70 trucks", 70, "about", True),
        ("roughly 2,500 homes", 2500, "about", True),
        ("approximately 15 ships", 15, "about", True),
        ("exactly 40 minutes", 40, "exactly", False),
    ],
)
def test_english_comparators(text: str, value: float, comparator: str, approximate: bool) -> None:
    q = one(text)
    assert (q.low, q.high, q.comparator, q.approximate) == (value, value, comparator, approximate)
    assert q.span.text.split()[0].lower() == text.split()[1 if text.startswith("secured") else 0]


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("$2.5 billion in aid", 2.5e9, 2.5e9, "USD"),
        ("a €300m package", 3e8, 3e8, "EUR"),
        ("£1.2bn", 1.2e9, 1.2e9, "GBP"),
        ("US$40 million", 4e7, 4e7, "USD"),
        ("2bn roubles", 2e9, 2e9, "RUB"),
        ("5 million euros", 5e6, 5e6, "EUR"),
        ("$5-10 million", 5e6, 1e7, "USD"),
    ],
)
def test_english_money(text: str, low: float, high: float, unit: str) -> None:
    q = one(text)
    assert (q.low, q.high, q.unit, q.kind) == (low, high, unit, "money")


def test_percentages_fractions_and_measures() -> None:
    assert summary(one("inflation of 7.5%")) == (
        "7.5%",
        7.5,
        7.5,
        "%",
        None,
        "percent",
        False,
        None,
    )
    q = one("10-15% of the budget")
    assert (q.low, q.high, q.kind) == (10, 15, "percent")
    q = one("rose 2.5 percentage points")
    assert (q.low, q.unit, q.kind) == (2.5, "percentage points", "percent")
    q = one("two-thirds of voters")
    assert (q.low, q.kind) == (66.67, "percent")
    q = one("less than a third of the budget")
    assert (q.low, q.kind, q.comparator) == (33.33, "percent", "under")
    q = one("100 km from the border")
    assert (q.low, q.unit, q.kind) == (100, "km", "other")


def test_rates() -> None:
    q = one("up to 20,000 troops a month")
    assert (q.low, q.unit, q.per, q.comparator) == (20000, "troops", "month", "under")
    q = one("$2.5 billion a year")
    assert (q.unit, q.per) == ("USD", "year")
    q = one("40 flights daily")
    assert (q.unit, q.per) == ("flights", "day")
    q = one("about 1,000 tonnes per week")
    assert (q.unit, q.per) == ("tonnes", "week")


def test_from_to_shares_unit_and_rate() -> None:
    text = "enlistment fell in autumn 2023 from between 500-600 people per day to just 20-30."
    first, second = find_quantities(text, language="en")
    assert summary(first) == (
        "between 500-600 people per day",
        500,
        600,
        "people",
        "day",
        "count",
        False,
        None,
    )
    assert (second.span.text, second.low, second.high) == ("20-30", 20, 30)
    assert (second.unit, second.per) == ("people", "day")
    a, b = find_quantities("Prices rose from 5% to 7% in a year", language="en")
    assert (a.low, b.low, a.kind, b.kind) == (5, 7, "percent", "percent")


@pytest.mark.parametrize(
    "text",
    [
        "at 10:30 on March 25, 2024",
        "in 2022 and since 2014",
        "call +7 495 123-45-67 now",
        "an Su-34 and an A320 and COVID-19",
        "Article 5 of the treaty",
        "Mobilisation 2.0 is being rolled out",
        "the 5th brigade and the 21st century",
        "one of the sources said",
        "G7 leaders met",
        "open 24/7",
        "the 1990s and the 30s",
        "three days ago",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text, language="en") == ()


def test_hyphenated_units_and_clock_words() -> None:
    q = one("a 63-year-old man")
    assert (q.span.text, q.low, q.unit) == ("63-year-old", 63, "year-old")
    q = one("a 3,000-strong force")
    assert (q.low, q.unit) == (3000, "strong")
    assert find_quantities("at three o’clock in the morning", language="en") == ()
    assert find_quantities("около 11 часов утра", language="ru") == ()


def test_year_followed_by_count_is_still_a_count_with_a_comparator() -> None:
    found = find_quantities("In 2022 about 2000 people left", language="en")
    assert [(q.span.text, q.low) for q in found] == [("about 2000 people", 2000)]


# ----------------------------------------------------------------------------- Russian


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("выделено 2 млрд рублей", ("2 млрд рублей", 2e9, 2e9, "RUB", None, "money", False, None)),
        ("1,2 млн долларов", ("1,2 млн долларов", 1.2e6, 1.2e6, "USD", None, "money", False, None)),
        (
            "триста тысяч солдат",
            ("триста тысяч солдат", 3e5, 3e5, "солдат", None, "count", False, None),
        ),
        (
            "полтора миллиона человек",
            ("полтора миллиона человек", 1.5e6, 1.5e6, "человек", None, "count", False, None),
        ),
        ("300 тыс. человек", ("300 тыс. человек", 3e5, 3e5, "человек", None, "count", False, None)),
        ("300 000 военных", ("300 000 военных", 3e5, 3e5, "военных", None, "count", False, None)),
        (
            "300\u00a0000 военных",
            ("300\u00a0000 военных", 3e5, 3e5, "военных", None, "count", False, None),
        ),
        ("свыше 87% голосов", ("свыше 87%", 87, 87, "%", None, "percent", False, "over")),
        (
            "около 500 человек в день",
            ("около 500 человек в день", 500, 500, "человек", "day", "count", True, "about"),
        ),
        ("почти 40 процентов", ("почти 40 процентов", 40, 40, "%", None, "percent", True, "under")),
        ("более 1,5 млн", ("более 1,5 млн", 1.5e6, 1.5e6, None, None, "count", False, "over")),
        (
            "не менее 12 человек",
            ("не менее 12 человек", 12, 12, "человек", None, "count", False, "over"),
        ),
        ("до 300 человек", ("до 300 человек", 300, 300, "человек", None, "count", False, "under")),
        (
            "около тысячи человек",
            ("около тысячи человек", 1000, 1000, "человек", None, "count", True, "about"),
        ),
        (
            "от 500 до 600 человек",
            ("от 500 до 600 человек", 500, 600, "человек", None, "count", False, None),
        ),
        ("двое суток и 20 новых танков", None),
    ],
)
def test_russian(text: str, expected: tuple[object, ...] | None) -> None:
    found = find_quantities(text, language="ru")
    if expected is None:
        assert [q.unit for q in found] == ["новых танков"]
        return
    assert len(found) == 1, found
    assert summary(found[0]) == expected


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("десятки тысяч беженцев", 20_000, 99_999),
        ("тысячи россиян", 2_000, 9_999),
        ("сотни людей", 200, 999),
        ("несколько тысяч солдат", 2_000, 9_000),
    ],
)
def test_russian_vague_amounts(text: str, low: float, high: float) -> None:
    q = one(text, "ru")
    assert (q.low, q.high, q.approximate) == (low, high, True)


def test_russian_change_shares_unit_and_rate() -> None:
    found = find_quantities("число снизилось с 500–600 человек в день до 20–30", language="ru")
    assert [(q.low, q.high, q.unit, q.per, q.comparator) for q in found] == [
        (500, 600, "человек", "day", None),
        (20, 30, "человек", "day", None),
    ]


@pytest.mark.parametrize(
    "text", ["в 2022 году", "25 марта", "5-й батальон", "в 10:30", "статья 328 УК", "1990-х годов"]
)
def test_russian_not_quantities(text: str) -> None:
    assert find_quantities(text, language="ru") == ()


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("300 военных отправят на фронт", "военных"),
        ("20 раненых получили помощь", "раненых"),
        ("пять тяжёлых боевых машин", "тяжёлых боевых машин"),
        ("погибли 12 мирных жителей", "мирных жителей"),
    ],
)
def test_russian_unit_phrases(text: str, unit: str) -> None:
    assert one(text, "ru").unit == unit


def test_russian_bare_number_before_a_noun_is_a_count() -> None:
    found = find_quantities("В 2022 году 2000 человек уехали", language="ru")
    assert [(q.span.text, q.low) for q in found] == [("2000 человек", 2000)]


# ----------------------------------------------------------------------------- properties

_PIECES = st.sampled_from(
    [
        "300,000",
        "1,5",
        "2.5",
        "-",
        "–",
        " ",
        "  ",
        "\n",
        "%",
        "$",
        "€",
        "bn",
        "m",
        "млн",
        "тыс.",
        "million",
        "between",
        "and",
        "to",
        "from",
        "about",
        "more than",
        "около",
        "до",
        "от",
        "с",
        "March",
        "марта",
        "2022",
        "года",
        "10:30",
        "a day",
        "в день",
        "soldiers",
        "человек",
        "of",
        "thousands",
        "dozens",
        "тысячи",
        "half",
        "a",
        "one",
        "two-thirds",
        "полтора",
        "+7",
        "(",
        ")",
        "/",
        ".",
        ",",
        "Friday",
        "в пятницу",
        "ago",
        "last",
    ]
)
_TEXT = st.lists(
    st.one_of(_PIECES, st.text(alphabet=st.characters(codec="utf-8"), max_size=6)), max_size=30
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, language=st.sampled_from(["en", "ru", "de"]))
def test_property_spans_valid_and_ranges_ordered(text: str, language: str) -> None:
    quantities = find_quantities(text, language=language)
    for q in quantities:
        assert text[q.span.start : q.span.end] == q.span.text
        assert q.low <= q.high
    starts = [q.span.start for q in quantities]
    assert starts == sorted(starts)
    for a, b in itertools.pairwise(quantities):
        assert a.span.end <= b.span.start
    for ref in find_dates(text, language=language, published=None):
        assert text[ref.span.start : ref.span.end] == ref.span.text


# ----------------------------------------------------------------------------- seeds


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed articles not present (../shared/seeds)")
def test_seed_quantities() -> None:
    meta = json.loads((SEEDS / "articles.json").read_text("utf-8"))
    found: list[Quantity] = []
    for info in meta:
        text = (SEEDS / info["file"]).read_text("utf-8")
        found.extend(find_quantities(text, language=info["language"]))
    by_text = {" ".join(q.span.text.split()): q for q in found}
    assert by_text["300,000 soldiers"].low == 300_000
    assert by_text["300,000 pairs of boots"].unit == "pairs of boots"
    assert by_text["300,000 snouts"].unit == "snouts"
    busy = by_text["between 500-600 people per day"]
    assert (busy.low, busy.high, busy.per) == (500, 600, "day")
    quiet = by_text["20-30"]
    assert (quiet.low, quiet.high, quiet.unit, quiet.per) == (20, 30, "people", "day")
    vote = by_text["over 87%"]
    assert (vote.low, vote.kind, vote.comparator) == (87, "percent", "over")
    assert not any(q.low in (2022, 2023, 2.0, 25, 15, 17) for q in found)
