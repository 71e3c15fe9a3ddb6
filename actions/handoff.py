"""The live hand-off: creates a case with the conversation's context for the caseworker console."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import knowledge_base, settings
from bot.dialogue.presenting import plan_of
from bot.dialogue.referral import handoff_buttons
from bot.dialogue.state import ConversationState
from bot.handoff.cases import CaseContext, CaseFlood, active_case_for, create_case
from bot.handoff.office_hours import OfficeHours
from bot.knowledge.texts import step_heading, text

SLOT_CASE = "handoff_case_id"


def last_user_text(tracker: Tracker) -> str | None:
    """The last message the person typed (not a button payload)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            message = event.get("text") or ""
            if message and not message.startswith("/"):
                return message
    return None


def start_live_handoff(
    dispatcher: CollectingDispatcher, tracker: Tracker, state: ConversationState
) -> list[EventType]:
    """Creates a case (once) while caseworkers are online; otherwise offers the other ways."""
    if not OfficeHours.parse(settings().office_hours).is_open():
        dispatcher.utter_message(text=text("handoff_options_closed"), buttons=handoff_buttons(False))
        return []
    if tracker.get_slot(SLOT_CASE) and active_case_for(settings().database_url, tracker.sender_id):
        dispatcher.utter_message(text=text("handoff_already_waiting"))
        return []
    try:
        case_id = create_case(settings().database_url, case_context(tracker, state, channel="live"))
    except CaseFlood:
        dispatcher.utter_message(text=text("handoff_busy"), buttons=handoff_buttons(False))
        return []
    dispatcher.utter_message(text=text("handoff_waiting"))
    return [SlotSet(SLOT_CASE, case_id)]


def case_context(tracker: Tracker, state: ConversationState, channel: str) -> CaseContext:
    """Everything the caseworker needs so the person never has to repeat the story."""
    kb = knowledge_base()
    journeys = [
        j
        for j in ([state.journey] if state.journey else []) + list(reversed(state.suspended))
        if j.event_id in kb
    ]
    events = list(dict.fromkeys(j.event_id for j in journeys))
    answers: dict[str, str] = {}
    current_step = None
    if state.journey is not None and state.journey.event_id in kb:
        journey, event = state.journey, kb.events[state.journey.event_id]
        for question in event.questions:
            value = journey.answers.get(question.id)
            if value:
                answers[question.text] = question.label_of(value) or value
        plan = plan_of(event, journey)
        if plan.steps and journey.phase != "questions":
            planned = plan.steps[min(journey.step_index, len(plan.steps) - 1)]
            current_step = step_heading(planned.number, planned.total, planned.step.title)
    return CaseContext(
        conversation_id=tracker.sender_id,
        reason=state.handoff_reason or "asked_for_human",
        channel=channel,
        life_events=events,
        life_event_titles=[kb.events[e].title for e in events],
        answers=answers,
        current_step=current_step,
        municipality=state.municipality,
        last_message=last_user_text(tracker),
    )
