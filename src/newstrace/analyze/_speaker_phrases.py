"""Reading a source phrase: is it a pronoun, an anaphor ("the outlet", "the source"), an
anonymous source, a document, a role? Used by :mod:`newstrace.analyze.speakers`; the word lists
live in ``data/roles.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from newstrace.analyze._attr_lexicon import load_language
from newstrace.analyze._given_names import is_given_name
from newstrace.analyze.lexicon import word_groups, words

AnaphorKind = Literal["outlet", "anonymous", "official", "organisation", "document"]
Pronoun = Literal["he", "she", "they", "it"]

_DET = r"(?:the|this|that|these|those|said|same|это|этот|эта|эти|тот|та)"
_CLAUSE_BREAK = re.compile(
    r",\s*(?=[^\W\d_A-ZА-ЯЁ])|\s(?:who|which|whom|whose|that|speaking|quoted|cited)\s"
    r"|\s(?:который|которая|которые)\s|\n\s*\n"
    r"|,\s*\d{1,3}(?=\s*(?:,|$))"  # an age in apposition: "Ann Lee, 71"
)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Anaphor:
    """A definite description pointing back: which kind of antecedent, and its head noun."""

    kind: AnaphorKind
    head: str


def clean(phrase: str) -> str:
    """A phrase on one line with single spaces."""
    return _SPACES.sub(" ", phrase).strip()


def core_length(phrase: str) -> int:
    """Length of the phrase's core: up to a relative clause or an apposition."""
    m = _CLAUSE_BREAK.search(phrase)
    return m.start() if m else len(phrase)


_PREPOSITION = re.compile(
    r"\s(?:in|at|of|from|with|for|close to|near|inside|within|on|across|familiar with"
    r"|в|из|при|у|от|близкий к|близкие к)\s",
    re.IGNORECASE,
)


#: a participle with its agent after a head noun: "shoppers interviewed by the outlet"
_AGENT_MODIFIER = re.compile(r"\s[^\W\d_]+(?:ed|en|wn)\s+by\s", re.IGNORECASE)


def head_length(phrase: str) -> int:
    """Length of the part holding the phrase's head noun: before its first preposition
    ("officials in the Finance Ministry" -> "officials") or participle with an agent
    ("shoppers interviewed by the Courier" -> "shoppers")."""
    limit = core_length(phrase)
    cuts = [
        m.start()
        for m in (_PREPOSITION.search(phrase, 0, limit), _AGENT_MODIFIER.search(phrase, 0, limit))
        if m is not None and m.start() > 0
    ]
    return min(cuts, default=limit)


def core(phrase: str) -> str:
    """The phrase without relative clauses or appositions ("a source, who spoke..." -> "a source").

    A comma followed by a capitalised word is a list ("sources in the Kremlin, Defense
    Ministry and ...") and is kept.
    """
    return clean(phrase[: core_length(phrase)])


def _alternation(items: tuple[str, ...]) -> str:
    ordered = sorted(set(items), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in item.split()) for item in ordered)


def pronoun(phrase: str) -> Pronoun | None:
    """Which pronoun ``phrase`` is (he/she/they/it and their Russian forms), if it is one."""
    lower = clean(phrase).lower()
    for name, forms in word_groups("pronouns").items():
        if lower in forms and name in ("he", "she", "they", "it"):
            return name  # type: ignore[return-value]
    return None


def is_first_person(phrase: str, language: str) -> bool:
    """Whether ``phrase`` is a first-person pronoun ("I", "we", «мы»): inside a quotation it
    stands for whoever is quoted, never for a new speaker."""
    first = load_language(language).extra.get("first_person_pronouns", ())
    return clean(phrase).lower() in first


@lru_cache(maxsize=8)
def _anaphor_regexes(language: str) -> tuple[tuple[AnaphorKind, re.Pattern[str]], ...]:
    det = _DET if language == "en" else rf"(?:{_DET}\s+)?"
    det = det + r"\s+" if language == "en" else det
    table: list[tuple[AnaphorKind, tuple[str, ...]]] = [
        ("outlet", words("outlet_nouns", language)),
        ("anonymous", words("anonymous_heads", language)),
        ("document", words("documents", language)),
        ("organisation", words("institution_nouns", language)),
        ("official", words("titles", language)),
    ]
    adjectives = r"(?:[\w-]+\s+){0,2}?"
    return tuple(
        (kind, re.compile(rf"^{det}{adjectives}(?P<head>{_alternation(nouns)})$", re.IGNORECASE))
        for kind, nouns in table
    )


def anaphor(phrase: str, language: str) -> Anaphor | None:
    """A definite description that points back ("the outlet", "the source", "the ministry")."""
    text = core(phrase)
    if language == "en" and not re.match(rf"(?i:{_DET})\s", text):
        return None
    for kind, regex in _anaphor_regexes(language):
        m = regex.match(text)
        if m is not None:
            if kind == "anonymous" and language != "en":
                return None  # Russian has no articles: a bare "источник" may be a new source
            return Anaphor(kind, m.group("head").lower())
    return None


@lru_cache(maxsize=8)
def _anonymous_regex(language: str) -> re.Pattern[str]:
    heads = _alternation(words("anonymous_heads", language))
    phrases = _alternation(words("anonymous_phrases", language))
    return re.compile(rf"(?<![\w-])(?:{heads}|{phrases})(?![\w-])", re.IGNORECASE)


def is_anonymous(phrase: str, language: str) -> bool:
    """Whether a source phrase describes an unnamed source ("a source close to...")."""
    return _anonymous_regex(language).search(clean(phrase)) is not None


def anonymous_description(phrase: str) -> str:
    """ "A high-ranking Kremlin source, who..." -> "Kremlin source" (affiliation kept)."""
    text = core(phrase)
    modifiers = frozenset(words("anonymous_modifiers"))
    parts = text.split(" ")
    while len(parts) > 1 and parts[0].lower() in modifiers:
        parts = parts[1:]
        if len(parts) > 1 and parts[0].lower() in ("of", "из"):  # "one of the sources"
            parts = parts[1:]
    return " ".join(parts)


def is_plural(phrase: str, language: str) -> bool:
    """Whether a source phrase names several people ("sources", "two officials")."""
    text = core(phrase).lower()
    if re.match(
        r"(?:two|three|four|several|some|many|multiple|various|numerous|несколько)\s", text
    ):
        return True
    cut = head_length(phrase)
    head = clean(phrase[:cut]).lower()
    last = head.split(" ")[-1] if head else ""
    partitive = re.match(r"\s+(?:of|из)\s+", phrase[cut:])
    if partitive is not None and (last in words("partitive_words", language) or last.isdigit()):
        # "a majority of voters", "one of the lawyers": the noun after "of" counts
        return last not in ("one", "один", "одна") and is_plural(
            phrase[cut + partitive.end() :], language
        )
    plural_heads = {"people", "sources", "insiders", "officials", "источники", "собеседники"}
    plural_heads.update(w for w in words("people_nouns", language) if _plural_form(w))
    if last in plural_heads:
        return True
    return language == "en" and last.endswith("s") and not last.endswith("ss") and len(last) > 3


def is_one_of(phrase: str, language: str) -> bool:
    """Whether a source phrase picks one member of a group ("one of the lawyers")."""
    cut = head_length(phrase)
    head = clean(phrase[:cut]).lower().split(" ")
    return head[-1:] in (["one"], ["один"], ["одна"]) and (
        re.match(r"\s+(?:of|из)\s+", phrase[cut:]) is not None
    )


def _plural_form(word: str) -> bool:
    """Whether a ``people_nouns`` entry is a plural form ("residents", «жители»)."""
    return word.endswith(("s", "men", "people", "и", "ы", "ые", "ие")) and not word.endswith("ss")


@lru_cache(maxsize=8)
def _document_regex(language: str) -> re.Pattern[str]:
    docs = _alternation(words("documents", language))
    starters = (
        r"(?:(?:the|a|an|one|its|his|her|their|this|that|these|those|new|leaked|internal)\s+)*"
    )
    return re.compile(rf"^{starters}(?:[\w'’-]+\s+){{0,2}}?(?:{docs})(?![\w-])", re.IGNORECASE)


def is_document(phrase: str, language: str) -> bool:
    """Whether a source phrase is a document ("a report", "documents seen by Reuters")."""
    return _document_regex(language).match(clean(phrase)) is not None


def without_determiner(phrase: str) -> str:
    """The phrase without a leading article or demonstrative."""
    text = clean(phrase)
    return re.sub(r"^(?i:the|a|an|this|that|these|those|one)\s+", "", text)


def has_title(phrase: str, language: str) -> bool:
    """Whether a phrase contains an official title or role noun, singular or plural
    ("inspector", "union leaders")."""
    return _plural_finder("titles", language).search(phrase) is not None


@lru_cache(maxsize=8)
def _plural_finder(section: str, language: str) -> re.Pattern[str]:
    items = words(section, language)
    return re.compile(rf"(?<![\w-])(?:{_alternation(items)})(?:e?s)?(?![\w-])", re.IGNORECASE)


def has_people_noun(phrase: str, language: str) -> bool:
    """Whether a phrase contains a noun for ordinary people ("residents", "a witness")."""
    return _phrase_finder("people_nouns", language).search(phrase) is not None


def without_people_nouns(phrase: str, language: str) -> str:
    """The phrase with its nouns for ordinary people blanked ("residents" is a title too)."""
    return _phrase_finder("people_nouns", language).sub(" ", phrase)


def is_organisation_name(name: str) -> bool:
    """Whether a capitalised name is an organisation's by its shape, whatever its first word:
    words joined by an ampersand ("Harlow & Finch"), or a last word that ends organisation
    names ("Marta Holdings"; "Georgia Power", but "Samantha Power" stays a person's name since
    an ambiguous word after a plain given name is a surname)."""
    parts = clean(name).split(" ")
    if len(parts) < 2 or not all(p[:1].isupper() or p in ("&", "and", "of") for p in parts):
        return False
    if "&" in parts[1:-1]:
        return True
    last = parts[-1].rstrip(".,")
    if last in words("organisation_name_words"):
        return True
    if last not in words("organisation_name_words_ambiguous"):
        return False
    return len(parts) >= 3 or not is_given_name(parts[0]) or parts[0] in _place_names()


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    return frozenset(load_language("en").extra.get("place_names", ()))


def has_organisation_head(phrase: str, language: str) -> bool:
    """Whether a phrase contains an organisation noun ("ministry", "government")."""
    return _phrase_finder("organisation_heads", language).search(phrase) is not None


@lru_cache(maxsize=16)
def _phrase_finder(section: str, language: str) -> re.Pattern[str]:
    items = words(section, language)
    return re.compile(rf"(?<![\w-])(?:{_alternation(items)})(?![\w-])", re.IGNORECASE)


def find_phrases(text: str, section: str, language: str) -> list[str]:
    """Entries of a ``roles.json`` word list found in ``text``: lower case, in text order."""
    found: list[str] = []
    for m in _phrase_finder(section, language).finditer(text):
        if m.group() == "May":
            continue  # the month, not the modal verb
        value = clean(m.group()).lower()
        if value not in found:
            found.append(value)
    return found


def find_hedges(text: str, language: str) -> list[str]:
    """Hedge words and phrases ("reportedly", "was said to", "probably") found in ``text``."""
    hedges: list[str] = []
    for section in ("hedges_attribution", "hedges_modal"):
        for value in find_phrases(text, section, language):
            if value not in hedges:
                hedges.append(value)
    return hedges
