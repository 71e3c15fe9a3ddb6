"""Walking through the plan: the next and previous step, and a real end after the last one."""

from __future__ import annotations

from bot.dialogue.context import DialogueContext
from bot.dialogue.presenting import event_buttons, plan_of, show_step
from bot.dialogue.state import DONE, PLAN, ConversationState
from bot.dialogue.turn import TurnResult
from bot.knowledge.texts import text


def finish_journey(turn: TurnResult, state: ConversationState, ctx: DialogueContext) -> None:
    """A real end after the last step, and the other situations the person mentioned."""
    journey = state.journey
    assert journey is not None
    event = ctx.kb.events[journey.event_id]
    journey.phase = DONE
    turn.journey_event(event.id, "completed")
    others = [j.event_id for j in reversed(state.suspended)] + [e for e in state.later if e != event.id]
    others = list(dict.fromkeys(e for e in others if e in ctx.kb.events and e != event.id))
    turn.say(text("journey_last_step", title=event.title))
    if others:
        turn.say(text("offer_other_events"), event_buttons(dict(ctx.kb.events), others))


def next_step(turn: TurnResult, state: ConversationState, ctx: DialogueContext) -> None:
    journey = state.journey
    assert journey is not None
    plan = plan_of(ctx.kb.events[journey.event_id], journey)
    if journey.step_index + 1 >= len(plan.steps):
        finish_journey(turn, state, ctx)
        return
    journey.step_index += 1
    show_step(turn, plan, journey.step_index, ctx.today)


def previous_step(turn: TurnResult, state: ConversationState, ctx: DialogueContext) -> None:
    journey = state.journey
    assert journey is not None
    plan = plan_of(ctx.kb.events[journey.event_id], journey)
    if journey.step_index == 0:
        turn.say(text("journey_first"))
    else:
        journey.step_index -= 1
    journey.phase = PLAN
    show_step(turn, plan, min(journey.step_index, len(plan.steps) - 1), ctx.today)
