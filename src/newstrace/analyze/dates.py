"""Time expressions in English and Russian, resolved against the publication date.

:func:`find_dates` returns :class:`~newstrace.model.TimeRef` records: "March 25", "в апреле",
"autumn 2023", "last week", "вчера". The grammar is a small set of explicit patterns built from
``data/lang/time_<lang>.json``; every match is resolved by rules that never invent a day:

* A day and month without a year ("March 25", "25 марта") take the year that puts the date
  nearest to the publication date (one of the previous, same or next year).
* A month named alone ("April", "в апреле") is the month of that name nearest to the
  publication date (distance 0 when publication falls inside it); a season alone likewise.
* A weekday ("Friday", "on Friday", "в пятницу") is the most recent such day on or before the
  publication date (news is mostly past tense). It is the next such day on or after publication
  when the clause before it holds a future marker ("will", "is due to", "состоится"...).
  "last Friday" is strictly before and "next Friday" strictly after publication.
* Seasons are northern-hemisphere meteorological: spring March-May, summer June-August,
  autumn September-November, winter December-February; "winter 2023" is the winter whose
  January falls in 2023 (2022-12-01..2023-02-28).
* "early"/"mid"/"late" April are days 1-10, 11-20 and 21-end (granularity ``range``); the
  first/second half of April are days 1-15 and 16-end (of a year: January-June, July-December);
  "early"/"mid"/"late" 2023 are January-April, May-August and September-December.
* Week granularity is the ISO week, Monday to Sunday.
* Slash dates: "3/25/2024" (only one reading) resolves; "3/4/2024" (both day-first and
  month-first possible) is a ``range`` spanning both readings, never a guessed day. Dotted
  dates ("25.03.2024") are day-first.
* With ``published=None``, expressions that need it keep their granularity but get ``None``
  bounds; absolute ones ("September 2022") still resolve.

Bare four-digit numbers from 1800 to 2099 are years unless a quantity word surrounds them
("more than 2000", "2000 %"); in Russian a bare number followed by an ordinary word
("2000 человек") is left to :mod:`newstrace.analyze.quantities`.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from newstrace.analyze.numerals import (
    alternation,
    lang_key,
    load_lang_json,
    norm_words,
    parse_number_words,
)
from newstrace.model import Granularity, Span, TimeRef

__all__ = ["find_dates", "time_expression_spans"]

_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
_CLOCK = re.compile(
    r"(?<![\w.:])(?:[01]?\d|2[0-3])(?::[0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?m\b\.?)?"
    r"|(?:[.:][0-5]\d)?\s*(?:[ap]\.m\.|[ap]m\b|o['’]clock\b)"
    r"|(?:[.:][0-5]\d)?\s+час(?:а|ов)?\s+(?:утра|дня|вечера|ночи)\b)(?![\d:])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Resolved:
    granularity: Granularity
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class _Ctx:
    text: str
    lang: str
    published: date | None
    lex: _TimeLexicon


@dataclass(frozen=True, slots=True)
class _TimeLexicon:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    season_alone_ok: frozenset[str]
    month_parts: dict[str, str]
    day_words: dict[str, int]
    relative_periods: dict[str, int]
    period_words: dict[str, str]
    ago_units: dict[str, str]
    weekday_past: frozenset[str]
    weekday_future: frozenset[str]
    future_markers: tuple[str, ...]
    year_blockers: tuple[str, ...]
    year_prefixes: str


_Handler = Callable[[re.Match[str], _Ctx], "_Resolved | None"]


@lru_cache(maxsize=4)
def _lexicon(lang: str) -> _TimeLexicon:
    raw = load_lang_json(f"time_{lang}.json")

    def table(*keys: str) -> dict[str, Any]:
        return {norm_words(k): v for key in keys for k, v in raw.get(key, {}).items()}

    def words(key: str) -> frozenset[str]:
        return frozenset(norm_words(w) for w in raw.get(key, []))

    return _TimeLexicon(
        months=table("months", "month_abbreviations"),
        ambiguous_months=words("ambiguous_months"),
        weekdays=table("weekdays"),
        seasons=table("seasons"),
        season_alone_ok=words("season_alone_ok"),
        month_parts=table("month_parts"),
        day_words=table("day_words"),
        relative_periods=table("relative_periods"),
        period_words=table("period_words"),
        ago_units=table("ago_units"),
        weekday_past=words("weekday_past"),
        weekday_future=words("weekday_future"),
        future_markers=tuple(raw["future_markers"]),
        year_blockers=tuple(raw["year_blockers_before"]),
        year_prefixes=alternation(raw.get("year_prefixes", [])),
    )


# --------------------------------------------------------------------------- calendar helpers


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _distance(start: date, end: date, ref: date) -> int:
    if start <= ref <= end:
        return 0
    return min(abs((start - ref).days), abs((end - ref).days))


def _nearest(
    make: Callable[[int], tuple[date, date] | None], published: date
) -> tuple[date, date] | None:
    """The interval ``make(year)`` nearest to ``published`` for the previous/same/next year."""
    options = [
        r for y in (published.year - 1, published.year, published.year + 1) if (r := make(y))
    ]
    if not options:
        return None
    return min(options, key=lambda r: (_distance(r[0], r[1], published), -r[0].toordinal()))


def _safe_day(year: int, month: int, day: int) -> tuple[date, date] | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d, d


def _season_bounds(season: str, year: int) -> tuple[date, date]:
    first, last = _SEASON_MONTHS[season]
    if season == "winter":
        return date(year - 1, 12, 1), _month_bounds(year, 2)[1]
    return date(year, first, 1), _month_bounds(year, last)[1]


def _part_of(part: str, start: date, end: date, *, year: bool) -> tuple[date, date]:
    if year:
        spans = {
            "early": (1, 4),
            "mid": (5, 8),
            "late": (9, 12),
            "first_half": (1, 6),
            "second_half": (7, 12),
        }
        a, b = spans[part]
        return date(start.year, a, 1), _month_bounds(start.year, b)[1]
    days = {
        "early": (1, 10),
        "mid": (11, 20),
        "late": (21, end.day),
        "first_half": (1, 15),
        "second_half": (16, end.day),
    }
    a, b = days[part]
    return start.replace(day=a), start.replace(day=b)


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _year_of(group: str | None) -> int | None:
    return int(group) if group else None


def _part(m: re.Match[str], ctx: _Ctx) -> str | None:
    raw = m.groupdict().get("part")
    return ctx.lex.month_parts.get(norm_words(raw)) if raw else None


# --------------------------------------------------------------------------- handlers


def _resolve(
    make: Callable[[int], tuple[date, date] | None], year: int | None, ctx: _Ctx, gran: Granularity
) -> _Resolved | None:
    """``make(year)`` for an explicit year, else the nearest instance around publication."""
    if year is not None:
        found = make(year)
    elif ctx.published is None:
        return _Resolved(gran, None, None)
    else:
        found = _nearest(make, ctx.published)
    return _Resolved(gran, *found) if found else None


def _with_part(res: _Resolved | None, part: str | None, *, year: bool) -> _Resolved | None:
    if res is None or part is None:
        return res
    if res.start is None or res.end is None:
        return _Resolved("range", None, None)
    return _Resolved("range", *_part_of(part, res.start, res.end, year=year))


def _r_day(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    month, day = ctx.lex.months[m["mon"].lower().rstrip(".")], int(m["d"])
    if _safe_day(2024, month, day) is None:
        return None
    return _resolve(lambda y: _safe_day(y, month, day), _year_of(m["y"]), ctx, "day")


def _r_day_range(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    month = ctx.lex.months[m["mon"].lower().rstrip(".")]
    mon2 = m.groupdict().get("mon2")
    month2 = ctx.lex.months[mon2.lower().rstrip(".")] if mon2 else month
    d1, d2 = int(m["d"]), int(m["d2"])

    def make(y: int) -> tuple[date, date] | None:
        a, b = _safe_day(y, month, d1), _safe_day(y if month2 >= month else y + 1, month2, d2)
        return (a[0], b[0]) if a and b and a[0] < b[0] else None

    if make(2023) is None and make(2024) is None:
        return None
    return _resolve(make, _year_of(m["y"]), ctx, "range")


def _r_month_year(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    month = ctx.lex.months[m["mon"].lower().rstrip(".")]
    res = _Resolved("month", *_month_bounds(int(m["y"]), month))
    return _with_part(res, _part(m, ctx), year=False)


def _r_month(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    name = m["mon"]
    month = ctx.lex.months[name.lower()]
    before = ctx.text[max(0, m.start() - 30) : m.start()]
    after = ctx.text[m.end() : m.end() + 2]
    has_lead = bool(m.groupdict().get("prep") or m.groupdict().get("part"))
    lead_word = re.search(r"(\w+)\s+$", before)
    if ctx.lang == "en":
        if after[:1].isalpha() or re.match(r"\s[A-Z]", after):  # "April Ryan", "Aprils"
            return None
        prev_cap = lead_word is not None and lead_word[1][:1].isupper()
        if prev_cap and not re.search(r"[.!?:\n\"“]\s*\w+\s+$", before) and not has_lead:
            return None  # "Theresa May", "Women's March"
        if name.lower() in ctx.lex.ambiguous_months and not has_lead:
            temporal = r"(?:until|till|since|by|from|to|through|before|after|of|last|next|this)"
            if not re.search(rf"\b{temporal}\s+$", before, re.IGNORECASE):
                return None
    res = _resolve(lambda y: _month_bounds(y, month), None, ctx, "month")
    return _with_part(res, _part(m, ctx), year=False)


def _r_season(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    word = m["season"].lower()
    season = ctx.lex.seasons[word]
    mod = norm_words(m.groupdict().get("mod") or "")
    year, year2 = _year_of(m["y"]), m.groupdict().get("y2")
    if year is not None:
        if season == "winter" and year2:  # "winter 2022-23": the winter starting in 2022
            year += 1
        return _Resolved("season", *_season_bounds(season, year))
    if not (mod or m.groupdict().get("prep") or word in ctx.lex.season_alone_ok):
        return None
    if ctx.published is None:
        return _Resolved("season", None, None)
    shift = ctx.lex.relative_periods.get(mod, 0) if mod else 0
    pub = ctx.published
    options = [_season_bounds(season, y) for y in range(pub.year - 2, pub.year + 3)]
    if shift < 0:  # "last autumn": the latest one over before publication
        found = [o for o in options if o[1] < pub][shift]
    elif shift > 0:  # "next spring": the first one starting after publication
        found = [o for o in options if o[0] > pub][shift - 1]
    else:
        found = min(options, key=lambda o: (_distance(o[0], o[1], pub), -o[0].toordinal()))
    return _Resolved("season", *found)


def _r_year(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    year = int(m["y"])
    if not _looks_like_year(m, ctx):
        return None
    res = _Resolved("year", date(year, 1, 1), date(year, 12, 31))
    return _with_part(res, _part(m, ctx), year=True)


def _looks_like_year(m: re.Match[str], ctx: _Ctx) -> bool:
    after = ctx.text[m.end("y") : m.end("y") + 24]
    before = ctx.text[max(0, m.start("y") - 24) : m.start("y")].lower()
    if re.match(
        r"\s*(?:%|percent|per cent|процент|(?:million|billion|thousand|bn|mn|k|тыс|млн|млрд)\b)",
        after,
        re.IGNORECASE,
    ):
        return False
    if m.groupdict().get("yw") or m.groupdict().get("prep") or m.groupdict().get("part"):
        return True
    if ctx.lex.year_prefixes and re.search(rf"(?:^|\W)(?:{ctx.lex.year_prefixes})\s*$", before):
        return True
    for blocker in ctx.lex.year_blockers:
        if re.search(rf"(?:^|\W){re.escape(blocker)}\s*$", before):
            return False
    return not (ctx.lang == "ru" and re.match(r"\s+[а-яё]", after))


def _r_year_range(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    first, raw2 = int(m["y"]), m["y2"]
    second = int(raw2) if len(raw2) == 4 else first // 100 * 100 + int(raw2)
    if not first < second <= first + 50:
        return None
    return _Resolved("range", date(first, 1, 1), date(second, 12, 31))


def _r_decade(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    raw = m["dec"].lstrip("'’")
    start = int(raw) if len(raw) == 4 else 1900 + int(raw)
    if start % 10:
        return None
    first, last = date(start, 1, 1), date(start + 9, 12, 31)
    part = _part(m, ctx)
    if part:
        a, b = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}[part]
        first, last = date(start + a, 1, 1), date(start + b, 12, 31)
    return _Resolved("range", first, last)


def _r_numeric(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    year, a, b = int(m["y"]), int(m["a"]), int(m["b"])
    month_first = (
        _safe_day(year, a, b) if m.groupdict().get("iso") or m.groupdict().get("slash") else None
    )
    day_first = None if m.groupdict().get("iso") else _safe_day(year, b, a)
    if day_first and month_first and day_first != month_first:
        return _Resolved("range", *sorted((day_first[0], month_first[0])))
    found = day_first or month_first
    return _Resolved("day", *found) if found else None


def _r_weekday(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    weekday = ctx.lex.weekdays[m["wd"].lower()]
    mod = norm_words(m.groupdict().get("mod") or "")
    if ctx.lang == "ru" and not (mod or m.groupdict().get("prep")):
        return None
    if ctx.published is None:
        return _Resolved("day", None, None)
    back = (ctx.published.weekday() - weekday) % 7
    if mod in ctx.lex.weekday_past:
        back = back or 7
    elif mod in ctx.lex.weekday_future or _future_clause(ctx.text, m.start(), ctx):
        ahead = (weekday - ctx.published.weekday()) % 7
        if mod in ctx.lex.weekday_future:
            ahead = ahead or 7
        day = ctx.published + timedelta(days=ahead)
        return _Resolved("day", day, day)
    day = ctx.published - timedelta(days=back)
    return _Resolved("day", day, day)


def _future_clause(text: str, start: int, ctx: _Ctx) -> bool:
    window = text[max(0, start - 120) : start]
    clause = re.split(r"[.!?;:\n—–]|,(?=\s)", window)[-1].lower()
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", clause) for w in ctx.lex.future_markers)


def _r_day_word(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    offset = ctx.lex.day_words[norm_words(m["word"])]
    if ctx.published is None:
        return _Resolved("day", None, None)
    day = ctx.published + timedelta(days=offset)
    return _Resolved("day", day, day)


def _period_bounds(unit: str, pub: date, shift: int) -> tuple[date, date]:
    if unit == "day":
        day = pub + timedelta(days=shift)
        return day, day
    if unit == "week":
        return _week_of(pub + timedelta(weeks=shift))
    if unit == "month":
        return _month_bounds(*_shift_month(pub, shift))
    return date(pub.year + shift, 1, 1), date(pub.year + shift, 12, 31)


def _r_period(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    shift = ctx.lex.relative_periods[norm_words(m["rel"])]
    period = ctx.lex.period_words[m["period"].lower()]
    gran: Granularity = "range" if period == "weekend" else period  # type: ignore[assignment]
    pub = ctx.published
    if pub is None:
        return _Resolved(gran, None, None)
    if period != "weekend":
        res = _Resolved(gran, *_period_bounds(period, pub, shift))
        return res if period == "week" else _with_part(res, _part(m, ctx), year=period == "year")
    saturday = _week_of(pub)[0] + timedelta(days=5)
    if shift < 0 or (
        shift == 0 and pub < saturday and not _future_clause(ctx.text, m.start(), ctx)
    ):
        saturday -= timedelta(weeks=1)
    elif shift > 0 and pub >= saturday:
        saturday += timedelta(weeks=1)
    return _Resolved("range", saturday, saturday + timedelta(days=1))


def _r_ago(m: re.Match[str], ctx: _Ctx) -> _Resolved | None:
    unit = ctx.lex.ago_units[m["unit"].lower()]
    raw_n = m.groupdict().get("n")
    if raw_n is None or raw_n.lower() in ("a", "an", "one"):
        n: float | None = 1
    else:
        n = int(raw_n) if raw_n.isdigit() else parse_number_words(raw_n, language=ctx.lang)
    if n is None or n != int(n) or not 0 < n < 200:
        return None
    gran: Granularity = unit  # type: ignore[assignment]
    if ctx.published is None:
        return _Resolved(gran, None, None)
    return _Resolved(gran, *_period_bounds(unit, ctx.published, -int(n)))


# --------------------------------------------------------------------------- patterns

_Y = r"(?P<y>1[89]\d\d|20\d\d)(?!\d)"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9])(?![\d:]|[.,]\d)"
_D2 = r"(?P<d2>3[01]|[12]\d|0?[1-9])(?![\d:]|[.,]\d)"
_DASH = r"\s*[-‐‑–—]\s*"
_NUMERIC: tuple[tuple[str, _Handler], ...] = (
    (r"(?<![\w./-])(?P<y>\d{4})(?P<iso>-)(?P<a>\d{2})-(?P<b>\d{2})(?!\d)", _r_numeric),
    (r"(?<![\w./-])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>\d{4})(?![\d.]\d|\d)", _r_numeric),
    (r"(?<![\w./-])(?P<a>\d{1,2})(?P<slash>/)(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])", _r_numeric),
)


def _en_rules() -> list[tuple[str, _Handler]]:
    raw = load_lang_json("time_en.json")
    full = alternation(raw["months"])
    any_mon = rf"(?:{full}|(?:{alternation(raw['month_abbreviations'])})\.?)"
    mon, mon2 = rf"(?P<mon>{any_mon})", rf"(?P<mon2>{any_mon})"
    wd = rf"(?P<wd>{alternation(raw['weekdays'])})"
    prep = r"(?:(?P<prep>(?i:in|on|during))\s+)?"
    part = (
        r"(?:(?P<part>early|mid|late|(?:the\s+)?"
        r"(?:end|beginning|start|middle|(?:first|second)\s+half)\s+of)[\s-]+)?"
    )
    th = r"(?:st|nd|rd|th)?"
    sep = r"(?:\s*[-‐‑–—]\s*|\s+(?:to|through|until|and)\s+)"
    year = rf"(?:,?\s+{_Y})?"
    seasons = alternation(raw["seasons"])
    days = alternation(raw["day_words"])
    return [
        (rf"{prep}{mon}\s+{_D}{th}{sep}{mon2}\s+{_D2}{th}{year}", _r_day_range),
        (
            rf"{prep}(?:the\s+)?{_D}{th}(?:\s+of)?\s+{mon}{sep}(?:the\s+)?{_D2}{th}(?:\s+of)?\s+{mon2}"
            rf"{year}",
            _r_day_range,
        ),
        (rf"{prep}{mon}\s+{_D}{th}{sep}{_D2}{th}{year}", _r_day_range),
        (rf"{prep}{_D}{th}{sep}{_D2}{th}(?:\s+of)?\s+{mon}{year}", _r_day_range),
        (rf"{prep}(?:{wd},?\s+)?{mon}\s+{_D}{th}{year}", _r_day),
        (rf"{prep}(?:{wd},?\s+)?(?:the\s+)?{_D}{th}(?:\s+of)?\s+{mon}{year}", _r_day),
        (rf"{prep}{part}{mon}(?:\s+of)?,?\s+{_Y}", _r_month_year),
        (rf"{prep}{part}(?P<mon>{full})(?![\w-]|\s*\d)", _r_month),
        (
            rf"{prep}(?:(?P<mod>this|last|next|early|late|mid)[\s-]+|the\s+)?(?P<season>(?i:{seasons}))"
            rf"(?:,?\s+(?:of\s+)?{_Y}(?:\s*[-–/]\s*(?P<y2>\d{{4}}|\d{{2}})(?!\d))?)?",
            _r_season,
        ),
        (rf"{prep}{_Y}{_DASH}(?P<y2>\d{{4}}|\d{{2}})(?![\d%]|[.,]\d)", _r_year_range),
        (rf"{prep}{part}{_Y}(?![\w%]|[.,]\d|-\d)", _r_year),
        (rf"{prep}(?:the\s+)?{part}(?P<dec>1[89]\d0|20\d0|['’]\d0)s(?!\w)", _r_decade),
        (
            rf"(?:(?P<prep>on)\s+)?"
            rf"(?:(?P<mod>last|this past|past|next|this coming|coming|this)\s+)?{wd}(?!s\b)",
            _r_weekday,
        ),
        (rf"(?P<word>(?i:{days}))", _r_day_word),
        (
            r"(?:(?P<part>(?i:early|mid|late))[\s-]+)?"
            r"(?P<rel>(?i:earlier this|later this|this|last|next))\s+"
            r"(?P<period>(?i:week|month|year|weekend))",
            _r_period,
        ),
        (
            r"(?P<n>\d{1,3}|[A-Za-z]+(?:[\s-][a-z]+)?)\s+(?P<unit>(?i:days?|weeks?|months?|years?))"
            r"\s+(?i:ago)",
            _r_ago,
        ),
    ]


def _ru_rules() -> list[tuple[str, _Handler]]:
    raw = load_lang_json("time_ru.json")
    gen = alternation(k for k in raw["months"] if k.endswith(("я", "та")))
    any_mon = alternation([*raw["months"], *raw["month_abbreviations"]])
    mon, mon2 = rf"(?P<mon>{gen})", rf"(?P<mon2>{gen})"
    wd = rf"(?P<wd>{alternation(raw['weekdays'])})"
    prep = r"(?:(?P<prep>(?i:в|во))\s+)?"
    part = rf"(?:(?P<part>{alternation(raw['month_parts'])})\s+)?"
    dd = r"(?:-?(?:го|е))?"
    yw = r"(?:\s*(?P<yw>годах|годов|годом|годы|года|году|год|гг\.|г\.)|-м(?!\w))?"
    year = rf"(?:\s+{_Y}{yw})?"
    mods = alternation([*raw["relative_periods"], "прошлую", "эту", "следующую"])
    wd_mods = alternation([*raw["weekday_past"], *raw["weekday_future"], *raw["weekday_neutral"]])
    return [
        (rf"(?:с\s+)?{_D}{dd}\s+{mon}{_DASH}{_D2}{dd}\s+{mon2}{year}", _r_day_range),
        (rf"(?:с\s+)?{_D}{dd}\s+{mon}\s+(?:по|до)\s+{_D2}{dd}\s+{mon2}{year}", _r_day_range),
        (rf"(?:с\s+)?{_D}{dd}(?:{_DASH}|\s+(?:по|и)\s+){_D2}{dd}\s+{mon}{year}", _r_day_range),
        (rf"(?:{prep}{wd},?\s+)?{_D}{dd}\s+{mon}{year}", _r_day),
        (rf"{prep}{part}(?P<mon>{any_mon})\s+{_Y}{yw}", _r_month_year),
        (rf"{prep}{part}(?P<mon>{any_mon})(?![\w-]|\s*\d)", _r_month),
        (
            rf"{prep}(?:(?P<mod>{mods})\s+)?(?P<season>{alternation(raw['seasons'])})(?:\s+{_Y}{yw}"
            rf"(?:\s*[-–/]\s*(?P<y2>\d{{4}}|\d{{2}})(?!\d))?)?",
            _r_season,
        ),
        (rf"{prep}(?:с\s+)?{_Y}{_DASH}(?P<y2>\d{{4}}|\d{{2}})(?![\d%]|[.,]\d){yw}", _r_year_range),
        (rf"{prep}{part}{_Y}{yw}(?![\w%]|[.,]\d|-\d)", _r_year),
        (
            rf"{prep}(?P<dec>1[89]\d0|20\d0)-(?:ми|ые|ых|е|х)(?:\s+(?:годы|годах|годов|годам))?",
            _r_decade,
        ),
        (rf"(?P<prep>(?i:в|во))\s+(?:(?P<mod>{wd_mods})\s+)?{wd}", _r_weekday),
        (rf"(?P<word>(?i:{alternation(raw['day_words'])}))", _r_day_word),
        (
            rf"(?:на|в)\s+(?P<rel>{alternation(raw['relative_periods'])})\s+(?P<period>{alternation(raw['period_words'])})",
            _r_period,
        ),
        (
            rf"(?:(?P<n>\d{{1,3}}|[а-яё]+)\s+)?(?P<unit>{alternation(raw['ago_units'])})\s+(?:тому\s+)?назад",
            _r_ago,
        ),
    ]


@lru_cache(maxsize=4)
def _rules(lang: str) -> tuple[tuple[re.Pattern[str], _Handler], ...]:
    source = _ru_rules() if lang == "ru" else _en_rules()
    compiled = [
        (re.compile(rf"(?<![\w\-]){pattern}(?![\w])"), handler)
        for pattern, handler in (*_NUMERIC, *source)
    ]
    return tuple(compiled)


# --------------------------------------------------------------------------- public API


def _candidates(text: str, ctx: _Ctx) -> list[tuple[int, int, int, _Resolved]]:
    found: list[tuple[int, int, int, _Resolved]] = []
    for priority, (pattern, handler) in enumerate(_rules(ctx.lang)):
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            resolved = handler(m, ctx)
            if resolved is not None:
                found.append((m.start(), m.end(), priority, resolved))
    return found


def _select(cands: list[tuple[int, int, int, _Resolved]]) -> list[tuple[int, int, _Resolved]]:
    """Keep the longest non-overlapping matches (earlier rules win ties)."""
    chosen: list[tuple[int, int, _Resolved]] = []
    starts: list[int] = []  # taken spans, disjoint and sorted: only the one before can overlap
    ends: list[int] = []
    for start, end, _prio, resolved in sorted(cands, key=lambda c: (c[0] - c[1], c[2], c[0])):
        i = bisect.bisect_left(starts, end)
        if i > 0 and ends[i - 1] > start:
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        chosen.append((start, end, resolved))
    return sorted(chosen, key=lambda c: c[0])


def find_dates(text: str, *, language: str, published: date | None) -> tuple[TimeRef, ...]:
    """Time expressions in ``text`` resolved against ``published`` (see the module docstring).

    Every :class:`~newstrace.model.TimeRef` span points into ``text``; ``start``/``end`` are ISO
    dates or ``None`` when the expression needs a publication date that is not known.
    """
    lang = lang_key(language)
    ctx = _Ctx(text=text, lang=lang, published=published, lex=_lexicon(lang))
    refs = []
    for start, end, resolved in _select(_candidates(text, ctx)):
        refs.append(
            TimeRef(
                span=Span.of(text, start, end, "time"),
                granularity=resolved.granularity,
                start=resolved.start.isoformat() if resolved.start else None,
                end=resolved.end.isoformat() if resolved.end else None,
            )
        )
    return tuple(refs)


def time_expression_spans(text: str, *, language: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of date expressions and clock times ("10:30", "9 pm") in ``text``.

    :mod:`newstrace.analyze.quantities` skips numbers inside these ranges, so a year, a day of
    the month or a time of day is never read as a quantity.
    """
    spans = [
        (r.span.start, r.span.end) for r in find_dates(text, language=language, published=None)
    ]
    spans.extend((m.start(), m.end()) for m in _CLOCK.finditer(text))
    return tuple(sorted(spans))
