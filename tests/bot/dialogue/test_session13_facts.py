"""Facts left over from the twelfth session's notes: West-Flemish "ontslaan gewist" and "zwanger van
mijn eerste" are stated in passing, so their questions are not asked."""

from __future__ import annotations

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.understanding.fact_scan import scan_facts
from devtools.chat import Chat, asked


@pytest.mark.parametrize(
    ("event", "question_id", "typed", "value"),
    [
        ("job_loss", "ended_by", "kzyn gisteren ontslaan gewist", "ontslag_werkgever"),
        ("birth", "first_child", "ik ben zwanger van mijn eerste", "ja"),
        ("birth", "first_child", "ze is gisteren bevallen van ons eerste", "ja"),
    ],
)
def test_facts_stated_in_passing(
    kb: KnowledgeBase, event: str, question_id: str, typed: str, value: str
) -> None:
    question = kb.events[event].question(question_id)
    assert question is not None
    assert scan_facts(question, typed) == value


def test_a_dismissal_in_west_flemish_is_not_asked_again(chat: Chat) -> None:
    chat.say("kzyn gisteren ontslaan gewist", "job_loss", 0.9)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("ended_by") == "ontslag_werkgever"
    assert asked(chat.last) != "ended_by"
