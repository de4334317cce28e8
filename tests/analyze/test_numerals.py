"""Numbers written in words: English and Russian."""

from __future__ import annotations

import pytest

from newstrace.analyze.numerals import lang_key, parse_number_words


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("three hundred thousand", 300_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("twenty-five", 25),
        ("Seventy Two", 72),
        ("one hundred and five", 105),
        ("fifteen hundred", 1_500),
        ("a hundred thousand", 100_000),
        ("two million three hundred thousand", 2_300_000),
        ("one and a half million", 1_500_000),
        ("two and a half billion", 2_500_000_000),
        ("half a million", 500_000),
        ("a million", 1_000_000),
        ("ninety-nine thousand nine hundred and ninety-nine", 99_999),
        ("zero", 0),
    ],
)
def test_english_numbers(words: str, value: float) -> None:
    assert parse_number_words(words, language="en") == pytest.approx(value)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("two-thirds", 2 / 3),
        ("two thirds", 2 / 3),
        ("a third", 1 / 3),
        ("three quarters", 0.75),
        ("nine-tenths", 0.9),
        ("half", 0.5),
    ],
)
def test_english_fractions(words: str, value: float) -> None:
    assert parse_number_words(words, language="en") == pytest.approx(value)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("триста тысяч", 300_000),
        ("полтора миллиона", 1_500_000),
        ("полторы тысячи", 1_500),
        ("полмиллиона", 500_000),
        ("два с половиной миллиарда", 2_500_000_000),
        ("сто двадцать пять", 125),
        ("пятьсот шестьдесят тысяч", 560_000),
        ("тридцать пять тысяч триста", 35_300),
        ("двухсот", 200),
        ("трёх тысяч", 3_000),
        ("трех тысяч", 3_000),
        ("тысяча", 1_000),
        ("миллиона", 1_000_000),
        ("сорок две", 42),
        ("две трети", 2 / 3),
        ("четверть", 0.25),
        ("дюжина", 12),
    ],
)
def test_russian_numbers(words: str, value: float) -> None:
    assert parse_number_words(words, language="ru") == pytest.approx(value)


@pytest.mark.parametrize(
    ("words", "language"),
    [
        ("five six", "en"),
        ("million thousand", "en"),
        ("twenty thirty", "en"),
        ("hundred twenty hundred", "en"),
        ("and", "en"),
        ("a", "en"),
        ("thousands", "en"),
        ("soldiers", "en"),
        ("", "en"),
        ("двадцать тридцать", "ru"),
        ("тысячи", "ru"),  # "thousands": a vague amount, not 1000
        ("миллионов", "ru"),
        ("пять шесть", "ru"),
        ("солдат", "ru"),
    ],
)
def test_ill_formed_sequences_are_not_numbers(words: str, language: str) -> None:
    assert parse_number_words(words, language=language) is None


def test_other_languages_use_the_english_lexicon() -> None:
    assert lang_key("ru-RU") == "ru"
    assert lang_key("de") == "en"
    assert lang_key(None) == "en"
    assert parse_number_words("two hundred", language="de") == 200
