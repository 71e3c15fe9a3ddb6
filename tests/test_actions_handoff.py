"""Hand-off actions: options, live case with context, physical referral."""
from __future__ import annotations

from pathlib import Path

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import context
from actions.handoff import ActionOfferHandoff, ActionPhysicalReferral, ActionRecordMunicipality, ActionStartLiveHandoff
from bot.handoff.cases import get_case
from tests.test_actions import make_tracker, slot_values


pytestmark = pytest.mark.usefixtures("isolated_action_settings")


async def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    return dispatcher, events


async def test_offer_lists_live_and_physical_and_flags_distress() -> None:
    dispatcher, events = await run(ActionOfferHandoff(), make_tracker("request_human", text="ik weet het niet meer"))
    assert dispatcher.messages[0]["response"] == "utter_handoff_options"
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/handoff_live", "/handoff_physical"]
    assert slot_values(events)["handoff_reason"] == "distress"


async def test_outside_office_hours_offers_alternatives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEGWIJZER_OFFICE_HOURS", "sun 00:00-00:01")
    context.settings.cache_clear()
    dispatcher, _ = await run(ActionOfferHandoff(), make_tracker("request_human", text="een mens aub"))
    assert dispatcher.messages[0]["response"] == "utter_handoff_options_closed"
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/handoff_physical"]


async def test_live_case_carries_events_answers_and_step() -> None:
    slots = {"life_event": "birth", "step_index": 1, "journey_answers": {"first_child": "ja"},
             "municipality": "Gent", "handoff_reason": "asked_for_human"}
    events = [{"event": "user", "text": "mijn naam is Jan Peeters en ik snap het niet"},
              {"event": "user", "text": "/handoff_live"}]
    dispatcher, result = await run(ActionStartLiveHandoff(), make_tracker("handoff_live", slots, events=events))
    assert dispatcher.messages[0]["response"] == "utter_handoff_waiting"
    case = get_case(context.settings().database_url, int(slot_values(result)["handoff_case_id"]))
    assert case["life_events"] == ["birth"] and case["municipality"] == "Gent"
    assert "Is dit uw eerste kind? Ja, mijn eerste kind." in case["summary"]
    assert "Stap 2 van" in case["summary"]
    assert "Jan Peeters" not in case["summary"]


async def test_physical_referral_asks_municipality_then_refers() -> None:
    dispatcher, events = await run(ActionPhysicalReferral(), make_tracker("handoff_physical", {}))
    assert dispatcher.messages[0]["response"] == "utter_ask_municipality"
    assert slot_values(events)["pending_question"] == "municipality"
    slots = {"life_event": "money_problems", "step_index": 0, "journey_answers": {}}
    dispatcher, events = await run(ActionRecordMunicipality(), make_tracker(
        "provide_municipality", slots, entities=[{"entity": "municipality", "value": "Gent"}], text="Gent"))
    assert slot_values(events)["municipality"] == "Gent"
    assert dispatcher.messages[-1]["text"].startswith("Hier kunt u terecht in Gent:")
    assert "bron: https://" in dispatcher.messages[-1]["text"]


async def test_unknown_municipality_is_asked_again() -> None:
    dispatcher, events = await run(ActionRecordMunicipality(), make_tracker("provide_municipality", {}, text="Atlantis"))
    assert dispatcher.messages[0]["response"] == "utter_municipality_not_understood" and events == []
