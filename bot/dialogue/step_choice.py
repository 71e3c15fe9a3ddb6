"""A step chosen in the plan overview (the widget's list of all steps): that step's card.

The overview's steps carry a payload ``/provide_answer{"question_id": "step", "answer_value":
"<event id>:<number>"}`` (the same trick as the FAQ buttons, so no new intent is needed)."""

from __future__ import annotations

from bot.dialogue.context import DialogueContext
from bot.dialogue.presenting import STEP_CHOICE, plan_of, show_step
from bot.dialogue.state import PLAN, QUESTIONS, ConversationState, keep_finished
from bot.dialogue.turn import Message, TurnResult
from bot.knowledge.texts import text


def is_step_choice(message: Message) -> bool:
    return message.is_payload and message.entities.get("question_id") == STEP_CHOICE


def choose_step(turn: TurnResult, state: ConversationState, ctx: DialogueContext, message: Message) -> None:
    """Shows the chosen step of the current plan, or of an earlier plan of this conversation (from
    the overview of all situations: that plan becomes the current one); anything else is out of date."""
    event_id, _, number = str(message.entities.get("answer_value") or "").partition(":")
    earlier = next((j for j in state.finished if j.event_id == event_id), None)
    if earlier is not None and state.journey is not None and state.journey.phase != QUESTIONS:
        state.finished.remove(earlier)
        keep_finished(state, state.journey)
        state.journey, state.pending = earlier, None
    journey = state.journey
    if journey is None or journey.phase == QUESTIONS or journey.event_id != event_id:
        turn.say(text("step_choice_outdated"))
        return
    plan = plan_of(ctx.kb.events[journey.event_id], journey)
    index = int(number) - 1 if number.isdigit() else -1
    if not 0 <= index < len(plan.steps):
        turn.say(text("step_choice_outdated"))
        return
    journey.phase, journey.step_index = PLAN, index
    show_step(turn, plan, index, ctx.today)
