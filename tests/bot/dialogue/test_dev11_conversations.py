"""Typed conversations from the dev11 split (written apart, 2026-12-02): shame with a situation still
gets its choices, a date after the crisis offer takes it up, a mistyped situation is dropped,
"opnieuw" before any answer starts afresh, someone living abroad near a place with a Belgian name,
a municipality nobody can give, the retirement age only from the age at retirement."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.dialogue.reading import asks_nearby
from bot.knowledge.knowledge_base import KnowledgeBase
from bot.understanding.answers import read_answer
from bot.understanding.fact_scan import scan_facts
from bot.understanding.signals import mistyped_first, signals_crisis, signals_crisis_after_loss
from devtools.chat import Chat, asked, scored_chat, texts

SHAME_AND_RENT = (
    "ik schaam mij om dit te vragen maar ik kan mijn huur nie meer betalen sinds mijne man weg is"
)


def test_shame_with_a_situation_named_by_its_words_starts_it_and_says_the_comfort_once(
    kb: KnowledgeBase,
) -> None:
    chat = scored_chat(kb)
    result = chat.say(SHAME_AND_RENT, "nlu_fallback", 0.45, {"money_problems": 0.36, "divorce": 0.34})
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "money_problems"
    assert texts(result).count("U hoeft zich niet te schamen") == 1


def test_shame_with_an_unplaced_story_offers_the_likely_situations(chat: Chat) -> None:
    """The acknowledgement of shame used to end the turn: no journey, no choice."""
    result = chat.say(
        "ik schaam mij zo, ik weet nie meer hoe ik alles moet betalen",
        "nlu_fallback",
        0.5,
        {"money_problems": 0.3},
    )
    assert "schamen" in texts(result)
    titles = [b["title"] for r in result.replies for b in r.buttons]
    assert "Geldproblemen en schulden" in titles
    assert "Sorry" not in texts(result)


def test_a_crisis_message_starts_its_journey_and_a_date_answers_its_question(chat: Chat) -> None:
    first = chat.say("ik ben thuis met een burn-out en ik zie het soms echt nie meer zitten", "illness", 0.9)
    assert "1813" in texts(first)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "illness"
    assert asked(first) == "work_status"
    chat.say("bediende", "nlu_fallback", 0.4)
    assert asked(chat.last) == "event_date"
    chat.say("sinds begin deze maand", "nlu_fallback", 0.4)
    assert journey.answers == {"work_status": "bediende"} and journey.event_date == dt.date(2026, 11, 1)


@pytest.mark.parametrize(
    "typed",
    [
        "had ik er maar nie meer geweest in zijn plaats",
        "ik heb zoveel schulden dat ik het nie meer zie zitten, de deurwaarder staat hier elke week",
        "was ik maar dood",
        "was ik er maar niet meer",
    ],
)
def test_more_ways_to_say_the_wish_not_to_be_there_get_the_crisis_lines(typed: str) -> None:
    assert signals_crisis(typed)


def test_dying_in_his_place_is_a_crisis_after_a_loss_only() -> None:
    assert signals_crisis_after_loss("ik wou dat ik in zijn plaats was gestorven")
    assert not signals_crisis("ik zie het zitten om te verhuizen")


def test_a_mistyped_situation_is_dropped_for_the_one_named_after_it(chat: Chat) -> None:
    chat.say("ik heb mijn job verloren", "job_loss", 0.95)
    result = chat.say(
        "sorry verkeerd getypt. ik heb nog nooit gewerkt, ik ben net van school en ik zoek mijne eerste job",
        "first_job",
        0.9,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "first_job"
    assert "Wilt u dat nu eerst bekijken" not in texts(result)
    assert "job_loss" not in chat.state.later


def test_mistyped_alone_changes_no_situation(chat: Chat) -> None:
    assert mistyped_first("oei verkeerd getypt")
    assert not mistyped_first("ik heb verkeerd getypt in mijn aangifte, kan ik dat nog veranderen?")
    chat.say("ik heb mijn job verloren", "job_loss", 0.95)
    chat.say("sorry, verkeerd getypt", "nlu_fallback", 0.4)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "job_loss"


def test_opnieuw_before_any_answer_starts_afresh_and_after_an_answer_restarts_the_questions(
    chat: Chat,
) -> None:
    chat.say("ik wil een zaak starten", "start_business", 0.95)
    chat.say("opnieuw", "nlu_fallback", 0.4)
    assert chat.state.journey is None
    chat.say("ik heb al 5 jaar een zaak, ik zoek advies om ze te laten groeien", "business_support", 0.9)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "business_support"

    other = Chat(chat.kb)
    other.say("ik wil een zaak starten", "start_business", 0.95)
    other.say("een eenmanszaak", "nlu_fallback", 0.4)
    other.say("opnieuw", "nlu_fallback", 0.4)
    journey = other.state.journey
    assert journey is not None and journey.event_id == "start_business" and not journey.answers


@pytest.mark.parametrize(
    ("message", "nearby"),
    [
        ("Mijn vader woont nu in Frankrijk, in de buurt van Lille. Ik help hem met zijn papieren", False),
        ("ik woon in de buurt van Aalst", False),
        ("we wonen in Gent. Is er een kantoor in de buurt?", True),
        ("is er een ocmw in mijn buurt?", True),
    ],
)
def test_living_near_a_place_is_no_question_for_an_office_nearby(message: str, nearby: bool) -> None:
    assert asks_nearby(message) is nearby


def test_living_abroad_near_a_place_with_a_belgian_name_records_no_municipality(chat: Chat) -> None:
    result = chat.say(
        "Mijn vader heeft 40 jaar bij de spoorwegen gewerkt en woont nu in Frankrijk, in de buurt van Lille. "
        "Hij is vorig jaar met pensioen gegaan maar nu krijgt hij een brief die hij nie verstaat.",
        "retirement",
        0.95,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "retirement"
    assert journey.answers.get("residence") == "buitenland"
    assert journey.answers.get("pension_timing") == "al_gepensioneerd"
    assert chat.state.municipality is None and "Lille" not in texts(result)


@pytest.mark.parametrize("typed", ["weet ik niet", "ik woon in het buitenland", "hij woont in Frankrijk"])
def test_no_municipality_to_give_ends_the_question_instead_of_looping(chat: Chat, typed: str) -> None:
    chat.say("ik zoek een ocmw in mijn buurt", "nlu_fallback", 0.4)
    assert chat.state.pending is not None and chat.state.pending.kind == "municipality"
    result = chat.say(typed, "nlu_fallback", 0.4)
    assert chat.state.pending is None
    assert "Die gemeente vond ik niet" not in texts(result)


def test_the_retirement_age_in_a_sentence_is_only_the_age_at_retirement(kb: KnowledgeBase) -> None:
    question = kb.events["retirement"].question("pension_timing")
    assert question is not None
    # "een brief" and "40 jaar gewerkt" are no age at retirement
    assert read_answer(question, "Hij heeft 40 jaar gewerkt en krijgt nu een brief").value is None
    assert read_answer(question, "63").value == "vervroegd"
    assert read_answer(question, "ik wil stoppen als ik 63 ben").value == "vervroegd"


def test_a_future_retirement_is_no_fuzzy_typo_of_a_past_one(kb: KnowledgeBase) -> None:
    question = kb.events["retirement"].question("pension_timing")
    assert question is not None
    assert scan_facts(question, "wanneer kan ik met pensioen gaan") is None
    assert scan_facts(question, "hij is vorig jaar met pensioen gegaan") == "al_gepensioneerd"


@pytest.mark.parametrize(
    ("event", "question_id", "typed", "value"),
    [
        ("hire_staff", "first_employee", "ik wil voor de eerste keer iemand aanemen", "eerste"),
        (
            "business_support",
            "support_need",
            "het gaat slecht met mijn zaak, ik wil nie stoppen",
            "moeilijkheden",
        ),
        ("hire_staff", "jobseeker", "hij is bij de VDAB ingeschreven", "ja"),
        ("death", "partner_status", "Mijn buurvrouw van 91 is gisteren gestorven", "geen_partner"),
        (
            "illness",
            "work_status",
            "mijn man ligt in het ziekenhuis. hij is zelfstandig loodgieter",
            "zelfstandige",
        ),
        ("job_loss", "notice", "Ik moet nog doorwerken tot eind februari", "opzeg_presteren"),
        ("stop_business", "legal_form", "we gaan de vennootschap vereffenen", "vennootschap"),
    ],
)
def test_facts_told_in_dev11_first_messages(
    kb: KnowledgeBase, event: str, question_id: str, typed: str, value: str
) -> None:
    question = kb.events[event].question(question_id)
    assert question is not None
    assert scan_facts(question, typed) == value


def test_neenee_is_a_no(kb: KnowledgeBase) -> None:
    question = kb.events["money_problems"].question("ocmw_steun")
    assert question is not None
    assert read_answer(question, "neenee").value == "nee"
