"""Belgian holidays and working-day arithmetic."""

import datetime as dt

from bot.journeys.calendar_be import (
    add_months,
    add_working_days,
    easter_sunday,
    is_working_day,
    next_working_day,
    public_holidays,
)


def test_easter_dates() -> None:
    assert easter_sunday(2025) == dt.date(2025, 4, 20)
    assert easter_sunday(2026) == dt.date(2026, 4, 5)
    assert easter_sunday(2027) == dt.date(2027, 3, 28)


def test_public_holidays_2026() -> None:
    holidays = public_holidays(2026)
    assert len(holidays) == 10
    assert dt.date(2026, 4, 6) in holidays  # Paasmaandag
    assert dt.date(2026, 5, 14) in holidays  # O.L.H. Hemelvaart
    assert dt.date(2026, 5, 25) in holidays  # Pinkstermaandag
    assert dt.date(2026, 7, 21) in holidays


def test_working_days_skip_weekends_and_holidays() -> None:
    assert not is_working_day(dt.date(2026, 11, 28))  # Saturday
    assert not is_working_day(dt.date(2026, 11, 11))  # Wapenstilstand (Wednesday)
    # Monday 9 November 2026 + 8 working days skips the 11th and the weekend.
    assert add_working_days(dt.date(2026, 11, 9), 8) == dt.date(2026, 11, 20)


def test_next_working_day_and_months() -> None:
    assert next_working_day(dt.date(2026, 12, 25)) == dt.date(2026, 12, 28)
    assert next_working_day(dt.date(2026, 12, 23)) == dt.date(2026, 12, 23)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 5, 15), -4) == dt.date(2026, 1, 15)
