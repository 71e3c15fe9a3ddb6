"""Journey engine: turns a life event and the person's answers into an ordered step plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from bot.clock import belgian_today
from bot.journeys.calendar_be import add_months, add_working_days, next_working_day
from bot.knowledge.knowledge_base import Conditions, Deadline, LifeEvent, Question, Right, Step

UNKNOWN = "onbekend"
"""Answer value for "weet ik niet": the step stays in the plan, marked as possible."""


@dataclass(frozen=True)
class PlannedStep:
    """A step as it applies to this person."""

    step: Step
    number: int
    total: int
    due_date: dt.date | None = None
    conditional: bool = False
    """True when the step depends on an answer the person did not know or give."""


@dataclass(frozen=True)
class JourneyPlan:
    event: LifeEvent
    steps: tuple[PlannedStep, ...]
    rights: tuple[Right, ...]
    answers: Mapping[str, str]
    event_date: dt.date | None = None

    @property
    def automatic_steps(self) -> tuple[PlannedStep, ...]:
        return tuple(planned for planned in self.steps if planned.step.automatic)


def _match(conditions: Conditions, answers: Mapping[str, str]) -> tuple[bool, bool]:
    """Returns (applies, conditional) for a set of conditions and the answers so far."""
    conditional = False
    for question_id, allowed in conditions.items():
        answer = answers.get(question_id)
        if answer is None or answer == UNKNOWN:
            conditional = True
        elif answer not in allowed:
            return False, False
    return True, conditional


def plan_questions(event: LifeEvent) -> tuple[Question, ...]:
    """Questions whose answer changes the plan (referenced by a step or right condition)."""
    used = {key for step in event.steps for key in step.applies_when}
    used |= {key for right in event.rights for key in right.applies_when}
    return tuple(question for question in event.questions if question.id in used)


def pending_questions(event: LifeEvent, answers: Mapping[str, str]) -> tuple[Question, ...]:
    """Plan-changing questions not answered yet (``onbekend`` counts as answered), and only those
    that can still change this plan: no social housing question for someone who buys."""
    return tuple(
        q for q in plan_questions(event) if q.id not in answers and _still_matters(event, q, answers)
    )


def _still_matters(event: LifeEvent, question: Question, answers: Mapping[str, str]) -> bool:
    """A step or right depends on the question and the answers so far do not rule it out."""
    items: tuple[Step | Right, ...] = (*event.steps, *event.rights)
    for item in items:
        if question.id in item.applies_when:
            others = {key: allowed for key, allowed in item.applies_when.items() if key != question.id}
            if _match(others, answers)[0]:
                return True
    return False


def due_date(deadline: Deadline, event_date: dt.date) -> dt.date | None:
    """Concrete last day for a deadline relative to the event date (None if not computable)."""
    if not deadline.from_event:
        return None
    sign = 1 if deadline.relative_to == "na" else -1
    if deadline.unit == "werkdagen":
        return add_working_days(event_date, deadline.amount, sign)
    if deadline.unit == "kalenderdagen":
        day = event_date + dt.timedelta(days=sign * deadline.amount)
    elif deadline.unit == "weken":
        day = event_date + dt.timedelta(weeks=sign * deadline.amount)
    elif deadline.unit == "maanden":
        day = add_months(event_date, sign * deadline.amount)
    elif deadline.unit == "jaren":
        day = add_months(event_date, sign * 12 * deadline.amount)
    else:
        return None
    if deadline.extend_to_working_day and sign > 0:
        day = next_working_day(day)
    return day


def in_force(item: Step | Right, day: dt.date) -> bool:
    """Whether a step or right with ``valid_from`` / ``valid_until`` applies on ``day``."""
    return (item.valid_from is None or item.valid_from <= day) and (
        item.valid_until is None or day <= item.valid_until
    )


def build_plan(
    event: LifeEvent,
    answers: Mapping[str, str] | None = None,
    event_date: dt.date | None = None,
    today: dt.date | None = None,
) -> JourneyPlan:
    """Selects and numbers the steps and rights that apply, with concrete deadlines.

    A rule that changes on a known date is taken as it stands on the event date (or today when
    the date is not known)."""
    answers = dict(answers or {})
    reference = event_date or today or belgian_today()
    selected: list[tuple[Step, bool]] = []
    for step in event.steps:
        if not in_force(step, reference):
            continue
        applies, conditional = _match(step.applies_when, answers)
        if applies:
            selected.append((step, conditional))
    total = len(selected)
    dues = [
        due_date(step.deadline, event_date) if step.deadline and event_date else None for step, _ in selected
    ]
    # Most urgent first: dated steps by deadline, then the others in their own order, what happens
    # automatically last (the overview, the step cards and "volgende stap" all follow this order).
    order = sorted(
        range(total),
        key=lambda i: (2 if selected[i][0].automatic else 0 if dues[i] else 1, dues[i] or dt.date.max, i),
    )
    planned = tuple(
        PlannedStep(
            step=selected[i][0],
            number=number,
            total=total,
            due_date=dues[i],
            conditional=selected[i][1],
        )
        for number, i in enumerate(order, start=1)
    )
    rights = tuple(
        right
        for right in event.rights
        if in_force(right, reference) and _match(right.applies_when, answers)[0]
    )
    return JourneyPlan(event=event, steps=planned, rights=rights, answers=answers, event_date=event_date)
