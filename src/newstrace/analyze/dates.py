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
  "last Friday" is strictly before and "next Friday" strictly after publication. In a headline
  (a short line without closing punctuation) the headline infinitive ("X to close pier on
  Friday", ``headline_future_markers``) is a future marker too.
* Days counted from another date ("the following day", "two days later", "на следующий
  день") count from the day-precise date the text last named, not from publication
  (:mod:`newstrace.analyze._date_anaphora`).
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

Calendar arithmetic lives in :mod:`newstrace.analyze._date_calendar`, the time words in
:mod:`newstrace.analyze._date_lexicon`, the handlers of expressions relative to publication
(weekdays, "yesterday", "last week", "ago") in :mod:`newstrace.analyze._date_relative` and
days counted from another date in :mod:`newstrace.analyze._date_anaphora`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from newstrace.analyze._date_anaphora import anaphoric_dates
from newstrace.analyze._date_calendar import (
    Resolved,
    distance,
    month_bounds,
    nearest,
    safe_day,
    season_bounds,
    with_part,
)
from newstrace.analyze._date_lexicon import Handler, MatchContext, lexicon, match_part
from newstrace.analyze._date_relative import r_ago, r_day_word, r_period, r_weekday
from newstrace.analyze.numerals import alternation, lang_key, load_lang_json, norm_words
from newstrace.model import Granularity, Span, TimeRef

__all__ = ["find_dates", "time_expression_spans"]

_CLOCK = re.compile(
    r"(?<![\w.:])(?:[01]?\d|2[0-3])(?::[0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?m\b\.?)?"
    r"|(?:[.:][0-5]\d)?\s*(?:[ap]\.m\.|[ap]m\b|o['’]clock\b)"
    r"|(?:[.:][0-5]\d)?\s+час(?:а|ов)?\s+(?:утра|дня|вечера|ночи)\b)(?![\d:])",
    re.IGNORECASE,
)


def _year_of(group: str | None) -> int | None:
    return int(group) if group else None


# --------------------------------------------------------------------------- handlers


def _resolve(
    make: Callable[[int], tuple[date, date] | None],
    year: int | None,
    ctx: MatchContext,
    gran: Granularity,
) -> Resolved | None:
    """``make(year)`` for an explicit year, else the nearest instance around publication."""
    if year is not None:
        found = make(year)
    elif ctx.published is None:
        return Resolved(gran, None, None)
    else:
        found = nearest(make, ctx.published)
    return Resolved(gran, *found) if found else None


def _r_day(m: re.Match[str], ctx: MatchContext) -> Resolved | None:
    month, day = ctx.lex.months[m["mon"].lower().rstrip(".")], int(m["d"])
    if safe_day(2024, month, day) is None:
        return None
    return _resolve(lambda y: safe_day(y, month, day), _year_of(m["y"]), ctx, "day")


def _r_day_range(m: re.Match[str], ctx: MatchContext) -> Resolved | None:
    month = ctx.lex.months[m["mon"].lower().rstrip(".")]
    mon2 = m.groupdict().get("mon2")
    month2 = ctx.lex.months[mon2.lower().rstrip(".")] if mon2 else month
    d1, d2 = int(m["d"]), int(m["d2"])

    def make(y: int) -> tuple[date, date] | None:
        a, b = safe_day(y, month, d1), safe_day(y if month2 >= month else y + 1, month2, d2)
        return (a[0], b[0]) if a and b and a[0] < b[0] else None

    if make(2023) is None and make(2024) is None:
        return None
    return _resolve(make, _year_of(m["y"]), ctx, "range")


def _r_month_year(m: re.Match[str], ctx: MatchContext) -> Resolved | None:
    month = ctx.lex.months[m["mon"].lower().rstrip(".")]
    res = Resolved("month", *month_bounds(int(m["y"]), month))
    return with_part(res, match_part(m, ctx), year=False)


def _r_month(m: re.Match[str], ctx: MatchContext) -> Resolved | None:
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
    res = _resolve(lambda y: month_bounds(y, month), None, ctx, "month")
    return with_part(res, match_part(m, ctx), year=False)


def _r_season(m: re.Match[str], ctx: MatchContext) -> Resolved | None:
    word = m["season"].lower()
    season = ctx.lex.seasons[word]
    mod = norm_words(m.groupdict().get("mod") or "")
    year, year2 = _year_of(m["y"]), m.groupdict().get("y2")
    if year is not None:
        if season == "winter" and year2:  # "winter 2022-23": the winter starting in 2022
            year += 1
        return Resolved("season", *season_bounds(season, year))
    if not (mod or m.groupdict().get("prep") or word in ctx.lex.season_alone_ok):
        return None
    if ctx.published is None:
        return Resolved("season", None, None)
    shift = ctx.lex.relative_periods.get(mod, 0) if mod else 0
    pub = ctx.published
    options = [season_bounds(season, y) for y in range(pub.year - 2, pub.year + 3)]
    if shift < 0:  # "last autumn": the latest one over before publication
        found = [o for o in options if o[1] < pub][shift]
    elif shift > 0:  # "next spring": the first one starting after publication
        found = [o for o in options if o[0] > pub][shift - 1]
    else:
        found = min(options, key=lambda o: (distance(o[0], o[1], pub), -o[0].toordinal()))
    return Resolved("season", *found)


def _r_year(m: re.Match[str], ctx: MatchContext) -> Resolved | None:
    year = int(m["y"])
    if not _looks_like_year(m, ctx):
        return None
    res = Resolved("year", date(year, 1, 1), date(year, 12, 31))
    return with_part(res, match_part(m, ctx), year=True)


def _looks_like_year(m: re.Match[str], ctx: MatchContext) -> bool:
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


def _r_year_range(m: re.Match[str], ctx: MatchContext) -> Resolved | None:
    first, raw2 = int(m["y"]), m["y2"]
    second = int(raw2) if len(raw2) == 4 else first // 100 * 100 + int(raw2)
    if not first < second <= first + 50:
        return None
    return Resolved("range", date(first, 1, 1), date(second, 12, 31))


def _r_decade(m: re.Match[str], ctx: MatchContext) -> Resolved | None:
    raw = m["dec"].lstrip("'’")
    start = int(raw) if len(raw) == 4 else 1900 + int(raw)
    if start % 10:
        return None
    first, last = date(start, 1, 1), date(start + 9, 12, 31)
    part = match_part(m, ctx)
    if part:
        a, b = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}[part]
        first, last = date(start + a, 1, 1), date(start + b, 12, 31)
    return Resolved("range", first, last)


def _r_numeric(m: re.Match[str], ctx: MatchContext) -> Resolved | None:
    year, a, b = int(m["y"]), int(m["a"]), int(m["b"])
    month_first = (
        safe_day(year, a, b) if m.groupdict().get("iso") or m.groupdict().get("slash") else None
    )
    day_first = None if m.groupdict().get("iso") else safe_day(year, b, a)
    if day_first and month_first and day_first != month_first:
        return Resolved("range", *sorted((day_first[0], month_first[0])))
    found = day_first or month_first
    return Resolved("day", *found) if found else None


# --------------------------------------------------------------------------- patterns

_Y = r"(?P<y>1[89]\d\d|20\d\d)(?!\d)"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9])(?![\d:]|[.,]\d)"
_D2 = r"(?P<d2>3[01]|[12]\d|0?[1-9])(?![\d:]|[.,]\d)"
_DASH = r"\s*[-‐‑–—]\s*"
_NUMERIC: tuple[tuple[str, Handler], ...] = (
    (r"(?<![\w./-])(?P<y>\d{4})(?P<iso>-)(?P<a>\d{2})-(?P<b>\d{2})(?!\d)", _r_numeric),
    (r"(?<![\w./-])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>\d{4})(?![\d.]\d|\d)", _r_numeric),
    (r"(?<![\w./-])(?P<a>\d{1,2})(?P<slash>/)(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])", _r_numeric),
)


def _en_rules() -> list[tuple[str, Handler]]:
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
            r_weekday,
        ),
        (rf"(?P<word>(?i:{days}))", r_day_word),
        (
            r"(?:(?P<part>(?i:early|mid|late))[\s-]+)?"
            r"(?P<rel>(?i:earlier this|later this|this|last|next))\s+"
            r"(?P<period>(?i:week|month|year|weekend))",
            r_period,
        ),
        (
            r"(?P<n>\d{1,3}|[A-Za-z]+(?:[\s-][a-z]+)?)\s+(?P<unit>(?i:days?|weeks?|months?|years?))"
            r"\s+(?i:ago)",
            r_ago,
        ),
    ]


def _ru_rules() -> list[tuple[str, Handler]]:
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
        (rf"(?P<prep>(?i:в|во))\s+(?:(?P<mod>{wd_mods})\s+)?{wd}", r_weekday),
        (rf"(?P<word>(?i:{alternation(raw['day_words'])}))", r_day_word),
        (
            rf"(?:на|в)\s+(?P<rel>{alternation(raw['relative_periods'])})\s+(?P<period>{alternation(raw['period_words'])})",
            r_period,
        ),
        (
            rf"(?:(?P<n>\d{{1,3}}|[а-яё]+)\s+)?(?P<unit>{alternation(raw['ago_units'])})\s+(?:тому\s+)?назад",
            r_ago,
        ),
    ]


@lru_cache(maxsize=4)
def _rules(lang: str) -> tuple[tuple[re.Pattern[str], Handler], ...]:
    source = _ru_rules() if lang == "ru" else _en_rules()
    compiled = [
        (re.compile(rf"(?<![\w\-]){pattern}(?![\w])"), handler)
        for pattern, handler in (*_NUMERIC, *source)
    ]
    return tuple(compiled)


# --------------------------------------------------------------------------- public API


def _candidates(text: str, ctx: MatchContext) -> list[tuple[int, int, int, Resolved]]:
    found: list[tuple[int, int, int, Resolved]] = []
    for priority, (pattern, handler) in enumerate(_rules(ctx.lang)):
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            resolved = handler(m, ctx)
            if resolved is not None:
                found.append((m.start(), m.end(), priority, resolved))
    return found


def _select(cands: list[tuple[int, int, int, Resolved]]) -> list[tuple[int, int, Resolved]]:
    """Keep the longest non-overlapping matches (earlier rules win ties)."""
    chosen: list[tuple[int, int, Resolved]] = []
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
    ctx = MatchContext(text=text, lang=lang, published=published, lex=lexicon(lang))
    chosen = _select(_candidates(text, ctx))
    named = [(s, e, r.start, r.end) for s, e, r in chosen]
    for found in anaphoric_dates(text, language=lang, named=named):
        gran: Granularity = "week" if found.granularity == "week" else "day"
        chosen.append((found.start, found.end, Resolved(gran, found.first, found.last)))
    refs = []
    for start, end, resolved in sorted(chosen, key=lambda c: c[0]):
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
