"""Front desk with several situations at once: validates the request and shapes ONE merged plan.

"Mevrouw is net verhuisd naar Gent en heeft haar job verloren" gives two situations; the clerk
keeps the ones that apply and gets one plan without duplicate steps (``bot.journeys.merge``),
headed by an overview of every step by deadline. Pure functions, tested without a server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.clock import belgian_today
from bot.journeys.journey import build_plan, pending_questions, plan_questions
from bot.journeys.merge import MergedPlan, merge_plans
from bot.journeys.render import step_card
from bot.knowledge.knowledge_base import KnowledgeBase
from bot.knowledge.texts import format_date
from bot.places.municipalities import PlaceIndex
from bot.understanding.event_detection import PRIORITY
from channels.frontdesk_plan import (
    FrontDeskRequestError,
    PlanRequest,
    _date_text,
    _municipality,
    event_details,
    municipality_json,
    parse_plan_request,
    question_json,
)

MAX_SITUATIONS = 5
REQUEST_KEYS = frozenset({"situations", "municipality"})


@dataclass(frozen=True)
class SituationsRequest:
    situations: tuple[PlanRequest, ...]
    municipality: str | None


def parse_situations_request(payload: Any, kb: KnowledgeBase) -> SituationsRequest:
    """Checks ``{situations: [{event_id, answers?, event_date?}, ...], municipality?}``.

    Raises:
        FrontDeskRequestError: naming the first field that is wrong.
    """
    if not isinstance(payload, Mapping):
        raise FrontDeskRequestError("payload", "send a JSON object with situations and municipality")
    unknown = sorted(set(payload) - REQUEST_KEYS)
    if unknown:
        raise FrontDeskRequestError(unknown[0], f"unknown field (allowed: {', '.join(sorted(REQUEST_KEYS))})")
    raw = payload.get("situations")
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_SITUATIONS:
        raise FrontDeskRequestError("situations", f"a list of 1 to {MAX_SITUATIONS} situations")
    situations: list[PlanRequest] = []
    for index, item in enumerate(raw):
        if isinstance(item, Mapping) and "municipality" in item:
            raise FrontDeskRequestError(f"situations.{index}.municipality", "give the municipality once")
        try:
            situation = parse_plan_request(item, kb)
        except FrontDeskRequestError as error:
            raise FrontDeskRequestError(f"situations.{index}.{error.field}", error.detail) from None
        if any(s.event.id == situation.event.id for s in situations):
            raise FrontDeskRequestError(f"situations.{index}.event_id", "this situation is listed twice")
        situations.append(situation)
    order = {event_id: index for index, event_id in enumerate(PRIORITY)}
    situations.sort(key=lambda s: order.get(s.event.id, len(order)))
    return SituationsRequest(tuple(situations), _municipality(payload.get("municipality")))


def _situation_json(request: PlanRequest) -> dict[str, Any]:
    event = request.event
    pending = {q.id for q in pending_questions(event, request.answers)}
    details = {key: value for key, value in event_details(event).items() if key != "questions"}
    questions = [question_json(q, request.answers.get(q.id), q.id in pending) for q in plan_questions(event)]
    return {
        "event": details,
        "answers": dict(request.answers),
        "questions": questions,
        "pending_questions": [q["id"] for q in questions if q["pending"]],
        "event_date": request.event_date.isoformat() if request.event_date else None,
        "event_date_text": format_date(request.event_date) if request.event_date else None,
        "needs_event_date": request.event_date is None and details["has_deadlines"],
    }


def merged_plan_json(merged: MergedPlan) -> dict[str, Any]:
    """Steps (numbered in the merged plan, each naming its situations), rights and the overview."""
    plans = {plan.event.id: plan for plan in merged.plans}
    steps = []
    for step in merged.steps:
        card = step_card(plans[step.events[0].id], step.as_planned)
        card["status"] = step.status
        card["event_ids"] = [event.id for event in step.events]
        card["situations"] = [event.title for event in step.events]
        card["checked_on_text"] = _date_text(card["checked_on"])
        steps.append(card)
    rights = [
        {
            "id": right.id,
            "title": right.title,
            "description": right.description,
            "automatic": right.automatic,
            "where_to_request": right.where_to_request,
            "source_url": right.source_url,
            "checked_on": right.checked_on.isoformat() if right.checked_on else None,
            "checked_on_text": format_date(right.checked_on) if right.checked_on else None,
            "situations": [event.title for event in events],
        }
        for right, events in merged.rights
    ]
    overview = [
        {
            "step_id": step.planned.step.id,
            "number": step.number,
            "title": step.planned.step.title,
            "status": step.status,
            "due_date": step.due_date.isoformat() if step.due_date else None,
            "due_date_text": format_date(step.due_date) if step.due_date else None,
            "deadline_text": step.planned.step.deadline.text if step.planned.step.deadline else None,
            "situations": [event.title for event in step.events],
        }
        for step in merged.overview()
    ]
    return {"steps": steps, "rights": rights, "overview": overview}


def situations_plan_response(
    request: SituationsRequest, today: dt.date | None = None, places: PlaceIndex | None = None
) -> dict[str, Any]:
    """One plan for every situation kept, with the questions per situation and the local contacts."""
    today = today or belgian_today()
    plans = [build_plan(s.event, s.answers, s.event_date, today) for s in request.situations]
    merged = merge_plans(plans)
    data = merged_plan_json(merged)
    data["situations"] = [_situation_json(s) for s in request.situations]
    data["summary"] = {
        "total": len(merged.steps),
        "automatic": sum(1 for s in merged.steps if s.planned.step.automatic),
        "conditional": sum(1 for s in merged.steps if s.conditional),
        "shared": sum(1 for s in merged.steps if len(s.events) > 1),
    }
    data["municipality"] = municipality_json(request.municipality, places)
    data["printed_on"] = today.isoformat()
    data["printed_on_text"] = format_date(today)
    return data
