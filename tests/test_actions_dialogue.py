"""Multi-event, switching journeys, fallback and other languages, at the action level."""
from __future__ import annotations

from pathlib import Path

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import context
from actions.fallback import ActionAnswerOtherLanguage, ActionAnswerOutOfScope, ActionClarify
from actions.journey import ActionRecordAnswer, ActionStartJourney
from actions.navigation import ActionNextStep, ActionResumeJourney
from tests.test_actions import make_tracker, slot_values


pytestmark = pytest.mark.usefixtures("isolated_action_settings")


async def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    return dispatcher, events


async def test_two_hardship_events_in_one_message() -> None:
    ranking = [{"name": "money_problems", "confidence": 0.55}, {"name": "job_loss", "confidence": 0.35},
               {"name": "moving", "confidence": 0.05}]
    tracker = make_tracker("money_problems", text="ik ben mijn job kwijt en kan de huur niet meer betalen",
                           ranking=ranking)
    dispatcher, events = await run(ActionStartJourney(), tracker)
    responses = [m.get("response") for m in dispatcher.messages]
    assert responses[0] == "utter_several_events"
    # job_loss has the shorter deadlines, so it goes first even though money_problems ranked higher.
    assert dispatcher.messages[0]["first_event"] == context.knowledge_base().get("job_loss").title
    assert "utter_integral_guidance" in responses
    later = dispatcher.messages[-1]
    assert later["response"] == "utter_later_events"
    assert [b["payload"] for b in later["buttons"]] == ["/money_problems"]
    assert slot_values(events)["life_event"] == "job_loss"


async def test_switching_event_keeps_previous_journey_and_resume_returns() -> None:
    slots = {"life_event": "birth", "step_index": 2, "journey_answers": {"first_child": "ja", "employment_status": "werknemer"}}
    dispatcher, events = await run(ActionStartJourney(), make_tracker("moving", slots, text="ik ga verhuizen"))
    assert dispatcher.messages[0]["response"] == "utter_journey_suspended"
    suspended = slot_values(events)["suspended_journey"]
    assert suspended["event_id"] == "birth" and suspended["step_index"] == 2

    slots = {"life_event": "moving", "step_index": 0, "journey_answers": {}, "suspended_journey": suspended}
    dispatcher, events = await run(ActionResumeJourney(), make_tracker("resume_journey", slots))
    assert dispatcher.messages[0]["response"] == "utter_resuming"
    assert dispatcher.messages[1]["custom"]["number"] == 3
    values = slot_values(events)
    assert values["life_event"] == "birth" and values["suspended_journey"]["event_id"] == "moving"


async def test_resume_without_suspended_journey() -> None:
    dispatcher, events = await run(ActionResumeJourney(), make_tracker("resume_journey", {}))
    assert dispatcher.messages[0]["response"] == "utter_nothing_to_resume" and events == []


async def test_end_of_journey_offers_to_resume_suspended_one() -> None:
    slots = {"life_event": "birth", "step_index": 5, "journey_answers": {"first_child": "ja", "employment_status": "werknemer"},
             "suspended_journey": {"event_id": "moving", "step_index": 1, "answers": {}}}
    dispatcher, _ = await run(ActionNextStep(), make_tracker("next_step", slots))
    assert dispatcher.messages[1]["response"] == "utter_offer_resume"
    assert dispatcher.messages[1]["buttons"][0]["payload"] == "/resume_journey"


async def test_typed_and_yes_answers_are_understood() -> None:
    slots = {"life_event": "birth", "journey_answers": {}, "pending_question": "first_child"}
    dispatcher, events = await run(ActionRecordAnswer(), make_tracker("affirm", slots, text="ja"))
    assert slot_values(events)["journey_answers"] == {"first_child": "ja"}
    slots = {"life_event": "birth", "journey_answers": {"first_child": "ja"}, "pending_question": "employment_status"}
    dispatcher, events = await run(ActionRecordAnswer(), make_tracker("provide_answer", slots, text="ik ben zelfstandige"))
    assert slot_values(events)["journey_answers"]["employment_status"] == "zelfstandige"


async def test_yes_without_question_is_acknowledged() -> None:
    dispatcher, events = await run(ActionRecordAnswer(), make_tracker("affirm", {}, text="ok"))
    assert dispatcher.messages[0]["response"] == "utter_ok" and events == []


async def test_first_fallback_clarifies_with_likely_events() -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "death", "confidence": 0.3},
               {"name": "caregiving", "confidence": 0.2}, {"name": "greet", "confidence": 0.1}]
    tracker = make_tracker("nlu_fallback", text="mijn moeder is heel slecht", ranking=ranking,
                           events=[{"event": "user", "parse_data": {"intent": {"name": "nlu_fallback"}}}])
    dispatcher, _ = await run(ActionClarify(), tracker)
    message = dispatcher.messages[0]
    assert message["response"] == "utter_clarify"
    assert [b["payload"] for b in message["buttons"]] == ["/death", "/caregiving", "/ask_capabilities"]


async def test_second_fallback_in_a_row_offers_a_human() -> None:
    events = [{"event": "user", "parse_data": {"intent": {"name": "nlu_fallback"}}},
              {"event": "bot", "text": "..."},
              {"event": "user", "parse_data": {"intent": {"name": "nlu_fallback"}}}]
    tracker = make_tracker("nlu_fallback", text="blabla", ranking=[{"name": "nlu_fallback", "confidence": 0.4}],
                           events=events)
    dispatcher, _ = await run(ActionClarify(), tracker)
    assert dispatcher.messages[0]["response"] == "utter_offer_human_after_fallback"
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/request_human"


@pytest.mark.parametrize("message, expected", [
    ("Bonjour, j'ai besoin d'aide", "je parle uniquement néerlandais"),
    ("Hello, I need help with my pension", "I only speak Dutch"),
    ("مرحبا، أحتاج إلى مساعدة", "الهولندية"),
    ("Merhaba, yardıma ihtiyacım var lütfen", "Felemenkçe"),
])
async def test_other_language_gets_short_answer_in_that_language(message: str, expected: str) -> None:
    dispatcher, _ = await run(ActionAnswerOtherLanguage(), make_tracker("other_language", text=message))
    assert expected in dispatcher.messages[0]["text"]
    assert len(dispatcher.messages) == 1


async def test_unknown_other_language_gets_dutch_and_english() -> None:
    dispatcher, _ = await run(ActionAnswerOtherLanguage(), make_tracker("other_language", text="Salaan caawimaad"))
    assert "Ik spreek alleen Nederlands" in dispatcher.messages[0]["text"]
    assert "I only speak Dutch" in dispatcher.messages[0]["text"]


async def test_out_of_scope_in_dutch_and_in_french() -> None:
    dispatcher, _ = await run(ActionAnswerOutOfScope(), make_tracker("out_of_scope", text="hoe vernieuw ik mijn rijbewijs"))
    assert dispatcher.messages[0]["response"] == "utter_out_of_scope"
    dispatcher, _ = await run(ActionAnswerOutOfScope(), make_tracker("out_of_scope", text="comment renouveler mon permis de conduire"))
    assert "néerlandais" in dispatcher.messages[0]["text"]


async def test_unrecognised_message_is_stored_redacted(tmp_path: Path) -> None:
    from sqlalchemy import select

    from bot.feedback import UnrecognisedMessage
    from bot.store import session_scope

    ranking = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "death", "confidence": 0.3}]
    tracker = make_tracker("nlu_fallback", text="mijn mail is jan.peeters@example.com help", ranking=ranking,
                           events=[{"event": "user", "parse_data": {"intent": {"name": "nlu_fallback"}}}])
    await run(ActionClarify(), tracker)
    with session_scope(context.settings().database_url) as session:
        rows = session.execute(select(UnrecognisedMessage)).scalars().all()
        assert len(rows) == 1
        stored = " ".join(str(value) for value in vars(rows[0]).values())
        assert "jan.peeters@example.com" not in stored and "[E-MAIL]" in stored
