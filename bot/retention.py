"""Retention and the right to erasure.

Rasa's SQL tracker store keeps every message as typed in its ``events`` table (``id, sender_id,
type_name, timestamp`` as a Unix float, ``intent_name, action_name, data`` as JSON text). That is
the only place with unredacted text, so it is purged after a fixed number of days. The table is
owned by Rasa: it is addressed here as a lightweight table clause, never created.
"""
from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, inspect, or_, select
from sqlalchemy.engine import Connection

from bot.feedback import FeedbackRecord, UnrecognisedMessage
from bot.privacy import pseudonymise
from bot.store import JourneyEventRecord, get_engine

logger = logging.getLogger(__name__)

TRACKER_EVENTS_TABLE = "events"
HANDOFF_TABLE = "handoff_cases"

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


def purge_old_conversations(database_url: str, days: int, now: dt.datetime | None = None) -> int:
    """Deletes tracker-store events older than ``days`` days.

    Every event whose timestamp is before ``now - days`` is deleted, so no text typed more than
    ``days`` days ago remains, even in a conversation that is still going on. Redacted feedback,
    unrecognised messages and journey events are kept for analysis.

    Args:
        database_url: SQLAlchemy URL of the database shared with Rasa's tracker store.
        days: retention period in days (at least 1).
        now: the current time (aware, or naive UTC); defaults to the current time.

    Returns:
        The number of events deleted (0 when the ``events`` table does not exist).

    Raises:
        ValueError: ``days`` is smaller than 1.
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValueError(f"days must be a whole number of at least 1, got {days!r}")
    now = now or dt.datetime.now(dt.timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.timezone.utc)
    cutoff = (now - dt.timedelta(days=days)).timestamp()
    with get_engine(database_url).begin() as connection:
        if not table_exists(connection, TRACKER_EVENTS_TABLE):
            logger.info("No tracker-store table %r: nothing to purge", TRACKER_EVENTS_TABLE)
            return 0
        result = connection.execute(delete(tracker_events).where(tracker_events.c.timestamp < cutoff))
    deleted = max(result.rowcount or 0, 0)
    logger.info("Purged %d tracker event(s) older than %d day(s)", deleted, days)
    return deleted


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
        deleted["journey_events"] = _delete(connection, delete(journey).where(journey.c.conversation_id == conversation_id))
        for model in (FeedbackRecord, UnrecognisedMessage):
            table = model.__table__
            deleted[table.name] = _delete(connection, delete(table).where(table.c.conversation_id == pseudonym))
        if table_exists(connection, HANDOFF_TABLE):
            handoff = Table(HANDOFF_TABLE, MetaData(), autoload_with=connection)
            if "conversation_id" in handoff.c:
                ours = or_(handoff.c.conversation_id == conversation_id, handoff.c.conversation_id == pseudonym)
                case_ids = select(handoff.c.id).where(ours).scalar_subquery()
                for child in ("handoff_messages", "handoff_outbox"):  # live-chat texts and deliveries
                    if table_exists(connection, child):
                        child_table = Table(child, MetaData(), autoload_with=connection)
                        deleted[child] = _delete(connection, delete(child_table).where(child_table.c.case_id.in_(case_ids)))
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
