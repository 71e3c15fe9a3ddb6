"""Typed conversations from citizen test 2026-12-02-v: Limburgish is Dutch, a last working day said in
the present is the one ahead, "niet ik" and "nee wacht" are no answers, "dat bedoel ik niet" after the
suggested questions keeps the situation, and facts typed in dialect."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.understanding.answers import read_answer
from bot.understanding.fact_scan import scan_facts
from bot.understanding.language import detect_language
from devtools.chat import Chat, asked, customs, texts


@pytest.mark.parametrize(
    "typed",
    [
        "hoi ich gaon volgend jaor studere in leuve, kin ich doa e beurs veur kriege?",
        "ich verhoes volgende maond nao mestreech mer ich blief in genk werke. wat mót ich doon?",
    ],
)
def test_limburgish_is_answered_in_dutch(typed: str) -> None:
    assert detect_language(typed) is None


def test_german_is_still_german() -> None:
    assert detect_language("Ich habe meine Arbeit verloren, was muss ich tun?") == "de"


def test_a_last_working_day_in_the_present_is_the_one_ahead_after_a_dismissal_told_in_the_past(
    chat: Chat,
) -> None:
    chat.say("mijn vrouw is ontslagen", "job_loss", 0.9)
    chat.say("zij moet nog een maand opzeg werken", "nlu_fallback", 0.4)
    chat.say("ja we hebben een dochter van 10", "nlu_fallback", 0.4)
    assert asked(chat.last) == "event_date"
    chat.say("haar laatste werkdag is 8 januari", "nlu_fallback", 0.4)
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2027, 1, 8)


@pytest.mark.parametrize(
    ("question_id", "typed", "value"),
    [
        (
            "notice",
            "niet ik, mijn vrouw is ontslagen. zij moet nog een maand opzeg werken",
            "opzeg_presteren",
        ),
        ("has_children", "nee wacht, ze werkt haar opzeg dus wel. en ja we hebben een dochter van 10", "ja"),
        ("has_children", "niet ik", "nee"),
    ],
)
def test_words_before_the_answer_are_no_answer(
    kb: KnowledgeBase, question_id: str, typed: str, value: str
) -> None:
    question = kb.events["job_loss"].question(question_id)
    assert question is not None
    assert read_answer(question, typed).value == value


def test_that_is_not_what_i_mean_after_the_suggested_questions_keeps_the_situation(chat: Chat) -> None:
    chat.say("mijn papa is gisteren overleden", "death", 0.95)
    chat.say("ik ben zijn dochter", "nlu_fallback", 0.4)
    chat.say("ja", "affirm", 0.9)
    chat.say(
        "moet ik naar het gemeentehuis voor de aangifte van overlijden? de begrafenisondernemer doet dat",
        "nlu_fallback",
        0.4,
    )
    assert customs(chat.last, "faq_suggestions")
    result = chat.say(
        "nee dat bedoel ik niet. wie doet de aangifte van het overlijden bij de gemeente?", "death", 0.6
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "death"
    assert journey.answers.get("partner_status") == "geen_partner"
    assert "Was u de partner" not in texts(result)


def test_that_is_not_it_with_another_situation_still_drops_the_one_followed(chat: Chat) -> None:
    chat.say("ik heb mijn job verloren", "job_loss", 0.95)
    chat.say("nee dat is het niet, ik ben mantelzorger voor mijn moeder", "caregiving", 0.9)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "caregiving"


@pytest.mark.parametrize(
    ("event", "question_id", "typed", "value"),
    [
        ("birth", "parent_role", "kzyn zwanger van ons tweede", "moeder"),
        ("money_problems", "energieschuld", "mijne stroom gaat afgesloten worre", "ja"),
        ("death", "partner_status", "papa dood wat nu", "geen_partner"),
        ("retirement", "pension_timing", "gewoon op zijn 66ste dan", "wettelijk"),
    ],
)
def test_facts_typed_in_citizen_test_v(
    kb: KnowledgeBase, event: str, question_id: str, typed: str, value: str
) -> None:
    question = kb.events[event].question(question_id)
    assert question is not None
    assert scan_facts(question, typed) == value


def test_polite_words_around_next_and_previous_step_change_nothing(chat: Chat) -> None:
    chat.say("ik ben gisteren verhuisd naar Gent", "moving", 0.95)
    chat.say("ik huur", "nlu_fallback", 0.4)
    chat.say("nee", "deny", 0.9)
    assert "Stap 1 van" in texts(chat.last)
    assert "Stap 2 van" in texts(chat.say("volgende alstublieft", "nlu_fallback", 0.6))
    assert "Stap 1 van" in texts(chat.say("ok vorige stap graag", "nlu_fallback", 0.6))


def test_the_town_of_an_employer_is_not_where_the_person_lives() -> None:
    from bot.dialogue.municipality import municipality_in

    assert (
        municipality_in("ik werk al veertig jaar als bediende bij een verzekeringsmaatschappij in Gent")
        is None
    )


def test_bereavement_leave_asked_in_a_death_journey_is_offered_from_the_faq_and_the_question_kept(
    chat: Chat,
) -> None:
    chat.say("mijn man is gisteren overleden", "death", 0.95)
    question = asked(chat.last)
    assert question is not None
    result = chat.say("hoeveel dagen rouwverlof krijg ik van mijn werk?", "nlu_fallback", 0.4)
    suggestions = customs(result, "faq_suggestions")
    assert suggestions and "death-rouwverlof-werknemer" in suggestions[0]["ids"]
    assert asked(result) == question
