"""Office hours of the caseworkers, from ``WEGWIJZER_OFFICE_HOURS`` (e.g. ``mon-fri 09:00-17:00``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.journeys.calendar_be import public_holidays
from bot.knowledge.texts import join_list, load_texts

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

    def describe(self) -> str:
        """The opening hours in plain Dutch, e.g. ``maandag tot vrijdag van 9 tot 17 uur``."""
        texts = load_texts()
        names = texts["weekdays"]
        if not self.closed_on_holidays and len(self.windows) == 7:
            return str(texts["office_hours_always"])
        groups: dict[tuple[dt.time, dt.time], list[int]] = {}
        for day, start, end in self.windows:
            groups.setdefault((start, end), []).append(day)
        parts = []
        for (start, end), days in groups.items():
            days = sorted(set(days))
            if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
                when = str(texts["office_hours_range"]).format(first=names[days[0]], last=names[days[-1]])
            else:
                when = join_list([names[day] for day in days])
            parts.append(
                str(texts["office_hours_window"]).format(days=when, start=_clock(start), end=_clock(end))
            )
        return join_list(parts)

    def next_opening(self, moment: dt.datetime | None = None) -> dt.datetime | None:
        """The next moment (Brussels time) a window opens after ``moment``; None without windows."""
        moment = moment or dt.datetime.now(dt.timezone.utc)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.timezone.utc)
        local = moment.astimezone(ZoneInfo(self.timezone))
        for offset in range(0, 15):
            day = local.date() + dt.timedelta(days=offset)
            if self.closed_on_holidays and day in public_holidays(day.year):
                continue
            starts = sorted(start for weekday, start, _ in self.windows if weekday == day.weekday())
            for start in starts:
                opening = dt.datetime.combine(day, start, tzinfo=ZoneInfo(self.timezone))
                if opening > local:
                    return opening
        return None


def _clock(moment: dt.time) -> str:
    """``9`` for 09:00, ``12.30`` for 12:30 (as Flemish opening hours are written)."""
    return str(moment.hour) if moment.minute == 0 else f"{moment.hour}.{moment.minute:02d}"
