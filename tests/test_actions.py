"""Journey actions with a fresh Tracker and CollectingDispatcher per test."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import context
from actions.journey import ActionRecordAnswer, ActionRecordDate, ActionStartJourney
from actions.navigation import (
    ActionNextStep,
    ActionPreviousStep,
    ActionRestartJourney,
    ActionShowDeadline,
    ActionShowDocuments,
)


pytestmark = pytest.mark.usefixtures("isolated_action_settings")


def make_tracker(intent: str = "", slots: dict[str, Any] | None = None, entities: list | None = None,
                 text: str = "", ranking: list | None = None, events: list | None = None) -> Tracker:
    ranking = ranking if ranking is not None else [{"name": intent, "confidence": 0.99}]
    return Tracker(
        sender_id="test-conversation",
        slots=slots or {},
        latest_message={"intent": {"name": intent, "confidence": ranking[0]["confidence"] if ranking else 0.99},
                        "intent_ranking": ranking, "entities": entities or [], "text": text},
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def slot_values(events: list) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def run(action, tracker: Tracker) -> tuple[CollectingDispatcher, list]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    return dispatcher, events


async def test_start_birth_journey_asks_first_question() -> None:
    dispatcher, events = await run(ActionStartJourney(), make_tracker("birth"))
    assert dispatcher.messages[0]["text"] == "Is dit uw eerste kind?"
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert payloads[0] == '/provide_answer{"answer_value": "ja"}'
    assert payloads[-1] == '/provide_answer{"answer_value": "onbekend"}'
    slots = slot_values(events)
    assert slots["life_event"] == "birth" and slots["pending_question"] == "first_child"
    assert slots["step_index"] == 0.0 and slots["journey_answers"] == {}


async def test_start_journey_for_unknown_intent_says_so() -> None:
    dispatcher, events = await run(ActionStartJourney(), make_tracker("greet"))
    assert dispatcher.messages[0]["response"] == "utter_no_journey"
    assert events == []


async def test_answers_lead_to_first_step_card() -> None:
    slots = {"life_event": "birth", "journey_answers": {}, "pending_question": "first_child", "step_index": 0}
    entity = [{"entity": "answer_value", "value": "ja"}]
    dispatcher, events = await run(ActionRecordAnswer(), make_tracker("provide_answer", slots, entity))
    assert dispatcher.messages[0]["text"].startswith("Werkt u als werknemer")
    assert slot_values(events)["journey_answers"] == {"first_child": "ja"}

    slots.update(journey_answers={"first_child": "ja"}, pending_question="employment_status")
    entity = [{"entity": "answer_value", "value": "werknemer"}]
    dispatcher, events = await run(ActionRecordAnswer(), make_tracker("provide_answer", slots, entity))
    ask = dispatcher.messages[0]
    assert ask["response"] == "utter_ask_event_date" and ask["date_label"] == "de geboortedatum"
    assert ask["buttons"][-1]["payload"] == '/provide_date{"answer_value": "onbekend"}'
    assert slot_values(events)["pending_question"] == "event_date"
    assert slot_values(events)["event_date_asked"] is True

    slots.update(journey_answers={"first_child": "ja", "employment_status": "werknemer"},
                 pending_question="event_date", event_date_asked=True)
    entity = [{"entity": "answer_value", "value": "2026-11-26"}]
    dispatcher, events = await run(ActionRecordDate(), make_tracker("provide_date", slots, entity))
    texts = [m["text"] for m in dispatcher.messages]
    assert texts[0].startswith("Een kind krijgen.")
    assert texts[1].startswith("Rechten die u misschien hebt:")
    card = dispatcher.messages[2]["custom"]
    assert card["type"] == "step_card" and card["number"] == 1
    assert card["step_id"] == "request_start_amount_first_child"
    assert texts[2].startswith("Stap 1 van")
    assert SlotSet("pending_question", None) in events
    assert slot_values(events)["event_date"] == "2026-11-26"


async def test_typed_date_and_unknown_date() -> None:
    slots = {"life_event": "birth", "journey_answers": {"first_child": "ja", "employment_status": "werknemer"},
             "pending_question": "event_date", "event_date_asked": True}
    dispatcher, events = await run(ActionRecordDate(), make_tracker("provide_date", slots, text="op 3 november"))
    assert slot_values(events)["event_date"].endswith("-11-03")
    dispatcher, events = await run(ActionRecordAnswer(), make_tracker("provide_answer", slots, text="weet ik niet"))
    assert slot_values(events)["event_date"] is None
    assert dispatcher.messages[-1]["custom"]["number"] == 1
    dispatcher, events = await run(ActionRecordDate(), make_tracker("provide_date", slots, text="blabla"))
    assert dispatcher.messages[0]["response"] == "utter_date_not_understood" and events == []


async def test_date_and_municipality_in_first_message() -> None:
    tracker = make_tracker("death", text="mijn vader is gisteren overleden in Elsene")
    dispatcher, events = await run(ActionStartJourney(), tracker)
    values = slot_values(events)
    assert values["event_date"] is not None and values["municipality"] == "Elsene"
    assert dispatcher.messages[0]["response"] == "utter_outside_flanders"
    assert "Brussels" in dispatcher.messages[0]["region"]


async def test_invalid_answer_is_asked_again() -> None:
    slots = {"life_event": "birth", "journey_answers": {}, "pending_question": "first_child"}
    entity = [{"entity": "answer_value", "value": "misschien"}]
    dispatcher, events = await run(ActionRecordAnswer(), make_tracker("provide_answer", slots, entity))
    assert dispatcher.messages[0]["response"] == "utter_answer_not_understood"
    assert dispatcher.messages[1]["text"] == "Is dit uw eerste kind?"
    assert events == []


JOURNEY = {"life_event": "birth", "journey_answers": {"first_child": "ja", "employment_status": "werknemer"}}


async def test_next_previous_and_restart() -> None:
    dispatcher, events = await run(ActionNextStep(), make_tracker("next_step", {**JOURNEY, "step_index": 0}))
    assert dispatcher.messages[0]["custom"]["number"] == 2
    assert slot_values(events)["step_index"] == 1.0

    dispatcher, events = await run(ActionPreviousStep(), make_tracker("previous_step", {**JOURNEY, "step_index": 1}))
    assert dispatcher.messages[0]["custom"]["number"] == 1

    dispatcher, events = await run(ActionRestartJourney(), make_tracker("restart_journey", {**JOURNEY, "step_index": 4}))
    assert dispatcher.messages[0]["custom"]["number"] == 1
    assert slot_values(events)["step_index"] == 0.0


async def test_last_step_says_journey_is_done() -> None:
    dispatcher, events = await run(ActionNextStep(), make_tracker("next_step", {**JOURNEY, "step_index": 5}))
    assert dispatcher.messages[0]["text"].startswith("Dat was de laatste stap.")
    assert events == []


async def test_documents_and_deadline_of_current_step() -> None:
    # Step 2 of this plan is the birth declaration.
    dispatcher, _ = await run(ActionShowDocuments(), make_tracker("ask_documents", {**JOURNEY, "step_index": 1}))
    assert "Meebrengen: Uw identiteitskaart" in dispatcher.messages[0]["text"]
    dispatcher, _ = await run(ActionShowDeadline(), make_tracker("ask_deadline", {**JOURNEY, "step_index": 1}))
    assert "binnen 15 kalenderdagen na de geboorte" in dispatcher.messages[0]["text"]


async def test_navigation_without_journey_is_polite() -> None:
    dispatcher, events = await run(ActionNextStep(), make_tracker("next_step", {}))
    assert dispatcher.messages[0]["response"] == "utter_no_journey"
    assert events == []


def test_button_payloads_are_valid_json() -> None:
    from actions.journey_state import navigation_buttons

    for button in navigation_buttons():
        assert button["payload"].startswith("/")
    json.dumps(navigation_buttons())
