"""After the crisis lines, the offered help keeps the story told with the crisis message (dev6)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase
from devtools.chat import Chat, asked, scored_chat, texts

CRISIS_STORY = "mijn vrouw is drie weken geleden gestorven en ik wil eigenlijk ook niet meer verder leven"


def test_the_crisis_message_starts_its_journey_with_its_story(kb: KnowledgeBase) -> None:
    """dev11: after the crisis lines the help had to be accepted first (the plan was never reached);
    now the crisis lines come first and the journey starts with what the message said."""
    chat = scored_chat(kb)
    first = chat.say(CRISIS_STORY, "death", 0.9)
    shown = texts(first)
    assert "1813" in shown and "106" in shown
    assert shown.index("1813") < shown.index("Gecondoleerd")  # the crisis lines come first
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "death"
    assert journey.event_date == dt.date(2026, 11, 4)  # "drie weken geleden", beside the crisis words
    # "mijn vrouw": she was his partner, only the kind of union is asked
    assert "U was de partner van de overledene" in shown
    assert asked(first) == "partner_status"
    assert set(chat.state.pending.options or []) == {
        "gehuwd",
        "wettelijk_samenwonend",
        "feitelijk_samenwonend",
    }


def test_a_question_after_straks_bellen_keeps_the_journey(kb: KnowledgeBase) -> None:
    """dev6: "ik zal straks bellen. maar wat moet ik regelen ...?" is no refusal of the help."""
    chat = scored_chat(kb)
    chat.say(CRISIS_STORY, "death", 0.9)
    chat.say(
        "ik weet het, ik zal straks bellen. maar wat moet ik nog regelen voor haar pensioen en de bank?",
        "death",
        0.8,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "death"
    assert journey.event_date == dt.date(2026, 11, 4)
    assert asked(chat.last) == "partner_status"


def test_kan_dat_straks_parks_the_question_and_the_button_brings_it_back(chat: Chat) -> None:
    chat.say(CRISIS_STORY, "death", 0.9)
    reply = chat.say("dank u. kan dat straks?", "affirm", 0.5)
    assert asked(reply) is None and chat.state.pending is None
    assert "Wanneer u wilt, gaan we verder met 'Een naaste is overleden'" in texts(reply)
    back = chat.click("Verder met")
    assert asked(back) == "partner_status"
    assert "Was u met de overledene getrouwd" in texts(back)  # the question as first asked
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2026, 11, 4)  # nothing forgotten


def test_limburgish_i_dont_know_is_no_german(chat: Chat) -> None:
    """dev6: "weet ich nog nie" got the reply for speakers of another language."""
    chat.say("ik wil iemand aanwerven voor mijn zaak in Maaseik", "hire_staff", 0.95)
    question = asked(chat.last)
    assert question is not None
    reply = chat.say("weet ich nog nie", "other_language", 0.6)
    assert "I am a digital assistant" not in texts(reply)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get(question) == "onbekend"


def test_a_no_and_a_question_about_the_helpline_answers_it_and_nothing_else(chat: Chat) -> None:
    """Review: "Nee, nog niet. Wanneer is de zelfmoordlijn bereikbaar?" must not answer the open
    question ("nee": no partner); citizen test VII: questions about 1813 and 106 got "geen zeker
    antwoord" or the crisis message word for word."""
    chat.say(CRISIS_STORY, "death", 0.9)
    reply = chat.say("Nee, nog niet. Wanneer is de zelfmoordlijn bereikbaar?", "deny", 0.6)
    shown = texts(reply)
    assert "gratis en anoniem" in shown and "zelfmoord1813.be" in shown and "112" in shown
    journey = chat.state.journey
    assert journey is not None and "partner_status" not in journey.answers
    assert asked(reply) == "partner_status"  # the question stays open


@pytest.mark.parametrize(
    "typed",
    [
        "kan ik da 106 ook snachts bellen? ik slaap nie meer",
        "wat doet die 106 eigenlijk? moet ik daar mijn naam zeggen?",
    ],
)
def test_questions_about_the_helplines_are_answered(chat: Chat, typed: str) -> None:
    chat.say(CRISIS_STORY, "death", 0.9)
    reply = chat.say(typed, "nlu_fallback", 0.4)
    assert "u hoeft uw naam niet te zeggen" in texts(reply) and "1700" not in texts(reply)


def test_having_called_1813_is_no_question_and_the_facts_beside_it_are_taken(chat: Chat) -> None:
    """Citizen test VII: "ik heb die 1813 gebeld ... we zijn getrouwd sinds 2009" got the crisis
    message again and "getrouwd" was asked again."""
    chat.say(CRISIS_STORY, "death", 0.9)
    chat.say("ik heb die 1813 gebeld, het gaat een beetje. we waren getrouwd sinds 2009", "nlu_fallback", 0.4)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("partner_status") == "gehuwd"
