"""After the crisis lines, the offered help keeps the story told with the crisis message (dev6)."""

from __future__ import annotations

import datetime as dt

from bot.knowledge.knowledge_base import KnowledgeBase
from devtools.chat import Chat, asked, scored_chat, texts

CRISIS_STORY = "mijn vrouw is drie weken geleden gestorven en ik wil eigenlijk ook niet meer verder leven"


def test_a_question_about_the_offered_help_after_straks_bellen_takes_it_up(kb: KnowledgeBase) -> None:
    """dev6: "ik zal straks bellen. maar wat moet ik regelen ...?" was read as "later" (no help)."""
    chat = scored_chat(kb)
    first = chat.say(CRISIS_STORY, "death", 0.9)
    assert "1813" in texts(first)
    reply = chat.say(
        "ik weet het, ik zal straks bellen. maar wat moet ik nog regelen voor haar pensioen en de bank?",
        "death",
        0.8,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "death"
    assert journey.event_date == dt.date(2026, 11, 4)
    # "mijn vrouw" from the crisis message: she was his partner, only the kind of union is asked
    assert "U was de partner van de overledene" in texts(reply)
    assert set(journey.narrowed.get("partner_status", [])) == {
        "gehuwd",
        "wettelijk_samenwonend",
        "feitelijk_samenwonend",
    }


def test_the_offer_pressed_later_still_reads_the_crisis_story(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(CRISIS_STORY, "death", 0.9)
    chat.say("ik weet het nie", "deny", 0.5)  # unsure: the offer stays open
    assert chat.state.pending is not None and chat.state.pending.kind == "switch"
    reply = chat.click("Ja")
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "death"
    assert "U was de partner van de overledene" in texts(reply)


def test_later_in_the_same_sentence_as_the_question_still_waits(chat: Chat) -> None:
    chat.say(CRISIS_STORY, "death", 0.9)
    chat.say("dank u. kan dat straks?", "affirm", 0.5)
    assert chat.state.journey is None


def test_limburgish_i_dont_know_is_no_german(chat: Chat) -> None:
    """dev6: "weet ich nog nie" got the reply for speakers of another language."""
    chat.say("ik wil iemand aanwerven voor mijn zaak in Maaseik", "hire_staff", 0.95)
    question = asked(chat.last)
    assert question is not None
    reply = chat.say("weet ich nog nie", "other_language", 0.6)
    assert "I am a digital assistant" not in texts(reply)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get(question) == "onbekend"


def test_a_no_and_a_question_about_the_helpline_takes_up_nothing(chat: Chat) -> None:
    """Review: "Nee, nog niet. Wanneer is de zelfmoordlijn bereikbaar?" started the death plan."""
    chat.say(CRISIS_STORY, "death", 0.9)
    chat.say("Nee, nog niet. Wanneer is de zelfmoordlijn bereikbaar?", "deny", 0.6)
    assert chat.state.journey is None
