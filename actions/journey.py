"""Actions that start a life-event journey and record personalisation answers."""
from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import keyword_index, knowledge_base, settings
from actions.journey_state import SLOT_QUESTION, SLOT_SUSPENDED, JourneyState, navigation_buttons
from actions.personal_details import (
    DATE_QUESTION,
    SLOT_DATE_ASKED,
    ask_event_date,
    date_from_message,
    details_from_first_message,
    needs_event_date,
)
from bot.event_detection import detect_events
from bot.handoff.distress import signals_distress
from bot.journey import UNKNOWN, JourneyPlan, match_option, pending_questions
from bot.render import plan_overview, rights_text, step_card, step_text
from bot.store import record_journey_event
from bot.texts import text


def show_step(dispatcher: CollectingDispatcher, tracker: Tracker, plan: JourneyPlan, index: int) -> None:
    """Sends one step as a card (JSON) with its plain-text rendering and navigation buttons."""
    planned = plan.steps[index]
    buttons = navigation_buttons()
    if planned.step.needs_counter:
        buttons.append({"title": text("button_where_nearby"), "payload": "/handoff_physical"})
    dispatcher.utter_message(text=step_text(planned), json_message=step_card(plan, planned), buttons=buttons)
    record_journey_event(settings().database_url, tracker.sender_id, plan.event.id, "step_viewed", planned.step.id)


def ask_question(dispatcher: CollectingDispatcher, plan: JourneyPlan, question_id: str) -> None:
    """Asks a personalisation question with its options as buttons (and 'weet ik niet')."""
    question = plan.event.question(question_id)
    assert question is not None
    buttons = [
        {"title": option.label, "payload": "/provide_answer" + json.dumps({"answer_value": option.value})}
        for option in question.options
    ]
    buttons.append({"title": text("question_unknown"),
                    "payload": "/provide_answer" + json.dumps({"answer_value": UNKNOWN})})
    dispatcher.utter_message(text=question.text, buttons=buttons)


def continue_journey(
    dispatcher: CollectingDispatcher, tracker: Tracker, state: JourneyState, plan: JourneyPlan,
    date_asked: bool | None = None,
) -> list[EventType]:
    """Asks the next question that changes the plan (answers, then the event date), or shows
    the first step and the rights."""
    pending = pending_questions(plan.event, state.answers)
    if pending:
        ask_question(dispatcher, plan, pending[0].id)
        return [*state.events(), SlotSet(SLOT_QUESTION, pending[0].id)]
    if date_asked is None:
        date_asked = bool(tracker.get_slot(SLOT_DATE_ASKED))
    if needs_event_date(plan, date_asked):
        ask_event_date(dispatcher, plan)
        return [*state.events(), SlotSet(SLOT_QUESTION, DATE_QUESTION), SlotSet(SLOT_DATE_ASKED, True)]
    dispatcher.utter_message(text=plan_overview(plan))
    if plan.rights:
        dispatcher.utter_message(text=rights_text(plan))
    state.step_index = 0
    show_step(dispatcher, tracker, plan, 0)
    return [*state.events(), SlotSet(SLOT_QUESTION, None)]


def _event_buttons(event_ids: list[str]) -> list[dict[str, str]]:
    kb = knowledge_base()
    return [{"title": kb.events[e].title, "payload": f"/{e}"} for e in event_ids if e in kb]


class ActionStartJourney(Action):
    """Starts the journey of the life event(s) named in the last message.

    Several events in one message: the most urgent starts and the others are offered as
    buttons; several hardship events: integral guidance and a human are proposed too.
    A journey that was in progress is kept, so the person can come back to it.
    """

    def name(self) -> str:
        return "action_start_journey"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        kb = knowledge_base()
        message = tracker.latest_message
        intent = (message.get("intent") or {}).get("name")
        detected = detect_events(message.get("intent_ranking") or [], message.get("text") or "",
                                 keyword_index(), known_events=kb.events)
        # Several events: the most urgent one (bot.event_detection.PRIORITY) goes first.
        event_id = detected.primary or (intent if intent in kb else None)
        if event_id is None:
            dispatcher.utter_message(response="utter_no_journey")
            return []
        others = [e for e in detected.events if e != event_id]
        events: list[EventType] = []
        previous = JourneyState.from_tracker(tracker)
        if previous.event_id and previous.event_id != event_id and previous.event_id in kb:
            events.append(SlotSet(SLOT_SUSPENDED, previous.to_dict()))
            dispatcher.utter_message(response="utter_journey_suspended",
                                     previous_title=kb.events[previous.event_id].title)
        if others:
            titles = [kb.events[event_id].title] + [kb.events[e].title for e in others]
            dispatcher.utter_message(response="utter_several_events", events_list=", ".join(titles[:-1]),
                                     last_event=titles[-1], first_event=titles[0])
        if detected.needs_integral_guidance or signals_distress(message.get("text") or ""):
            dispatcher.utter_message(response="utter_integral_guidance",
                                     buttons=[{"title": text("button_human"), "payload": "/request_human"}])
            reason = "several_problems" if detected.needs_integral_guidance else "distress"
            events.append(SlotSet("handoff_reason", reason))
        event_date, detail_events = details_from_first_message(tracker, dispatcher)
        events.extend(detail_events)
        state = JourneyState(event_id=event_id, event_date=event_date)
        plan = state.plan()
        assert plan is not None
        record_journey_event(settings().database_url, tracker.sender_id, event_id, "started")
        events.extend(continue_journey(dispatcher, tracker, state, plan, date_asked=False))
        if others:
            dispatcher.utter_message(response="utter_later_events", buttons=_event_buttons(others))
        return events


class ActionRecordAnswer(Action):
    """Stores the answer to the pending personalisation question and goes on."""

    def name(self) -> str:
        return "action_record_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        state = JourneyState.from_tracker(tracker)
        plan = state.plan()
        question_id = tracker.get_slot(SLOT_QUESTION)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if plan is None or question_id is None:
            dispatcher.utter_message(response="utter_ok" if intent in ("affirm", "deny") else "utter_no_journey")
            return []
        if question_id == DATE_QUESTION:
            return await ActionRecordDate().run(dispatcher, tracker, domain)
        question = plan.event.question(question_id)
        if question is None:
            dispatcher.utter_message(response="utter_no_journey")
            return []
        value = next(tracker.get_latest_entity_values("answer_value"), None)
        answer = match_option(question, str(value)) if value else None
        if answer is None:
            answer = match_option(question, tracker.latest_message.get("text") or "")
        if answer is None:
            dispatcher.utter_message(response="utter_answer_not_understood")
            ask_question(dispatcher, plan, question_id)
            return []
        state.answers[question_id] = answer
        plan = state.plan()
        assert plan is not None
        return continue_journey(dispatcher, tracker, state, plan)


class ActionRecordDate(Action):
    """Stores the date of the life event, so deadlines become concrete dates."""

    def name(self) -> str:
        return "action_record_date"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        state = JourneyState.from_tracker(tracker)
        plan = state.plan()
        found = date_from_message(tracker)
        asked = tracker.get_slot(SLOT_QUESTION) == DATE_QUESTION
        if plan is None:
            dispatcher.utter_message(response="utter_no_journey")
            return []
        if found is None:
            dispatcher.utter_message(response="utter_date_not_understood")
            if asked:
                ask_event_date(dispatcher, plan)
            return []
        if found != UNKNOWN:
            state.event_date = found  # type: ignore[assignment]
        plan = state.plan()
        assert plan is not None
        if asked:
            return continue_journey(dispatcher, tracker, state, plan, date_asked=True)
        show_step(dispatcher, tracker, plan, max(0, min(state.step_index, len(plan.steps) - 1)))
        return state.events()
