"""A question inside a plan about one of its own steps gets that step, not another situation
(citizen test F, h27 and h31)."""

from __future__ import annotations

from bot.dialogue.step_search import step_about
from bot.journeys.journey import build_plan
from bot.knowledge.knowledge_base import KnowledgeBase
from devtools.chat import Chat, customs, texts


def _card(chat: Chat) -> dict:
    assert chat.last is not None
    cards = customs(chat.last, "step_card")
    assert cards, "no step card shown"
    return cards[-1]


def test_a_question_about_a_step_of_the_plan_shows_that_step(chat: Chat) -> None:
    chat.say("we richten een voetbalclub op als vzw, met vrijwilligers", "found_association", 0.95)
    assert chat.state.journey is not None and chat.state.journey.phase == "plan"
    chat.say("hebben we een verzekering nodig?", "hire_staff", 0.5)
    assert _card(chat)["title"] == "Verzeker uw vrijwilligers"
    assert not customs(chat.last, "switch_offer") and chat.state.journey.event_id == "found_association"


def test_a_trigger_word_inside_the_step_title_is_no_second_situation(chat: Chat) -> None:
    chat.say("mijn vrouw is 10 dagen geleden overleden, we waren getrouwd", "death", 0.95)
    chat.say("ja ze was al met pensioen", "affirm", 0.8)
    assert chat.state.journey is not None and chat.state.journey.phase == "plan"
    chat.say("moet ik iets doen voor haar pensioen?", "retirement", 0.8)
    assert "overlevingspensioen" in _card(chat)["title"]
    assert not customs(chat.last, "switch_offer") and chat.state.journey.event_id == "death"


def test_a_second_situation_named_outside_the_step_is_still_offered(chat: Chat) -> None:
    chat.say("we richten een voetbalclub op als vzw, met vrijwilligers", "found_association", 0.95)
    result = chat.say("ik ga ook verhuizen, moet ik naar de gemeente?", "moving", 0.9)
    offer = customs(result, "switch_offer")
    assert offer and offer[0]["proposed"] == "moving"


def test_a_question_that_fits_several_steps_or_none_picks_no_step(kb: KnowledgeBase) -> None:
    plan = build_plan(kb.events["found_association"], {"association_type": "vzw", "volunteers": "ja"}, None)
    assert step_about(plan, "hebben we een verzekering nodig?") is not None
    assert step_about(plan, "moet dat nu al?") is None  # only short words
    assert step_about(plan, "wat met de vrijwilligers en de belastingaangifte?") is None  # two steps


def test_a_remark_not_understood_in_a_plan_keeps_to_the_plan(chat: Chat) -> None:
    """Citizen tests F and G: "Kunt u in een paar woorden zeggen wat er gebeurd is?" in a plan."""
    chat.say("we richten een voetbalclub op als vzw, met vrijwilligers", "found_association", 0.95)
    result = chat.say("qsdf jklm", "nlu_fallback", 0.2)
    assert "Een vereniging oprichten" in texts(result) and "wat er gebeurd is" not in texts(result)


def test_the_deceased_pension_is_part_of_the_death_plan_not_a_retirement(chat: Chat) -> None:
    """Citizen test H, k11 and k09: "wat met haar pensioen eigenlijk?" offered 'Met pensioen gaan'."""
    chat.say("mijn vrouw is vorige week gestorven", "death", 0.95)
    chat.say("we waren 40 jaar getrouwd", "cohabitation_marriage", 0.6)
    result = chat.say(
        "nee ze was 63, ze werkte nog halftijds bij het OCMW. wat met haar pensioen eigenlijk?",
        "retirement",
        0.7,
    )
    assert not customs(result, "switch_offer")
    assert chat.state.journey is not None and chat.state.journey.event_id == "death"
    chat.say("krijg ik nu iets van haar pensioen", "retirement", 0.8)
    assert "overlevingspensioen" in _card(chat)["title"]
