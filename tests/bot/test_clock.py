"""Deadlines count in Belgian days, not in the server's UTC days."""

from __future__ import annotations

import datetime as dt

from bot.clock import belgian_today


def test_half_past_eleven_utc_in_winter_is_already_tomorrow_in_brussels() -> None:
    moment = dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.timezone.utc)
    assert belgian_today(moment) == dt.date(2026, 12, 2)


def test_ten_past_ten_utc_in_summer_is_already_tomorrow_in_brussels() -> None:
    moment = dt.datetime(2026, 7, 1, 22, 10, tzinfo=dt.timezone.utc)
    assert belgian_today(moment) == dt.date(2026, 7, 2)


def test_the_afternoon_is_the_same_day_everywhere() -> None:
    moment = dt.datetime(2026, 12, 1, 14, 0, tzinfo=dt.timezone.utc)
    assert belgian_today(moment) == dt.date(2026, 12, 1)
