"""Periods people name without a month or a day: "vorig weekend", "dit weekend", "eind dit jaar",
"begin volgend jaar"."""

from __future__ import annotations

import datetime as dt
import re

from bot.understanding.date_words import _FUTURE_MARKERS, _PARTS, _PAST_MARKERS

SATURDAY = 5
_THIS = ("dit", "deze")
_NEXT = (*_FUTURE_MARKERS, "volgend")
_LAST = _PAST_MARKERS
_YEAR_PART_MONTH = {"begin": 1, "start": 1, "vroeg": 1, "eind": 12, "einde": 12, "eindje": 12, "laat": 12}
"""The month a part of a year stands for: "eind dit jaar" is the end of December."""


_SEASONS = {
    "lente": ((3, 20), (6, 20)),
    "voorjaar": ((3, 20), (6, 20)),
    "zomer": ((6, 21), (9, 22)),
    "herfst": ((9, 23), (12, 20)),
    "najaar": ((9, 23), (12, 20)),
    "winter": ((12, 21), (3, 19)),
}
"""Seasons by their astronomical dates (a winter runs into the next year)."""
_SINCE = ("sinds", "sedert", "vanaf")


def _season_of_year(name: str, year: int) -> tuple[dt.date, dt.date]:
    """The season ``name`` that begins in ``year`` (a winter runs into the next year)."""
    (start_month, start_day), (end_month, end_day) = _SEASONS[name]
    start = dt.date(year, start_month, start_day)
    return start, dt.date(year + (1 if end_month < start_month else 0), end_month, end_day)


def _season(name: str, which: str, today: dt.date, past: bool = False) -> tuple[dt.date, dt.date]:
    """The season ``name`` meant: this year's ("deze zomer"), the one under way or coming (bare), the
    next to start ("volgende zomer") or the last one ended ("vorige zomer")."""
    (start_month, start_day), (end_month, end_day) = _SEASONS[name]

    def span(year: int) -> tuple[dt.date, dt.date]:
        start = dt.date(year, start_month, start_day)
        return start, dt.date(year + (1 if end_month < start_month else 0), end_month, end_day)

    candidates = [span(today.year + offset) for offset in (-2, -1, 0, 1)]
    if which in _LAST:
        return [c for c in candidates if c[1] < today][-1]
    if which in _NEXT:
        return next(c for c in candidates if c[0] > today)
    if which in _THIS:  # "deze zomer" in November: the summer of this year, already past
        return next((c for c in candidates if c[0] <= today <= c[1]), span(today.year))
    if past:  # "ik ben in de lente bevallen": the last one that began
        return [c for c in candidates if c[0] <= today][-1]
    return next(c for c in candidates if c[1] >= today)  # this one, or the coming one


def period_in(words: list[str], today: dt.date, past: bool = False) -> tuple[dt.date, dt.date, str] | None:
    """The first and last day of a weekend, a season, the new year or the start or end of a year
    named in the words."""
    for index, word in enumerate(words):
        before = words[index - 1] if index > 0 else ""
        if word in _SEASONS and (before in (*_THIS, *_NEXT, *_LAST, "de", "het") or index == 0):
            after = words[index + 1 : index + 4]
            year = None
            if after[:1] == ["van"] and after[1:2] and re.fullmatch(r"(19|20)\d{2}", after[1]):
                year = int(after[1])  # "de zomer van 2025"
            elif after[:1] == ["van"] and after[2:3] == ["jaar"] and after[1] in (*_LAST, *_NEXT, *_THIS):
                # "de zomer van vorig jaar"
                year = today.year + (-1 if after[1] in _LAST else 1 if after[1] in _NEXT else 0)
            if year is not None:
                start, end = _season_of_year(word, year)
                return start, end, " ".join(words[max(0, index - 1) : index + 1])
            start, end = _season(word, before, today, past)
            return start, end, " ".join(words[max(0, index - 1) : index + 1])
        if word == "jaar" and before == "nieuwe":
            # "den eerste van het nieuwe jaar", "in het nieuwe jaar"; "sinds het nieuwe jaar" is past
            year = (
                today.year
                if words[max(0, index - 3) : index - 2] in (["sinds"], ["sedert"])
                else today.year + 1
            )
            first = index >= 4 and words[index - 4] in ("eerste", "1", "1ste", "1e")
            new_year = dt.date(year, 1, 1)
            end = new_year if first else dt.date(year, 1, 10)
            return new_year, end, " ".join(words[max(0, index - (4 if first else 2)) : index + 1])
        if word == "maand" and index >= 4 and words[index - 4] == "de" and words[index - 2] == "van":
            day = _month_day(words[index - 3], before, today)  # "de 3de van deze maand"
            if day is not None:
                return day, day, " ".join(words[index - 4 : index + 1])
        if word == "weekend" and before in (*_LAST, *_NEXT, *_THIS):
            saturday = today + dt.timedelta(days=(SATURDAY - today.weekday()) % 7)
            if before in _LAST:
                saturday -= dt.timedelta(days=7)
            return saturday, saturday + dt.timedelta(days=1), f"{before} weekend"
        if word == "jaar" and index >= 2 and words[index - 2] in _YEAR_PART_MONTH:
            if before not in (*_THIS, *_NEXT, *_LAST):
                continue
            year = today.year + (1 if before in _NEXT else -1 if before in _LAST else 0)
            month = _YEAR_PART_MONTH[words[index - 2]]
            first_day, last_day = _PARTS[words[index - 2]]
            end = dt.date(year, month, min(last_day, 31))
            return dt.date(year, month, first_day), end, " ".join(words[index - 2 : index + 1])
    return None


def _month_day(ordinal: str, which: str, today: dt.date) -> dt.date | None:
    """Day ``ordinal`` ("3de", "30ste", "3") of this, last or next month."""
    digits = ordinal.rstrip("stedr")
    if not digits.isdigit():
        return None
    month_start = today.replace(day=1)
    if which in _LAST:
        month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
    elif which in _NEXT:
        month_start = (month_start + dt.timedelta(days=32)).replace(day=1)
    elif which not in _THIS:
        return None
    try:
        return month_start.replace(day=int(digits))
    except ValueError:
        return None
