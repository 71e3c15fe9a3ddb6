"""Actions that start and walk a life-event journey step by step."""
from __future__ import annotations

import json
from abc import ABC, abstractmethod
from typing import Any, Callable

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import knowledge_base, settings
from actions.journey_state import SLOT_QUESTION, JourneyState, navigation_buttons
from bot.journey import UNKNOWN, JourneyPlan, pending_questions
from bot.render import documents_text, deadline_text, location_text, plan_overview, rights_text, step_card, step_text
from bot.store import record_journey_event
from bot.texts import text


def show_step(dispatcher: CollectingDispatcher, tracker: Tracker, plan: JourneyPlan, index: int) -> None:
    """Sends one step as a card (JSON) with its plain-text rendering and navigation buttons."""
    planned = plan.steps[index]
    dispatcher.utter_message(
        text=step_text(planned), json_message=step_card(plan, planned), buttons=navigation_buttons()
    )
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
    dispatcher: CollectingDispatcher, tracker: Tracker, state: JourneyState, plan: JourneyPlan
) -> list[EventType]:
    """Asks the next question that changes the plan, or shows the first step and rights."""
    pending = pending_questions(plan.event, state.answers)
    if pending:
        ask_question(dispatcher, plan, pending[0].id)
        return [*state.events(), SlotSet(SLOT_QUESTION, pending[0].id)]
    dispatcher.utter_message(text=plan_overview(plan))
    if plan.rights:
        dispatcher.utter_message(text=rights_text(plan))
    state.step_index = 0
    show_step(dispatcher, tracker, plan, 0)
    return [*state.events(), SlotSet(SLOT_QUESTION, None)]


class ActionStartJourney(Action):
    """Starts the journey of the life event named by the last intent."""

    def name(self) -> str:
        return "action_start_journey"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        event_id = (tracker.latest_message.get("intent") or {}).get("name")
        if event_id not in knowledge_base():
            dispatcher.utter_message(response="utter_no_journey")
            return []
        state = JourneyState(event_id=event_id)
        plan = state.plan()
        assert plan is not None
        record_journey_event(settings().database_url, tracker.sender_id, event_id, "started")
        return continue_journey(dispatcher, tracker, state, plan)


class ActionRecordAnswer(Action):
    """Stores the answer to the pending personalisation question and goes on."""

    def name(self) -> str:
        return "action_record_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        state = JourneyState.from_tracker(tracker)
        plan = state.plan()
        question_id = tracker.get_slot(SLOT_QUESTION)
        value = next(tracker.get_latest_entity_values("answer_value"), None)
        if plan is None or question_id is None:
            dispatcher.utter_message(response="utter_no_journey")
            return []
        question = plan.event.question(question_id)
        if question is None or (value != UNKNOWN and question.label_of(str(value)) is None):
            dispatcher.utter_message(response="utter_answer_not_understood")
            ask_question(dispatcher, plan, question_id)
            return []
        state.answers[question_id] = str(value)
        plan = state.plan()
        assert plan is not None
        return continue_journey(dispatcher, tracker, state, plan)


class _StepAction(Action, ABC):
    """Base for actions that need an active journey; abstract, so Rasa SDK skips it."""

    @abstractmethod
    def name(self) -> str:
        """The action name."""

    @abstractmethod
    def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, state: JourneyState,
            plan: JourneyPlan) -> list[EventType]:
        """Does the action's work on an active journey."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        state = JourneyState.from_tracker(tracker)
        plan = state.plan()
        if plan is None or not plan.steps:
            dispatcher.utter_message(text=text("no_journey"))
            return []
        state.step_index = max(0, min(state.step_index, len(plan.steps) - 1))
        return self.act(dispatcher, tracker, state, plan)


class ActionNextStep(_StepAction):
    def name(self) -> str:
        return "action_next_step"

    def act(self, dispatcher, tracker, state, plan):  # type: ignore[no-untyped-def]
        if state.step_index + 1 >= len(plan.steps):
            dispatcher.utter_message(text=text("journey_done"))
            record_journey_event(settings().database_url, tracker.sender_id, plan.event.id, "completed")
            return []
        state.step_index += 1
        show_step(dispatcher, tracker, plan, state.step_index)
        return state.events()


class ActionPreviousStep(_StepAction):
    def name(self) -> str:
        return "action_previous_step"

    def act(self, dispatcher, tracker, state, plan):  # type: ignore[no-untyped-def]
        if state.step_index == 0:
            dispatcher.utter_message(text=text("journey_first"))
        else:
            state.step_index -= 1
        show_step(dispatcher, tracker, plan, state.step_index)
        return state.events()


class ActionRestartJourney(_StepAction):
    def name(self) -> str:
        return "action_restart_journey"

    def act(self, dispatcher, tracker, state, plan):  # type: ignore[no-untyped-def]
        state.step_index = 0
        show_step(dispatcher, tracker, plan, 0)
        return state.events()


def _detail_action(action_name: str, render: Callable[[Any], str]) -> type[_StepAction]:
    """An action that answers one question about the current step."""

    class _Detail(_StepAction):
        def name(self) -> str:
            return action_name

        def act(self, dispatcher, tracker, state, plan):  # type: ignore[no-untyped-def]
            planned = plan.steps[state.step_index]
            header = text("step_header", number=planned.number, total=planned.total, title=planned.step.title)
            dispatcher.utter_message(text=f"{header}\n{render(planned)}", buttons=navigation_buttons())
            return []

    _Detail.__name__ = "Action" + "".join(part.title() for part in action_name.split("_")[1:])
    return _Detail


ActionShowDocuments = _detail_action("action_show_documents", documents_text)
ActionShowLocation = _detail_action("action_show_location", location_text)
ActionShowDeadline = _detail_action("action_show_deadline", deadline_text)
