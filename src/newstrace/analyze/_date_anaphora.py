"""Days counted from another date of the text: "the following day", "two days later",
"на следующий день".

Such an expression does not count from the publication date but from the date the text last
named: in "the crack was found on Saturday, April 5, and the city was told the following day"
the following day is April 6. The anchor is the last day-precise date that ends before the
expression (an earlier anaphoric one included, so "the next day ... two days later" chains).
Without an anchor the expression is recognised but left unresolved (``None`` bounds), never
counted from the publication date.

"the day after" / "two days before" take their anchor from the text only when nothing follows
them in the clause: in "the day after the vote" they count from the vote, which is not a date.
The words are in ``data/lang/time_<lang>.json`` (``anaphoric_*``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from newstrace.analyze.numerals import alternation, load_lang_json, norm_words, parse_number_words

__all__ = ["AnaphoricDate", "anaphoric_dates"]

#: Counts larger than this are not days counted in a narrative.
_MAX_COUNT = 60
#: What may follow an "open" expression ("the day after"): the clause must end there.
_CLAUSE_END = r"(?=\s*(?:[,.;:!?)»”\"—–]|$|\s(?:and|but|when|as|while)\b))"


@dataclass(frozen=True, slots=True)
class AnaphoricDate:
    """A day (or week) counted from the date the text last named."""

    start: int
    end: int
    granularity: str
    first: date | None
    last: date | None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    pattern: re.Pattern[str]
    fixed: dict[str, tuple[int, str]]
    directions: dict[str, int]
    units: dict[str, str]
    language: str


@lru_cache(maxsize=4)
def _lexicon(lang: str) -> _Lexicon | None:
    raw = load_lang_json(f"time_{lang}.json")
    days: dict[str, int] = raw.get("anaphoric_days", {})
    weeks: dict[str, int] = raw.get("anaphoric_weeks", {})
    directions: dict[str, int] = raw.get("anaphoric_directions", {})
    if not (days or weeks or directions):
        return None
    opened = set(raw.get("anaphoric_open_directions", []))
    fixed = {norm_words(k): (v, "day") for k, v in days.items()}
    fixed.update({norm_words(k): (v, "week") for k, v in weeks.items()})
    closed = [k for k in (*days, *weeks) if k not in opened]
    open_ = [k for k in (*days, *weeks) if k in opened]
    units = {norm_words(k): v for k, v in raw.get("ago_units", {}).items() if v in ("day", "week")}
    unit = alternation(units)
    count = r"(?P<n>\d{1,2}|[^\W\d_]+(?:-[^\W\d_]+)?)"
    closed_dir = alternation(d for d in directions if d not in opened)
    open_dir = alternation(d for d in directions if d in opened)
    parts = [rf"(?P<fixed>{alternation(closed)})"] if closed else []
    if open_:
        parts.append(rf"(?P<fixed_open>{alternation(open_)}){_CLAUSE_END}")
    if closed_dir:
        parts.append(rf"{count}\s+(?P<unit>{unit})\s+(?P<dir>{closed_dir})")
        parts.append(
            rf"(?P<dir_first>{closed_dir})\s+{count.replace('n>', 'n2>')}\s+(?P<unit2>{unit})"
        )
    if open_dir:
        parts.append(
            rf"{count.replace('n>', 'n3>')}\s+(?P<unit3>{unit})\s+(?P<dir3>{open_dir}){_CLAUSE_END}"
        )
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE)
    return _Lexicon(pattern, fixed, {norm_words(k): v for k, v in directions.items()}, units, lang)


def _count(raw: str, lex: _Lexicon) -> int | None:
    if raw.isdigit():
        value: float | None = int(raw)
    elif raw.lower() in ("a", "an"):
        value = 1
    else:
        value = parse_number_words(raw, language=lex.language)
    if value is None or value != int(value) or not 0 < value <= _MAX_COUNT:
        return None
    return int(value)


def _offset(m: re.Match[str], lex: _Lexicon) -> tuple[int, str] | None:
    """(signed count, unit) of one match: "two weeks later" counts 14 days to a day, "the
    following week" one week to the week after the anchor's."""
    fixed = m["fixed"] if "fixed" in m.re.groupindex else None
    fixed = fixed or (m["fixed_open"] if "fixed_open" in m.re.groupindex else None)
    if fixed:
        return lex.fixed[norm_words(fixed)]
    for n, unit, direction in (
        ("n", "unit", "dir"),
        ("n2", "unit2", "dir_first"),
        ("n3", "unit3", "dir3"),
    ):
        if n in m.re.groupindex and m[n]:
            count = _count(m[n], lex)
            if count is None:
                return None
            sign = lex.directions[norm_words(m[direction])]
            days = count * (7 if lex.units[norm_words(m[unit])] == "week" else 1)
            return sign * days, "day"
    return None


def anaphoric_dates(
    text: str, *, language: str, named: Sequence[tuple[int, int, date | None, date | None]]
) -> tuple[AnaphoricDate, ...]:
    """Days and weeks counted from the date the text last named (see the module docstring).

    ``named`` holds the text's other time expressions as ``(start, end, first, last)``; only
    day-precise ones (``first == last``) anchor. Matches overlapping them are skipped.
    """
    lex = _lexicon(language)
    if lex is None:
        return ()
    anchors = sorted((e, f) for _, e, f, last in named if f is not None and f == last)
    taken = [(s, e) for s, e, _, _ in named]
    found: list[AnaphoricDate] = []
    for m in lex.pattern.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        offset = _offset(m, lex)
        if offset is None:
            continue
        before = [a for a in anchors if a[0] <= m.start()]
        anchor = before[-1][1] if before else None
        shift, unit = offset
        if anchor is None:
            found.append(AnaphoricDate(m.start(), m.end(), unit, None, None))
            continue
        if unit == "week":
            monday = anchor + timedelta(weeks=shift) - timedelta(days=anchor.weekday())
            found.append(AnaphoricDate(m.start(), m.end(), "week", monday, monday + timedelta(6)))
        else:
            day = anchor + timedelta(days=shift)
            found.append(AnaphoricDate(m.start(), m.end(), "day", day, day))
            anchors.append((m.end(), day))
            anchors.sort()
    return tuple(found)
