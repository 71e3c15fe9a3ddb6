"""The event date of a journey: recorded and said back, read in the tense the person uses, and
dropped when an answer puts the event later (a notice still to be worked)."""

from __future__ import annotations

import datetime as dt
import re

from bot.dialogue.context import DialogueContext
from bot.dialogue.presenting import date_clause, plan_of
from bot.dialogue.reading import is_question
from bot.dialogue.state import Journey
from bot.dialogue.story_dates import CLAUSE_BOUNDARY
from bot.journeys.journey import plan_questions
from bot.knowledge.knowledge_base import LifeEvent, Option
from bot.knowledge.texts import format_date, text
from bot.normalize import normalise
from bot.understanding.date_words import MONTHS
from bot.understanding.dates import DateReading, read_date, tense
from bot.understanding.lexicon import load_lexicon


def needs_date(event: LifeEvent, journey: Journey) -> bool:
    """Ask the date only when it changes this person's plan: a deadline counts from it."""
    steps = plan_of(event, journey).steps
    return bool(event.event_date_label) and any(p.step.deadline and p.step.deadline.from_event for p in steps)


def set_date(
    journey: Journey,
    event: LifeEvent,
    reading: DateReading,
    today: dt.date,
    clauses: list[str],
    notes: list[str],
) -> None:
    """Records a date reading and says it back (with a note when the date is approximate)."""
    if reading.day <= today and event_later(journey, event):
        return  # "ik werk mijn opzeg" and "gisteren ontslagen": yesterday is not the contract's end
    journey.event_date = reading.day
    journey.date_phrase = None if reading.exact else reading.phrase
    if not needs_date(event, journey):
        return  # kept, but not said back: no step counts from it ("ik huur vanaf 1 januari" is no compromis)
    clauses.append(date_clause(event, reading.day, today))
    if not reading.exact:
        notes.append(text("date_approximate", phrase=reading.phrase, date=format_date(reading.day)))


def read_event_date(event: LifeEvent, date_text: str, today: dt.date) -> DateReading | None:
    """The event's date in the text that dates it; a tense the text states wins over the event's
    usual direction ("het compromis was al in augustus" lies behind, though a purchase mostly lies
    ahead)."""
    # the tense of the clause that holds the date: in "we hebben een huis gekocht ... we trekken er
    # half februari in" the purchase lies behind, the move ahead
    clauses = [c for c in CLAUSE_BOUNDARY.split(date_text) if c and c.strip()]
    dated = [c for c in clauses if read_date(c, today)]
    tense_text = dated[0] if len(dated) == 1 and tense(dated[0]) is not None else date_text
    direction = direction_for(event, tense_text)
    if (
        direction == "either"
        and len(dated) == 1
        and len(clauses) > 1
        and tense(dated[0]) is None
        and tense(date_text) == "past"
        and set(normalise(dated[0]).split()) & PRESENT_DATE_VERBS
    ):
        # "ik ben ontslagen, mijn laatste dag is 30 november": the firing lies behind, the last day
        # is read in its own clause (the nearest 30 November), not in the past tense of the firing
        return read_date(dated[0], today, direction)  # type: ignore[arg-type]
    return read_date(date_text, today, direction)  # type: ignore[arg-type]


PRESENT_DATE_VERBS = frozenset({"is", "eindigt", "stopt", "valt", "loopt"})
"""A clause with one of these states its date in the present: "mijn laatste dag is 30 november"."""
FAR_FROM_RECORDED_DAYS = 31
"""A date in a question this far from the one recorded is about something else (a deadline)."""
CORRECTION_CUE_WORDS = 3
"""A date correction starts with its cue ("oei, ik bedoel 1 mei, niet 1 maart")."""
_DAY_ONLY = re.compile(r"^(?:de\s+)?\d{1,2}(?:ste|de|e)?$")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def read_date_correction(
    event: LifeEvent, date_text: str, today: dt.date, previous: dt.date | None
) -> DateReading | None:
    """A date typed to correct the one recorded, read near it: "het was de 28ste" after "eind
    augustus" is 28 August, and "2 oktober om precies te zijn" after "begin oktober" keeps its year.
    A year, a relative date ("gisteren") or a date that would put a past event ahead is read as usual."""
    reading = read_event_date(event, date_text, today)
    if (
        reading is not None
        and previous is not None
        and is_question(date_text)
        and not starts_correction(date_text)
        and abs((reading.day - previous).days) > FAR_FROM_RECORDED_DAYS
    ):
        return None  # "28 december, da is dus binnen 4 weken. kan ik nog uitstel vragen?" quotes a deadline
    words = normalise(date_text).split()
    if reading is None or previous is None or not reading.exact or _YEAR.search(date_text) or "jaar" in words:
        return reading
    phrase = normalise(reading.phrase)
    day: dt.date | None = None
    if _DAY_ONLY.match(phrase):
        try:
            day = previous.replace(day=reading.day.day)
        except ValueError:
            return reading
    elif set(phrase.split()) & set(MONTHS):
        nearby = []
        for year in (previous.year - 1, previous.year, previous.year + 1):
            try:
                nearby.append(reading.day.replace(year=year))
            except ValueError:
                continue
        day = min(nearby, key=lambda d: abs((d - previous).days), default=None)
    past = event.date_direction == "past" or tense(date_text) == "past"
    if day is None or day == reading.day or (past and day > today):
        return reading
    return DateReading(day=day, start=day, end=day, phrase=reading.phrase)


def direction_for(event: LifeEvent, date_text: str) -> str:
    """The event's usual direction, unless the text says it already happened: what mostly lies ahead
    (a purchase) may lie behind ("het compromis was al in augustus"); what lies behind (an illness,
    a death) never lies ahead, whatever "vanaf" suggests, unless it is planned (an operation)."""
    stated = tense(date_text)
    if event.date_direction == "future" and stated == "past":
        return "past"
    if event.date_direction == "past" and stated != "past" and _names_plan(event, date_text):
        return "either"  # "de operatie is op 7 december": the nearest 7 December, even ahead
    return event.date_direction


def _names_plan(event: LifeEvent, date_text: str) -> bool:
    padded = f" {normalise(date_text)} "
    return any(f" {normalise(cue)} " in padded for cue in event.planned_cues)


def _chosen_options(journey: Journey, event: LifeEvent) -> list[Option]:
    """The options of the answers recorded so far."""
    return [
        option
        for question in plan_questions(event)
        for option in question.options
        if option.value == journey.answers.get(question.id)
    ]


def event_later(journey: Journey, event: LifeEvent) -> bool:
    """Whether a recorded answer puts the event after today."""
    return any(option.date_later for option in _chosen_options(journey, event))


def event_earlier(journey: Journey, event: LifeEvent) -> bool:
    """Whether a recorded answer says the event has mostly happened already (no notice to work)."""
    return any(option.date_earlier for option in _chosen_options(journey, event))


def drop_past_date(journey: Journey, event: LifeEvent, today: dt.date, notes: list[str]) -> None:
    """Forgets an event date of today or before once an answer puts the event later (the date of a
    dismissal is not the end of a notice still to be worked), and says so."""
    if journey.event_date is None or journey.event_date > today:
        return
    if event_later(journey, event):
        notes.append(later_note(event, journey.event_date))
        journey.event_date, journey.date_phrase = None, None


def later_note(event: LifeEvent, day: dt.date) -> str:
    """Says that ``day`` cannot be the event's date: the event lies later."""
    label = event.event_date_label or ""
    return text("date_dropped_later", label=label[:1].upper() + label[1:], date=format_date(day))


def starts_correction(text: str) -> bool:
    """The message starts with a correction cue ("oei, ik bedoel 1 mei", "nee wacht, ...")."""
    first = " ".join(normalise(text).split()[:CORRECTION_CUE_WORDS])
    return any(f" {cue} " in f" {first} " for cue in load_lexicon().date_corrections)


_REMARK = re.compile(r"\b(?:da|dat|das|dit)\s+is\b")
_NOT_THAT_DAY = re.compile(r"\b(?:niet|nie|ni)\s+(?:op\s+|de\s+|den\s+)?\d{1,2}(?:ste|de|e)?\b")
"""A day said and another denied in the same message: a correction of the date."""
_THE_DATE_IS = re.compile(r"\bde datum (?:is|was)\b")
"""'de datum is 7 december 2026' gives the event's date; 'de datum van de begrafenis is ...' does not."""
NEVER_AHEAD = frozenset({"death"})
"""Events whose date never lies ahead, whatever the message says."""
SHORT_CORRECTION_WORDS = 8
"""A message this short with a date is the date itself ("ik heb het nagekeken, het was de 28ste")."""


def dates_the_event(event: LifeEvent, message_text: str, reading: DateReading, ctx: DialogueContext) -> bool:
    """Whether a date typed after the plan corrects the event's date: a correction cue, a short
    message, or one that names the event. A remark on a deadline ("amai da is morgen al! en hoeveel
    krijg ik per dag?") does not, and what lies behind (an illness) is not moved ahead unless it is
    planned."""
    # "de datum is 7 december 2026": a full date with its year is meant, even ahead for a past event
    explicit = (
        event.id not in NEVER_AHEAD
        and bool(_YEAR.search(message_text))
        and (starts_correction(message_text) or bool(_THE_DATE_IS.search(normalise(message_text))))
    )
    if (
        event.date_direction == "past"
        and reading.day > ctx.today
        and not _names_plan(event, message_text)
        and not explicit
    ):
        return False
    if _REMARK.search(normalise(message_text)) and not starts_correction(message_text):
        return False  # "amai, da is morgen al!" is said of the deadline just shown
    return (
        explicit
        or starts_correction(message_text)
        # "ik stop op 31 december, nie op 21 december"; not "ik kan niet op 3 december, kan het op 10?"
        or (bool(_NOT_THAT_DAY.search(normalise(message_text))) and not is_question(message_text))
        or len(normalise(message_text).split()) <= SHORT_CORRECTION_WORDS
        or event.id in ctx.keywords.events_in(message_text)
    )
