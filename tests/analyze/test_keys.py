"""Canonical keys: one key for the spellings and transliterations of one name."""

from __future__ import annotations

import pytest

from newstrace.analyze.keys import canonical_key, outlet_for_key, romanize, spelling_key
from newstrace.analyze.lexicon import outlets

SAME = [
    ("Verstka", "Vyorstka", "Вёрстка", "Верстка", "Verstka's", "VERSTKA"),
    ("Meduza", "Медуза", "Meduza’s"),
    ("Kommersant", "Коммерсантъ", "Коммерсант"),
    ("Izvestiya", "Izvestia", "Известия"),
    ("Novaya Gazeta Europe", "Новая газета Европа"),
    ("The Moscow Times", "Moscow Times", "the moscow times"),
    ("Dmitry Peskov", "Dmitriy Peskov", "Dmitrij Peskov", "Дмитрий Песков"),
    ("Yevgeny Prigozhin", "Evgeny Prigozhin", "Евгений Пригожин", "Yevgeniy Prigozhin"),
    ("Zelensky", "Zelenskyy", "Zelenskiy", "Зеленский"),
    ("Alexei Navalny", "Aleksei Navalny", "Alexey Navalny", "Алексей Навальный"),
    ("Yulia Navalnaya", "Julia Navalnaya", "Iulia Navalnaia", "Юлия Навальная"),
    ("Fyodor Lukyanov", "Fedor Lukyanov", "Фёдор Лукьянов"),
    ("Pyotr Tolstoy", "Petr Tolstoy", "Пётр Толстой"),
    ("Kharkiv", "Kharkiv", "Harkiv"),
    ("Tsoi", "Цой"),
    ("Shchukin", "Schukin", "Щукин"),
    ("Andreyev", "Andreev", "Андреев"),
    ("Defence Ministry", "Defense Ministry"),
    ("Ilya Grashchenkov", "Илья Гращенков", "Ilia Grashchenkov"),
    ("TASS", "ТАСС", "ITAR-TASS"),
]


@pytest.mark.parametrize("variants", SAME, ids=lambda v: v[0])
def test_variants_share_one_key(variants: tuple[str, ...]) -> None:
    keys = {canonical_key(v) for v in variants}
    assert len(keys) == 1, dict(zip(variants, map(canonical_key, variants), strict=True))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Meduza", "Mediazona"),
        ("Novaya Gazeta", "Novaya Gazeta Europe"),
        ("Kommersant", "Vedomosti"),
        ("Ivanov", "Ivanova"),
        ("NRC", "NRK"),
        ("CBS", "KBS"),
        ("AP", "Australian Associated Press"),
        ("The Times", "The New York Times"),
    ],
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert canonical_key(a) != canonical_key(b)


def test_articles_possessives_case_and_punctuation_go() -> None:
    assert canonical_key("The Bell's") == canonical_key("the bell")
    assert spelling_key("Mediazona’s") == spelling_key("Mediazona")
    assert spelling_key("Fontanka.ru") == spelling_key("fontanka ru")
    assert canonical_key("") == ""


def test_romanize_cyrillic_and_accents() -> None:
    assert romanize("Вёрстка") == "Vyorstka"
    assert romanize("Щукин") == "Shchukin"
    assert romanize("Київ") == "Kiyiv"
    assert romanize("Süddeutsche") == "Suddeutsche"


def test_outlet_for_key_names_the_gazetteer_entry() -> None:
    assert outlet_for_key(canonical_key("Vyorstka")) == "Verstka"
    assert outlet_for_key(canonical_key("Новая газета Европа")) == "Novaya Gazeta Europe"
    assert outlet_for_key(canonical_key("Some Unknown Gazette")) is None


def test_every_gazetteer_alias_keys_to_its_own_entry() -> None:
    owner: dict[str, str] = {}
    for outlet in outlets():
        for name in outlet.names:
            assert canonical_key(name) == canonical_key(outlet.name), (outlet.name, name)
            key = spelling_key(name)
            assert owner.setdefault(key, outlet.name) == outlet.name, (name, owner[key])


def test_gazetteer_is_broad_and_well_formed() -> None:
    entries = outlets()
    assert len(entries) >= 300
    assert {"outlet", "agency"} == {e.kind for e in entries}
    assert sum(e.language == "ru" for e in entries) >= 50
    assert len({e.country for e in entries}) >= 40
    assert len({e.name for e in entries}) == len(entries)
    assert all(e.name.strip() and e.country and e.language for e in entries)
