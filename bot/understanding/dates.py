"""Dates as people say them in Dutch: "gisteren", "maandag", "drie weken geleden", "in maart",
"eind december", "12/10", "op 3 november 2026".

The reader knows whether the event already happened (``past``), is still to come (``future``) or
may be either (``either``, decided by tense cues in the message). A bare weekday is the most recent
one for a past event and the next one for an event to come. Partial dates ("in maart", "vorige
week", "eind december") give a range; the plan counts from its first day, so a deadline is never
computed too late, and the assistant says so.

Plain rules, predictable and tested (Duckling's Dutch grammar read "12/10" in November as next
October and "goede morgen" as a date, so it is no longer used).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from bot.clock import belgian_today
from bot.normalize import normalise
from bot.understanding.date_calendar import (
    _add_months,
    _month_range,
    _month_year,
    _safe_date,
    _year_for,
)
from bot.understanding.date_periods import period_in
from bot.understanding.date_weekdays import weekday_in, weekday_reading
from bot.understanding.date_words import (
    _FUTURE_CUES,
    _HOLIDAYS,
    _ISO,
    _MODAL_INFINITIVE,
    _MONTH_ABBREVIATIONS,
    _NOT_YET,
    _NUMERIC,
    _PARTS,
    _RELATIVE_DAYS,
    _STRONG_PAST,
    _UNITS,
    _WEEK_PARTS,
    MONTHS,
    WEEKDAYS,
)
from bot.understanding.lexicon import load_lexicon
from bot.understanding.numbers import word_value

Direction = Literal["past", "future", "either"]

MAX_APPROXIMATE_DAYS = 31
"""A range longer than this (a year, a season) is too vague to count deadlines from."""


@dataclass(frozen=True)
class DateReading:
    """A date found in a message; ``start``..``end`` is the range a partial date stands for."""

    day: dt.date
    start: dt.date
    end: dt.date
    phrase: str

    @property
    def exact(self) -> bool:
        return self.start == self.end

    @property
    def too_vague(self) -> bool:
        return (self.end - self.start).days >= MAX_APPROXIMATE_DAYS


def _reading(start: dt.date, end: dt.date | None, phrase: str) -> DateReading:
    return DateReading(day=start, start=start, end=end or start, phrase=phrase.strip())


_MONTH_PART = re.compile(r"\b(?:begin|eind|einde|half|midden)\s+(?=(?:" + "|".join(MONTHS) + r")\b)")


def tense(text: str) -> Literal["past", "future"] | None:
    """Whether a message tells about something that happened, is still to come, or does not say."""
    # "begin oktober" names a part of a month, not someone who begins
    lowered = _MONTH_PART.sub(" ", normalise(text))
    # "ik ben nog nie verhuisd": what has not happened yet is still to come
    modal = _MODAL_INFINITIVE.search(lowered)
    if modal and set(lowered[: modal.start()].split()[-3:]) & {"heeft", "hebben", "had", "hadden"}:
        modal = None  # "mijn vrouw heeft zaterdag moeten bevallen" happened
    not_yet = _NOT_YET.search(lowered) or modal
    if not_yet:
        lowered = lowered.replace(not_yet.group(0), " nog ")
    future = bool(_FUTURE_CUES.search(lowered)) or bool(not_yet)
    past = bool(_STRONG_PAST.search(lowered))
    if past and not future:
        return "past"
    if future and not past:
        return "future"
    return None


def _direction(direction: Direction, text: str) -> Literal["past", "future"]:
    if direction != "either":
        return direction
    return tense(text) or "past"


def _either(direction: Direction, text: str) -> bool:
    """True when neither the event nor the message says which way the date lies: take the nearest."""
    return direction == "either" and tense(text) is None


def _month_of(word: str) -> int | None:
    if word in MONTHS:
        return MONTHS.index(word) + 1
    if word in _MONTH_ABBREVIATIONS:
        return _MONTH_ABBREVIATIONS[word]
    if len(word) >= 5:
        found = process.extractOne(word, MONTHS, scorer=fuzz.ratio, score_cutoff=85)  # not "jullie" -> juli
        if found:
            return MONTHS.index(found[0]) + 1
    return None


def _rule_based(text: str, today: dt.date, direction: Direction) -> DateReading | None:
    lowered = text.lower()
    # For an event that may lie either way, a clear tense decides; with none, or with both ("ik ben
    # ontslagen, mijn contract loopt af op 31 december"), the nearest date is taken.
    either = _either(direction, text)
    way = _direction(direction, text)
    # "'t is vanaf 7 december" on 2 December for an illness: the coming 7 December, not last year's;
    # only with a cue of what is to come ("vanaf"): a bare "7 december" for a death stays behind
    ahead_ok = way == "past" and tense(text) == "future"
    match = _ISO.search(lowered)
    if match:
        day = _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if day:
            return _reading(day, None, match.group(0))
    for match in _NUMERIC.finditer(lowered):
        first, second, year_text = int(match.group(1)), int(match.group(2)), match.group(3)
        if not (1 <= second <= 12 and 1 <= first <= 31):
            continue
        if year_text:
            full_year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            day = _safe_date(full_year, second, first)
        else:
            day = _year_for(second, first, today, way, either, ahead_ok=ahead_ok)
        if day:
            return _reading(day, None, match.group(0))

    words = normalise(text).split()
    sentences = _sentence_numbers(text, len(words))
    approximate: DateReading | None = None
    # "3 november 2026", "de derde november", "3de nov", "november 3"
    for index, word in enumerate(words):
        month = _month_of(word) if not word.isdigit() else None
        if month is None:
            continue
        if index > 0 and words[index - 1] in load_lexicon().negations:
            continue  # "nee nie november! ... de 28ste augustus"
        day_number: int | None = None
        said_from = max(0, index - 1)
        if index > 0:
            day_number = word_value(words[index - 1])
            if day_number is None and index > 1 and words[index - 1] == "van":
                day_number = word_value(words[index - 2])  # "de 15e van december"
                said_from = index - 2
            if day_number is not None and not 1 <= day_number <= 31:
                day_number = None
        if (
            day_number is None
            and index + 1 < len(words)
            and words[index + 1].isdigit()
            and len(words[index + 1]) <= 2
        ):
            typed_day = int(words[index + 1])
            day_number = typed_day if 1 <= typed_day <= 31 else None
        year = None
        follow = words[index + 1 : index + 3]
        for candidate in follow:
            if re.fullmatch(r"(19|20)\d{2}", candidate):
                year = int(candidate)
                break
        # "vorig jaar" counts only in the date's own sentence: "mijn man is vorig jaar overleden. ik
        # verhuis op 15 januari" moves next month, not in 2025
        said = f" {' '.join(_same_sentence(words, sentences, index))} "
        if year is None and any(f" {w} jaar " in said for w in ("vorig", "verleden", "vorige")):
            year = today.year - 1  # "vorig jaar in maart"
        elif year is None and any(f" {w} jaar " in said for w in ("volgend", "komend", "volgende")):
            year = today.year + 1
        if day_number is not None:
            day = (
                _safe_date(year, month, day_number)
                if year
                else _year_for(month, day_number, today, way, either, ahead_ok=ahead_ok)
            )
            if day and approximate is not None and approximate.start.month == month:
                day = approximate.start.replace(day=day.day)  # "eind augustus zei ik, de 28ste augustus"
            elif approximate is not None:
                break  # another month: the date said first counts
            if day:
                return _reading(day, None, " ".join(words[said_from : index + 2]))
            continue
        if len(word) <= 4 and word not in MONTHS:
            continue  # "jan" alone is a name ("AZ Sint-Jan"), "3 jan" is a date
        part = next((_PARTS[w] for w in words[max(0, index - 3) : index] if w in _PARTS), None)
        if index > 0 and words[index - 1] in ("vorige", "vorig", "afgelopen", "verleden"):
            year = year or (today.year if month < today.month else today.year - 1)
        elif index > 0 and words[index - 1] in ("volgende", "komende"):
            year = year or (today.year if month > today.month else today.year + 1)
        year = year or _month_year(month, today, way, either)
        start, end = _month_range(year, month, part)
        first_word = next(
            (
                i
                for i in range(max(0, index - 3), index)
                if words[i] in _PARTS
                or words[i] in ("vorige", "vorig", "afgelopen", "verleden", "volgende", "komende", "in")
            ),
            index,
        )
        # "eind augustus zei ik, de 28ste augustus": an exact day said later wins
        approximate = approximate or _reading(start, end, " ".join(words[first_word : index + 1]))
    if approximate is not None:
        return approximate

    period = period_in(words, today, past=way == "past" and not either)  # "vorig weekend", "eind dit jaar"
    if period is not None:
        return _reading(period[0], period[1], period[2])

    padded = f" {' '.join(words)} "
    for phrase, offset in sorted(_RELATIVE_DAYS.items(), key=lambda item: -len(item[0])):
        if offset is not None and f" {phrase} " in padded:
            if phrase == "morgen" and re.search(r"\b(goede|goeie|goeden|goede) morgen\b", padded):
                continue
            if phrase in ("daarnet", "zonet") and f" van {phrase} " in padded:
                continue  # "dat tweede van daarnet": what was said before, no date
            day = today + dt.timedelta(days=offset)
            return _reading(day, None, phrase)

    for phrase, (month, holiday_day) in sorted(_HOLIDAYS.items(), key=lambda item: -len(item[0])):
        if f" {phrase} " in padded:
            day = _year_for(month, holiday_day, today, way, either, ahead_ok=ahead_ok)
            if day:
                # "de maandag na nieuwjaar": the first such weekday after the holiday
                after = re.search(rf"\b({'|'.join(WEEKDAYS)}) (?:na|achter|naar) {phrase}\b", padded)
                if after:
                    day += dt.timedelta(days=(WEEKDAYS.index(after.group(1)) - day.weekday() - 1) % 7 + 1)
                    return _reading(day, None, f"{after.group(1)} na {phrase}")
                return _reading(day, None, phrase)

    # "drie weken geleden", "over 2 weken", "binnen een maand", "een week of twee geleden"
    for index, word in enumerate(words):
        if word not in _UNITS or index == 0:
            continue
        amount = word_value(words[index - 1])
        if amount is None and words[index - 1] in ("paar", "enkele"):
            amount = 2
        if amount is None:
            if words[index - 1] in ("een", "n", "ne", "nen"):
                amount = 1
            else:
                continue
        rest = words[index + 1 : index + 3]
        before = words[max(0, index - 3) : index - 1]
        if (
            "geleden" in rest
            or "terug" in rest[:1]
            or (before[-1:] in (["sinds"], ["al"]) and unit_is_short(word))
        ):
            # "drie weken geleden", "sinds drie weken", "al twee weken ziek" ("al vijf jaar" is a
            # duration, not a date)
            sign = -1
        elif any(w in ("over", "binnen") for w in before) or ("na" in before and unit_is_short(word)):
            sign = 1  # "na 9 jaar" is how long something lasted ("ontslagen na 9 jaar"), not a date
        else:
            continue
        unit = word
        if unit in ("maand", "maanden"):
            day = _add_months(today, sign * amount)
        elif unit in ("jaar", "jaren"):
            day = _add_months(today, sign * 12 * amount)
        else:
            day = today + dt.timedelta(days=sign * amount * _UNITS[unit])
        weekday = weekday_in(words)
        if weekday is not None and unit_is_short(unit):
            # "zaterdag binnen twee weken": the Saturday nearest to two weeks from now
            target = day
            day = min(
                (target + dt.timedelta(days=shift) for shift in range(-3, 4)),
                key=lambda d: (d.weekday() != weekday, abs((d - target).days)),
            )
        phrase_words = (
            words[index - 2 : index + 1]
            if sign < 0 and before[-1:] in (["sinds"], ["al"])
            else words[index - 1 : index + 2]
        )
        return _reading(day, None, " ".join(phrase_words))

    found = weekday_reading(words, today, way, either, _month_of)
    if found is not None:
        return _reading(found[0], None, found[1])

    # Weeks: "vorige week", "begin volgende week", "eind deze week"
    for index, word in enumerate(words):
        if word != "week" or index == 0:
            continue
        qualifier = words[index - 1]
        offsets = {
            "vorige": -1,
            "afgelopen": -1,
            "verleden": -1,
            "voorbije": -1,
            "deze": 0,
            "dees": 0,
            "volgende": 1,
            "komende": 1,
        }
        if qualifier not in offsets:
            continue
        monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=offsets[qualifier])
        part = _WEEK_PARTS.get(words[index - 2]) if index >= 2 else None
        first, last = part or (0, 6)
        return _reading(
            monday + dt.timedelta(days=first),
            monday + dt.timedelta(days=last),
            " ".join(words[index - 2 if part else index - 1 : index + 1]),
        )

    # Months without a name: "vorige maand", "begin deze maand", "eind volgende maand"
    for index, word in enumerate(words):
        if word != "maand" or index == 0:
            continue
        offsets = {"vorige": -1, "afgelopen": -1, "verleden": -1, "deze": 0, "volgende": 1, "komende": 1}
        qualifier = words[index - 1]
        if qualifier not in offsets:
            continue
        first_of_month = _add_months(today.replace(day=1), offsets[qualifier])
        part = _PARTS.get(words[index - 2]) if index >= 2 else None
        start, end = _month_range(first_of_month.year, first_of_month.month, part)
        return _reading(start, end, " ".join(words[index - 2 if part else index - 1 : index + 1]))

    # "de 2de", "op de 15de": a day of this month (or the month before / after)
    for index, word in enumerate(words):
        if index == 0 or words[index - 1] not in ("de", "den"):
            continue
        if not re.fullmatch(r"\d{1,2}(e|de|ste)", word):
            continue
        if (
            index >= 3 and words[index - 2] == "van" and words[index - 3] in ("zwanger", "bevallen")
        ) or words[index + 1 : index + 2] in (
            ["kind"],
            ["kindje"],
            ["keer"],
            ["baby"],
        ):
            continue  # "zwanger van de 2de", "de 3de keer": a child or a time counted, not a day
        number = word_value(word)
        if number is None or not 1 <= number <= 31:
            continue
        candidates = [
            d
            for d in (
                _safe_date(m.year, m.month, number)
                for m in (_add_months(today.replace(day=1), k) for k in (-1, 0, 1))
            )
            if d
        ]
        if way == "past":
            options = [d for d in candidates if d <= today]
            day = max(options) if options else None
        else:
            options = [d for d in candidates if d >= today]
            day = min(options) if options else None
        if day:
            return _reading(day, None, f"de {word}")
    return None


def unit_is_short(unit: str) -> bool:
    """Days, weeks and months: "sinds drie weken" dates an event; "sinds vijf jaar" rarely does."""
    return unit not in ("jaar", "jaren")


def _after_correction(text: str) -> str | None:
    """What follows the last correction word ("nee wacht, het is 3 december"), or None."""
    words = normalise(text).split()
    starts = [
        index + len(cue.split())
        for cue in load_lexicon().date_corrections
        for index in range(len(words))
        if words[index : index + len(cue.split())] == cue.split()
    ]
    return " ".join(words[max(starts) :]) if starts else None


_DENIED_THEN = re.compile(r"\b(?:niet|nie|geen)\b.*?\bmaar\b(.+)", re.IGNORECASE)


def _after_denial(text: str) -> str:
    """What follows "maar" after a denial ("nie woensdag maar dinsdag"), or ""."""
    match = _DENIED_THEN.search(text)
    return match.group(1) if match else ""


_DEN_BEFORE_NUMBER = re.compile(r"\bden(?=\s+\d)", re.IGNORECASE)


def read_date(text: str, today: dt.date | None = None, direction: Direction = "either") -> DateReading | None:
    """The date a message mentions, or None.

    Args:
        text: what the person typed.
        today: the reference day (Brussels); defaults to today.
        direction: whether the event already happened, is to come, or may be either.
    """
    if not text or not text.strip():
        return None
    today = today or belgian_today()
    text = _DEN_BEFORE_NUMBER.sub("de", text)  # "den 3e van volgende maand", spoken Flemish
    # "op 2 december, nee wacht het is 3 december": the date after the correction is meant, and
    # so is the one after "niet ... maar" ("het was nie woensdag maar dinsdag").
    rest = _after_correction(text)
    rest = _after_denial(rest or text) or rest
    if rest:
        corrected = _rule_based(rest, today, direction)
        if corrected is not None:
            return corrected
    return _rule_based(text, today, direction)


_MONTH_ABBREVIATION_POINT = re.compile(
    r"\b(jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.", re.IGNORECASE
)


def _sentence_numbers(text: str, word_count: int) -> list[int]:
    """The sentence number of every normalised word of ``text`` (all 0 when the split disagrees)."""
    numbers: list[int] = []
    # "3 mrt. vorig jaar": an abbreviated month's point ends no sentence
    text = _MONTH_ABBREVIATION_POINT.sub(r"\1 ", text)
    for number, sentence in enumerate(re.split(r"[.!?;\n]+", text)):
        numbers.extend([number] * len(normalise(sentence).split()))
    return numbers if len(numbers) == word_count else [0] * word_count


def _same_sentence(words: list[str], sentences: list[int], index: int) -> list[str]:
    """The words of the sentence that holds word ``index``."""
    return [word for word, number in zip(words, sentences) if number == sentences[index]]
