"""Actions of the warm hand-off: offer a person, start a live chat, or refer to a service point."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import knowledge_base, settings
from actions.journey_state import SLOT_QUESTION, JourneyState
from actions.personal_details import SLOT_MUNICIPALITY, municipality_events
from bot.handoff.cases import CaseContext, create_case
from bot.handoff.distress import signals_distress
from bot.handoff.office_hours import OfficeHours
from bot.handoff.referral import referral
from bot.texts import text

SLOT_REASON = "handoff_reason"
SLOT_CASE = "handoff_case_id"
MUNICIPALITY_QUESTION = "municipality"


def office_hours() -> OfficeHours:
    return OfficeHours.parse(settings().office_hours)


def last_user_text(tracker: Tracker) -> str | None:
    """The last message the person typed (not a button payload)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            message = event.get("text") or ""
            if message and not message.startswith("/"):
                return message
    return None


def handoff_buttons(live_open: bool) -> list[dict[str, str]]:
    buttons = [{"title": text("button_handoff_physical"), "payload": "/handoff_physical"}]
    if live_open:
        buttons.insert(0, {"title": text("button_handoff_live"), "payload": "/handoff_live"})
    return buttons


class ActionOfferHandoff(Action):
    """Explains the ways to reach a person and lets the person choose."""

    def name(self) -> str:
        return "action_offer_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        reason = tracker.get_slot(SLOT_REASON) or "asked_for_human"
        if signals_distress(tracker.latest_message.get("text") or ""):
            reason = "distress"
        live_open = office_hours().is_open()
        response = "utter_handoff_options" if live_open else "utter_handoff_options_closed"
        dispatcher.utter_message(response=response, buttons=handoff_buttons(live_open))
        return [SlotSet(SLOT_REASON, reason)]


class ActionStartLiveHandoff(Action):
    """Creates a case with the conversation's context; a caseworker takes it over in the console."""

    def name(self) -> str:
        return "action_start_live_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if not office_hours().is_open():
            dispatcher.utter_message(response="utter_handoff_options_closed", buttons=handoff_buttons(False))
            return []
        if tracker.get_slot(SLOT_CASE):
            dispatcher.utter_message(response="utter_handoff_already_waiting")
            return []
        case_id = create_case(settings().database_url, case_context(tracker, channel="live"))
        dispatcher.utter_message(response="utter_handoff_waiting")
        return [SlotSet(SLOT_CASE, case_id)]


def case_context(tracker: Tracker, channel: str) -> CaseContext:
    """Everything the caseworker needs so the person never has to repeat the story."""
    kb = knowledge_base()
    state = JourneyState.from_tracker(tracker)
    plan = state.plan()
    events = [state.event_id] if state.event_id in kb else []
    suspended = tracker.get_slot("suspended_journey")
    if isinstance(suspended, dict) and suspended.get("event_id") in kb and suspended["event_id"] not in events:
        events.append(suspended["event_id"])
    answers: dict[str, str] = {}
    current_step = None
    if plan is not None:
        for question in plan.event.questions:
            value = state.answers.get(question.id)
            if value:
                answers[question.text] = question.label_of(value) or value
        if plan.steps:
            planned = plan.steps[max(0, min(state.step_index, len(plan.steps) - 1))]
            current_step = f"Stap {planned.number} van {planned.total}: {planned.step.title}"
    return CaseContext(
        conversation_id=tracker.sender_id,
        reason=tracker.get_slot(SLOT_REASON) or "asked_for_human",
        channel=channel,
        life_events=events,
        life_event_titles=[kb.events[e].title for e in events],
        answers=answers,
        current_step=current_step,
        municipality=tracker.get_slot(SLOT_MUNICIPALITY),
        last_message=last_user_text(tracker),
    )


class ActionPhysicalReferral(Action):
    """Refers to the nearest relevant service point (asks the municipality first if unknown)."""

    def name(self) -> str:
        return "action_physical_referral"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        municipality = tracker.get_slot(SLOT_MUNICIPALITY)
        if not municipality:
            dispatcher.utter_message(response="utter_ask_municipality")
            return [SlotSet(SLOT_QUESTION, MUNICIPALITY_QUESTION)]
        return refer(dispatcher, tracker, municipality)


class ActionRecordMunicipality(Action):
    """Stores the municipality the person typed, then refers them."""

    def name(self) -> str:
        return "action_record_municipality"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        events = municipality_events(dispatcher, tracker)
        found = next((e["value"] for e in events if e.get("name") == SLOT_MUNICIPALITY), None)
        if found is None:
            dispatcher.utter_message(response="utter_municipality_not_understood")
            return []
        return [*events, SlotSet(SLOT_QUESTION, None), *refer(dispatcher, tracker, found)]


def refer(dispatcher: CollectingDispatcher, tracker: Tracker, municipality: str) -> list[EventType]:
    """Sends the service points (or the 1700 fallback) with what to bring for the current step."""
    state = JourneyState.from_tracker(tracker)
    result = referral(municipality, state.event_id)
    if result is None:
        dispatcher.utter_message(response="utter_municipality_not_understood")
        return []
    if not result["in_flanders"]:
        dispatcher.utter_message(response="utter_referral_outside_flanders", municipality=result["municipality"])
        return []
    lines = [text("referral_header", municipality=result["municipality"])]
    for point in result["service_points"]:
        parts = [f"- {point.name}"]
        parts += [value for value in (point.address, point.phone and f"tel. {point.phone}", point.opening_hours, point.url)
                  if value]
        lines.append(", ".join(parts) + f" (bron: {point.source_url})")
    if result["fallback"]:
        lines.append(result["fallback"]["text"])
    else:
        lines.append(text("referral_1700"))
    plan = state.plan()
    if plan is not None and plan.steps:
        step = plan.steps[max(0, min(state.step_index, len(plan.steps) - 1))].step
        if step.documents:
            lines.append(text("referral_bring", documents=", ".join(step.documents)))
    dispatcher.utter_message(text="\n".join(lines))
    return []
