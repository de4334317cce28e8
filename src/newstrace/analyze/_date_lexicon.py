"""The time words of one language (``data/lang/time_<lang>.json``) and the context a date
pattern's handler resolves a match in, for :mod:`newstrace.analyze.dates`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from newstrace.analyze._date_calendar import Resolved
from newstrace.analyze.numerals import alternation, load_lang_json, norm_words


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """Month, weekday, season and relative-time words of one language, and the markers the
    resolution rules use."""

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
    headline_future: tuple[str, ...]
    year_blockers: tuple[str, ...]
    year_prefixes: str


@dataclass(frozen=True, slots=True)
class MatchContext:
    """The text a date was matched in, its language, publication date and lexicon."""

    text: str
    lang: str
    published: date | None
    lex: TimeLexicon


#: A pattern's handler: the match resolved, or ``None`` when it is not a date after all.
Handler = Callable[[re.Match[str], MatchContext], Resolved | None]


@lru_cache(maxsize=4)
def lexicon(lang: str) -> TimeLexicon:
    """The time lexicon of ``lang`` (a language key: ``en`` or ``ru``)."""
    raw = load_lang_json(f"time_{lang}.json")

    def table(*keys: str) -> dict[str, Any]:
        return {norm_words(k): v for key in keys for k, v in raw.get(key, {}).items()}

    def words(key: str) -> frozenset[str]:
        return frozenset(norm_words(w) for w in raw.get(key, []))

    return TimeLexicon(
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
        headline_future=tuple(raw.get("headline_future_markers", [])),
        year_blockers=tuple(raw["year_blockers_before"]),
        year_prefixes=alternation(raw.get("year_prefixes", [])),
    )


def match_part(m: re.Match[str], ctx: MatchContext) -> str | None:
    """The part of a period a match names ("early", "second half of"), normalised."""
    raw = m.groupdict().get("part")
    return ctx.lex.month_parts.get(norm_words(raw)) if raw else None
