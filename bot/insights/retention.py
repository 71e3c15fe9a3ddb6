"""Retention and the right to erasure.

Rasa's SQL tracker store keeps every message in its ``events`` table (``id, sender_id,
type_name, timestamp`` as a Unix float, ``intent_name, action_name, data`` as JSON text); the
live chat keeps its messages in ``handoff_messages``. Everything holding conversation data is
purged after a fixed number of days (``purge_expired``). The ``events`` table is owned by Rasa: it
is addressed here as a lightweight table clause, never created.
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, inspect, or_, select
from sqlalchemy.engine import Connection

from bot.insights.feedback import FeedbackRecord, UnrecognisedMessage
from bot.insights.privacy import pseudonymise
from bot.store import JourneyEventRecord, get_engine

logger = logging.getLogger(__name__)

TRACKER_EVENTS_TABLE = "events"
HANDOFF_TABLE = "handoff_cases"
SAVED_PLANS_TABLE = "saved_plans"
STAFF_SESSIONS_TABLE = "staff_sessions"

# A description of Rasa 3.6's SQLTrackerStore table, on its own MetaData so that it is never
# created by ``Base.metadata.create_all``.
tracker_events = Table(
    TRACKER_EVENTS_TABLE,
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


def table_exists(connection: Connection, name: str) -> bool:
    """Whether the table ``name`` exists in the database of ``connection``."""
    return inspect(connection).has_table(name)


def purge_old_conversations(
    database_url: str, days: int, now: dt.datetime | None = None, analysis_days: int | None = None
) -> int:
    """Deletes conversation data older than ``days`` days from every table that holds it; returns
    the number of rows deleted (see ``purge_expired`` for the figures per table)."""
    return sum(purge_expired(database_url, days, now, analysis_days).values())


def purge_expired(
    database_url: str, days: int, now: dt.datetime | None = None, analysis_days: int | None = None
) -> dict[str, int]:
    """The retention purge, over every table with conversation data (docs/privacy.md).

    - ``days`` (conversation data): Rasa's ``events`` (every message as typed), hand-off cases
      with their live-chat messages and outbox deliveries, live-chat messages of younger cases,
      delivered outbox payloads, and journey events (they carry the raw conversation id);
    - ``analysis_days`` (default: the same): redacted, pseudonymised feedback and unrecognised
      questions, the service designers' material;
    - staff sessions that have expired.

    Every row created before ``now - days`` is deleted, also in a conversation that is still going
    on. Tables that do not exist (yet) are skipped.

    Args:
        database_url: SQLAlchemy URL of the database shared with Rasa's tracker store.
        days: retention period of conversation data in days (at least 1).
        now: the current time (aware, or naive UTC); defaults to the current time.
        analysis_days: retention period of the redacted analysis data (at least 1).

    Returns:
        Rows deleted per table.

    Raises:
        ValueError: a period is not a whole number of at least 1.
    """
    _check_days("days", days)
    analysis_days = days if analysis_days is None else analysis_days
    _check_days("analysis_days", analysis_days)
    now = now or dt.datetime.now(dt.timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.timezone.utc)
    cutoff = now - dt.timedelta(days=days)
    naive_cutoff = cutoff.astimezone(dt.timezone.utc).replace(tzinfo=None)
    analysis_cutoff = (
        (now - dt.timedelta(days=analysis_days)).astimezone(dt.timezone.utc).replace(tzinfo=None)
    )
    deleted: dict[str, int] = {}
    with get_engine(database_url).begin() as connection:
        if table_exists(connection, TRACKER_EVENTS_TABLE):
            deleted["events"] = _delete(
                connection, delete(tracker_events).where(tracker_events.c.timestamp < cutoff.timestamp())
            )
        if table_exists(connection, HANDOFF_TABLE):
            cases = Table(HANDOFF_TABLE, MetaData(), autoload_with=connection)
            old_cases = select(cases.c.id).where(cases.c.created_at < naive_cutoff).scalar_subquery()
            for child in ("handoff_messages", "handoff_outbox"):
                if table_exists(connection, child):
                    table = Table(child, MetaData(), autoload_with=connection)
                    deleted[child] = _delete(connection, delete(table).where(table.c.case_id.in_(old_cases)))
            deleted[HANDOFF_TABLE] = _delete(
                connection, delete(cases).where(cases.c.created_at < naive_cutoff)
            )
            if table_exists(connection, "handoff_messages"):
                messages = Table("handoff_messages", MetaData(), autoload_with=connection)
                deleted["handoff_messages"] += _delete(
                    connection, delete(messages).where(messages.c.created_at < naive_cutoff)
                )
            if table_exists(connection, "handoff_outbox"):
                outbox = Table("handoff_outbox", MetaData(), autoload_with=connection)
                deleted["handoff_outbox"] += _delete(
                    connection,
                    delete(outbox).where(outbox.c.delivered.is_(True), outbox.c.delivered_at < naive_cutoff),
                )
        for model, cutoff_here in (
            (JourneyEventRecord, naive_cutoff),
            (FeedbackRecord, analysis_cutoff),
            (UnrecognisedMessage, analysis_cutoff),
        ):
            table = model.__table__
            if table_exists(connection, table.name):
                deleted[table.name] = _delete(
                    connection, delete(table).where(table.c.created_at < cutoff_here)
                )
        if table_exists(connection, STAFF_SESSIONS_TABLE):
            sessions = Table(STAFF_SESSIONS_TABLE, MetaData(), autoload_with=connection)
            deleted[STAFF_SESSIONS_TABLE] = _delete(
                connection,
                delete(sessions).where(
                    sessions.c.expires_at < now.astimezone(dt.timezone.utc).replace(tzinfo=None)
                ),
            )
        if table_exists(connection, SAVED_PLANS_TABLE):  # links to a plan whose time is over
            saved = Table(SAVED_PLANS_TABLE, MetaData(), autoload_with=connection)
            deleted[SAVED_PLANS_TABLE] = _delete(
                connection,
                delete(saved).where(
                    saved.c.expires_at < now.astimezone(dt.timezone.utc).replace(tzinfo=None)
                ),
            )
    logger.info("Retention purge (%d days, analysis %d days): %s", days, analysis_days, deleted)
    return deleted


def _check_days(name: str, days: object) -> None:
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, got {days!r}")


def erase_conversation(database_url: str, conversation_id: str) -> int:
    """Erases everything stored about one conversation (the right to erasure).

    Deletes the tracker-store events and journey events with this conversation id, and the
    feedback and unrecognised messages stored under its pseudonym. Hand-off cases in an optional
    ``handoff_cases`` table are deleted whether they store the id or its pseudonym.

    Args:
        database_url: SQLAlchemy URL of the application database.
        conversation_id: the raw conversation (sender) id.

    Returns:
        The total number of rows deleted.
    """
    if not isinstance(conversation_id, str) or not conversation_id:
        raise ValueError("conversation_id must be a non-empty string")
    pseudonym = pseudonymise(conversation_id)
    deleted: dict[str, int] = {}
    with get_engine(database_url).begin() as connection:
        if table_exists(connection, TRACKER_EVENTS_TABLE):
            deleted["events"] = _delete(
                connection, delete(tracker_events).where(tracker_events.c.sender_id == conversation_id)
            )
        journey = JourneyEventRecord.__table__
        deleted["journey_events"] = _delete(
            connection, delete(journey).where(journey.c.conversation_id == conversation_id)
        )
        for model in (FeedbackRecord, UnrecognisedMessage):
            table = model.__table__
            deleted[table.name] = _delete(
                connection, delete(table).where(table.c.conversation_id == pseudonym)
            )
        if table_exists(connection, HANDOFF_TABLE):
            handoff = Table(HANDOFF_TABLE, MetaData(), autoload_with=connection)
            if "conversation_id" in handoff.c:
                ours = or_(
                    handoff.c.conversation_id == conversation_id, handoff.c.conversation_id == pseudonym
                )
                case_ids = select(handoff.c.id).where(ours).scalar_subquery()
                for child in ("handoff_messages", "handoff_outbox"):  # live-chat texts and deliveries
                    if table_exists(connection, child):
                        child_table = Table(child, MetaData(), autoload_with=connection)
                        deleted[child] = _delete(
                            connection, delete(child_table).where(child_table.c.case_id.in_(case_ids))
                        )
                deleted[HANDOFF_TABLE] = _delete(connection, delete(handoff).where(ours))
    logger.info("Erased conversation %s…: %s", pseudonym[:12], deleted)
    return sum(deleted.values())


def _delete(connection: Connection, statement) -> int:  # type: ignore[no-untyped-def]
    return max(connection.execute(statement).rowcount or 0, 0)


def find_conversation_ids(database_url: str, pseudonym: str) -> list[str]:
    """The raw conversation ids whose pseudonym is ``pseudonym``.

    Lets an operator go from a pseudonym in the report to the conversation in the tracker store
    (to read it, or to erase it) while it is still within the retention period.

    Returns:
        Matching ids found in the tracker-store events and journey events (usually one).
    """
    with get_engine(database_url).connect() as connection:
        candidates = set(connection.execute(select(JourneyEventRecord.conversation_id).distinct()).scalars())
        if table_exists(connection, TRACKER_EVENTS_TABLE):
            candidates.update(connection.execute(select(tracker_events.c.sender_id).distinct()).scalars())
    return sorted(candidate for candidate in candidates if pseudonymise(candidate) == pseudonym)
