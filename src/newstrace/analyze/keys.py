"""Canonical keys for names: one key for every spelling and transliteration of a name.

``canonical_key`` works in three steps:

1. *Script*: Cyrillic is romanised with one fixed table (Russian, Ukrainian, Belarusian and
   Serbian letters), then anything else is folded to ASCII with ``unidecode``.
2. *Spelling*: articles ("The Moscow Times"), possessives ("Verstka's"), case and punctuation go;
   each word is reduced to a phonetic skeleton that erases the usual differences between
   romanisation systems (yo/jo/io/e, ya/ja/ia, yu/ju/iu, kh/h, ts/tz/c/s, s/z, shch/sch/sh,
   y/i/j, -iy/-yi/-y/-ij endings, ks/x, w/v, ph/f, doubled letters). Acronyms of up to five
   capitals ("NRK", "AAP") are compared letter for letter. Two spellings of one name reduce
   to the same skeleton; the skeleton is a key, not a readable name.
3. *Gazetteer*: when the skeleton is a known alias of an outlet (``data/outlets.json``), the key
   of the outlet's main name is returned, so translated names ("Новая газета Европа" for
   "Novaya Gazeta Europe") meet too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

from newstrace.analyze.lexicon import outlets

#: One romanisation for every Cyrillic letter (BGN/PCGN-like; the skeleton erases the rest).
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "ђ": "dj", "ј": "j",
    "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "g", "ќ": "k", "ѕ": "dz",
}  # fmt: skip

_LEADING_ARTICLES = frozenset({"the", "a", "an"})
_POSSESSIVE = re.compile(r"(?<=\w)['’`]s\b|(?<=s)['’`](?=\s|$)", re.IGNORECASE)
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
#: All-capital words up to this length are acronyms, compared letter for letter.
ACRONYM_MAX = 5
_VOWELS = "aeiou"

#: Ordered rewrites applied to each ASCII word (after lower-casing).
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"shch|sch|szcz"), "sh"),
    (re.compile(r"tch"), "ch"),
    (re.compile(r"cz"), "ch"),
    (re.compile(r"tz"), "ts"),
    (re.compile(r"z(?!h)"), "s"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"c(?=[eiy])"), "ts"),
    (re.compile(r"c(?!h)"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"ts"), "s"),
    (re.compile(r"q"), "k"),
    (re.compile(r"w"), "v"),
    (re.compile(r"[jy]"), "i"),
    # ye/je/ie after a vowel or at the start is a plain e (Yevgeny = Evgeny, Andreyev = Andreev)
    (re.compile(r"(?:(?<=^)|(?<=[aeiou]))ie"), "e"),
    # yo/jo/io between consonants or at the start before a consonant is ё, written e too
    (re.compile(r"(?:(?<=^)|(?<=[b-df-hj-np-tv-z]))io(?=[b-df-hj-np-tv-z])"), "e"),
)
_DOUBLES = re.compile(r"([a-z])\1+")


def romanize(text: str) -> str:
    """``text`` in Latin letters: Cyrillic by a fixed table, everything else by unidecode."""
    out: list[str] = []
    for char in text:
        lower = char.lower()
        if lower in _CYRILLIC:
            latin = _CYRILLIC[lower]
            out.append(latin.capitalize() if char != lower else latin)
        else:
            out.append(char)
    return unidecode("".join(out))


def _skeleton(word: str) -> str:
    """The phonetic skeleton of one lower-case ASCII word."""
    if word.isdigit():
        return word
    for pattern, replacement in _REWRITES:
        word = pattern.sub(replacement, word)
    return _DOUBLES.sub(r"\1", word)


def spelling_key(name: str) -> str:
    """The transliteration-blind key of ``name``, without consulting the gazetteer."""
    text = unicodedata.normalize("NFKC", name)
    text = _POSSESSIVE.sub("", text)
    words = _ASCII_WORD.findall(romanize(text))
    while len(words) > 1 and words[0].lower() in _LEADING_ARTICLES:
        words = words[1:]
    return " ".join(_word_key(w) for w in words)


def _word_key(word: str) -> str:
    """An acronym ("AAP", "NRK") is kept letter for letter; other words are reduced."""
    if word.isupper() and len(word) <= ACRONYM_MAX:
        return word.lower()
    return _skeleton(word.lower())


@lru_cache(maxsize=1)
def _alias_keys() -> dict[str, str]:
    """Spelling key of every gazetteer name and alias -> spelling key of the main name."""
    table: dict[str, str] = {}
    for outlet in outlets():
        main = spelling_key(outlet.name)
        for alias in outlet.names:
            table.setdefault(spelling_key(alias), main)
    return table


@lru_cache(maxsize=65_536)
def canonical_key(name: str) -> str:
    """The canonical key of a name: equal for spellings and transliterations of one name.

    "Verstka", "Vyorstka" and "Вёрстка" share a key, as do "The Moscow Times" and
    "Moscow Times" or "Izvestiya", "Izvestia" and "Известия". Known outlets map to the key of
    their main gazetteer name, so aliases in another language meet as well.
    """
    key = spelling_key(name)
    return _alias_keys().get(key, key)


def outlet_for_key(key: str) -> str | None:
    """The gazetteer's main name for a canonical key, or ``None`` when it is no known outlet."""
    return _main_names().get(key)


@lru_cache(maxsize=1)
def _main_names() -> dict[str, str]:
    return {spelling_key(o.name): o.name for o in outlets()}
