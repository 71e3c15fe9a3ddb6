"""The one action every intent leads to: hands the message to the dialogue in ``bot/dialogue``.

Rasa supplies the NLU parse and stores the conversation state in the ``conversation`` slot; the
domain core decides what the message means and what to say (answer first, never a silent switch).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import event_scorer, faq_index, keyword_index, knowledge_base, route_index, settings
from actions.handoff import start_live_handoff
from bot.dialogue.context import DialogueContext
from bot.dialogue.engine import handle_turn
from bot.dialogue.state import ConversationState
from bot.dialogue.turn import Message, TurnResult
from bot.handoff.office_hours import OfficeHours
from bot.insights.feedback import record_unrecognised
from bot.store import record_journey_event

SLOT_CONVERSATION = "conversation"
SLOT_REASON = "handoff_reason"


def dialogue_context() -> DialogueContext:
    config = settings()
    return DialogueContext(
        kb=knowledge_base(),
        keywords=keyword_index(),
        today=config.today(),
        live_open=OfficeHours.parse(config.office_hours).is_open(),
        faq=faq_index(),
        routes=route_index(),
        events=event_scorer(),
    )


def run_effects(
    result: TurnResult, tracker: Tracker, state: ConversationState, dispatcher: CollectingDispatcher
) -> list[EventType]:
    """Stores analytics events and starts a live hand-off when the dialogue asks for it."""
    database_url = settings().database_url
    events: list[EventType] = []
    for effect in result.effects:
        data = effect.data
        if effect.kind == "journey_event":
            record_journey_event(
                database_url, tracker.sender_id, data["event_id"], data["kind"], data.get("step_id")
            )
        elif effect.kind == "unrecognised":
            record_unrecognised(
                database_url,
                tracker.sender_id,
                data["text"],
                intent=data.get("intent"),
                confidence=data.get("confidence"),
            )
        elif effect.kind == "live_handoff":
            events.extend(start_live_handoff(dispatcher, tracker, state))
    return events


class ActionTurn(Action):
    """Reads the message in the light of the conversation so far and answers."""

    def name(self) -> str:
        return "action_turn"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        state = ConversationState.from_dict(tracker.get_slot(SLOT_CONVERSATION))
        message = Message.from_parse(tracker.latest_message)
        result = handle_turn(state, message, dialogue_context())
        for reply in result.replies:
            dispatcher.utter_message(
                text=reply.text, buttons=reply.buttons or None, json_message=reply.custom
            )
        events = run_effects(result, tracker, state, dispatcher)
        return [
            SlotSet(SLOT_CONVERSATION, state.to_dict()),
            SlotSet(SLOT_REASON, state.handoff_reason),
            *events,
        ]
