"""Calendar arithmetic for the date reader: safe dates, the year a month or day refers to, month ranges,
weekdays before or after today, adding months."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for(
    month: int,
    day: int,
    today: dt.date,
    direction: Literal["past", "future"],
    either: bool,
    ahead_ok: bool = False,
) -> dt.date | None:
    """The day/month in the year that fits the direction (nearest one for ``either``); with
    ``ahead_ok`` (a past event told without a past tense) a day in the next AHEAD_DAYS is meant
    rather than the same day nearly a year ago."""
    candidates = [d for d in (_safe_date(today.year + offset, month, day) for offset in (-1, 0, 1)) if d]
    if not candidates:
        return None
    if either:
        return min(candidates, key=lambda d: (abs((d - today).days), d > today))
    if direction == "past":
        past = [d for d in candidates if d <= today]
        chosen = max(past) if past else min(candidates)
        soon = [d for d in candidates if 0 < (d - today).days <= AHEAD_DAYS]
        if ahead_ok and soon and (today - chosen).days > FAR_DAYS:
            return soon[0]
    else:
        future = [d for d in candidates if d >= today]
        chosen = min(future) if future else max(candidates)
    nearest = min(candidates, key=lambda d: abs((d - today).days))
    if direction == "future" and (chosen - today).days > FAR_DAYS and (today - nearest).days <= NEAR_DAYS:
        # "mijn laatste dag is 30 november" said on 1 December: yesterday, not a year ahead (a past
        # tense keeps its year: "we zijn op 3 december verhuisd" on 25 November is last year)
        return nearest
    return chosen


NEAR_DAYS = 31
"""A day this close before today is meant rather than the same day nearly a year ahead."""
FAR_DAYS = 300
AHEAD_DAYS = 14
"""A past event's day this close ahead (a sick note "vanaf 7 december") is meant, when no past
tense says otherwise."""


def _month_range(year: int, month: int, part: tuple[int, int] | None) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = part or (1, last)
    return dt.date(year, month, first_day), dt.date(year, month, min(last_day, last))


def _month_year(month: int, today: dt.date, direction: Literal["past", "future"], either: bool) -> int:
    if either:
        options = [today.year - 1, today.year, today.year + 1]
        return min(options, key=lambda y: abs((y - today.year) * 12 + month - today.month))
    if direction == "past":
        return today.year if month <= today.month else today.year - 1
    return today.year if month >= today.month else today.year + 1


def _weekday_date(weekday: int, today: dt.date, direction: Literal["past", "future"]) -> dt.date:
    if direction == "past":
        back = (today.weekday() - weekday) % 7 or 7
        return today - dt.timedelta(days=back)
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + dt.timedelta(days=ahead)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
