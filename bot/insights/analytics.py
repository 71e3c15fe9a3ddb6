"""Figures for service designers, computed from the application database.

Only columns without free text or with redacted text are read: ``journey_events``, ``feedback``,
``unrecognised_messages``, the optional ``handoff_cases`` table, and from Rasa's tracker-store
``events`` table nothing but the number of user messages. Queries use SQLAlchemy expressions
only, so the same code runs on SQLite and PostgreSQL; grouping by week and by text is done in
Python.

All dates are UTC calendar days; ``date_to`` is inclusive.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import MetaData, Table, and_, func, select
from sqlalchemy.engine import Connection

from bot.insights.feedback import FeedbackRecord, UnrecognisedMessage
from bot.insights.funnel import funnel_rows
from bot.insights.journey_shape import StepShape, as_shapes
from bot.insights.report_model import (
    RATING_KINDS,
    ConversationToRead,
    CountRow,
    DemandRow,
    FallbackStats,
    RatingRow,
    RemarkRow,
    Report,
)
from bot.insights.retention import HANDOFF_TABLE, TRACKER_EVENTS_TABLE, table_exists, tracker_events
from bot.insights.unrecognised import (
    group_unrecognised,
)
from bot.store import JourneyEventRecord, get_engine


def step_order_from_knowledge_base(kb: Any) -> dict[str, list[str]]:
    """``{life_event_id: [step ids in journey order]}`` from a loaded ``KnowledgeBase``."""
    return {event_id: [step.id for step in event.steps] for event_id, event in kb.events.items()}


def build_report(
    database_url: str,
    date_from: dt.date,
    date_to: dt.date,
    step_order: Mapping[str, Sequence[str | StepShape]] | None = None,
    *,
    top_unrecognised: int = 25,
    min_fallbacks_to_read: int = 2,
    max_conversations_to_read: int = 50,
    max_remarks: int = 200,
) -> Report:
    """Computes the report for the UTC days ``date_from`` to ``date_to`` (both inclusive).

    Args:
        database_url: SQLAlchemy URL of the application database (SQLite or PostgreSQL).
        date_from: first day of the period.
        date_to: last day of the period (inclusive).
        step_order: optional ``{life_event: [step ids or StepShapes in journey order]}`` (see
            ``bot.insights.journey_shape.journey_shapes_from_knowledge_base``). With it the funnel
            has one row per step of the journey, and with the steps' conditions it understands
            branches (``bot.insights.funnel``); without it, position k counts conversations that
            viewed at least k different steps, labelled with the step most often viewed there.
        top_unrecognised: number of unrecognised-message groups to keep.
        min_fallbacks_to_read: a conversation with at least this many unrecognised messages is
            listed as worth reading.
        max_conversations_to_read: maximum length of that list.
        max_remarks: maximum number of remarks listed (newest first).

    Returns:
        The report.

    Raises:
        ValueError: ``date_from`` is after ``date_to``.
    """
    if date_from > date_to:
        raise ValueError(f"date_from {date_from} is after date_to {date_to}")
    start = dt.datetime.combine(date_from, dt.time())
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time())
    notes: list[str] = []
    with get_engine(database_url).connect() as connection:
        demand, totals = _demand(connection, start, end)
        journeys = {event: as_shapes(order) for event, order in (step_order or {}).items()}
        funnel = funnel_rows(connection, start, end, journeys)
        unrecognised_rows = _unrecognised_rows(connection, start, end)
        user_messages = _user_messages(connection, start, end)
        handoff = _handoff_reasons(connection, start, end, notes)
        feedback_rows = _feedback_rows(connection, start, end)
    per_conversation = Counter(row["conversation_id"] for row in unrecognised_rows)
    fallback = FallbackStats(
        unrecognised_messages=len(unrecognised_rows),
        user_messages=user_messages,
        rate=(len(unrecognised_rows) / user_messages) if user_messages else None,
        conversations_with_fallback=len(per_conversation),
    )
    if user_messages is None:
        notes.append("no_user_message_count")
    ratings = [row for row in feedback_rows if row["kind"] in RATING_KINDS and row["rating"]]
    complaints = [row for row in feedback_rows if row["kind"] == "complaint"]
    return Report(
        date_from=date_from,
        date_to=date_to,
        generated_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0),
        demand=demand,
        demand_totals=totals,
        funnel=funnel,
        fallback=fallback,
        unrecognised=group_unrecognised(unrecognised_rows, top_unrecognised),
        handoff_reasons=handoff,
        ratings_by_event=_ratings(ratings, by_step=False),
        ratings_by_step=_ratings([row for row in ratings if row["step_id"]], by_step=True),
        complaints_by_agency=_count_rows(row["complaint_agency"] for row in complaints),
        complaints_by_level=_count_rows(row["complaint_level"] for row in complaints),
        remarks=_remarks(feedback_rows, max_remarks),
        conversations_to_read=_conversations_to_read(
            per_conversation, feedback_rows, min_fallbacks_to_read, max_conversations_to_read
        ),
        notes=tuple(notes),
    )


# ---------------------------------------------------------------------------------------------
# Journeys
# ---------------------------------------------------------------------------------------------


def _week(moment: dt.datetime) -> dt.date:
    day = moment.date()
    return day - dt.timedelta(days=day.weekday())


def _demand(
    connection: Connection, start: dt.datetime, end: dt.datetime
) -> tuple[tuple[DemandRow, ...], dict[str, int]]:
    journey = JourneyEventRecord
    rows = connection.execute(
        select(journey.conversation_id, journey.life_event, journey.created_at).where(
            and_(journey.kind == "started", journey.created_at >= start, journey.created_at < end)
        )
    ).all()
    per_week: dict[tuple[dt.date, str], set[str]] = defaultdict(set)
    per_event: dict[str, set[str]] = defaultdict(set)
    for conversation_id, life_event, created_at in rows:
        per_week[(_week(created_at), life_event)].add(conversation_id)
        per_event[life_event].add(conversation_id)
    demand = tuple(DemandRow(week, event, len(ids)) for (week, event), ids in sorted(per_week.items()))
    totals = {
        event: len(ids) for event, ids in sorted(per_event.items(), key=lambda item: (-len(item[1]), item[0]))
    }
    return demand, totals


# ---------------------------------------------------------------------------------------------
# Unrecognised messages and hand-offs
# ---------------------------------------------------------------------------------------------


def _unrecognised_rows(connection: Connection, start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
    message = UnrecognisedMessage
    result = connection.execute(
        select(message.conversation_id, message.text_redacted, message.annotated_life_event)
        .where(and_(message.created_at >= start, message.created_at < end))
        .order_by(message.id)
    )
    return [dict(row._mapping) for row in result]


def _user_messages(connection: Connection, start: dt.datetime, end: dt.datetime) -> int | None:
    if not table_exists(connection, TRACKER_EVENTS_TABLE):
        return None
    start_ts = start.replace(tzinfo=dt.timezone.utc).timestamp()
    end_ts = end.replace(tzinfo=dt.timezone.utc).timestamp()
    count = connection.execute(
        select(func.count())
        .select_from(tracker_events)
        .where(
            and_(
                tracker_events.c.type_name == "user",
                tracker_events.c.timestamp >= start_ts,
                tracker_events.c.timestamp < end_ts,
            )
        )
    ).scalar_one()
    return int(count) or None


def _handoff_reasons(
    connection: Connection, start: dt.datetime, end: dt.datetime, notes: list[str]
) -> tuple[CountRow, ...] | None:
    if not table_exists(connection, HANDOFF_TABLE):
        return None
    table = Table(HANDOFF_TABLE, MetaData(), autoload_with=connection)
    if "reason" not in table.c:
        notes.append("handoff_without_reason")
        return None
    query = select(table.c.reason, func.count()).group_by(table.c.reason)
    if "created_at" in table.c:
        query = query.where(and_(table.c.created_at >= start, table.c.created_at < end))
    else:
        notes.append("handoff_without_created_at")
    rows = connection.execute(query).all()
    return tuple(
        sorted(
            (CountRow(reason, int(count)) for reason, count in rows),
            key=lambda row: (-row.count, row.label or ""),
        )
    )


# ---------------------------------------------------------------------------------------------
# Feedback
# ---------------------------------------------------------------------------------------------


def _feedback_rows(connection: Connection, start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
    record = FeedbackRecord
    result = connection.execute(
        select(
            record.conversation_id,
            record.created_at,
            record.kind,
            record.rating,
            record.comment_redacted,
            record.life_event,
            record.step_id,
            record.complaint_agency,
            record.complaint_level,
        )
        .where(and_(record.created_at >= start, record.created_at < end))
        .order_by(record.created_at.desc(), record.id.desc())
    )
    return [dict(row._mapping) for row in result]


def _ratings(rows: list[dict[str, Any]], by_step: bool) -> tuple[RatingRow, ...]:
    counts: dict[tuple[str | None, str | None], Counter] = defaultdict(Counter)
    for row in rows:
        counts[(row["life_event"], row["step_id"] if by_step else None)][row["rating"]] += 1
    result = []
    for (life_event, step_id), counter in counts.items():
        total = counter["up"] + counter["down"]
        result.append(
            RatingRow(
                life_event,
                step_id,
                counter["up"],
                counter["down"],
                total,
                counter["up"] / total if total else None,
            )
        )
    result.sort(key=lambda row: (row.life_event is None, row.life_event or "", row.step_id or ""))
    return tuple(result)


def _count_rows(labels: Iterable[str | None]) -> tuple[CountRow, ...]:
    counts = Counter(labels)
    return tuple(
        CountRow(label, count)
        for label, count in sorted(
            counts.items(), key=lambda item: (-item[1], item[0] is None, item[0] or "")
        )
    )


def _remarks(rows: list[dict[str, Any]], limit: int) -> tuple[RemarkRow, ...]:
    remarks = [
        RemarkRow(
            row["created_at"],
            row["kind"],
            row["life_event"],
            row["step_id"],
            row["comment_redacted"],
            row["conversation_id"],
        )
        for row in rows
        if row["comment_redacted"]
    ]
    return tuple(remarks[:limit])


def _conversations_to_read(
    fallbacks: Counter, feedback_rows: list[dict[str, Any]], min_fallbacks: int, limit: int
) -> tuple[ConversationToRead, ...]:
    down = Counter(
        row["conversation_id"]
        for row in feedback_rows
        if row["kind"] in RATING_KINDS and row["rating"] == "down"
    )
    complaints = Counter(row["conversation_id"] for row in feedback_rows if row["kind"] == "complaint")
    pseudonyms = {p for p, count in fallbacks.items() if count >= min_fallbacks} | set(down) | set(complaints)
    result = []
    for pseudonym in pseudonyms:
        reasons = [
            name
            for name, present in (
                ("complaint", complaints[pseudonym]),
                ("down_rating", down[pseudonym]),
                ("fallbacks", fallbacks[pseudonym] >= min_fallbacks),
            )
            if present
        ]
        result.append(
            ConversationToRead(
                pseudonym, fallbacks[pseudonym], down[pseudonym], complaints[pseudonym], ",".join(reasons)
            )
        )
    result.sort(key=lambda item: (-item.complaints, -item.down_ratings, -item.fallbacks, item.pseudonym))
    return tuple(result[:limit])
