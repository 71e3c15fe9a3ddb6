"""Details that personalise a journey beyond its questions: the event date and the municipality."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.dates import parse_event_date
from bot.journey import UNKNOWN, UNKNOWN_PHRASES, JourneyPlan
from bot.normalize import normalise
from bot.places import load_places
from bot.texts import load_texts, text

DATE_QUESTION = "event_date"
SLOT_MUNICIPALITY = "municipality"
SLOT_DATE_ASKED = "event_date_asked"


def needs_event_date(plan: JourneyPlan, date_asked: bool) -> bool:
    """Ask the event date only when it changes the plan: a step has a deadline to compute."""
    return plan.event_date is None and not date_asked and any(p.step.deadline for p in plan.steps)


def ask_event_date(dispatcher: CollectingDispatcher, plan: JourneyPlan, today: dt.date | None = None) -> None:
    """Asks the date of the event, with quick buttons."""
    today = today or dt.date.today()

    def payload(value: str) -> str:
        return "/provide_date" + json.dumps({"answer_value": value})

    buttons = [
        {"title": text("button_today"), "payload": payload(today.isoformat())},
        {"title": text("button_yesterday"), "payload": payload((today - dt.timedelta(days=1)).isoformat())},
        {"title": text("question_unknown"), "payload": payload(UNKNOWN)},
    ]
    label = plan.event.event_date_label or text("default_date_label")
    dispatcher.utter_message(response="utter_ask_event_date", date_label=label, buttons=buttons)


def date_from_message(tracker: Tracker, today: dt.date | None = None) -> dt.date | str | None:
    """The event date given in the last message: a date, ``onbekend``, or None if none found."""
    value = next(tracker.get_latest_entity_values("answer_value"), None)
    if value == UNKNOWN:
        return UNKNOWN
    if value:
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            pass
    message = tracker.latest_message.get("text") or ""
    if normalise(message) in UNKNOWN_PHRASES:
        return UNKNOWN
    return parse_event_date(message, today)


def municipality_events(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Resolves a municipality named in the last message; warns when it lies outside Flanders."""
    entity = next(tracker.get_latest_entity_values("municipality"), None)
    places = load_places()
    resolution = places.resolve(entity) if entity else None
    if resolution is None:
        # The resolver only reads names and postcodes in a place-like context ("in 9000").
        resolution = places.resolve(tracker.latest_message.get("text") or "")
    if resolution is None:
        return []
    municipality = resolution.municipality
    if not resolution.in_flanders:
        region = load_texts()["regions"].get(municipality.region, municipality.region)
        dispatcher.utter_message(response="utter_outside_flanders", municipality=municipality.name_nl, region=region)
    return [SlotSet(SLOT_MUNICIPALITY, municipality.name_nl)]


def details_from_first_message(tracker: Tracker, dispatcher: CollectingDispatcher) -> tuple[dt.date | None, list[Any]]:
    """Event date and municipality that the person already mentioned when naming the event."""
    found = date_from_message(tracker)
    event_date = found if isinstance(found, dt.date) else None
    return event_date, municipality_events(dispatcher, tracker)
