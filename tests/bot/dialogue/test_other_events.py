"""Typed answers that go on about another situation: offered when the person asks for it first,
kept as a fact of the current plan otherwise (dev3 corpus)."""

from __future__ import annotations

from bot.dialogue.other_events import rest_of
from bot.knowledge.knowledge_base import KnowledgeBase
from devtools.chat import Chat, asked, customs, scored_chat, texts


def _divorce(chat: Chat) -> None:
    chat.say("mijn man en ik gaan scheiden", "divorce", 0.97)
    assert asked(chat.last) == "relation_type"


def test_a_situation_asked_for_first_is_offered_after_the_answer(chat: Chat) -> None:
    _divorce(chat)
    result = chat.say(
        "we zijn getrouwd. Ik moet ook verhuizen, kunnen we dat eerst bekijken?", "nlu_fallback", 0.4
    )
    assert chat.state.journey is not None
    assert chat.state.journey.answers["relation_type"] == "gehuwd"
    assert [c["proposed"] for c in customs(result, "switch_offer")] == ["moving"]


def test_the_same_fact_without_asking_first_stays_a_fact_of_the_plan(chat: Chat) -> None:
    _divorce(chat)
    result = chat.say("we zijn getrouwd. Ik moet ook verhuizen.", "nlu_fallback", 0.4)
    assert not customs(result, "switch_offer")
    assert chat.state.journey is not None
    assert chat.state.journey.answers == {"relation_type": "gehuwd", "moving_out": "ja"}


def test_rest_of_takes_out_the_answer_words() -> None:
    assert rest_of("ja de tweede", "ja") == "de tweede"
    assert rest_of("ja", "ja") == ""
    assert rest_of("iets anders", "") == "iets anders"


def test_a_first_story_asking_for_one_situation_first_starts_that_one(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    story = "Ik ben net in België aangekomen en wil hier gaan studeren."
    chat.say(f"{story} Kunnen we eerst over de studies praten?", "newcomer", 0.99, {"studying": 0.005})
    assert chat.state.journey is not None and chat.state.journey.event_id == "studying"
    assert chat.state.later == ["newcomer"]


def test_without_asking_first_the_arrival_comes_first(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "Ik ben net in België aangekomen en wil hier gaan studeren.", "newcomer", 0.99, {"studying": 0.3}
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "newcomer"


def test_eerst_in_a_statement_asks_nothing(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "Ik wil voor het eerst iemand aanwerven. Ik zou hem eerst zelf willen opleiden, via de VDAB.",
        "hire_staff",
        0.95,
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "hire_staff"


def test_the_question_after_eerst_names_the_situation_to_start_with(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "We hebben op 18 november een dochter gekregen en in januari verhuizen we, "
        "maar eerst: wat moet ik regelen voor de verhuis?",
        "birth",
        0.9,
        {"moving": 0.08},
    )
    # asked for outright, the move comes before the more urgent birth
    assert chat.state.journey is not None and chat.state.journey.event_id == "moving"
    assert chat.state.later == ["birth"]


def test_the_situation_asked_first_keeps_the_other_for_later(kb: KnowledgeBase) -> None:
    """Citizen test N (n-09a, n-09b): the baby and the father's death were never offered again."""
    chat = scored_chat(kb)
    chat.say(
        "We hebben een dochtertje gekregen en in januari verhuizen we, "
        "maar eerst: wat moet ik regelen voor de verhuis?",
        "moving",
        0.95,
        {"birth": 0.01},
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "moving"
    assert chat.state.later == ["birth"]
    chat = scored_chat(kb)
    chat.say(
        "ons pa is vorige week overleden en gisteren heb ik ook nog mijn C4 gekregen. "
        "kunnen we eerst mijn werkloosheid bekijken, da is dringender voor mij",
        "job_loss",
        0.95,
        {"death": 0.03},
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "job_loss"
    assert chat.state.later == ["death"]


def test_a_bare_no_to_the_offer_does_not_also_answer_the_open_yes_no_question(kb: KnowledgeBase) -> None:
    """Citizen test O: "nee hoor" to "Wilt u nu eerst 'Een kind krijgen' bekijken?" was also stored as
    "Uw vereniging werkt niet met vrijwilligers"."""
    chat = scored_chat(kb)
    chat.say(
        "we willen met een paar ouders een vzw oprichten voor onze voetbalclub", "found_association", 0.9
    )
    assert asked(chat.last) == "volunteers"
    chat.say("de trainers zijn papa's, allemaal", "birth", 0.9)
    assert chat.state.pending is not None and chat.state.pending.kind == "switch"
    chat.say("nee hoor", "deny", 0.9)
    assert chat.state.journey is not None and "volunteers" not in chat.state.journey.answers
    assert asked(chat.last) == "volunteers"


def test_going_back_to_a_journey_put_aside_resumes_it(chat: Chat) -> None:
    """Citizen test O: "Verder met 'Verhuizen'" after the home plan asked the moving questions again."""
    chat.say("we verhuizen naar een huurhuis in brugge op 10 januari", "moving", 0.9, {"home": 0.3})
    chat.say("nee", "deny", 0.9)
    assert chat.state.journey is not None and chat.state.journey.phase == "plan"
    chat.say("hoeveel huurwaarborg mag de verhuurder vragen?", "home", 0.9)
    chat.say("ja", "affirm", 0.9)
    assert chat.state.journey.event_id == "home"
    for _ in range(5):
        if chat.state.pending is None:
            break
        chat.click("Weet ik niet")
    result = chat.say("/moving", "moving", 1.0)
    assert chat.state.journey.event_id == "moving" and chat.state.journey.phase == "plan"
    assert asked(result) is None and "Stap 1 van" in texts(result)


def test_an_employer_asking_about_a_student_is_not_offered_the_studies(chat: Chat) -> None:
    """Citizen test O: "en als ik een student neem" in the hiring plan offered 'Gaan studeren'."""
    chat.say("ik heb een frituur en wil iemand aannemen voor de weekends", "hire_staff", 0.95)
    for _ in range(5):
        if chat.state.pending is None:
            break
        chat.click("Weet ik niet")
    result = chat.say("en als ik een student neem, moet ik dan ook al die dingen doen?", "studying", 0.7)
    assert not customs(result, "switch_offer")
    assert chat.state.journey is not None and chat.state.journey.event_id == "hire_staff"
