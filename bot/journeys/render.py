"""Renders journey plans as structured step cards (JSON) and as plain Dutch text."""

from __future__ import annotations

from typing import Any

from bot.journeys.calendar_be import is_working_day, previous_working_day
from bot.journeys.journey import JourneyPlan, PlannedStep
from bot.knowledge.texts import card_label, format_date, join_list, level_name, step_heading, text


def step_card(plan: JourneyPlan, planned: PlannedStep) -> dict[str, Any]:
    """A JSON-serialisable card for one step, for channels that render rich content."""
    step = planned.step
    return {
        "type": "step_card",
        "event_id": plan.event.id,
        "event_title": plan.event.title,
        "step_id": step.id,
        "number": planned.number,
        "total": planned.total,
        "title": step.title,
        "what_to_do": step.what_to_do,
        "competent": {
            "level": step.competent_level,
            "level_name": level_name(step.competent_level),
            "authority": step.competent_authority,
        },
        "executing": {
            "level": step.executing_level,
            "level_name": level_name(step.executing_level),
            "authority": step.executing_authority,
        },
        "deadline": {
            "text": step.deadline.text,
            "due_date": planned.due_date.isoformat() if planned.due_date else None,
            "due_date_text": format_date(planned.due_date) if planned.due_date else None,
        }
        if step.deadline
        else None,
        "channels": [{"type": c.type, "name": c.name, "url": c.url} for c in step.channels],
        "documents": list(step.documents),
        "automatic": step.automatic,
        "automatic_reason": step.automatic_reason,
        "needs_counter": step.needs_counter,
        "conditional": planned.conditional,
        "costs": step.costs,
        "source_url": step.source_url,
        "checked_on": step.checked_on.isoformat() if step.checked_on else None,
        "plain_text": step_text(planned),
    }


def deadline_text(planned: PlannedStep) -> str:
    """The 'Wanneer' line of a step."""
    deadline = planned.step.deadline
    if deadline is None:
        return text("step_no_deadline")
    if planned.due_date:
        due = card_label("due_date", date=format_date(planned.due_date))
        line = f"{card_label('when')}: {deadline.text}. {text('step_due_sentence', due=due)}"
        if not is_working_day(planned.due_date):  # a Sunday or a holiday: offices are closed
            line += " " + text(
                "step_due_closed_day", date=format_date(previous_working_day(planned.due_date))
            )
        return line
    return f"{card_label('when')}: {deadline.text}."


def documents_text(planned: PlannedStep) -> str:
    """The 'Meebrengen' line of a step."""
    documents = planned.step.documents
    if not documents:
        return text("step_no_documents")
    return f"{card_label('bring')}: {join_list(documents)}."


def location_text(planned: PlannedStep) -> str:
    """Who is competent and through which channels the step is done."""
    step = planned.step
    channels = join_list([f"{c.name} ({c.url})" if c.url else c.name for c in step.channels])
    who = f"{step.executing_authority} ({level_name(step.executing_level)})"
    lines = [f"{card_label('who')}: {who}.", f"{card_label('how')}: {channels}."]
    if step.needs_counter:
        lines.append(card_label("counter_only"))
    return "\n".join(lines)


def step_text(planned: PlannedStep) -> str:
    """Plain-text rendering of a step for text-only channels."""
    step = planned.step
    lines = [step_heading(planned.number, planned.total, step.title)]
    if planned.conditional:
        lines.append(card_label("conditional"))
    lines.append(step.what_to_do)
    if step.automatic:
        lines.append(f"{card_label('automatic')}. {step.automatic_reason or ''}".rstrip())
    else:
        lines.append(location_text(planned))
        if step.deadline:
            lines.append(deadline_text(planned))
        if step.documents:
            lines.append(documents_text(planned))
    if step.checked_on:
        checked = card_label("checked_on", date=format_date(step.checked_on))
        lines.append(f"{card_label('source')}: {step.source_url} ({checked})")
    else:
        lines.append(f"{card_label('source')}: {step.source_url}")
    return "\n".join(lines)


def plan_overview(plan: JourneyPlan) -> str:
    """Intro line of a journey: title, description and how many steps are automatic."""
    intro = text("journey_intro", title=plan.event.title, description=plan.event.description)
    automatic = len(plan.automatic_steps)
    if not plan.steps:
        overview = text("journey_overview_none")
    elif automatic == 1:
        overview = text("journey_overview_one_auto", total=len(plan.steps))
    elif automatic:
        overview = text("journey_overview", total=len(plan.steps), automatic_count=automatic)
    else:
        overview = text("journey_overview_no_auto", total=len(plan.steps))
    return f"{intro}\n{overview}"


def rights_text(plan: JourneyPlan) -> str:
    """The rights check as plain text."""
    lines = [text("rights_header")]
    for right in plan.rights:
        if right.automatic:
            lines.append("- " + text("right_automatic", title=right.title))
        else:
            lines.append("- " + text("right_request", title=right.title, where=right.where_to_request))
    return "\n".join(lines)


def plan_json(plan: JourneyPlan) -> dict[str, Any]:
    """The whole personalised plan as JSON (CLI, front desk)."""
    return {
        "event": {
            "id": plan.event.id,
            "title": plan.event.title,
            "description": plan.event.description,
            "audience": plan.event.audience,
        },
        "answers": dict(plan.answers),
        "event_date": plan.event_date.isoformat() if plan.event_date else None,
        "steps": [step_card(plan, planned) for planned in plan.steps],
        "rights": [
            {
                "id": r.id,
                "title": r.title,
                "description": r.description,
                "automatic": r.automatic,
                "where_to_request": r.where_to_request,
                "source_url": r.source_url,
                "checked_on": r.checked_on.isoformat() if r.checked_on else None,
            }
            for r in plan.rights
        ],
    }
