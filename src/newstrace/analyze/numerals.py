"""Numbers written in words, in English and Russian.

``parse_number_words("three hundred thousand", language="en")`` is ``300000.0``;
``parse_number_words("полтора миллиона", language="ru")`` is ``1500000.0``; fractions give
their value ("two-thirds" is ``0.666…``). The word lists live in
``newstrace/data/lang/numbers_<lang>.json``; any language other than Russian uses the English
lists (digits still work everywhere through :mod:`newstrace.analyze.quantities`).

The grammar is a small state machine over tokens, not a lookup of whole phrases: units, teens,
tens, hundreds, "hundred", "dozen", scale words (thousand, million, тысяча, миллиона...) and an
optional "and a half" / "с половиной". Ill-formed sequences ("five six", "million thousand")
return ``None`` so a caller can split them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

_HALF_MARK = "\x00half"  # "and a half", "с половиной": adds 0.5 to the group before it
_HALF_OF_MARK = "\x00half-of"  # "half a (million)": a group of 0.5
_TOKEN_SPLIT = re.compile(r"[^\s\-\u2010\u2011]+")
_TRAILING_PUNCT = ".,;:!?»«\"'()"


def lang_key(language: str | None) -> str:
    """The lexicon a language uses: ``"ru"`` for Russian, ``"en"`` for everything else."""
    return "ru" if (language or "").lower().startswith("ru") else "en"


@lru_cache(maxsize=16)
def load_lang_json(filename: str) -> dict[str, Any]:
    """Load one of the packaged ``data/lang/*.json`` files (read once, then cached)."""
    path = resources.files("newstrace").joinpath("data", "lang", filename)
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{filename}: expected a JSON object")
    return data


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    """The number words of one language, in the shape the parser needs."""

    language: str
    values: dict[str, float]
    hundred_words: frozenset[str]
    scales: dict[str, float]
    plural_scales: frozenset[str]
    half_scales: dict[str, float]
    dozen_words: dict[str, float]
    fractions: dict[str, float]
    and_words: frozenset[str]
    and_half: tuple[tuple[str, ...], ...]
    article_words: frozenset[str]
    half_words: frozenset[str]
    one_words: frozenset[str]

    def all_words(self) -> frozenset[str]:
        """Every word that can be part of a number written in words."""
        return frozenset(
            [
                *self.values,
                *self.hundred_words,
                *self.scales,
                *self.half_scales,
                *self.dozen_words,
                *self.fractions,
                *self.and_words,
                *self.article_words,
                *self.half_words,
                *(w for seq in self.and_half for w in seq),
            ]
        )


@lru_cache(maxsize=4)
def number_lexicon(language: str) -> NumberLexicon:
    """The number lexicon for ``language`` (see :func:`lang_key`)."""
    key = lang_key(language)
    raw = load_lang_json(f"numbers_{key}.json")

    def floats(name: str) -> dict[str, float]:
        return {str(k).lower(): float(v) for k, v in dict(raw.get(name, {})).items()}

    def words(name: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(name, []))

    return NumberLexicon(
        language=key,
        values=floats("values"),
        hundred_words=words("hundred_words"),
        scales=floats("scales"),
        plural_scales=words("plural_scales"),
        half_scales=floats("half_scales"),
        dozen_words=floats("dozen_words"),
        fractions=floats("fractions"),
        and_words=words("and_words"),
        and_half=tuple(tuple(str(w) for w in seq) for seq in raw.get("and_half", [])),
        article_words=words("article_words"),
        half_words=words("half_words"),
        one_words=words("one_words"),
    )


@dataclass(frozen=True, slots=True)
class QuantityLexicon:
    """The words around numbers in one language: comparators, currencies, rates, units."""

    lang: str
    numbers: NumberLexicon
    raw: dict[str, Any]
    scale_re: re.Pattern[str]
    comparator_re: re.Pattern[str]
    comparator_kind: dict[str, str]
    percent_re: re.Pattern[str]
    currency_prefix_re: re.Pattern[str]
    currency_word_re: re.Pattern[str]
    rate_re: re.Pattern[str]
    rate_kind: dict[str, str]
    measure_re: re.Pattern[str]
    approx_re: re.Pattern[str]
    stopwords: frozenset[str]
    measure_nouns: frozenset[str]
    id_prefix_re: re.Pattern[str]
    genitive_re: re.Pattern[str]


@lru_cache(maxsize=4)
def quantity_lexicon(language: str) -> QuantityLexicon:
    """Compiled context patterns for :mod:`newstrace.analyze.quantities` (cached)."""
    lang = lang_key(language)
    raw = load_lang_json(f"numbers_{lang}.json")
    nums = number_lexicon(lang)
    comparator_kind = {
        norm_words(w): kind for kind, words in raw["comparators"].items() for w in words
    }
    rate_kind = {norm_words(w): per for per, words in raw["rates"].items() for w in words}
    scales = {**nums.scales, **{k.lower(): v for k, v in raw["scale_abbreviations"].items()}}
    plural_pre = alternation(raw["approximate_prefixes"])
    vague = alternation(raw["vague_multipliers"])
    multipliers = alternation(raw["vague_scales"])
    governors = rf"(?:^|(?<=\W))(?:{alternation(raw['genitive_governors']) or '(?!)'})\s+$"
    approx = (
        rf"(?<![\w-])(?:(?P<vague>{vague})\s+(?P<mult>{multipliers})"
        rf"|(?:(?P<pre>{plural_pre})\s+(?:of\s+)?)?(?P<plural>{alternation(raw['approximate_plurals'])}))(?![\w-])"
    )
    return QuantityLexicon(
        lang=lang,
        numbers=nums,
        raw=raw,
        scale_re=re.compile(rf"(?P<sp>\s?)(?P<scale>{alternation(scales)})(?![\w])", re.IGNORECASE),
        comparator_re=re.compile(
            rf"(?:^|(?<=[\s(«\"“]))(?P<cmp>{alternation(comparator_kind)})\s*$", re.IGNORECASE
        ),
        comparator_kind=comparator_kind,
        percent_re=re.compile(
            rf"\s?(?P<pct>{alternation([*raw['point_words'], *raw['percent_words']])})(?![\w])",
            re.IGNORECASE,
        ),
        currency_prefix_re=re.compile(rf"(?P<cur>{alternation(raw['currency_prefixes'])})\s?$"),
        currency_word_re=re.compile(
            rf"\s?(?P<cur>{alternation(raw['currency_words'])})(?![\w])", re.IGNORECASE
        ),
        rate_re=re.compile(rf"\s*,?\s*(?P<rate>{alternation(rate_kind)})(?![\w])", re.IGNORECASE),
        rate_kind=rate_kind,
        measure_re=re.compile(
            rf"\s?(?P<unit>{alternation(raw['measurement_units'])})(?![\w/])", re.IGNORECASE
        ),
        approx_re=re.compile(approx, re.IGNORECASE),
        stopwords=frozenset(w.lower() for w in raw["unit_stopwords"]),
        measure_nouns=frozenset(w.lower() for w in raw["measure_nouns"]),
        id_prefix_re=re.compile(rf"(?:^|(?<=\W))(?:{alternation(raw['id_prefixes'])})\s*$", re.I),
        genitive_re=re.compile(governors),
    )


def alternation(words: Iterable[Any]) -> str:
    """A regex alternation of ``words``, escaped, longest first (so longer phrases win)."""
    return "|".join(re.escape(str(w)) for w in sorted(set(words), key=len, reverse=True))


def norm_words(value: str) -> str:
    """Lowercase ``value`` and collapse its whitespace (the key form of lexicon entries)."""
    return " ".join(value.lower().split())


@lru_cache(maxsize=4)
def number_words_pattern(language: str) -> re.Pattern[str]:
    """A regex matching a run of number words (joined by spaces or hyphens), case-insensitive.

    The run may start or end with connectors ("and", "a"); callers trim and parse it.
    """
    lex = number_lexicon(language)
    word = rf"(?:{alternation(lex.all_words())})"
    return re.compile(rf"(?<![\w\-]){word}(?:(?:\s+|-){word})*(?![\w\-])", re.IGNORECASE)


def tokenize_number_words(words: str) -> list[str]:
    """Lowercased tokens of a number phrase, split on spaces and hyphens."""
    tokens = []
    for tok in _TOKEN_SPLIT.findall(words.lower()):
        tok = tok.strip(_TRAILING_PUNCT)
        if tok:
            tokens.append(tok)
    return tokens


def parse_number_words(words: str, *, language: str) -> float | None:
    """The value of a number written in words, or ``None`` when ``words`` is not one.

    English: "three hundred thousand" 300000, "a dozen" 12, "two-thirds" 0.667,
    "one and a half million" 1500000, "half a million" 500000. Russian: "триста тысяч" 300000,
    "полтора миллиона" 1500000, "две трети" 0.667, "два с половиной миллиарда" 2.5e9.
    A lone plural scale word ("тысячи", "thousands") is not a number: see
    :mod:`newstrace.analyze.quantities` for "thousands of".
    """
    lex = number_lexicon(language)
    tokens = _mark_halves(tokenize_number_words(words), lex)
    if not tokens:
        return None
    if tokens[-1] in lex.fractions:
        return _parse_fraction(tokens, lex)
    if len(tokens) == 1 and tokens[0] in lex.plural_scales:
        return None
    return _parse_integer_part(tokens, lex)


def _mark_halves(tokens: list[str], lex: NumberLexicon) -> list[str]:
    """Replace "and a half" with a marker, and a leading "half a" before a scale likewise."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        seq = next((s for s in lex.and_half if tuple(tokens[i : i + len(s)]) == s), None)
        if seq is not None:
            out.append(_HALF_MARK)
            i += len(seq)
            continue
        nxt = tokens[i + 1 : i + 3]
        if (
            tokens[i] in lex.half_words
            and len(nxt) == 2
            and nxt[0] in lex.article_words
            and (nxt[1] in lex.scales or nxt[1] in lex.hundred_words or nxt[1] in lex.dozen_words)
        ):
            out.append(_HALF_OF_MARK)
            i += 2
            continue
        out.append(tokens[i])
        i += 1
    return out


def _parse_fraction(tokens: list[str], lex: NumberLexicon) -> float | None:
    frac = lex.fractions[tokens[-1]]
    head = tokens[:-1]
    if not head or (len(head) == 1 and (head[0] in lex.article_words or head[0] in lex.one_words)):
        return frac
    numerator = _parse_integer_part(head, lex)
    if numerator is None or numerator != math.floor(numerator) or numerator < 1:
        return None
    return numerator * frac


_UNIT, _TEEN, _TENS, _HUNDREDS, _HUNDRED, _DOZEN, _SCALE, _HALF = (
    "unit",
    "teen",
    "tens",
    "hundreds",
    "hundred",
    "dozen",
    "scale",
    "half",
)
_ALLOWED_BEFORE: dict[str, tuple[str | None, ...]] = {
    _UNIT: (None, _TENS, _HUNDREDS, _HUNDRED, _SCALE),
    _TEEN: (None, _HUNDREDS, _HUNDRED, _SCALE),
    _TENS: (None, _HUNDREDS, _HUNDRED, _SCALE),
    _HUNDREDS: (None, _SCALE),
}


def _value_kind(value: float) -> str:
    if value < 10:
        return _UNIT
    if value < 20:
        return _TEEN
    if value < 100:
        return _TENS
    return _HUNDREDS


@dataclass(slots=True)
class _State:
    total: float = 0.0
    group: float = 0.0
    last: str | None = None
    last_scale: float = math.inf
    seen: bool = False


def _parse_integer_part(tokens: list[str], lex: NumberLexicon) -> float | None:
    state = _State()
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok in lex.and_words:
            if not state.seen or nxt is None:
                return None
            continue
        if not _step(state, tok, nxt, lex):
            return None
        state.seen = True
    if not state.seen or state.last is None:
        return None
    return state.total + state.group


def _step(state: _State, tok: str, nxt: str | None, lex: NumberLexicon) -> bool:
    """Advance the parser by one token; ``False`` when the sequence is ill-formed."""
    if tok == _HALF_MARK:
        if state.last not in (_UNIT, _TEEN, _TENS, _HUNDREDS, _DOZEN):
            return False
        state.group += 0.5
        state.last = _HALF
        return True
    if tok == _HALF_OF_MARK or tok in lex.article_words:
        multiplier_follows = nxt is not None and (
            nxt in lex.scales or nxt in lex.hundred_words or nxt in lex.dozen_words
        )
        if state.group != 0 or not multiplier_follows:
            return False
        state.group = 0.5 if tok == _HALF_OF_MARK else 1.0
        state.last = _UNIT
        return True
    if tok in lex.values:
        value = lex.values[tok]
        kind = _value_kind(value)
        if state.last not in _ALLOWED_BEFORE[kind]:
            return False
        if state.last == _TENS and (value != math.floor(value) or value == 0):
            return False
        state.group += value
        state.last = kind
        return True
    if tok in lex.hundred_words:
        if state.last not in (None, _UNIT, _TEEN):
            return False
        state.group = (state.group or 1.0) * 100
        state.last = _HUNDRED
        return True
    if tok in lex.dozen_words:
        if state.last not in (None, _UNIT, _TEEN, _TENS):
            return False
        state.group = (state.group or 1.0) * lex.dozen_words[tok]
        state.last = _DOZEN
        return True
    return _step_scale(state, tok, lex)


def _step_scale(state: _State, tok: str, lex: NumberLexicon) -> bool:
    if tok in lex.half_scales:
        value = lex.half_scales[tok]
        if state.group != 0 or value >= state.last_scale:
            return False
        state.total += value
        state.last_scale = value * 2
        state.last = _SCALE
        return True
    if tok not in lex.scales:
        return False
    scale = lex.scales[tok]
    if scale >= state.last_scale or state.last == _SCALE:
        return False
    group = state.group
    if group == 0:
        if state.last is not None:
            return False
        group = 1.0
    state.total += group * scale
    state.group = 0.0
    state.last_scale = scale
    state.last = _SCALE
    return True
