"""Actions that walk an active journey: next, previous, restart, details, resume."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Callable

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import settings
from actions.journey import show_step
from actions.journey_state import SLOT_SUSPENDED, JourneyState, navigation_buttons
from bot.journey import JourneyPlan, PlannedStep
from bot.render import deadline_text, documents_text, location_text
from bot.store import record_journey_event
from bot.texts import text


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
            dispatcher.utter_message(response="utter_no_journey")
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
            suspended = JourneyState.from_dict(tracker.get_slot(SLOT_SUSPENDED))
            if suspended is not None and suspended.plan() is not None:
                dispatcher.utter_message(response="utter_offer_resume", previous_title=suspended.plan().event.title,
                                         buttons=[{"title": text("button_resume"), "payload": "/resume_journey"}])
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


class ActionResumeJourney(Action):
    """Goes back to the journey that was suspended when the person switched to another event."""

    def name(self) -> str:
        return "action_resume_journey"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        suspended = JourneyState.from_dict(tracker.get_slot(SLOT_SUSPENDED))
        plan = suspended.plan() if suspended else None
        if suspended is None or plan is None or not plan.steps:
            dispatcher.utter_message(response="utter_nothing_to_resume")
            return []
        current = JourneyState.from_tracker(tracker)
        suspended.step_index = max(0, min(suspended.step_index, len(plan.steps) - 1))
        dispatcher.utter_message(response="utter_resuming", previous_title=plan.event.title)
        show_step(dispatcher, tracker, plan, suspended.step_index)
        swapped = current.to_dict() if current.plan() is not None and current.event_id != suspended.event_id else None
        return [*suspended.events(), SlotSet(SLOT_SUSPENDED, swapped)]


def _detail_action(action_name: str, render: Callable[[PlannedStep], str]) -> type[_StepAction]:
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
