"""Where a waiting citizen stands: queue position, expected wait, stopping the wait; and the
ownership rules of the console (one claimed owner, no reply or close by anyone else).

The queue is the console's order (urgent first, then oldest): the citizen's position is the
number of open live cases ahead of theirs, plus one. The expected wait is the median time
caseworkers took to claim a case over the last week, minus what the citizen already waited.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from typing import Any

from sqlalchemy import and_, func, or_, select

from bot.handoff.cases import CaseError, case_json
from bot.handoff.models import CaseMessage, HandoffCase, utcnow
from bot.store import session_scope

ACTIVE = ("open", "claimed")
WAIT_SAMPLE_DAYS = 7
MIN_WAIT_SAMPLES = 3
"""Fewer claimed cases than this last week: no expected wait is shown (only the position)."""


def _active_live_case(session: Any, conversation_id: str) -> HandoffCase | None:
    return (
        session.execute(
            select(HandoffCase)
            .where(
                HandoffCase.conversation_id == conversation_id,
                HandoffCase.status.in_(ACTIVE),
                HandoffCase.channel == "live",
            )
            .order_by(HandoffCase.id.desc())
        )
        .scalars()
        .first()
    )


def median_wait_minutes(session: Any, now: dt.datetime) -> float | None:
    """Median minutes from creation to claim of the live cases claimed in the last week."""
    rows = session.execute(
        select(HandoffCase.created_at, HandoffCase.claimed_at).where(
            HandoffCase.channel == "live",
            HandoffCase.claimed_at.is_not(None),
            HandoffCase.claimed_at >= now - dt.timedelta(days=WAIT_SAMPLE_DAYS),
        )
    ).all()
    waits = [(claimed - created).total_seconds() / 60 for created, claimed in rows if claimed >= created]
    return statistics.median(waits) if len(waits) >= MIN_WAIT_SAMPLES else None


def queue_state(database_url: str, conversation_id: str, now: dt.datetime | None = None) -> dict[str, Any]:
    """The hand-off state of one conversation, for the citizen's widget.

    Returns:
        ``{"status": "none"}`` without an active live case; otherwise ``status`` (open | claimed),
        ``case_id``, ``waited_seconds``, and for an open case ``position`` (1 = next) and
        ``expected_minutes`` (None when there are too few recent claims to tell).
    """
    now = now or utcnow()
    with session_scope(database_url) as session:
        case = _active_live_case(session, conversation_id)
        if case is None:
            return {"status": "none"}
        state: dict[str, Any] = {
            "status": case.status,
            "case_id": case.id,
            "waited_seconds": max(0, int((now - case.created_at).total_seconds())),
        }
        if case.status != "open":
            return state
        urgent = case.urgency == "high"
        ahead_filter = (
            and_(HandoffCase.urgency == "high", _older_than(case))
            if urgent
            else or_(HandoffCase.urgency == "high", _older_than(case))
        )
        ahead = session.execute(
            select(func.count())
            .select_from(HandoffCase)
            .where(
                HandoffCase.status == "open",
                HandoffCase.channel == "live",
                HandoffCase.id != case.id,
                ahead_filter,
            )
        ).scalar_one()
        state["position"] = int(ahead) + 1
        median = median_wait_minutes(session, now)
        waited = state["waited_seconds"] / 60
        state["expected_minutes"] = None if median is None else max(1, math.ceil(median - waited))
        return state


def _older_than(case: HandoffCase) -> Any:
    return or_(
        HandoffCase.created_at < case.created_at,
        and_(HandoffCase.created_at == case.created_at, HandoffCase.id < case.id),
    )


def cancel_waiting(database_url: str, conversation_id: str, note: str) -> dict[str, Any] | None:
    """The citizen stops waiting: their open live case leaves the queue (status ``cancelled``)
    with ``note`` as a system message for the console. Returns the case, or None when the
    conversation has no open case (nothing to stop, or a caseworker took it meanwhile)."""
    with session_scope(database_url) as session:
        case = _active_live_case(session, conversation_id)
        if case is None or case.status != "open":
            return None
        locked = session.get(HandoffCase, case.id, with_for_update=True)
        if locked is None or locked.status != "open":
            return None
        locked.status, locked.closed_at = "cancelled", utcnow()
        session.add(CaseMessage(case_id=locked.id, author="system", text=note))
        return case_json(locked)


def check_owner(case: dict[str, Any], caseworker: str) -> None:
    """Raises CaseError (with a ``code``) unless ``caseworker`` may reply to ``case``."""
    if case["status"] in ("closed", "cancelled"):
        raise CaseError(f"case {case['id']} is {case['status']}", code="closed")
    if case["status"] != "claimed":
        raise CaseError(f"claim case {case['id']} before replying", code="not_claimed")
    if case["claimed_by"] != caseworker:
        raise CaseError(f"case {case['id']} belongs to another caseworker", code="not_yours")


def unanswered(case: dict[str, Any]) -> bool:
    """True when the last live message is the citizen's (a question nobody answered yet)."""
    messages = [m for m in case.get("messages", []) if m["author"] in ("citizen", "caseworker")]
    return bool(messages) and messages[-1]["author"] == "citizen"
