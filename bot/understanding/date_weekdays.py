"""Weekdays in dates: "maandag", "vorige dinsdag", "dinsdag van vorige week", "zondag de 29ste"."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Literal

from rapidfuzz import fuzz, process

from bot.understanding.date_calendar import _weekday_date
from bot.understanding.date_words import _FUTURE_MARKERS, _PAST_MARKERS, _WEEKDAY_SHORT, WEEKDAYS

_WEEK_OFFSETS = {"vorige": -1, "verleden": -1, "volgende": 1, "komende": 1, "deze": 0}
_DAY_NUMBER = re.compile(r"^(\d{1,2})(?:ste|de|e)?$")


def _weekday_with_day(
    weekday: int, after: list[str], today: dt.date, month_of: Callable[[str], int | None]
) -> dt.date | None:
    """ "zondag de 29ste": the date nearest to today with that day of the month on that weekday."""
    words = after[1:] if after[:1] in (["de"], ["den"]) else after
    match = _DAY_NUMBER.match(words[0]) if words else None
    if match is None or (len(words) > 1 and month_of(words[1]) is not None):
        return None  # "zondag 29 november" is read as a full date
    number = int(match.group(1))
    candidates = [
        today + dt.timedelta(days=offset)
        for offset in range(-62, 63)
        if (today + dt.timedelta(days=offset)).day == number
        and (today + dt.timedelta(days=offset)).weekday() == weekday
    ]
    return min(candidates, key=lambda day: abs((day - today).days)) if candidates else None


DAY_PARTS = ("ochtend", "morgen", "voormiddag", "namiddag", "middag", "avond", "nacht")


def _weekday_of(word: str) -> int | None:
    if word in WEEKDAYS:
        return WEEKDAYS.index(word)
    if word.endswith("s") and word[:-1] in WEEKDAYS:  # "maandags"
        return WEEKDAYS.index(word[:-1])
    for part in DAY_PARTS:  # "zondagavond", "maandagochtend"
        if word.endswith(part) and word[: -len(part)] in WEEKDAYS:
            return WEEKDAYS.index(word[: -len(part)])
    if len(word) >= 6:
        found = process.extractOne(word, WEEKDAYS, scorer=fuzz.ratio, score_cutoff=82)
        if found:
            return WEEKDAYS.index(found[0])
    return None


def weekday_in(words: list[str]) -> int | None:
    """The weekday a message names (0 is Monday), if any."""
    return next((day for day in map(_weekday_of, words) if day is not None), None)


def _marker(words: list[str], index: int, markers: tuple[str, ...]) -> bool:
    """True when a marker word stands just before (or "laatst"/"ll" just after) position ``index``."""
    before = words[max(0, index - 2) : index]
    after = words[index + 1 : index + 2]
    return (
        any(w in markers for w in before)
        or (markers is _PAST_MARKERS and any(w in ("laatst", "ll", "jl") for w in after))
        or (markers is _FUTURE_MARKERS and any(w in ("ek", "eerstkomend") for w in after))
    )


def weekday_reading(
    words: list[str],
    today: dt.date,
    way: Literal["past", "future"],
    either: bool,
    month_of: Callable[[str], int | None],
) -> tuple[dt.date, str] | None:
    """The first weekday phrase in ``words``: its date and the words that said it."""
    # Weekdays: "vorige dinsdag", "maandag laatst", "komende vrijdag", "maandag"
    for index, word in enumerate(words):
        weekday = _weekday_of(word)
        if weekday is None:
            weekday = (
                _WEEKDAY_SHORT.get(word)
                if index > 0 and words[index - 1] in (_PAST_MARKERS + _FUTURE_MARKERS)
                else None
            )
        if weekday is None:
            continue
        if (
            index >= 2
            and words[index - 1] == "week"
            and words[index - 2] in ("vorige", "verleden", "volgende", "komende", "deze")
        ):
            # "vorige week dinsdag", "volgende week vrijdag"
            offset = _WEEK_OFFSETS[words[index - 2]]
            monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=offset)
            return (monday + dt.timedelta(days=weekday), " ".join(words[index - 2 : index + 1]))
        after = words[index + 1 : index + 4]
        if after[:1] == ["van"]:
            after = after[1:]
        if len(after) >= 2 and after[1] == "week" and after[0] in _WEEK_OFFSETS:
            # "dinsdag van vorige week", "vrijdag volgende week"
            monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=_WEEK_OFFSETS[after[0]])
            return (monday + dt.timedelta(days=weekday), f"{word} {' '.join(after[:2])}")
        dated = _weekday_with_day(weekday, after, today, month_of)
        if dated is not None:
            # "zondag de 29ste", "zondag 29": the nearest date that is that weekday
            return (dated, word)
        if index > 0 and words[index - 1] in ("vorige", "verleden"):
            # "vorige dinsdag": the Tuesday of last week (for yesterday people say "gisteren").
            monday = today - dt.timedelta(days=today.weekday() + 7)
            return (monday + dt.timedelta(days=weekday), f"{words[index - 1]} {word}")
        if _marker(words, index, _PAST_MARKERS):
            when: Literal["past", "future"] = "past"
        elif _marker(words, index, _FUTURE_MARKERS):
            when = "future"
        elif either:
            # Nothing says which way: the nearest one ("zaterdag" on a Wednesday is this Saturday).
            past, future = _weekday_date(weekday, today, "past"), _weekday_date(weekday, today, "future")
            return (past if (today - past) < (future - today) else future, word)
        else:
            when = way
        return (_weekday_date(weekday, today, when), word)

    return None
