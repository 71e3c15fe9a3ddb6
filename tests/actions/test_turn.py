"""The Rasa adapter (actions/turn.py) with a fresh Tracker and CollectingDispatcher per test:
the state travels in the ``conversation`` slot, effects reach the database."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions import context
from actions.turn import ActionTurn
from bot.handoff.cases import get_case
from bot.insights.feedback import UnrecognisedMessage
from bot.store import JourneyEventRecord, session_scope

pytestmark = pytest.mark.usefixtures("isolated_action_settings")


def make_tracker(
    text: str,
    intent: str,
    confidence: float = 0.95,
    slots: dict[str, Any] | None = None,
    entities: list | None = None,
    ranking: list | None = None,
    events: list | None = None,
) -> Tracker:
    ranking = ranking if ranking is not None else [{"name": intent, "confidence": confidence}]
    return Tracker(
        sender_id="test-conversation",
        slots=slots or {},
        latest_message={
            "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": ranking,
            "entities": entities or [],
            "text": text,
        },
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def slot_values(events: list) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def turn(
    text: str, intent: str, confidence: float = 0.95, slots: dict[str, Any] | None = None, **kwargs: Any
):
    dispatcher = CollectingDispatcher()
    events = await ActionTurn().run(
        dispatcher, make_tracker(text, intent, confidence, slots=slots, **kwargs), {}
    )
    return dispatcher, events, {**(slots or {}), **slot_values(events)}


async def test_a_typed_conversation_keeps_its_state_in_the_slot() -> None:
    dispatcher, _, slots = await turn("mijn vader is gisteren overleden", "death", 0.99)
    assert "Gecondoleerd" in dispatcher.messages[0]["text"]
    question = dispatcher.messages[-1]
    assert question["custom"]["question_id"] == "deceased_retired"
    assert [b["payload"] for b in question["buttons"]][
        0
    ] == '/provide_answer{"answer_value": "ja", "question_id": "deceased_retired"}'
    conversation = slots["conversation"]
    assert conversation["journey"]["answers"] == {"partner_status": "geen_partner"}
    dispatcher, _, slots = await turn("ja hij was al met pensioen", "retirement", 0.97, slots=slots)
    assert slots["conversation"]["journey"]["answers"]["deceased_retired"] == "ja"
    assert any((m.get("custom") or {}).get("type") == "step_card" for m in dispatcher.messages)
    with session_scope(context.settings().database_url) as session:
        kinds = [r.kind for r in session.execute(select(JourneyEventRecord)).scalars()]
    assert kinds == ["started", "step_viewed"]


async def test_not_understood_message_is_stored_redacted() -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "death", "confidence": 0.3}]
    dispatcher, _, _ = await turn(
        "mijn mail is jan.peeters@example.com help", "nlu_fallback", 0.45, ranking=ranking
    )
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/death"
    with session_scope(context.settings().database_url) as session:
        rows = session.execute(select(UnrecognisedMessage)).scalars().all()
        stored = " ".join(str(value) for value in vars(rows[0]).values())
    assert len(rows) == 1 and "jan.peeters@example.com" not in stored and "[E-MAIL]" in stored


async def test_live_handoff_carries_the_story_without_names() -> None:
    _, _, slots = await turn("we hebben ons eerste kindje gekregen", "birth", 0.99)
    _, _, slots = await turn("ik werk als bediende", "provide_answer", 0.8, slots=slots)
    _, _, slots = await turn(
        "ik woon in Gent en ben bevallen op 20 november", "provide_date", 0.7, slots=slots
    )
    history = [
        {"event": "user", "text": "mijn naam is Jan Peeters en ik snap het niet"},
        {"event": "user", "text": "/handoff_live"},
    ]
    dispatcher, events, slots = await turn("/handoff_live", "handoff_live", 1.0, slots=slots, events=history)
    assert "medewerker" in dispatcher.messages[-1]["text"]
    case = get_case(context.settings().database_url, int(slot_values(events)["handoff_case_id"]))
    assert case["life_events"] == ["birth"] and case["municipality"] == "Gent"
    assert "Is dit uw eerste kind? Ja, mijn eerste kind." in case["summary"]
    assert "Stap 1 van" in case["summary"]
    assert "Jan Peeters" not in case["summary"]
    dispatcher, _, _ = await turn("/handoff_live", "handoff_live", 1.0, slots=slots, events=history)
    assert "staat al klaar" in dispatcher.messages[-1]["text"]


async def test_outside_office_hours_only_offers_the_other_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEGWIJZER_OFFICE_HOURS", "sun 00:00-00:01")
    context.settings.cache_clear()
    dispatcher, _, _ = await turn("kan ik met iemand spreken", "request_human", 0.98)
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/handoff_physical"]


async def test_physical_referral_asks_the_municipality_then_refers() -> None:
    _, _, slots = await turn("ik heb schulden", "money_problems", 0.98)
    dispatcher, _, slots = await turn("/handoff_physical", "handoff_physical", 1.0, slots=slots)
    assert "In welke gemeente" in dispatcher.messages[0]["text"]
    dispatcher, _, slots = await turn("gent", "nlu_fallback", 0.3, slots=slots)
    assert dispatcher.messages[0]["text"].startswith("Hier kunt u terecht in Gent")
    assert slots["conversation"]["municipality"] == "Gent"
    # and the journey goes on where it was
    assert dispatcher.messages[-1]["custom"]["question_id"] == "ocmw_steun"


async def test_crisis_sets_the_handoff_reason() -> None:
    dispatcher, _, slots = await turn("ik zie het niet meer zitten", "money_problems", 0.6)
    assert "1813" in dispatcher.messages[0]["text"] and slots["handoff_reason"] == "distress"


async def test_a_malformed_slot_starts_fresh_instead_of_failing() -> None:
    dispatcher, _, slots = await turn("hallo", "greet", 0.99, slots={"conversation": {"journey": "kapot"}})
    assert dispatcher.messages[0]["text"].startswith("Dag!")
