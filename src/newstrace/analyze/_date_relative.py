"""Handlers of :mod:`newstrace.analyze.dates` for expressions relative to publication:
weekdays ("on Friday", "в пятницу"), day words ("yesterday"), periods ("last week") and
"ago" ("three days ago").

A weekday is the most recent such day on or before publication, or the next one on or after
it when the clause before it holds a future marker (or, in a headline, the headline
infinitive: "X to close pier on Friday").
"""

from __future__ import annotations

import re
from datetime import timedelta

from newstrace.analyze._date_calendar import Resolved, period_bounds, week_of, with_part
from newstrace.analyze._date_lexicon import MatchContext, match_part
from newstrace.analyze.numerals import norm_words, parse_number_words
from newstrace.model import Granularity

#: A line without closing punctuation and at most this many words is a headline.
HEADLINE_WORDS = 25


def r_weekday(m: re.Match[str], ctx: MatchContext) -> Resolved | None:
    """A weekday, before or after publication by its modifier and clause."""
    weekday = ctx.lex.weekdays[m["wd"].lower()]
    mod = norm_words(m.groupdict().get("mod") or "")
    if ctx.lang == "ru" and not (mod or m.groupdict().get("prep")):
        return None
    if ctx.published is None:
        return Resolved("day", None, None)
    back = (ctx.published.weekday() - weekday) % 7
    if mod in ctx.lex.weekday_past:
        back = back or 7
    elif mod in ctx.lex.weekday_future or future_clause(ctx.text, m.start(), ctx):
        ahead = (weekday - ctx.published.weekday()) % 7
        if mod in ctx.lex.weekday_future:
            ahead = ahead or 7
        day = ctx.published + timedelta(days=ahead)
        return Resolved("day", day, day)
    day = ctx.published - timedelta(days=back)
    return Resolved("day", day, day)


def future_clause(text: str, start: int, ctx: MatchContext) -> bool:
    """Whether the clause before ``start`` speaks of the future ("will", "is due to")."""
    window = text[max(0, start - 120) : start]
    clause = re.split(r"[.!?;:\n—–]|,(?=\s)", window)[-1].lower()
    if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", clause) for w in ctx.lex.future_markers):
        return True
    return _headline_future(text, start, ctx)


def _headline_future(text: str, start: int, ctx: MatchContext) -> bool:
    """A headline's "X to do Y on Thursday": in a line without closing punctuation (a headline
    or subhead), the headline infinitive before the weekday marks the future."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)].rstrip()
    if not ctx.lex.headline_future or re.search(r"[.!?…:;\"”»]$", line):
        return False
    if len(line.split()) > HEADLINE_WORDS:
        return False
    before = text[line_start:start].lower()
    return any(
        re.search(rf"(?<!\w){re.escape(w)}\s+[^\W\d_]", before) for w in ctx.lex.headline_future
    )


def r_day_word(m: re.Match[str], ctx: MatchContext) -> Resolved | None:
    """ "today", "yesterday", «позавчера»: a day counted from publication."""
    offset = ctx.lex.day_words[norm_words(m["word"])]
    if ctx.published is None:
        return Resolved("day", None, None)
    day = ctx.published + timedelta(days=offset)
    return Resolved("day", day, day)


def r_period(m: re.Match[str], ctx: MatchContext) -> Resolved | None:
    """ "last week", "this month", "next weekend", «в прошлом году»."""
    shift = ctx.lex.relative_periods[norm_words(m["rel"])]
    period = ctx.lex.period_words[m["period"].lower()]
    gran: Granularity = "range" if period == "weekend" else period  # type: ignore[assignment]
    pub = ctx.published
    if pub is None:
        return Resolved(gran, None, None)
    if period != "weekend":
        res = Resolved(gran, *period_bounds(period, pub, shift))
        return (
            res if period == "week" else with_part(res, match_part(m, ctx), year=period == "year")
        )
    saturday = week_of(pub)[0] + timedelta(days=5)
    if shift < 0 or (shift == 0 and pub < saturday and not future_clause(ctx.text, m.start(), ctx)):
        saturday -= timedelta(weeks=1)
    elif shift > 0 and pub >= saturday:
        saturday += timedelta(weeks=1)
    return Resolved("range", saturday, saturday + timedelta(days=1))


def r_ago(m: re.Match[str], ctx: MatchContext) -> Resolved | None:
    """ "three days ago", «неделю назад»: the period ``n`` units before publication."""
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
        return Resolved(gran, None, None)
    return Resolved(gran, *period_bounds(unit, ctx.published, -int(n)))
