"""Dates in Dutch messages ("gisteren", "vorige dinsdag", "op 3 november") via Duckling.

Duckling runs in-process through ``pyduckling-native-phihos`` (MIT); no server is needed.
Only day-precise dates count as an event date.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

ZONEINFO = Path("/usr/share/zoneinfo")
TIMEZONE = "Europe/Brussels"
# Cues that the message tells about something that already happened.
_PAST_CUES = re.compile(
    r"\b(was|waren|werd|werden|geleden|vorige|vorig|afgelopen|overleden|gestorven|geboren|bevallen|"
    r"verhuisd|ontslagen|getrouwd|gescheiden|gestopt|gestart|begonnen|ge[a-z]{2,}(?:d|t))\b"
)


@lru_cache(maxsize=1)
def _duckling() -> tuple[Any, Any, Any] | None:
    try:
        import duckling
    except ImportError:  # pragma: no cover - the dependency is declared in pyproject.toml
        return None
    time_zones = duckling.load_time_zones(str(ZONEINFO))
    locale = duckling.default_locale_lang(duckling.parse_lang("NL"))
    return duckling, time_zones, locale


def parse_dates(text: str, today: dt.date | None = None) -> list[dt.date]:
    """All day-precise dates mentioned in ``text``, relative to ``today`` (Brussels time)."""
    loaded = _duckling()
    if loaded is None or not text.strip():
        return []
    duckling, time_zones, locale = loaded
    today = today or dt.date.today()
    noon = dt.datetime(today.year, today.month, today.day, 12, tzinfo=dt.timezone.utc)
    context = duckling.Context(duckling.parse_ref_time(time_zones, TIMEZONE, int(noon.timestamp())), locale)
    results = duckling.parse(text, context, duckling.parse_dimensions(["time"]), False)
    dates = []
    for result in results:
        value = result.get("value") or {}
        if value.get("type") != "value" or value.get("grain") != "day":
            continue
        dates.append(dt.date.fromisoformat(value["value"][:10]))
    return dates


def parse_event_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The date of the life event mentioned in ``text``, if any.

    Duckling reads "15 maart" as the next 15 March; for an event told in the past tense
    ("we zijn op 15 maart verhuisd") a date in the future is moved back one year.
    """
    today = today or dt.date.today()
    dates = parse_dates(text, today)
    if not dates:
        return None
    day = dates[0]
    if day > today and _PAST_CUES.search(text.lower()):
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            day = day.replace(year=day.year - 1, day=28)
    return day
