"""Pausing a journey in own words ("kan dat straks?", "nu even niet"), and the crisis lines followed
at once by the journey the message names (fourteenth session)."""

from __future__ import annotations

import datetime as dt

import pytest

from devtools.chat import Chat, asked, texts


@pytest.mark.parametrize("typed", ["nu even niet", "kan dat later?", "straks", "bedankt, liever later"])
def test_a_pause_keeps_the_journey_and_asks_the_question_again_on_the_button(chat: Chat, typed: str) -> None:
    chat.say("we verhuizen volgende maand naar Gent", "moving", 0.9)
    question = asked(chat.last)
    assert question is not None
    reply = chat.say(typed, "nlu_fallback", 0.4)
    assert "Goed, dat kan later" in texts(reply) and asked(reply) is None
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "moving"
    back = chat.click("Verder met")
    assert asked(back) == question
    assert journey.event_date == dt.date(2026, 12, 1) and chat.state.journey is journey


def test_straks_to_an_offer_still_keeps_the_current_journey_first(chat: Chat) -> None:
    chat.say("we verhuizen volgende maand naar Gent", "moving", 0.9)
    chat.say("ik heb ook schulden", "money_problems", 0.8)
    reply = chat.say("straks", "nlu_fallback", 0.4)
    assert "bewaar ik voor straks" in texts(reply)
    assert chat.state.journey is not None and chat.state.journey.event_id == "moving"
    assert asked(reply) is not None  # the moving question, not a pause


def test_later_as_part_of_an_answer_is_no_pause(chat: Chat) -> None:
    chat.say("ik ben ziek, ik ben bediende", "illness", 0.9)
    reply = chat.say("later deze week ga ik naar de dokter, ziek sinds gisteren", "nlu_fallback", 0.4)
    assert "Goed, dat kan later" not in texts(reply)


@pytest.mark.parametrize(
    ("story", "intent", "question"),
    [
        ("ik wil er een einde aan maken, de deurwaarder staat aan de deur", "money_problems", "ocmw_steun"),
        ("mijn man is dood en ik wil ook niet meer leven", "death", "partner_status"),
    ],
)
def test_the_crisis_lines_come_first_and_the_journey_starts(
    chat: Chat, story: str, intent: str, question: str
) -> None:
    reply = chat.say(story, intent, 0.9)
    shown = texts(reply)
    assert "1813" in shown and "106" in shown and "112" in shown
    assert "U mag ook hier verder, op uw eigen tempo." in shown
    assert chat.state.crisis and chat.state.journey is not None and chat.state.journey.event_id == intent
    assert asked(reply) == question
    assert reply.replies[0].buttons and reply.replies[0].buttons[0]["payload"] == "/request_human"


@pytest.mark.parametrize(
    "typed", ["ja, help me daar alstublieft mee", "ok ik ben er klaar voor", "ja graag, help mij"]
)
def test_taking_up_the_help_answers_no_question(chat: Chat, typed: str) -> None:
    """dev13 types "ja, help me daar alstublieft mee" after the crisis lines: the "ja" had answered
    "Krijgt u al een leefloon ...?" with yes."""
    chat.say("ik wil er een einde aan maken, de deurwaarder staat aan de deur", "money_problems", 0.9)
    reply = chat.say(typed, "nlu_fallback", 0.4)
    journey = chat.state.journey
    assert journey is not None and "ocmw_steun" not in journey.answers
    assert asked(reply) == "ocmw_steun" and "Goed, we gaan samen verder" in texts(reply)


def test_taking_up_the_help_after_a_pause_asks_the_parked_question(chat: Chat) -> None:
    chat.say("we verhuizen volgende maand naar Gent", "moving", 0.9)
    question = asked(chat.last)
    chat.say("nu even niet", "nlu_fallback", 0.4)
    reply = chat.say("ok, help me verder", "nlu_fallback", 0.4)
    assert asked(reply) == question


def test_a_yes_with_an_answer_beside_it_is_still_an_answer(chat: Chat) -> None:
    chat.say("mijn man is dood en ik wil ook niet meer leven", "death", 0.9)
    chat.say("ja help me, we waren getrouwd", "nlu_fallback", 0.4)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("partner_status") == "gehuwd"
