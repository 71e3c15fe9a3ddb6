"""Typed conversations from citizen test 2026-11-30-j: grief is acknowledged and never filed as an
answer, "dat zei ik toch" confirms an earlier fact, and a fact of the plan names no other situation."""

from __future__ import annotations

import pytest

from bot.dialogue.reading import answer_before_question
from bot.knowledge.knowledge_base import KnowledgeBase
from bot.settings import REPO_ROOT
from bot.understanding.answers import read_answer
from bot.understanding.event_scorer import EventScorer, nlu_examples
from bot.understanding.fact_scan import scan_facts
from bot.understanding.signals import distress_kind
from devtools.chat import Chat, asked, customs, texts


def _widow(chat: Chat) -> None:
    chat.say("mijn man is zaterdag gestorven", "death", 0.97)
    assert asked(chat.last) == "partner_status"


def test_grief_gets_a_kind_word_and_106_and_is_not_filed_as_weet_ik_niet(chat: Chat) -> None:
    _widow(chat)
    result = chat.say("ik weet nie hoe ik dit moet doen zonder hem", "nlu_fallback", 0.4)
    assert "106" in texts(result)
    assert "partner_status" not in chat.state.journey.answers
    assert asked(result) == "partner_status"  # asked again, gently
    chat.say("we waren getrouwd. en nee hij werkte nog, hij was 59", "nlu_fallback", 0.5)
    assert chat.state.journey.answers == {"partner_status": "gehuwd", "deceased_retired": "nee"}


def test_a_widow_saying_we_were_married_gets_no_wedding_offer(kb: KnowledgeBase) -> None:
    chat = Chat(kb, events=EventScorer(nlu_examples(REPO_ROOT / "data" / "nlu"), kb.events))
    _widow(chat)
    result = chat.say("we waren getrouwd. en nee hij werkte nog, hij was 59", "cohabitation_marriage", 0.6)
    assert not customs(result, "switch_offer")
    assert chat.state.journey.event_id == "death"
    assert chat.state.journey.answers["partner_status"] == "gehuwd"


@pytest.mark.parametrize(
    "typed",
    [
        "ja ik ben zijn vrouw he, dat heb ik toch gezegd",
        "ja hij was weduwnaar, ons moeder is al 10 jaar dood, da zei ik toch",
    ],
)
def test_yes_that_points_to_something_said_before_does_not_answer_the_open_question(
    chat: Chat, typed: str
) -> None:
    chat.say("mijn man is zaterdag gestorven, we waren getrouwd", "death", 0.97)
    assert asked(chat.last) == "deceased_retired"
    result = chat.say(typed, "affirm", 0.7)
    assert "deceased_retired" not in chat.state.journey.answers
    assert asked(result) == "deceased_retired"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ik weet nie hoe ik dit moet doen zonder hem", "grief"),
        ("ik mis haar zo hard", "grief"),
        ("ik kan dit echt nie aan, ik ben helemaal kapot", "exhaustion"),
        ("het is gewoon een formulier dat ik zoek", None),
        ("ik ga zonder hem naar de notaris", None),
    ],
)
def test_distress_is_read_through_fillers_and_flemish_spellings(text: str, kind: str | None) -> None:
    assert distress_kind(text) == kind


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("ik weet nie hoe ik dit moet doen zonder hem", None),  # no answer at all
        ("ik weet nie of hij al met pensioen was", "onbekend"),  # the doubt covers the option words
        ("weet ik niet", "onbekend"),
        ("ja hij was al met pensioen", "ja"),
    ],
)
def test_i_do_not_know_how_is_no_answer_and_i_do_not_know_whether_is_a_doubt(
    kb: KnowledgeBase, typed: str, value: str | None
) -> None:
    question = kb.events["death"].question("deceased_retired")
    assert question is not None
    assert read_answer(question, typed).value == value


def test_a_verb_asks_only_at_the_start_of_a_clause() -> None:
    text = "we zijn getrouwd. Ik moet ook verhuizen, kunnen we dat eerst bekijken?"
    assert answer_before_question(text, "we zijn getrouwd")
    assert not answer_before_question("zijn er premies als we getrouwd zijn?", "getrouwd")


def test_the_answer_before_a_question_is_taken_with_the_facts_after_it(chat: Chat) -> None:
    chat.say("mijn man en ik gaan scheiden", "divorce", 0.97)
    assert asked(chat.last) == "relation_type"
    chat.say("we zijn getrouwd. Ik moet ook verhuizen, kunnen we dat eerst bekijken?", "moving", 0.6)
    assert chat.state.journey.answers["relation_type"] == "gehuwd"
    assert chat.state.journey.answers["moving_out"] == "ja"


@pytest.mark.parametrize(
    ("event", "question", "typed", "value"),
    [
        ("birth", "parent_role", "Ik ben maandag bevallen van een tweeling!", "moeder"),
        ("divorce", "agreement", "we zijn het over bijna alles eens, behalve over het huis", "nee"),
        ("divorce", "moving_out", "Op 1 december ga ik apart wonen, in een studio", "ja"),
        ("money_problems", "ocmw_steun", "Bij het OCMW ben ik nog niet geweest, ik krijg daar niets.", "nee"),
        (
            "business_support",
            "support_need",
            "mijn zaak draait slecht, ik kan men leveranciers nie meer betalen",
            "moeilijkheden",
        ),
        (
            "birth",
            "employment_status",
            "ik ben sinds september zelfstandige, geen bediende meer",
            "zelfstandige",
        ),
    ],
)
def test_facts_told_in_a_story_are_taken(
    kb: KnowledgeBase, event: str, question: str, typed: str, value: str
) -> None:
    found = kb.events[event].question(question)
    assert found is not None
    assert scan_facts(found, typed) == value


def test_a_situation_said_to_come_later_comes_second(kb: KnowledgeBase) -> None:
    chat = Chat(kb, events=EventScorer(nlu_examples(REPO_ROOT / "data" / "nlu"), kb.events))
    chat.say(
        "Ik start op 1 februari een eenmanszaak en later wil ik ook iemand aanwerven, "
        "maar eerst de opstart zelf.",
        "hire_staff",
        0.99,
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "start_business"
    assert chat.state.journey.answers.get("legal_form") == "eenmanszaak"
    assert "hire_staff" in chat.state.later
