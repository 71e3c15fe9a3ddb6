"""The plan of a conversation is rebuilt from its stored state (the ``conversation`` slot) and
the knowledge base; answers that are not options of the event are dropped."""

from __future__ import annotations

import datetime as dt

from bot.dialogue.state import PLAN, ConversationState, Journey
from bot.journeys.journey import plan_questions
from bot.keeping.plan_source import conversation_state, journey_for, rebuild_plan
from bot.knowledge.knowledge_base import KnowledgeBase

TODAY = dt.date(2026, 11, 30)


def slot(state: ConversationState) -> dict:
    return {"event": "slot", "name": "conversation", "value": state.to_dict()}


def test_the_latest_state_counts_and_a_restart_forgets_it() -> None:
    first = ConversationState(journey=Journey("birth", {"first_child": "ja"}, phase=PLAN))
    second = ConversationState(
        journey=Journey("moving"), suspended=[Journey("birth", {"first_child": "nee"})]
    )
    events = [{"event": "user", "text": "hallo"}, slot(first), {"event": "bot"}, slot(second)]

    state = conversation_state(events)
    assert state.journey is not None and state.journey.event_id == "moving"
    put_aside = journey_for(state, "birth")
    assert put_aside is not None and put_aside.answers == {"first_child": "nee"}
    assert journey_for(state, "death") is None
    assert conversation_state([*events, {"event": "restart"}]).journey is None


def test_the_plan_keeps_only_real_options(kb: KnowledgeBase) -> None:
    birth = kb.get("birth")
    assert birth is not None
    question = plan_questions(birth)[0]
    real = question.options[0].value
    answers = {question.id: real, "made_up": "<script>", "another": "vrije tekst"}

    plan = rebuild_plan(kb, "birth", answers, dt.date(2026, 11, 26), TODAY)

    assert plan is not None and plan.event.id == "birth"
    assert dict(plan.answers) == {question.id: real}
    assert any(p.due_date for p in plan.steps)
    assert rebuild_plan(kb, "birth", {question.id: "not-an-option"}, None, TODAY).answers == {}  # type: ignore[union-attr]
    assert rebuild_plan(kb, "no_such_event", {}, None, TODAY) is None
