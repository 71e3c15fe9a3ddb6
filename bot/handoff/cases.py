"""Creating, listing, claiming and closing hand-off cases; the case summary for caseworkers."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import func, select

from bot.handoff.models import CaseMessage, HandoffCase, OutboxItem, utcnow
from bot.insights.privacy import pseudonymise, redact
from bot.knowledge.texts import load_texts
from bot.store import session_scope

REASONS = ("asked_for_human", "repeated_fallback", "several_problems", "counter_needed", "distress")
HIGH_URGENCY_REASONS = frozenset({"several_problems", "distress"})
MAX_MESSAGE = 2000
MAX_NEW_CASES_PER_MINUTE = 20
"""Across the deployment: more than this in one minute is a flood (scripted conversations), not
people; new cases wait a minute while caseworkers keep the ones they have."""


class CaseFlood(RuntimeError):
    """Too many new cases in the last minute (``MAX_NEW_CASES_PER_MINUTE``)."""


class CaseError(ValueError):
    """A case operation is not possible (unknown case, wrong state). ``code`` tells the console
    which Dutch explanation to show: not_found, taken, closed, not_claimed, not_yours,
    unanswered or invalid."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class CaseContext:
    """What the assistant knows when it hands a conversation over (no free text unredacted)."""

    conversation_id: str
    reason: str
    channel: str = "live"
    life_events: Sequence[str] = ()
    life_event_titles: Sequence[str] = ()
    answers: Mapping[str, str] = field(default_factory=dict)  # question text -> answer label
    current_step: str | None = None
    municipality: str | None = None
    last_message: str | None = None
    contact: str | None = None  # only when the person gave it with consent


def build_summary(context: CaseContext, redacted_last_message: str | None) -> str:
    """A short Dutch summary so the caseworker does not have to ask again."""
    lines = []
    if context.life_event_titles:
        lines.append("Situatie: " + ", ".join(context.life_event_titles) + ".")
    for question, answer in context.answers.items():
        lines.append(f"{question} {answer}.")
    if context.current_step:
        lines.append(f"Was bij: {context.current_step}.")
    if context.municipality:
        lines.append(f"Gemeente: {context.municipality}.")
    if redacted_last_message:
        lines.append(f'Laatste bericht: "{redacted_last_message}"')
    reason = load_texts()["handoff_reasons"].get(context.reason, context.reason)
    lines.append(f"Reden: {reason}.")
    return "\n".join(lines)


def create_case(database_url: str, context: CaseContext) -> int:
    """Stores a case and its outbox item in one transaction; returns the case id. A conversation
    that already has an open or claimed case gets that one back. Raises ``CaseFlood`` when the
    deployment got more than ``MAX_NEW_CASES_PER_MINUTE`` new cases in the last minute."""
    if context.reason not in REASONS:
        raise CaseError(f"unknown hand-off reason {context.reason!r}")
    last = redact(context.last_message[:MAX_MESSAGE]).text if context.last_message else None
    summary = build_summary(context, last)
    urgency = "high" if context.reason in HIGH_URGENCY_REASONS else "normal"
    with session_scope(database_url) as session:
        existing = (
            session.execute(
                select(HandoffCase.id).where(
                    HandoffCase.conversation_id == context.conversation_id,
                    HandoffCase.status.in_(("open", "claimed")),
                )
            )
            .scalars()
            .first()
        )
        if existing is not None:
            return int(existing)
        recent = session.execute(
            select(func.count())
            .select_from(HandoffCase)
            .where(HandoffCase.created_at >= utcnow() - dt.timedelta(minutes=1))
        ).scalar_one()
        if recent >= MAX_NEW_CASES_PER_MINUTE:
            raise CaseFlood(f"{recent} new cases in the last minute")
        case = HandoffCase(
            conversation_id=context.conversation_id,
            channel=context.channel,
            reason=context.reason,
            urgency=urgency,
            life_events=json.dumps(list(context.life_events)),
            answers=json.dumps(dict(context.answers), ensure_ascii=False),
            current_step=context.current_step,
            municipality=context.municipality,
            last_message=last,
            summary=summary,
            contact=context.contact,
        )
        session.add(case)
        session.flush()
        key = uuid.uuid5(uuid.NAMESPACE_URL, f"wegwijzer-case-{case.id}-{case.created_at.isoformat()}").hex
        session.add(
            OutboxItem(
                case_id=case.id,
                idempotency_key=key,
                payload=json.dumps(case_payload(case, key), ensure_ascii=False),
            )
        )
        return int(case.id)


def case_payload(case: HandoffCase, idempotency_key: str) -> dict[str, Any]:
    """The JSON delivered to ticketing / live-chat systems (pseudonymised conversation id)."""
    return {
        "idempotency_key": idempotency_key,
        "case_id": case.id,
        "conversation": pseudonymise(case.conversation_id),
        "created_at": (case.created_at or utcnow()).isoformat() + "Z",
        "channel": case.channel,
        "reason": case.reason,
        "urgency": case.urgency,
        "life_events": json.loads(case.life_events or "[]"),
        "answers": json.loads(case.answers or "{}"),
        "current_step": case.current_step,
        "municipality": case.municipality,
        "summary": case.summary,
        "contact": case.contact,
    }


def case_json(case: HandoffCase) -> dict[str, Any]:
    """A case as the console API returns it."""
    return {
        "id": case.id,
        "conversation_id": case.conversation_id,
        "status": case.status,
        "channel": case.channel,
        "reason": case.reason,
        "urgency": case.urgency,
        "life_events": json.loads(case.life_events or "[]"),
        "answers": json.loads(case.answers or "{}"),
        "current_step": case.current_step,
        "municipality": case.municipality,
        "summary": case.summary,
        "claimed_by": case.claimed_by,
        "created_at": case.created_at.isoformat() + "Z" if case.created_at else None,
        "claimed_at": case.claimed_at.isoformat() + "Z" if case.claimed_at else None,
        "closed_at": case.closed_at.isoformat() + "Z" if case.closed_at else None,
    }


def list_cases(database_url: str, statuses: Sequence[str] = ("open", "claimed")) -> list[dict[str, Any]]:
    """Cases in these states, most urgent and oldest first."""
    with session_scope(database_url) as session:
        rows = (
            session.execute(
                select(HandoffCase)
                .where(HandoffCase.status.in_(list(statuses)))
                .order_by(
                    sql_case((HandoffCase.urgency == "high", 0), else_=1),
                    HandoffCase.created_at,
                    HandoffCase.id,
                )
            )
            .scalars()
            .all()
        )
        return [case_json(row) for row in rows]


def get_case(database_url: str, case_id: int) -> dict[str, Any]:
    with session_scope(database_url) as session:
        case = session.get(HandoffCase, case_id)
        if case is None:
            raise CaseError(f"no case {case_id}", code="not_found")
        data = case_json(case)
        data["messages"] = [
            {"author": m.author, "text": m.text, "created_at": m.created_at.isoformat() + "Z"}
            for m in session.execute(
                select(CaseMessage).where(CaseMessage.case_id == case_id).order_by(CaseMessage.id)
            ).scalars()
        ]
        return data


def claim_case(database_url: str, case_id: int, caseworker: str) -> dict[str, Any]:
    """An open case becomes the caseworker's; returns it (claiming one's own case again changes
    nothing). Raises CaseError when another caseworker has it or it is closed."""
    with session_scope(database_url) as session:
        case = session.get(HandoffCase, case_id, with_for_update=True)
        if case is None:
            raise CaseError(f"no case {case_id}", code="not_found")
        if case.status == "claimed" and case.claimed_by == caseworker[:64]:
            return case_json(case)
        if case.status == "claimed":
            raise CaseError(f"case {case_id} is claimed, not open", code="taken")
        if case.status != "open":
            raise CaseError(f"case {case_id} is {case.status}, not open", code="closed")
        case.status, case.claimed_by, case.claimed_at = "claimed", caseworker[:64], utcnow()
        return case_json(case)


def close_case(database_url: str, case_id: int, caseworker: str, force: bool = False) -> dict[str, Any]:
    """Closes an open case or one's own claimed case; returns it. Unless ``force``, refuses
    (code ``unanswered``) while the last live message is a citizen's that nobody answered."""
    with session_scope(database_url) as session:
        case = session.get(HandoffCase, case_id, with_for_update=True)
        if case is None:
            raise CaseError(f"no case {case_id}", code="not_found")
        if case.status in ("closed", "cancelled"):
            raise CaseError(f"case {case_id} is already {case.status}", code="closed")
        if case.status == "claimed" and case.claimed_by != caseworker[:64]:
            raise CaseError(f"case {case_id} belongs to another caseworker", code="not_yours")
        last_author = session.execute(
            select(CaseMessage.author)
            .where(CaseMessage.case_id == case_id, CaseMessage.author != "system")
            .order_by(CaseMessage.id.desc())
            .limit(1)
        ).scalar()
        if last_author == "citizen" and not force:
            raise CaseError(f"case {case_id} ends with an unanswered message", code="unanswered")
        case.status, case.closed_at = "closed", utcnow()
        case.claimed_by = case.claimed_by or caseworker[:64]
        return case_json(case)


def add_message(database_url: str, case_id: int, author: str, text: str) -> dict[str, Any]:
    """Appends a live-chat message to a case."""
    if author not in ("citizen", "caseworker", "system"):
        raise CaseError(f"unknown author {author!r}")
    text = (text or "").strip()
    if not text:
        raise CaseError("message text is empty")
    if len(text) > MAX_MESSAGE:
        raise CaseError(f"message is longer than {MAX_MESSAGE} characters")
    with session_scope(database_url) as session:
        if session.get(HandoffCase, case_id) is None:
            raise CaseError(f"no case {case_id}", code="not_found")
        message = CaseMessage(case_id=case_id, author=author, text=text)
        session.add(message)
        session.flush()
        return {"author": author, "text": text, "created_at": message.created_at.isoformat() + "Z"}


def active_case_for(database_url: str, conversation_id: str) -> dict[str, Any] | None:
    """The open or claimed live case of a conversation, if any."""
    with session_scope(database_url) as session:
        case = (
            session.execute(
                select(HandoffCase)
                .where(
                    HandoffCase.conversation_id == conversation_id,
                    HandoffCase.status.in_(["open", "claimed"]),
                    HandoffCase.channel == "live",
                )
                .order_by(HandoffCase.id.desc())
            )
            .scalars()
            .first()
        )
        return case_json(case) if case else None
