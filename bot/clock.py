"""The calendar day in Belgium: deadlines count in Belgian days, whatever the server's time zone."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

BELGIAN_ZONE = "Europe/Brussels"
logger = logging.getLogger(__name__)


def belgian_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Brussels (at 23:30 UTC in winter it is already tomorrow there).

    ``now``: an aware moment to convert (for tests); the current moment when omitted. Falls back to
    the machine's own date when the time-zone database is missing.
    """
    try:
        zone = ZoneInfo(BELGIAN_ZONE)
    except ZoneInfoNotFoundError:
        logger.warning("No time-zone data for %s: deadlines count in the server's own days", BELGIAN_ZONE)
        return (now or dt.datetime.now()).date()
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(zone).date()
