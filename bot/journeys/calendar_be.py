"""Belgian public holidays and working-day arithmetic for deadlines."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741  (the names of the published algorithm)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[dt.date]:
    """The ten Belgian legal public holidays of ``year``."""
    easter = easter_sunday(year)
    return frozenset(
        {
            dt.date(year, 1, 1),  # Nieuwjaar
            easter + dt.timedelta(days=1),  # Paasmaandag
            dt.date(year, 5, 1),  # Dag van de Arbeid
            easter + dt.timedelta(days=39),  # O.L.H. Hemelvaart
            easter + dt.timedelta(days=50),  # Pinkstermaandag
            dt.date(year, 7, 21),  # Nationale feestdag
            dt.date(year, 8, 15),  # O.L.V. Hemelvaart
            dt.date(year, 11, 1),  # Allerheiligen
            dt.date(year, 11, 11),  # Wapenstilstand
            dt.date(year, 12, 25),  # Kerstmis
        }
    )


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a Belgian public holiday."""
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def previous_working_day(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the last working day before it."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def add_working_days(start: dt.date, amount: int, direction: int = 1) -> dt.date:
    """Counts ``amount`` working days from ``start`` (not counting ``start`` itself)."""
    day = start
    counted = 0
    while counted < amount:
        day += dt.timedelta(days=direction)
        if is_working_day(day):
            counted += 1
    return day


def add_months(start: dt.date, months: int) -> dt.date:
    """Adds calendar months, clamping to the last day of the month."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)
