"""Office hours of the caseworkers, from ``WEGWIJZER_OFFICE_HOURS`` (e.g. ``mon-fri 09:00-17:00``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.journeys.calendar_be import public_holidays

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT = "mon-fri 09:00-17:00"
_PART = re.compile(r"^(?P<days>[a-z]{3}(?:-[a-z]{3})?)\s+(?P<start>\d{1,2}:\d{2})-(?P<end>\d{1,2}:\d{2})$")


@dataclass(frozen=True)
class OfficeHours:
    """Weekly opening windows (Brussels time); closed on Belgian public holidays."""

    windows: tuple[tuple[int, dt.time, dt.time], ...]
    timezone: str = "Europe/Brussels"
    closed_on_holidays: bool = True

    @classmethod
    def parse(cls, spec: str) -> OfficeHours:
        """Parses ``"mon-fri 09:00-17:00; sat 09:00-12:00"``; ``always`` means 24/7.

        Raises:
            ValueError: naming the part that cannot be read.
        """
        spec = spec.strip().lower()
        if spec == "always":
            return cls(
                tuple((day, dt.time(0, 0), dt.time(23, 59, 59)) for day in range(7)), closed_on_holidays=False
            )
        windows = []
        for part in filter(None, (p.strip() for p in spec.split(";"))):
            match = _PART.match(part)
            if not match:
                raise ValueError(
                    f"WEGWIJZER_OFFICE_HOURS: cannot read {part!r} (expected e.g. 'mon-fri 09:00-17:00')"
                )
            first, _, last = match["days"].partition("-")
            if first not in DAYS or (last and last not in DAYS):
                raise ValueError(f"WEGWIJZER_OFFICE_HOURS: unknown day in {part!r}")
            start, end = (
                dt.time.fromisoformat(match["start"].zfill(5)),
                dt.time.fromisoformat(match["end"].zfill(5)),
            )
            for day in range(DAYS.index(first), DAYS.index(last or first) + 1):
                windows.append((day, start, end))
        return cls(tuple(windows))

    def is_open(self, moment: dt.datetime | None = None) -> bool:
        """True when a caseworker is expected to be available at ``moment`` (aware or UTC)."""
        moment = moment or dt.datetime.now(dt.timezone.utc)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.timezone.utc)
        local = moment.astimezone(ZoneInfo(self.timezone))
        if self.closed_on_holidays and local.date() in public_holidays(local.year):
            return False
        now = local.time()
        return any(day == local.weekday() and start <= now <= end for day, start, end in self.windows)
