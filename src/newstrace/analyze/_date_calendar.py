"""Calendar arithmetic for :mod:`newstrace.analyze.dates`: month, season and week bounds, the
instance of a yearless date nearest to publication, and parts of a month or year."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from newstrace.model import Granularity

#: Northern-hemisphere meteorological seasons: first and last month.
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}


@dataclass(frozen=True, slots=True)
class Resolved:
    """A time expression's granularity and first and last day (``None`` when unknown)."""

    granularity: Granularity
    start: date | None
    end: date | None


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def distance(start: date, end: date, ref: date) -> int:
    """Days from ``ref`` to the interval ``start..end`` (0 inside it)."""
    if start <= ref <= end:
        return 0
    return min(abs((start - ref).days), abs((end - ref).days))


def nearest(
    make: Callable[[int], tuple[date, date] | None], published: date
) -> tuple[date, date] | None:
    """The interval ``make(year)`` nearest to ``published`` for the previous/same/next year."""
    options = [
        r for y in (published.year - 1, published.year, published.year + 1) if (r := make(y))
    ]
    if not options:
        return None
    return min(options, key=lambda r: (distance(r[0], r[1], published), -r[0].toordinal()))


def safe_day(year: int, month: int, day: int) -> tuple[date, date] | None:
    """The one-day interval of a date, or ``None`` when the date does not exist."""
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d, d


def season_bounds(season: str, year: int) -> tuple[date, date]:
    """A season's bounds; the winter of ``year`` is the one whose January falls in it."""
    first, last = SEASON_MONTHS[season]
    if season == "winter":
        return date(year - 1, 12, 1), month_bounds(year, 2)[1]
    return date(year, first, 1), month_bounds(year, last)[1]


def part_of(part: str, start: date, end: date, *, year: bool) -> tuple[date, date]:
    """The early/mid/late part or the first/second half of a month (or of a year)."""
    if year:
        spans = {
            "early": (1, 4),
            "mid": (5, 8),
            "late": (9, 12),
            "first_half": (1, 6),
            "second_half": (7, 12),
        }
        a, b = spans[part]
        return date(start.year, a, 1), month_bounds(start.year, b)[1]
    days = {
        "early": (1, 10),
        "mid": (11, 20),
        "late": (21, end.day),
        "first_half": (1, 15),
        "second_half": (16, end.day),
    }
    a, b = days[part]
    return start.replace(day=a), start.replace(day=b)


def week_of(day: date) -> tuple[date, date]:
    """The ISO week (Monday to Sunday) holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def shift_month(day: date, months: int) -> tuple[int, int]:
    """Year and month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def period_bounds(unit: str, pub: date, shift: int) -> tuple[date, date]:
    """The day, week, month or year ``shift`` units from the one holding ``pub``."""
    if unit == "day":
        day = pub + timedelta(days=shift)
        return day, day
    if unit == "week":
        return week_of(pub + timedelta(weeks=shift))
    if unit == "month":
        return month_bounds(*shift_month(pub, shift))
    return date(pub.year + shift, 1, 1), date(pub.year + shift, 12, 31)


def with_part(res: Resolved | None, part: str | None, *, year: bool) -> Resolved | None:
    """``res`` narrowed to a part ("early April", "the second half of 2023"), a ``range``."""
    if res is None or part is None:
        return res
    if res.start is None or res.end is None:
        return Resolved("range", None, None)
    return Resolved("range", *part_of(part, res.start, res.end, year=year))
