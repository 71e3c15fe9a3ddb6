"""Front desk: validates the staff page's requests and shapes the JSON it renders.

Pure functions over ``bot/`` (no Sanic, no Rasa), so they are tested without a server.
``channels/frontdesk.py`` holds the routes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.clock import belgian_today
from bot.journeys.journey import UNKNOWN, build_plan, pending_questions, plan_questions
from bot.journeys.render import plan_json
from bot.knowledge.knowledge_base import KnowledgeBase, LifeEvent, Question, load_knowledge_base
from bot.knowledge.texts import format_date, text
from bot.places.municipalities import PlaceIndex, load_places
from bot.places.service_points import ServicePoint, contacts_for
from bot.settings import Settings
from bot.understanding.dates import read_date
from bot.understanding.event_detection import PRIORITY, DetectedEvents, KeywordIndex, detect_events
from bot.understanding.fact_scan import scan_facts

MAX_TEXT_CHARS = 2000
MAX_MUNICIPALITY_CHARS = 100
MIN_YEAR, MAX_YEAR = 1900, 2100
AUDIENCE_LABELS = {"burger": "Burgers", "onderneming": "Ondernemingen", "vereniging": "Verenigingen"}
PLAN_KEYS = frozenset({"event_id", "answers", "event_date", "municipality"})


class FrontDeskRequestError(ValueError):
    """A request from the front-desk page is malformed; the message names the field (HTTP 400)."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(f"{field}: {detail}")
        self.field = field
        self.detail = detail


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The knowledge base of the running server (validated once)."""
    return load_knowledge_base(Settings.from_env().knowledge_base_dir)


@lru_cache(maxsize=1)
def keyword_index() -> KeywordIndex:
    return KeywordIndex.from_knowledge_base(knowledge_base())


# --- Life events and questions --------------------------------------------------------------


def question_json(question: Question, answer: str | None = None, pending: bool = True) -> dict[str, Any]:
    """A question with its options and the always-accepted "Weet ik niet"."""
    options = [{"value": o.value, "label": o.label} for o in question.options]
    options.append({"value": UNKNOWN, "label": text("question_unknown")})
    return {
        "id": question.id,
        "text": question.text,
        "options": options,
        "answer": answer,
        "pending": pending,
    }


def event_summary(event: LifeEvent) -> dict[str, Any]:
    """What the event list shows: id, title, description and audience."""
    return {
        "id": event.id,
        "title": event.title,
        "description": event.description,
        "audience": event.audience,
        "audience_label": AUDIENCE_LABELS.get(event.audience, event.audience),
    }


def events_index(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """All life events, citizens' first, then by title."""
    order = list(AUDIENCE_LABELS)
    events = sorted(
        kb.events.values(),
        key=lambda e: (order.index(e.audience) if e.audience in order else len(order), e.title),
    )
    return [event_summary(event) for event in events]


def event_details(event: LifeEvent) -> dict[str, Any]:
    """One event with the questions worth asking and the label of its date."""
    return {
        **event_summary(event),
        "questions": [question_json(q) for q in plan_questions(event)],
        "event_date_label": event.event_date_label or text("default_date_label"),
        "has_deadlines": any(step.deadline for step in event.steps),
    }


# --- Plan requests --------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanRequest:
    event: LifeEvent
    answers: dict[str, str]
    event_date: dt.date | None
    municipality: str | None


def parse_plan_request(payload: Any, kb: KnowledgeBase) -> PlanRequest:
    """Checks ``{event_id, answers?, event_date?, municipality?}``.

    Raises:
        FrontDeskRequestError: naming the first field that is wrong.
    """
    if not isinstance(payload, Mapping):
        raise FrontDeskRequestError(
            "payload", "send a JSON object with event_id, answers, event_date and municipality"
        )
    unknown = sorted(set(payload) - PLAN_KEYS)
    if unknown:
        raise FrontDeskRequestError(unknown[0], f"unknown field (allowed: {', '.join(sorted(PLAN_KEYS))})")
    event_id = payload.get("event_id")
    event = kb.get(event_id) if isinstance(event_id, str) else None
    if event is None:
        raise FrontDeskRequestError("event_id", "required, one of the 20 life-event ids (GET api/events)")
    return PlanRequest(
        event,
        _answers(event, payload.get("answers")),
        _event_date(payload.get("event_date")),
        _municipality(payload.get("municipality")),
    )


def _answers(event: LifeEvent, raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise FrontDeskRequestError("answers", "must be an object {question_id: option value}")
    questions = {q.id: q for q in plan_questions(event)}
    answers: dict[str, str] = {}
    for question_id, value in raw.items():
        question = questions.get(question_id)
        if question is None:
            raise FrontDeskRequestError(
                f"answers.{str(question_id)[:64]}",
                f"not a question of {event.id} (allowed: {', '.join(questions) or 'none'})",
            )
        if value is None or value == "":
            continue  # not asked yet
        allowed = [o.value for o in question.options] + [UNKNOWN]
        if value not in allowed:
            raise FrontDeskRequestError(f"answers.{question_id}", f"must be one of {', '.join(allowed)}")
        answers[question_id] = value
    return answers


def _event_date(raw: Any) -> dt.date | None:
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str):
        raise FrontDeskRequestError("event_date", "must be a date YYYY-MM-DD or null")
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise FrontDeskRequestError("event_date", f"{raw[:20]!r} is not a date YYYY-MM-DD") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise FrontDeskRequestError("event_date", f"year must be between {MIN_YEAR} and {MAX_YEAR}")
    return day


def _municipality(raw: Any) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise FrontDeskRequestError("municipality", "must be a text (name or postcode) or null")
    if len(raw) > MAX_MUNICIPALITY_CHARS:
        raise FrontDeskRequestError("municipality", f"at most {MAX_MUNICIPALITY_CHARS} characters")
    return raw.strip() or None


# --- Municipality and service points --------------------------------------------------------


def service_point_json(point: ServicePoint) -> dict[str, Any]:
    return {
        "name": point.name,
        "kind": point.kind,
        "kind_label": point.kind_label,
        "municipality": point.municipality,
        "address": point.address,
        "phone": point.phone,
        "url": point.url,
        "opening_hours": point.opening_hours,
        "note": point.note,
        "source_url": point.source_url,
        "checked_on": point.checked_on.isoformat(),
        "checked_on_text": format_date(point.checked_on),
    }


def municipality_json(query: str | None, places: PlaceIndex | None = None) -> dict[str, Any] | None:
    """The municipality a name or postcode points to, with its service points or the 1700 fallback."""
    if not query:
        return None
    places = places or load_places()
    resolution = places.resolve(query)
    if resolution is None:
        return {
            "query": query,
            "found": False,
            "message": text("frontdesk_municipality_not_found", query=query),
        }
    municipality = resolution.municipality
    contacts = contacts_for(municipality.nis_code)
    fallback = contacts["fallback"]
    if fallback is not None:
        fallback = {**fallback, "checked_on_text": format_date(dt.date.fromisoformat(fallback["checked_on"]))}
    return {
        "query": query,
        "found": True,
        "name": municipality.name_nl,
        "nis_code": municipality.nis_code,
        "province": municipality.province,
        "in_flanders": resolution.in_flanders,
        "region": municipality.region,
        "matched": resolution.matched_text,
        "match_kind": resolution.match_kind,
        "candidates": [m.name_nl for m in resolution.candidates[1:]] if resolution.ambiguous else [],
        "service_points": [service_point_json(p) for p in contacts["service_points"]],
        "fallback": fallback,
    }


def flemish_municipality_names(places: PlaceIndex | None = None) -> list[str]:
    return [m.name_nl for m in (places or load_places()).flemish_municipalities()]


# --- The plan -------------------------------------------------------------------------------


def plan_response(
    request: PlanRequest, today: dt.date | None = None, places: PlaceIndex | None = None
) -> dict[str, Any]:
    """The personalised plan, the questions still worth asking and the local contacts."""
    today = today or belgian_today()
    event = request.event
    plan = build_plan(event, request.answers, request.event_date, today)
    pending = {q.id for q in pending_questions(event, request.answers)}
    data = plan_json(plan)
    for step in data["steps"]:
        step["checked_on_text"] = _date_text(step["checked_on"])
    for right in data["rights"]:
        right["checked_on_text"] = _date_text(right["checked_on"])
    data["event"] = {key: value for key, value in event_details(event).items() if key != "questions"}
    data["questions"] = [
        question_json(q, request.answers.get(q.id), q.id in pending) for q in plan_questions(event)
    ]
    data["pending_questions"] = [q["id"] for q in data["questions"] if q["pending"]]
    data["event_date_text"] = format_date(request.event_date) if request.event_date else None
    data["needs_event_date"] = request.event_date is None and data["event"]["has_deadlines"]
    data["summary"] = {
        "total": len(plan.steps),
        "automatic": len(plan.automatic_steps),
        "conditional": sum(1 for p in plan.steps if p.conditional),
    }
    data["municipality"] = municipality_json(request.municipality, places)
    data["printed_on"] = today.isoformat()
    data["printed_on_text"] = format_date(today)
    return data


# --- Classification -------------------------------------------------------------------------


def clean_situation_text(raw: Any) -> str:
    """The staff member's description, checked; a leading '/' would be read as an intent."""
    if not isinstance(raw, str) or not raw.strip():
        raise FrontDeskRequestError("text", "required: describe the situation in a few words")
    if len(raw) > MAX_TEXT_CHARS:
        raise FrontDeskRequestError("text", f"at most {MAX_TEXT_CHARS} characters")
    cleaned = raw.strip().lstrip("/").strip()
    if not cleaned:
        raise FrontDeskRequestError("text", "required: describe the situation in a few words")
    return cleaned


def classify_response(
    parsed: Mapping[str, Any],
    text_: str,
    kb: KnowledgeBase,
    keywords: KeywordIndex | None = None,
    today: dt.date | None = None,
    places: PlaceIndex | None = None,
) -> dict[str, Any]:
    """Life events found in a description (most urgent first), plus a date and a place if named."""
    ranking: Sequence[Mapping[str, Any]] = parsed.get("intent_ranking") or []
    detected = detect_events(ranking, text_, keywords, known_events=kb.events)
    # At the counter a person confirms every proposal, so a situation named by its trigger phrase
    # is proposed even when the model gives it little weight ("... en heeft haar job verloren").
    found = set(detected.events) | (keywords.events_in(text_) if keywords is not None else set())
    order = {event_id: index for index, event_id in enumerate(PRIORITY)}
    event_ids = sorted((e for e in found if e in kb), key=lambda e: order.get(e, len(order)))
    detected = DetectedEvents(tuple(event_ids))
    confidences = {r.get("name"): float(r.get("confidence") or 0.0) for r in ranking}
    events = [
        {**event_summary(kb.events[e]), "confidence": round(confidences.get(e, 0.0), 3)}
        for e in detected.events
    ]
    primary = kb.events[detected.events[0]] if detected.events else None
    reading = read_date(text_, today, primary.date_direction if primary else "either")  # type: ignore[arg-type]
    day = reading.day if reading is not None and not reading.too_vague else None
    resolution = (places or load_places()).resolve(text_)
    # Once only at the counter too: answers the description already gives are filled in.
    answers = {
        event["id"]: {
            q.id: value
            for q in kb.events[event["id"]].questions
            if (value := scan_facts(q, text_)) is not None
        }
        for event in events
    }
    return {
        "text": text_,
        "events": events,
        "answers": answers,
        "intent": (parsed.get("intent") or {}).get("name"),
        "event_date": day.isoformat() if day else None,
        "municipality": resolution.municipality.name_nl if resolution else None,
        "needs_integral_guidance": detected.needs_integral_guidance,
    }


def _date_text(iso: str | None) -> str | None:
    """ "maandag 30 november 2026" for a date a person confirmed; None when nobody did."""
    return format_date(dt.date.fromisoformat(iso)) if iso else None
