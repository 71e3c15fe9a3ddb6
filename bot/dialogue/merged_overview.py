"""Several situations in one conversation: all their steps in one overview, the most urgent first.

When a second plan is made in the same conversation (a move after a job loss, say), the person
gets, next to the new plan, one list of every step of all their plans without duplicates (a step
two situations share appears once, with both names). Each step still opens its own card.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.dialogue.context import DialogueContext
from bot.dialogue.presenting import overview_notes, plan_of, state_summary, step_payload
from bot.dialogue.state import ConversationState
from bot.dialogue.turn import TurnResult
from bot.journeys.merge import MergedPlan, merge_plans
from bot.knowledge.texts import format_date, join_list, text


def merged_plan(state: ConversationState, ctx: DialogueContext) -> MergedPlan | None:
    """The current plan merged with the earlier plans of this conversation (None: only one plan)."""
    journeys = [j for j in (state.journey, *reversed(state.finished)) if j is not None]
    journeys = [j for j in journeys if j.event_id in ctx.kb.events]
    if len(journeys) < 2:
        return None
    return merge_plans([plan_of(ctx.kb.events[j.event_id], j) for j in journeys])


def merged_text(merged: MergedPlan, today: dt.date) -> str:
    titles = join_list([f"'{event.title}'" for event in merged.events])
    lines = [text("merged_overview_header", events=titles, total=len(merged.steps))]
    for number, step in enumerate(merged.overview(), start=1):
        notes = overview_notes(step.planned.step.automatic, step.due_date, step.conditional, today)
        if len(step.events) > 1:
            notes.append(text("merged_overview_shared", events=join_list([e.title for e in step.events])))
        item = text("plan_overview_item", number=number, title=step.planned.step.title)
        lines.append(f"{item} ({', '.join(notes)})" if notes else item)
    return "\n".join(lines)


def merged_payload(merged: MergedPlan, state: ConversationState, today: dt.date) -> dict[str, Any]:
    """The widget's overview, for all situations; a step opens its card in the plan it belongs to."""
    return {
        "type": "plan_overview",
        "merged": True,
        "event_id": None,
        "event_title": join_list([event.title for event in merged.events]),
        "events": [{"id": event.id, "title": event.title} for event in merged.events],
        "description": None,
        "steps": [
            {
                "number": number,
                "step_id": step.planned.step.id,
                "title": step.planned.step.title,
                "automatic": step.planned.step.automatic,
                "conditional": step.conditional,
                "due_date": step.due_date.isoformat() if step.due_date else None,
                "due_date_text": format_date(step.due_date) if step.due_date else None,
                "events": [event.title for event in step.events],
                "payload": step_payload(step.events[0].id, step.planned.number),
            }
            for number, step in enumerate(merged.overview(), start=1)
        ],
        "rights": [],
        "state": state_summary(state, today),
    }


def present_merged(turn: TurnResult, state: ConversationState, ctx: DialogueContext) -> None:
    """Adds the overview of all situations when this conversation holds more than one plan."""
    merged = merged_plan(state, ctx)
    if merged is not None:
        turn.say(merged_text(merged, ctx.today), custom=merged_payload(merged, state, ctx.today))
