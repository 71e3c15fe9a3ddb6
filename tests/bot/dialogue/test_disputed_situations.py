"""Typed first stories on which the classifier and the second opinion disagree: a trigger phrase
settles it, otherwise the person chooses, and the story is not asked again."""

from __future__ import annotations

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.understanding.event_scorer import EventScorer, settle_dispute
from devtools.chat import Chat, asked, scored_chat, texts

EXAMPLES = [
    ("ik kom uit spanje", "newcomer"),
    ("ik ben pas aangekomen uit marokko", "newcomer"),
    ("nieuw in belgie, ik kom uit het buitenland", "newcomer"),
    ("ik verhuis naar gent", "moving"),
    ("we gaan verhuizen volgende maand", "moving"),
    ("mijn adres wijzigen na de verhuis", "moving"),
    ("we willen scheiden", "divorce"),
    ("scheiding van mijn man", "divorce"),
    ("wettelijk samenwonen aangeven", "cohabitation_marriage"),
    ("we gaan trouwen", "cohabitation_marriage"),
    ("ja", "affirm"),
    ("nee", "deny"),
    ("hallo", "greet"),
    ("goeiedag", "greet"),
]
SPANISH = "Ik kom uit Spanje en woon sinds september in Leuven, wat moet ik regelen?"


@pytest.fixture
def disputing(kb: KnowledgeBase) -> Chat:
    return Chat(kb, events=EventScorer(EXAMPLES, kb.events))


def _buttons(chat: Chat) -> list[str]:
    assert chat.last is not None
    return [b["payload"] for r in chat.last.replies for b in r.buttons]


def test_the_second_opinion_names_the_dispute(kb: KnowledgeBase) -> None:
    scorer = EventScorer(EXAMPLES, kb.events)
    assert scorer.disputed(SPANISH, (("moving", 0.8), ("newcomer", 0.1))) == ("moving", "newcomer")
    assert scorer.disputed(SPANISH, (("newcomer", 0.8), ("moving", 0.1))) == ()
    assert scorer.disputed(SPANISH, (("nlu_fallback", 0.45), ("moving", 0.4))) == ("moving", "newcomer")
    assert scorer.disputed("ja", (("affirm", 0.9),)) == ()


def test_a_disputed_story_asks_which_situation_with_both_as_buttons(disputing: Chat) -> None:
    disputing.say(SPANISH, "moving", 0.8)
    assert disputing.state.journey is None
    assert _buttons(disputing)[:2] == ["/moving", "/newcomer"]
    assert "/ask_capabilities" in _buttons(disputing)
    assert asked(disputing.last) is None


def test_the_chosen_situation_keeps_what_the_story_said(disputing: Chat) -> None:
    disputing.say(SPANISH, "moving", 0.8)
    disputing.click("Nieuw in")
    assert disputing.state.journey is not None
    assert disputing.state.journey.event_id == "newcomer"
    assert disputing.state.municipality == "Leuven"  # not asked again
    assert str(disputing.state.journey.event_date) == "2026-09-01"  # "sinds september"


def test_typing_the_choice_also_keeps_the_story(disputing: Chat) -> None:
    disputing.say(SPANISH, "moving", 0.8)
    disputing.say("ik ben nieuw in belgië", "newcomer", 0.9)
    assert disputing.state.journey is not None
    assert disputing.state.journey.event_id == "newcomer"
    assert str(disputing.state.journey.event_date) == "2026-09-01"


def test_the_story_waits_one_turn_only(disputing: Chat) -> None:
    disputing.say(SPANISH, "moving", 0.8)
    disputing.say("hallo", "greet", 0.95)
    disputing.say("/newcomer", "newcomer", 1.0)
    assert disputing.state.journey is not None
    assert disputing.state.journey.event_date is None  # the story of two turns ago is not read


def test_a_trigger_phrase_settles_the_dispute(disputing: Chat) -> None:
    result = disputing.say(
        "sinds 1 augustus wonen mijn man en ik apart, nu willen we officieel scheiden",
        "cohabitation_marriage",
        0.8,
    )
    assert disputing.state.journey is not None
    assert disputing.state.journey.event_id == "divorce"
    assert "/cohabitation_marriage" not in _buttons(disputing)
    assert texts(result)


def test_no_dispute_inside_a_journey_changes_nothing(disputing: Chat) -> None:
    disputing.say("mijn vader is overleden", "death", 0.97)
    assert asked(disputing.last) == "deceased_retired"
    disputing.say(SPANISH, "moving", 0.8)
    assert disputing.state.journey is not None
    assert disputing.state.journey.event_id == "death"
    assert "/newcomer" not in _buttons(disputing) or "/moving" not in _buttons(disputing)


@pytest.mark.parametrize(
    ("named", "settled"),
    [
        (set(), None),  # neither named: ask
        ({"newcomer"}, "newcomer"),
        ({"moving", "newcomer"}, "moving"),  # both named: the message is about both, the pick first
        ({"death"}, None),  # a third situation settles nothing between these two
    ],
)
def test_settling_a_dispute(named: set[str], settled: str | None) -> None:
    assert settle_dispute(("moving", "newcomer"), named, "moving") == settled


PLUMBER = "ik ben zelfstandig loodgieter in Geel en ben gisteren van de trap gevallen"


def test_a_story_the_classifier_cannot_place_keeps_its_facts_for_the_chosen_situation(chat: Chat) -> None:
    """Citizen test M: the plumber pressed "Ziek worden" and was asked his work and date again."""
    result = chat.say(PLUMBER, "nlu_fallback", 0.4, {"illness": 0.3, "start_business": 0.2})
    assert {"/illness", "/start_business"} <= {b["payload"] for r in result.replies for b in r.buttons}
    chat.click("Ziek")
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "illness"
    assert journey.answers == {"work_status": "zelfstandige"}
    assert str(journey.event_date) == "2026-11-24"  # "gisteren"
    assert chat.state.municipality == "Geel"


def test_a_situation_that_was_not_offered_does_not_take_the_story(chat: Chat) -> None:
    chat.say(PLUMBER, "nlu_fallback", 0.4, {"illness": 0.3, "start_business": 0.2})
    chat.say("nee, mijn vader is overleden", "death", 0.97)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "death"
    assert journey.event_date is None  # "gisteren" was about the fall


def test_a_long_trigger_phrase_names_its_situation_when_neither_model_sees_it(kb: KnowledgeBase) -> None:
    """Citizen test M (m-03): both models read a partner moving in "vanaf 1 januari" as hiring."""

    chat = scored_chat(kb)
    chat.say(
        "mijn vriendin komt bij mij inwonen in Wilrijk, vanaf 1 januari", "hire_staff", 0.9, {"moving": 0.05}
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "cohabitation_marriage"
    assert "hire_staff" not in chat.state.later


def test_a_denied_situation_is_never_offered_in_the_question(kb: KnowledgeBase) -> None:
    examples = [*EXAMPLES, ("mijn vader is overleden", "death"), ("overlijden aangeven", "death")]
    chat = Chat(kb, events=EventScorer(examples, kb.events))
    result = chat.say("nee hoor, niemand is overleden. wat moet ik regelen?", "death", 0.8)
    assert "/death" not in [b["payload"] for r in result.replies for b in r.buttons]
    assert chat.state.journey is None


def test_a_kept_story_holds_no_identifiers(chat: Chat) -> None:
    """The kept story goes into the conversation store with the state: no rijksregisternummer."""
    chat.say(f"mijn rijksregisternummer is 85.07.30-033.28. {PLUMBER}", "nlu_fallback", 0.4, {"illness": 0.3})
    assert chat.state.unplaced is not None
    assert "85.07.30-033.28" not in str(chat.state.to_dict())
    assert "[RIJKSREGISTERNUMMER]" in chat.state.unplaced
