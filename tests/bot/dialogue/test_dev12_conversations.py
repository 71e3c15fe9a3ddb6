"""Typed conversations from the dev12 split (written apart, 2026-12-02): a mixed English and Dutch
first message is read in Dutch, arriving from abroad is no move within Flanders, "nee nee, eerst ...
afwerken" keeps the current situation, a place of study is not where the family lives, and first
messages in the words people use ("mijn allereerste werknemer", "we wonen apart", "onze bv gaat over
kop", "na 22 jaar trouwe dienst ... aan de deur")."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.understanding.answers import read_answer
from bot.understanding.dates import read_date
from bot.understanding.language import detect_language, has_dutch_clause
from bot.understanding.signals import arrives_from_abroad
from devtools.chat import Chat, asked, scored_chat


@pytest.mark.parametrize(
    "typed",
    [
        "hello, I'm from India, ik studeer sinds september aan de KU Leuven. what do I need to register?",
        "hello i just moved to kortrik from poland, ik werk in een fabriek hier. what i must do?",
    ],
)
def test_a_message_with_a_plain_dutch_clause_is_dutch(typed: str) -> None:
    assert has_dutch_clause(typed)
    assert detect_language(typed) is None


@pytest.mark.parametrize(
    ("typed", "language"),
    [
        ("I lost my job in Gent, what should I do now?", "en"),
        ("Je viens de déménager à Gand, que dois-je faire?", "fr"),
    ],
)
def test_a_foreign_message_with_a_dutch_place_name_stays_foreign(typed: str, language: str) -> None:
    assert detect_language(typed) == language


def test_a_mixed_message_gets_a_dutch_answer_not_the_other_language_reply(chat: Chat) -> None:
    chat.say(
        "hello i just moved to kortrik from poland, ik werk in een fabriek hier. what i must do?",
        "other_language",
        0.98,
    )
    said = " ".join(reply.text or "" for reply in chat.last.replies) if chat.last else ""
    assert "I am a digital assistant" not in said
    assert {"u", "uw"} & set(said.split())  # answered in Dutch
    buttons = (
        [button["title"] for reply in chat.last.replies for button in reply.buttons] if chat.last else []
    )
    journey = chat.state.journey
    assert (journey is not None and journey.event_id == "newcomer") or "Nieuw in Vlaanderen" in buttons


@pytest.mark.parametrize(
    ("typed", "arrives"),
    [
        ("ik ben net van Spanje naar Gent verhuisd voor mijn werk", True),
        ("ik ben van polen naar hier gekomen", True),
        ("ik verhuis uit het buitenland naar Leuven", True),
        ("we verhuizen van Gent naar Spanje", False),
        ("ik verhuis van Antwerpen naar Gent", False),
    ],
)
def test_arriving_from_abroad(typed: str, arrives: bool) -> None:
    assert arrives_from_abroad(typed) is arrives


def test_a_move_from_spain_to_gent_starts_the_newcomer_journey(chat: Chat) -> None:
    chat.say(
        "hallo, ik ben net van Spanje naar Gent verhuisd voor mijn werk. wat moet ik hier regelen?",
        "moving",
        0.9,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "newcomer"


def test_no_then_finish_this_first_keeps_the_current_situation(chat: Chat) -> None:
    chat.say(
        "mijn zoon gaat volgend academiejaar ingenieur studeren in Gent, wat moeten we regelen?",
        "studying",
        0.9,
    )
    assert chat.state.municipality is None  # Gent is where he will study, not where they live
    chat.say("oh en ik ben zelf mijn werk kwijt sinds vorige week", "job_loss", 0.8)
    chat.say("nee nee, eerst da van mijn zoon afwerken", "deny", 0.6)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "studying"
    assert asked(chat.last) == "woonsituatie"


@pytest.mark.parametrize(
    ("intent", "confidence", "typed", "event", "answers"),
    [
        (
            "first_job",
            0.8,
            "over twee weken komt mijn allereerste werknemer, wat moet ik vooraf regelen?",
            "hire_staff",
            {},
        ),
        (
            "cohabitation_marriage",
            0.66,
            "sinds 1 september wonen mijn partner en ik apart, nu willen we het officieel maken",
            "divorce",
            {},
        ),
        (
            "start_business",
            0.85,
            "ik heb sinds een jaar mijn eigen zaakske en ik wil beter worden in boekhouding en marketing. "
            "waar kan ik raad of een cursus krijgen als ondernemer?",
            "business_support",
            {},
        ),
        (
            "business_support",
            0.88,
            "onze bv gaat over kop. de leveranciers kunnen we nie meer betalen. wat nu?",
            "stop_business",
            {"legal_form": "vennootschap", "reason": "faillissement"},
        ),
        (
            "cohabitation_marriage",
            0.99,
            "SCHANDALIG!! na 22 jaar trouwe dienst zetten ze mij met een sms aan de deur",
            "job_loss",
            {"ended_by": "ontslag_werkgever"},
        ),
    ],
)
def test_first_messages_in_everyday_words_reach_their_situation(
    kb: KnowledgeBase, intent: str, confidence: float, typed: str, event: str, answers: dict[str, str]
) -> None:
    chat = scored_chat(kb)
    chat.say(typed, intent, confidence)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == event
    for question_id, value in answers.items():
        assert journey.answers.get(question_id) == value


@pytest.mark.parametrize(
    ("typed", "today", "start", "end"),
    [
        ("liefst volgende zomer", dt.date(2026, 11, 25), dt.date(2027, 6, 21), dt.date(2027, 9, 22)),
        ("in de lente", dt.date(2026, 11, 25), dt.date(2027, 3, 20), dt.date(2027, 6, 20)),
        ("deze zomer", dt.date(2026, 11, 25), dt.date(2026, 6, 21), dt.date(2026, 9, 22)),
        ("vorige winter", dt.date(2026, 11, 25), dt.date(2025, 12, 21), dt.date(2026, 3, 19)),
        ("deze winter", dt.date(2027, 2, 10), dt.date(2026, 12, 21), dt.date(2027, 3, 19)),
        ("den eerste van het nieuwe jaar", dt.date(2026, 11, 25), dt.date(2027, 1, 1), dt.date(2027, 1, 1)),
        ("sinds het nieuwe jaar", dt.date(2026, 11, 25), dt.date(2026, 1, 1), dt.date(2026, 1, 10)),
    ],
)
def test_seasons_and_the_new_year(typed: str, today: dt.date, start: dt.date, end: dt.date) -> None:
    reading = read_date(typed, today)
    assert reading is not None and (reading.start, reading.end) == (start, end)


@pytest.mark.parametrize(
    ("event", "question_id", "typed", "value"),
    [
        ("start_business", "occupation", "da komt erbij, ik sta nog 4/5e voor de klas", "bijberoep"),
        (
            "start_business",
            "occupation",
            "het wordt onze hoofdbezigheid, we stoppen allebei met ons werk",
            "hoofdberoep",
        ),
        ("stop_business", "has_staff", "we hebben nog 4 mensen op de loonlijst", "ja"),
        ("birth", "employment_status", "ik ben lasser bij een firma in de haven", "werknemer"),
        ("birth", "parent_role", "ik heb haar zelf gebaard", "moeder"),
        ("moving", "housing_tenure", "we huren het van een privé-eigenaar", "huurder"),
        ("moving", "housing_tenure", "ik ben eigenaar", "eigenaar"),
        ("moving", "has_vehicle", "ik heb nie eens een rijbewijs", "nee"),
        ("illness", "work_status", "ik rij met de vrachtwagen voor een transportfirma", "arbeider"),
        ("illness", "work_status", "ik werk op de personeelsdienst van een ziekenhuis", "bediende"),
        ("divorce", "moving_out", "ik zit al in een appartement", "ja"),
        ("retirement", "career_type", "altijd in de haven als dokwerker", "werknemer"),
        ("retirement", "pension_timing", "zo rap mogelijk, voor de normale leeftijd", "vervroegd"),
        ("home", "woonsituatie", "toch kopen denk ik, huren is weggegooid geld", "kopen"),
    ],
)
def test_answers_typed_in_dev12(
    kb: KnowledgeBase, event: str, question_id: str, typed: str, value: str
) -> None:
    question = kb.events[event].question(question_id)
    assert question is not None
    assert read_answer(question, typed).value == value
