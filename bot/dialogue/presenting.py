"""How the conversation shows things: questions with buttons, what was understood, the plan."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from bot.dialogue.state import EVENT_DATE, ConversationState, Journey
from bot.dialogue.turn import TurnResult
from bot.journeys.calendar_be import is_working_day, previous_working_day
from bot.journeys.journey import UNKNOWN, JourneyPlan, build_plan
from bot.journeys.render import rights_text, step_card, step_text
from bot.knowledge.knowledge_base import LifeEvent, Question
from bot.knowledge.texts import format_date, join_list, text

STEP_CHOICE = "step"
"""``question_id`` of a step chosen in the plan overview (``answer_value``: ``<event id>:<number>``)."""


def answer_payload(question_id: str, value: str) -> str:
    return "/provide_answer" + json.dumps({"answer_value": value, "question_id": question_id})


def step_payload(event_id: str, number: int) -> str:
    """The payload that opens a step of the plan from the overview (see bot/dialogue/step_choice.py)."""
    return answer_payload(STEP_CHOICE, f"{event_id}:{number}")


def plan_of(event: LifeEvent, journey: Journey) -> JourneyPlan:
    return build_plan(event, journey.answers, journey.event_date)


def state_summary(state: ConversationState, today: dt.date) -> dict[str, Any]:
    """What the assistant knows so far, for rich channels (and the conversation benchmark)."""
    journey = state.journey
    return {
        "event_id": journey.event_id if journey else None,
        "phase": journey.phase if journey else None,
        "pending": state.pending.kind if state.pending else None,
        "answers": dict(journey.answers) if journey else {},
        "event_date": journey.event_date.isoformat() if journey and journey.event_date else None,
        "municipality": state.municipality,
        "noted": {event: dict(facts) for event, facts in state.facts.items()},
        "today": today.isoformat(),
    }


def ask_question(
    turn: TurnResult,
    state: ConversationState,
    event: LifeEvent,
    question: Question,
    today: dt.date,
    only: list[str] | None = None,
    lead: str | None = None,
    body: str | None = None,
) -> None:
    """The question with its options (or the narrowed-down ones) as buttons, and "Weet ik niet"."""
    options = [o for o in question.options if only is None or o.value in only]
    buttons = [{"title": o.label, "payload": answer_payload(question.id, o.value)} for o in options]
    if not any(o.value in ("weet_niet", UNKNOWN) for o in options):
        buttons.append({"title": text("question_unknown"), "payload": answer_payload(question.id, UNKNOWN)})
    if body is None and only:
        # asked again with the options the first message left ("mijn vrouw"): the question as first
        # asked ("Was u met de overledene getrouwd ...?"), not "Welke van deze ...?"
        body = next((n.text for n in question.narrowing if list(n.options) == list(only)), None)
    body = body or (text("narrow_down") if only else question.text)
    if lead:
        body = f"{lead}\n{body}"
    turn.say(
        body,
        buttons,
        {
            "type": "question",
            "event_id": event.id,
            "question_id": question.id,
            "options": [{"value": o.value, "label": o.label} for o in options],
            "state": state_summary(state, today),
        },
    )


def ask_event_date(
    turn: TurnResult, state: ConversationState, event: LifeEvent, today: dt.date, lead: str | None = None
) -> None:
    def payload(value: str) -> str:
        return answer_payload(EVENT_DATE, value)

    buttons = [{"title": text("button_today"), "payload": payload(today.isoformat())}]
    if event.date_direction != "future":
        buttons.append(
            {
                "title": text("button_yesterday"),
                "payload": payload((today - dt.timedelta(days=1)).isoformat()),
            }
        )
    buttons.append({"title": text("question_unknown"), "payload": payload(UNKNOWN)})
    label = event.event_date_label or text("default_date_label")
    body = text("ask_event_date", date_label=label)
    if lead:
        body = f"{lead}\n{body}"
    turn.say(
        body,
        buttons,
        {
            "type": "question",
            "event_id": event.id,
            "question_id": EVENT_DATE,
            "options": [],
            "state": state_summary(state, today),
        },
    )


def date_clause(event: LifeEvent, day: dt.date, today: dt.date) -> str:
    """ "u bent ziek sinds maandag 23 november 2026"."""
    direction = "past" if day <= today else "future"
    template = event.date_understood.get(direction) or event.date_understood.get(
        "past" if direction == "future" else "future"
    )
    if not template:
        return f"{event.event_date_label or text('default_date_label')}: {format_date(day)}"
    return template.format(date=format_date(day))


def understood_sentence(clauses: list[str]) -> str | None:
    """One short sentence that says back what was understood ("U bent arbeider en ...")."""
    clauses = [c for c in clauses if c]
    if not clauses:
        return None
    sentence = join_list(clauses)
    return sentence[0].upper() + sentence[1:] + "."


def answer_clause(event: LifeEvent, question_id: str, value: str) -> str | None:
    question = event.question(question_id)
    if question is None or value == UNKNOWN:
        return None
    option = next((o for o in question.options if o.value == value), None)
    if option is None:
        return None
    return option.understood or option.label


def overview_notes(automatic: bool, due_date: dt.date | None, conditional: bool, today: dt.date) -> list[str]:
    """What follows a step in the overview: automatic, or its deadline (passed?), and "maybe"."""
    notes = []
    if automatic:
        notes.append(text("plan_overview_automatic"))
    elif due_date:
        notes.append(text("plan_overview_due", date=format_date(due_date)))
        if not is_working_day(due_date):  # the step card says why
            notes.append(text("plan_overview_closed_day", date=format_date(previous_working_day(due_date))))
        if due_date < today:
            notes.append(text("plan_overview_passed"))
        elif due_date == today:
            notes.append(text("plan_overview_today"))
    if conditional:
        notes.append(text("plan_overview_maybe"))
    return notes


def overview_text(plan: JourneyPlan, today: dt.date) -> str:
    """Introduction and the list of all steps with their deadline and status."""
    header = (
        text("plan_overview_header_none")
        if not plan.steps
        else text("plan_overview_header_one")
        if len(plan.steps) == 1
        else text("plan_overview_header", total=len(plan.steps))
    )
    lines = [text("plan_intro", title=plan.event.title, description=plan.event.description), header]
    for planned in plan.steps:
        notes = overview_notes(planned.step.automatic, planned.due_date, planned.conditional, today)
        item = text("plan_overview_item", number=planned.number, title=planned.step.title)
        lines.append(f"{item} ({', '.join(notes)})" if notes else item)
    return "\n".join(lines)


def overview_payload(plan: JourneyPlan, state: ConversationState, today: dt.date) -> dict[str, Any]:
    return {
        "type": "plan_overview",
        "event_id": plan.event.id,
        "event_title": plan.event.title,
        "description": plan.event.description,
        "steps": [
            {
                "number": p.number,
                "step_id": p.step.id,
                "title": p.step.title,
                "automatic": p.step.automatic,
                "conditional": p.conditional,
                "due_date": p.due_date.isoformat() if p.due_date else None,
                "due_date_text": format_date(p.due_date) if p.due_date else None,
                "payload": step_payload(plan.event.id, p.number),
            }
            for p in plan.steps
        ],
        "rights": [{"id": r.id, "title": r.title, "automatic": r.automatic} for r in plan.rights],
        "state": state_summary(state, today),
    }


def navigation_buttons(needs_counter: bool, last: bool) -> list[dict[str, str]]:
    buttons = [] if last else [{"title": text("button_next"), "payload": "/next_step"}]
    buttons += [
        {"title": text("button_documents"), "payload": "/ask_documents"},
        {"title": text("button_where"), "payload": "/ask_location"},
        {"title": text("button_previous"), "payload": "/previous_step"},
    ]
    if needs_counter:
        buttons.append({"title": text("button_where_nearby"), "payload": "/handoff_physical"})
    return buttons


def show_step(turn: TurnResult, plan: JourneyPlan, index: int, today: dt.date | None = None) -> None:
    planned = plan.steps[index]
    last = index == len(plan.steps) - 1
    body = step_text(planned)
    card = step_card(plan, planned)
    if (
        today is not None
        and planned.due_date is not None
        and planned.due_date < today
        and not planned.step.automatic
    ):
        body = f"{body}\n{text('step_deadline_passed')}"
        card["deadline_passed"] = True
    elif today is not None and planned.due_date == today and not planned.step.automatic:
        body = f"{body}\n{text('step_deadline_today')}"
        card["deadline_today"] = True
    turn.say(body, navigation_buttons(planned.step.needs_counter, last), card)
    turn.journey_event(plan.event.id, "step_viewed", planned.step.id)
    if last:
        turn.say(last_step_note(plan, today), custom={"type": "plan_end", "event_id": plan.event.id})


def last_step_note(plan: JourneyPlan, today: dt.date | None) -> str:
    """Under the last step: that it was the last one, and the first deadline still ahead."""
    note = text("step_last_note", title=plan.event.title)
    ahead = sorted(
        (
            p
            for p in plan.steps
            if p.due_date and not p.step.automatic and (today is None or p.due_date >= today)
        ),
        key=lambda p: p.due_date or dt.date.max,
    )
    if ahead and ahead[0].due_date:
        note += "\n" + text(
            "step_last_first_deadline", title=ahead[0].step.title, date=format_date(ahead[0].due_date)
        )
    return note


def present_plan(
    turn: TurnResult,
    state: ConversationState,
    event: LifeEvent,
    today: dt.date,
    after_overview: Callable[[], None] | None = None,
) -> None:
    """The whole plan, never cut short: introduction and every step, the rights, then step 1.

    ``after_overview`` adds what belongs right under the overview (all situations together)."""
    journey = state.journey
    assert journey is not None
    plan = plan_of(event, journey)
    journey.phase, journey.step_index = "plan", 0
    state.pending = None
    turn.say(overview_text(plan, today), custom=overview_payload(plan, state, today))
    if after_overview is not None:
        after_overview()
    if plan.rights:
        turn.say(rights_text(plan))
    if plan.steps:
        show_step(turn, plan, 0, today)


def event_buttons(events: dict[str, LifeEvent], event_ids: list[str]) -> list[dict[str, str]]:
    return [
        {"title": text("button_later_event", title=events[e].title), "payload": f"/{e}"}
        for e in event_ids
        if e in events
    ]
