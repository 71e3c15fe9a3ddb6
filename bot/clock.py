"""The calendar day in Belgium: deadlines count in Belgian days, whatever the server's time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

BELGIAN_ZONE = "Europe/Brussels"


def belgian_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Brussels (at 23:30 UTC in winter it is already tomorrow there).

    ``now``: an aware moment to convert (for tests); the current moment when omitted. Falls back to
    the machine's own date when the time-zone database is missing.
    """
    try:
        zone = ZoneInfo(BELGIAN_ZONE)
    except ZoneInfoNotFoundError:
        return (now or dt.datetime.now()).date()
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(zone).date()
