"""The plan of a conversation, rebuilt on the server from what the assistant stored (the
``conversation`` slot in Rasa's tracker) and the knowledge base: never from text a page sends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from bot.dialogue.state import ConversationState, Journey
from bot.journeys.journey import UNKNOWN, JourneyPlan, build_plan, plan_questions
from bot.knowledge.knowledge_base import KnowledgeBase

SLOT_CONVERSATION = "conversation"
"""The slot the dialogue keeps its state in (actions/turn.py)."""
_RESETS = frozenset({"restart", "session_started"})


def conversation_state(events: Iterable[Mapping[str, Any]]) -> ConversationState:
    """The state after the tracker's events (dicts as Rasa's ``Event.as_dict()`` gives them)."""
    value: Any = None
    for event in events:
        kind = event.get("event")
        if kind in _RESETS:
            value = None
        elif kind == "slot" and event.get("name") == SLOT_CONVERSATION:
            value = event.get("value")
    return ConversationState.from_dict(value)


def journey_for(state: ConversationState, event_id: str) -> Journey | None:
    """The conversation's journey for that life event: the current one or one put aside."""
    for journey in ([state.journey] if state.journey else []) + list(reversed(state.suspended)):
        if journey.event_id == event_id:
            return journey
    return None


def rebuild_plan(
    kb: KnowledgeBase,
    event_id: str,
    answers: Mapping[str, str],
    event_date: dt.date | None,
    today: dt.date,
) -> JourneyPlan | None:
    """The plan for a life event and its answers; None for an event the knowledge base lacks."""
    event = kb.get(event_id)
    if event is None:
        return None
    known = {question.id: question for question in plan_questions(event)}
    kept = {
        question_id: value
        for question_id, value in answers.items()
        if question_id in known and value in {o.value for o in known[question_id].options} | {UNKNOWN}
    }
    return build_plan(event, kept, event_date, today)
