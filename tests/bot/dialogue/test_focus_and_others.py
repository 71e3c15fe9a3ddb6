"""Whose situation it is and which one the person wants help with (dev6 corpus): the illness of a
mother is a reason to care for her, and "laat ons beginnen met dat ontslag" says where to start."""

from __future__ import annotations

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.understanding.language import detect_language
from bot.understanding.someone_else import someone_else_ill
from devtools.chat import Chat, asked, scored_chat, texts


def test_a_mothers_terminal_illness_starts_caregiving_not_an_illness(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "ik ben zelfstandig kinesist en mijn moeder is terminaal ziek, ze is 68. Ik zou graag een tijdje "
        "stoppen met werken om bij haar te zijn",
        "illness",
        0.653,
        {"caregiving": 0.139, "death": 0.053, "greet": 0.018},  # the shipped model's ranking
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "caregiving"
    assert journey.answers.get("employment_status") == "zelfstandige"


def test_caring_for_a_mother_in_law_while_retired_starts_caregiving(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "kzorg voor men schoonma van 79, zelf ben ik al gepensioneerd. is er iets da ge kunt aanvragen?",
        "retirement",
        0.553,
        {"caregiving": 0.286, "first_job": 0.025, "greet": 0.017},
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "caregiving"


@pytest.mark.parametrize(
    ("text", "ill_other"),
    [
        ("mijn man is ziek en ik ben ook ziek", True),
        ("ik zorg voor mijn zieke vader", True),
        ("ik ben ziek sinds maandag", False),
        ("ik ben een vrouw van 45 en ik ben ziek", False),
    ],
)
def test_someone_elses_illness_is_found(text: str, ill_other: bool) -> None:
    assert someone_else_ill(text)[0] is ill_other


def test_ones_own_illness_next_to_a_partners_stays_an_illness(chat: Chat) -> None:
    chat.say("mijn man is ziek en nu ben ik zelf ook ziek geworden, ik ben bediende", "illness", 0.9)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "illness"


def test_begin_with_the_dismissal_says_which_situation_first(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "ik ben ontslagen en mijn vrouw is zwanger, wat eerst? laat ons beginnen met dat ontslag",
        "birth",
        0.713,
        {"job_loss": 0.243, "cohabitation_marriage": 0.004, "retirement": 0.003},
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "job_loss"
    assert "birth" in chat.state.later


def test_help_me_with_the_debts_starts_the_debts_before_the_urgent_job_loss(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "sinds ik mijn werk kwijt ben raak ik in de schulden, mijn uitkering is nog altijd niet betaald. "
        "help mij met die schulden aub",
        "money_problems",
        0.973,
        {"job_loss": 0.007, "other_language": 0.002, "request_human": 0.002},
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "money_problems"


def test_mostly_for_the_move_starts_the_move(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "na mijn scheiding ga ik alleen wonen, ik heb een appartementje gekocht in Zele. het is vooral "
        "voor het verhuizen dat ik hulp nodig heb",
        "home",
        0.512,
        {"divorce": 0.391, "moving": 0.028, "caregiving": 0.025},
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "moving"


def test_a_son_who_stopped_school_and_looks_for_work_gets_the_first_job(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "mijn zoon is 19 en is gestopt met school, hij zoekt werk. krijgt hij nog kindergeld?",
        "first_job",
        0.799,
        {"divorce": 0.027, "disability": 0.019, "newcomer": 0.016},
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "first_job"


@pytest.mark.parametrize("answer", ["kzitte thuis, gin werk", "ze werkt niet, ze is thuis"])
def test_a_dialect_answer_in_a_dutch_conversation_is_no_foreign_language(chat: Chat, answer: str) -> None:
    """dev6: "kzitte thuis, gin werk" was answered in English."""
    chat.say("mijn dochter is 3 dagen geleden bevallen van een zoontje", "birth", 0.95)
    for _ in range(4):
        if asked(chat.last) == "employment_status":
            break
        chat.click("Weet ik niet")
    assert asked(chat.last) == "employment_status"
    chat.say(answer, "provide_answer", 0.5)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("employment_status") == "geen_werk"


def test_a_dutch_conversation_keeps_foreign_scripts_and_clear_foreign_words() -> None:
    assert detect_language("altied as werknummer", dutch_so_far=True) is None
    assert detect_language("altied as werknummer") == "en"  # a first message may still be English
    assert detect_language("Bonjour, je ne comprends pas", dutch_so_far=True) == "fr"
    assert detect_language("Я не понимаю", dutch_so_far=True) is not None


def test_i_dont_know_in_english_is_an_unknown(chat: Chat) -> None:
    chat.say("ik ben pas in België aangekomen voor mijn doctoraat in Leuven", "newcomer", 0.95)
    assert asked(chat.last) == "inburgeringsplicht"
    chat.say("I don't know, geen idee", "provide_answer", 0.4)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("inburgeringsplicht") == "weet_niet"


def test_that_is_not_it_drops_the_misread_situation_and_starts_the_named_one(chat: Chat) -> None:
    chat.say("ik ben ziek", "illness", 0.9)
    assert asked(chat.last) == "work_status"
    reply = chat.say(
        "nee sorry, dat is het niet. ik wil eigenlijk weten hoe ik mantelzorger word", "caregiving", 0.8
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "caregiving"
    assert "verkeerd begrepen" in texts(reply)
    assert "Wilt u dat nu eerst bekijken" not in texts(reply)
    assert not chat.state.suspended and "illness" not in chat.state.later


def test_that_is_not_it_alone_asks_what_happened(chat: Chat) -> None:
    chat.say("ik ben ziek", "illness", 0.9)
    reply = chat.say("nee, dat is het niet", "deny", 0.8)
    assert chat.state.journey is None and chat.state.pending is None
    assert "Vertel in een paar woorden wat er gebeurd is" in texts(reply)


def test_no_followed_by_a_stop_word_still_answers_the_question(chat: Chat) -> None:
    chat.say("mijn lief en ik willen wettelijk samenwonen", "cohabitation_marriage", 0.95)
    for _ in range(4):
        if asked(chat.last) == "wants_contract":
            break
        chat.click("Weet ik niet")
    chat.say("nee, genoeg papierwerk", "deny", 0.8)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("wants_contract") == "nee"


def test_no_that_is_not_it_with_the_answer_answers_a_yes_no_question(chat: Chat) -> None:
    """Review: "nee, dat is het niet, het is ons tweede" dropped the birth journey."""
    chat.say("we hebben een baby gekregen", "birth", 0.95)
    assert asked(chat.last) == "first_child"
    chat.say("nee, dat is het niet, het is ons tweede", "deny", 0.7)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "birth"
    assert journey.answers.get("first_child") == "nee"


def test_a_yes_or_no_before_but_and_a_question_still_answers(chat: Chat) -> None:
    """Review: "nee, maar moet dat?" was no answer to the notice question."""
    chat.say("ik ben ontslagen", "job_loss", 0.95)
    for _ in range(4):
        if asked(chat.last) == "notice":
            break
        chat.click("Mijn werkgever")
    assert asked(chat.last) == "notice"
    chat.say("nee, maar moet dat?", "deny", 0.6)
    journey = chat.state.journey
    assert journey is not None and "notice" in journey.answers
