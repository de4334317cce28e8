"""Quantities in English and Russian news text, normalised into :class:`Quantity` records.

``find_quantities("a further 300,000 soldiers", language="en")`` gives one quantity,
300000 soldiers. What is recognised:

* digits with the language's separators: English "300,000" and "2.5"; Russian "300 000" (space,
  no-break or thin space) and decimal commas "1,5"; scale words and abbreviations ("1.5 million",
  "2bn", "€300m", "300 тыс.", "2 млрд");
* numbers in words ("three hundred thousand", "a dozen", "триста тысяч", "полтора миллиона");
  fractions ("two-thirds of", "треть") become percentages (66.67);
* ranges ("500-600", "between 500 and 600", "500 to 600", "от 500 до 600"); "from A to B" and
  "с A до B" are a change between two quantities, not a range: the second takes the first's
  unit and rate when it has none ("from 500-600 people per day to just 20-30");
* comparators, mapped onto :attr:`Quantity.comparator`: "over" (more than, over, at least,
  свыше, более...), "under" (less than, up to, не более, до...), "about" (about, around, some,
  около, примерно...; ``approximate`` is set), "exactly"; "almost"/"nearly"/"почти" are
  "under" with ``approximate`` set. ``low``/``high`` keep the stated number;
* vague amounts, ``approximate`` with a range: "dozens of" 24-99, "hundreds of" 200-999,
  "thousands of" 2000-9999, "tens of thousands" 20000-99999, "several hundred" 200-900,
  "десятки", "сотни тысяч", "несколько тысяч";
* percentages (%, percent, per cent, процентов; "percentage points" keeps that unit), money
  (currency signs and words become ISO codes in ``unit``: "$2.5 billion" is 2.5e9 USD,
  "2 млрд рублей" 2e9 RUB), measurements (km, kg, tonnes: kind ``other``), counts with the head
  noun phrase that follows as ``unit`` ("300,000 pairs of boots" unit "pairs of boots"; in
  English the phrase must end in a plural-looking noun within two words, else ``unit`` is
  ``None``; hyphenated "63-year-old" gives "year-old"), and rates (``per``: "a day",
  "per week", "в день", "ежегодно").

Not quantities: numbers inside time expressions (years, days of the month, "10:30", "three
o'clock"; shared with :mod:`newstrace.analyze.dates`), ordinals ("5th", "5-й"), model names and
ids ("Su-34", "A320", "Article 5", "No. 10", "401(k)"), phone numbers, versions ("2.0"), a lone
"one". Word lists live in ``data/lang/numbers_<lang>.json``; languages other than Russian use
the English lists and English separators.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from typing import Literal

from newstrace.analyze.dates import time_expression_spans
from newstrace.analyze.numerals import QuantityLexicon as _Lex
from newstrace.analyze.numerals import (
    norm_words,
    number_words_pattern,
    parse_number_words,
    quantity_lexicon,
)
from newstrace.model import Quantity, Span

__all__ = ["find_quantities"]

Comparator = Literal["over", "under", "about", "exactly"]
Kind = Literal["count", "percent", "money", "ordinal", "other"]

_DIGITS = {
    "en": re.compile(
        r"(?<![\w.,])\d{1,3}(?:(?:,|[\u00a0\u2009\u202f])\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?"
    ),
    "ru": re.compile(
        r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:,\d+)?(?!\d)"
        r"|(?<![\w.,])\d+(?:[.,]\d+)?"
    ),
}
_PHONE = re.compile(
    r"\+\d[\d\s()\-]{6,}\d|\(\d{2,5}\)\s?\d[\d\s\-]{4,}\d|(?<!\d)\d{2,4}(?:-\d{2,4}){2,}(?!\d)"
)
_DASH = "-‐‑–—"
_ORDINAL = {
    "en": re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE),
    "ru": re.compile(r"-?(?:й|го|я|е|м|ом|ой|х|ми|ый|ий|ая|ое|ых|ую|ым|ть)(?!\w)"),
}


@dataclass(slots=True)
class _Atom:
    """A number found in the text, before its context (comparator, unit, rate) is read."""

    start: int
    end: int
    low: float
    high: float
    scale: float = 1.0
    approximate: bool = False
    fraction: bool = False
    of_required: bool = False


@dataclass(slots=True)
class _Expr:
    """A number or range with its immediate marks: currency, percent, measurement."""

    start: int
    end: int
    low: float
    high: float
    kind: Kind = "count"
    unit: str | None = None
    per: str | None = None
    approximate: bool = False
    comparator: Comparator | None = None
    of_required: bool = False


# --------------------------------------------------------------------------- number atoms


class _Blocked:
    """Sorted character ranges numbers must not fall into (time expressions, phone numbers)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        self._spans = merged
        self._starts = [s for s, _ in merged]

    def hits(self, start: int, end: int) -> bool:
        """Whether ``start:end`` overlaps a blocked range."""
        i = bisect.bisect_right(self._starts, max(start, end - 1))
        return i > 0 and self._spans[i - 1][1] > start


def _digit_value(raw: str, lang: str) -> float:
    cleaned = re.sub(r"[\s\u00a0\u2009\u202f]", "", raw)
    return float(cleaned.replace(",", "." if lang == "ru" else ""))


def _is_label(text: str, start: int, end: int, lex: _Lex) -> bool:
    """Ids, model names, versions, ordinals and the like: numbers that are not amounts."""
    before, after = text[max(0, start - 30) : start], text[end : end + 6]
    prev, nxt = before[-1:], after[:1]
    if (prev and prev in "/:#№+") or nxt in ("/", "(") or (nxt == ":" and after[1:2].isdigit()):
        return True
    if prev and prev in _DASH and before[-2:-1].isalpha():
        return True  # Su-34, COVID-19
    if _ORDINAL[lex.lang].match(after):
        return True
    raw = text[start:end]
    if re.fullmatch(r"\d+\.0", raw) and not lex.scale_re.match(after) and "%" not in after[:2]:
        return True  # "mobilisation 2.0"
    if re.fullmatch(r"\d{7,}", raw):
        return True
    return bool(lex.id_prefix_re.search(before))


def _digit_atoms(text: str, lex: _Lex, blocked: _Blocked) -> list[_Atom]:
    atoms = []
    for m in _DIGITS[lex.lang].finditer(text):
        start, end = m.start(), m.end()
        if blocked.hits(start, end) or _is_label(text, start, end, lex):
            continue
        value = _digit_value(m.group(), lex.lang)
        scale = 1.0
        sm = lex.scale_re.match(text, end)
        money_abbrev = lex.raw["money_scale_abbreviations"]
        if sm and not (sm["scale"].lower() in ("m", "b") and sm["sp"]):
            scale = _scale_value(sm["scale"], lex)
            end = sm.end()
        elif (
            text[end : end + 1] in money_abbrev
            and lex.currency_prefix_re.search(text, max(0, start - 4), start)
            and not text[end + 1 : end + 2].isalnum()
        ):
            scale, end = float(money_abbrev[text[end]]), end + 1
        if text[end : end + 1].isalpha() and not lex.measure_re.match(text, end):
            continue  # "4G", "30s"
        atoms.append(_Atom(start, end, round(value * scale, 6), round(value * scale, 6), scale))
    return atoms


def _scale_value(word: str, lex: _Lex) -> float:
    key = word.lower()
    if key in lex.numbers.scales:
        return lex.numbers.scales[key]
    abbrevs = {k.lower(): float(v) for k, v in lex.raw["scale_abbreviations"].items()}
    return abbrevs[key]


def _word_atoms(text: str, lex: _Lex, blocked: _Blocked) -> list[_Atom]:
    atoms: list[_Atom] = []
    for m in number_words_pattern(lex.lang).finditer(text):
        toks = [
            (t.start() + m.start(), t.end() + m.start())
            for t in re.finditer(r"[^\s\-]+", m.group())
        ]
        i = 0
        while i < len(toks):
            atom = _longest_parse(text, toks, i, lex)
            if atom is None:
                i += 1
                continue
            atom_obj, i = atom
            clock = re.match(r"\s*o['’]clock", text[atom_obj.end : atom_obj.end + 10])
            if not blocked.hits(atom_obj.start, atom_obj.end) and not clock:
                atoms.append(atom_obj)
    return atoms


def _longest_parse(
    text: str, toks: list[tuple[int, int]], i: int, lex: _Lex
) -> tuple[_Atom, int] | None:
    for j in range(min(len(toks), i + 12), i, -1):
        start, end = toks[i][0], toks[j - 1][1]
        phrase = text[start:end]
        value = parse_number_words(phrase, language=lex.lang)
        if value is None:
            continue
        words = phrase.lower().split()
        if len(words) == 1 and words[0] in lex.numbers.one_words:
            return None
        last = re.split(r"[\s-]", phrase.lower())[-1]
        if last in lex.numbers.fractions:
            if not _fraction_context(text, start, end, lex):
                return None
            pct = round(value * 100, 2)
            return _Atom(start, end, pct, pct, fraction=True), j
        return _Atom(start, end, round(value, 6), round(value, 6)), j
    return None


def _fraction_context(text: str, start: int, end: int, lex: _Lex) -> bool:
    after = text[end : end + 12].lower()
    before = text[max(0, start - 12) : start].lower()
    if lex.lang == "en":
        return re.match(r"\s+(?:of|the)\b", after) is not None and not re.search(
            r"(?:first|second|latter|former)\s+$", before
        )
    return re.match(r"\s+[а-яё]", after) is not None and not re.search(
        r"(?:перв|втор)\w*\s+$", before
    )


def _approx_atoms(text: str, lex: _Lex, blocked: _Blocked, found: list[_Atom]) -> list[_Atom]:
    """Vague amounts; they may cover a number word ("several thousand") but not start inside one."""
    atoms = []
    plurals = lex.raw["approximate_plurals"]
    inside = _Blocked([(a.start + 1, a.end) for a in found if a.end - a.start > 1])
    for m in lex.approx_re.finditer(text):
        if blocked.hits(m.start(), m.end()) or inside.hits(m.start(), m.start() + 1):
            continue
        if m["vague"]:
            lo, hi = lex.raw["vague_multipliers"][m["vague"].lower()]
            unit = _multiplier_value(m["mult"], lex)
            atoms.append(_Atom(m.start(), m.end(), lo * unit, hi * unit, approximate=True))
            continue
        word = m["plural"].lower()
        if lex.lang == "en" and not re.match(
            r"\s+of\b", text[m.end() : m.end() + 5], re.IGNORECASE
        ):
            continue
        before = text[max(0, m.start() - 20) : m.start()]
        if word == "тысячи" and not m["pre"] and lex.genitive_re.search(before):
            atoms.append(_Atom(m.start(), m.end(), 1000.0, 1000.0))
            continue
        lo, hi = plurals[word]
        factor = float(lex.raw["approximate_prefixes"][m["pre"].lower()]) if m["pre"] else 1.0
        atoms.append(
            _Atom(
                m.start(),
                m.end(),
                lo * factor,
                (hi + 1) * factor - 1,
                approximate=True,
                of_required=lex.lang == "en",
            )
        )
    return atoms


def _multiplier_value(word: str, lex: _Lex) -> float:
    return float({k.lower(): v for k, v in lex.raw["vague_scales"].items()}[word.lower()])


# --------------------------------------------------------------------------- expressions


def _mark(text: str, atom: _Atom, lex: _Lex) -> _Expr:
    """The atom with its currency sign, percent sign, currency word or measurement unit."""
    expr = _Expr(
        atom.start,
        atom.end,
        atom.low,
        atom.high,
        approximate=atom.approximate,
        of_required=atom.of_required,
    )
    if atom.fraction:
        expr.kind, expr.unit = "percent", "%"
        return expr
    cur = lex.currency_prefix_re.search(text, max(0, atom.start - 4), atom.start)
    if cur and not text[max(0, cur.start() - 1) : cur.start()].isalpha():
        expr.kind, expr.unit, expr.start = (
            "money",
            lex.raw["currency_prefixes"][cur["cur"]],
            cur.start(),
        )
    pct = lex.percent_re.match(text, atom.end)
    if pct and expr.kind != "money":
        word = pct["pct"].lower()
        points = "point" in word or "пункт" in word or word in ("п.п.", "п. п.", "pp")
        expr.kind, expr.unit = "percent", "percentage points" if points else "%"
        expr.end = pct.end()
        return expr
    word = lex.currency_word_re.match(text, atom.end)
    if word:
        codes = {k.lower(): v for k, v in lex.raw["currency_words"].items()}
        expr.kind, expr.unit, expr.end = "money", codes[word["cur"].lower()], word.end()
        return expr
    unit = lex.measure_re.match(text, atom.end)
    if unit and expr.kind == "count":
        expr.kind, expr.unit, expr.end = "other", norm_words(unit["unit"]), unit.end()
    return expr


def _range_gap(text: str, a: _Expr, b: _Atom, lex: _Lex) -> str | None:
    """How ``a`` and the next atom ``b`` form a range: the word that opens it, or ``None``."""
    gap = text[a.end : b.start]
    if len(gap) > 12:
        return None
    before = text[max(0, a.start - 12) : a.start].lower()
    opener = re.search(r"(between|from|между|от|с|со)\s+$", before)
    opened = opener[1] if opener else ""
    cur = lex.currency_prefix_re.pattern.removesuffix(r"\s?$")
    if re.fullmatch(rf"\s*[{_DASH}]\s*(?:{cur})?", gap):
        return "dash"
    m = re.fullmatch(rf"\s+(to|or|and|до|или|и)\s+(?:{cur})?", gap, re.IGNORECASE)
    if m is None:
        return None
    word = m[1].lower()
    if word in ("and", "и"):
        return word if opened in ("between", "между") else None
    if word == "to" and opened == "from":
        return None
    if word == "до" and opened not in ("от",):
        return None
    return word


def _merge_range(text: str, a: _Expr, b: _Atom, first: _Atom, lex: _Lex) -> _Expr | None:
    low = a.low
    if first.scale == 1 and b.scale > 1 and a.kind != "percent" and low * b.scale <= b.high:
        low *= b.scale
    if not low < b.low:
        return None
    second = _mark(text, b, lex)
    kind = a.kind if a.kind != "count" else second.kind
    merged = _Expr(
        a.start,
        second.end,
        round(low, 6),
        second.high,
        kind=kind,
        unit=a.unit or second.unit,
        approximate=a.approximate or second.approximate,
        of_required=second.of_required,
    )
    opener = re.search(r"(?i:between|между|от)\s+$", text[max(0, a.start - 12) : a.start])
    if opener:
        merged.start = a.start - (len(text[max(0, a.start - 12) : a.start]) - opener.start())
    return merged


def _expressions(text: str, atoms: list[_Atom], lex: _Lex) -> list[_Expr]:
    exprs: list[_Expr] = []
    i = 0
    while i < len(atoms):
        expr = _mark(text, atoms[i], lex)
        if i + 1 < len(atoms) and _range_gap(text, expr, atoms[i + 1], lex):
            merged = _merge_range(text, expr, atoms[i + 1], atoms[i], lex)
            if merged is not None:
                exprs.append(merged)
                i += 2
                continue
        exprs.append(expr)
        i += 1
    return exprs


# --------------------------------------------------------------------------- context


_COMPARATOR_MAP: dict[str, tuple[Comparator, bool]] = {
    "over": ("over", False),
    "under": ("under", False),
    "near_under": ("under", True),
    "about": ("about", True),
    "exactly": ("exactly", False),
}


def _comparator(text: str, expr: _Expr, floor: int, lex: _Lex) -> None:
    window_start = max(floor, expr.start - 40)
    m = lex.comparator_re.search(text, window_start, expr.start)
    if m is None:
        return
    word = norm_words(m["cmp"])
    if word == "до":
        clause = re.split(r"[.!?;\n]", text[max(0, expr.start - 80) : m.start()])[-1]
        if re.search(r"(?:^|\s)(?:с|со|от)\s+\S*\d", clause):
            return
    comparator, approximate = _COMPARATOR_MAP[lex.comparator_kind[word]]
    expr.comparator = comparator
    expr.approximate = expr.approximate or approximate
    expr.start = m.start()


_COMPOUND = re.compile(r"[-‐‑](?P<w>[^\W\d_]+(?:[-‐‑][^\W\d_]+)*)")
_WORD = re.compile(r"[ \t\u00a0]+(?:\n[ \t]*)?(?P<w>[^\W\d_][\w'’\-]*)")


def _words_after(text: str, pos: int, limit: int, count: int) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    while len(found) < count:
        m = _WORD.match(text, pos)
        if m is None or m.end() > limit:
            break
        found.append(m)
        pos = m.end()
    return found


def _unit_phrase(
    text: str, pos: int, limit: int, value: float, lex: _Lex
) -> tuple[int, str | None]:
    """The head noun phrase after a count: ``(end, unit)``, or ``(pos, None)``."""
    compound = _COMPOUND.match(text, pos)
    if compound and compound.end() <= limit:  # "63-year-old", "10-day", "3,000-strong"
        return compound.end(), compound["w"].lower()
    words: list[re.Match[str]] = []
    for m in _words_after(text, pos, limit, 4):
        if m["w"].lower() in lex.stopwords:
            break
        words.append(m)
    if not words:
        return pos, None
    head = _head(words, value, lex)
    if head is None:
        return pos, None
    end = words[head].end()
    last = words[head]["w"].lower()
    if last in lex.measure_nouns:
        of = _words_after(text, end, limit, 1)
        if of and of[0]["w"].lower() in ("of",):
            sub_end, sub = _unit_phrase(text, of[0].end(), limit, 2.0, lex)
            if sub is not None:
                end = sub_end
    start = words[0].start("w")
    return end, norm_words(text[start:end])


def _head(words: list[re.Match[str]], value: float, lex: _Lex) -> int | None:
    """Index of the last word of the unit phrase among ``words``."""
    lowered = [m["w"].lower() for m in words]
    if lex.lang == "ru":
        adjective, verb = tuple(lex.raw["adjective_endings"]), tuple(lex.raw["verb_endings"])
        for i, word in enumerate(lowered[:3]):
            last = i == len(lowered) - 1
            if not word.endswith(adjective) or last or lowered[i + 1].endswith(verb):
                return i  # a noun, or an adjective used as one ("300 военных", "20 раненых")
        return None
    irregular = set(lex.raw["plural_irregular"])
    for i, word in enumerate(lowered[:2]):  # a noun, or one modifier and a noun
        if (word.endswith("s") and not word.endswith(("ss", "'s", "’s"))) or word in irregular:
            return i
        if word in lex.measure_nouns:
            return i
    return 0 if value == 1 and words[0]["w"].islower() else None


def _rate(text: str, pos: int, limit: int, lex: _Lex) -> tuple[int, str | None]:
    m = lex.rate_re.match(text, pos)
    if m is None or m.end() > limit:
        return pos, None
    return m.end(), lex.rate_kind[norm_words(m["rate"])]


def _complete(text: str, expr: _Expr, limit: int, lex: _Lex) -> None:
    """Read the unit phrase and the rate that follow ``expr``."""
    pos = expr.end
    if expr.of_required:
        of = _words_after(text, pos, limit, 1)
        if not of or of[0]["w"].lower() != "of":
            return
        end, unit = _unit_phrase(text, of[0].end(), limit, 2.0, lex)
        if unit is not None:
            expr.unit, pos = unit, end
    elif expr.kind == "count":
        end, unit = _unit_phrase(text, pos, limit, expr.low, lex)
        if unit is not None:
            expr.unit, pos = unit, end
    end, per = _rate(text, pos, limit, lex)
    if per is not None:
        expr.per, expr.end = per, end
    else:
        expr.end = pos


_LINK = re.compile(
    r"[\s,]*(?:to|down to|up to|до|versus|vs\.?|against|compared (?:with|to)|from|down from|up from"
    r"|против|по сравнению с)\s+(?:[^\W\d_]+\s+)?",
    re.IGNORECASE,
)


def _link(text: str, exprs: list[_Expr]) -> None:
    """Share unit and rate across "from A to B" (and "с A до B") pairs."""
    for a, b in itertools.pairwise(exprs):
        if b.start - a.end > 40 or not _LINK.fullmatch(text, a.end, b.start):
            continue
        if b.unit is None and b.kind == "count" and a.unit is not None:
            b.unit, b.kind = a.unit, a.kind
            b.per = b.per or a.per
        elif a.unit is None and a.kind == "count" and b.unit is not None:
            a.unit, a.kind = b.unit, b.kind
            a.per = a.per or b.per
        elif a.unit == b.unit:
            b.per = b.per or a.per


# --------------------------------------------------------------------------- public API


def find_quantities(text: str, *, language: str) -> tuple[Quantity, ...]:
    """Quantities in ``text``, normalised (see the module docstring for what is recognised).

    Every :class:`~newstrace.model.Quantity` span points into ``text`` and covers the number
    with its comparator, currency, unit phrase and rate; ``low <= high`` always.
    """
    lex = quantity_lexicon(language)
    blocked_spans = list(time_expression_spans(text, language=lex.lang))
    blocked_spans.extend((m.start(), m.end()) for m in _PHONE.finditer(text))
    blocked = _Blocked(blocked_spans)
    atoms = _digit_atoms(text, lex, blocked) + _word_atoms(text, lex, blocked)
    atoms = _drop_overlaps(sorted(atoms, key=lambda a: (a.start, -a.end)))
    atoms += _approx_atoms(text, lex, blocked, atoms)
    atoms = _drop_overlaps(sorted(atoms, key=lambda a: (a.start, -a.end)))
    exprs = _expressions(text, atoms, lex)
    floor = 0
    for i, expr in enumerate(exprs):
        _comparator(text, expr, floor, lex)
        limit = exprs[i + 1].start if i + 1 < len(exprs) else len(text)
        _complete(text, expr, limit, lex)
        floor = expr.end
    _link(text, exprs)
    return tuple(_to_quantity(text, e) for e in exprs)


def _drop_overlaps(atoms: list[_Atom]) -> list[_Atom]:
    kept: list[_Atom] = []
    for atom in atoms:
        if kept and atom.start < kept[-1].end:
            continue
        kept.append(atom)
    return kept


def _to_quantity(text: str, expr: _Expr) -> Quantity:
    low, high = sorted((expr.low, expr.high))
    return Quantity(
        span=Span.of(text, expr.start, expr.end, "quantity"),
        low=low,
        high=high,
        unit=expr.unit,
        per=expr.per,
        kind=expr.kind,
        approximate=expr.approximate,
        comparator=expr.comparator,
    )
