"""Database fixtures for tests: Rasa's own events table, and a database as release 0.1 made it."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text

from bot import schema
from bot.settings import REPO_ROOT
from bot.store import get_engine


def rasa_events_table(url: str) -> Table:
    """Creates the table of Rasa 3.6's SQLTrackerStore, as Rasa would."""
    table = Table(
        "events",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("sender_id", String(255), nullable=False, index=True),
        Column("type_name", String(255), nullable=False),
        Column("timestamp", Float),
        Column("intent_name", String(255)),
        Column("action_name", String(255)),
        Column("data", Text),
    )
    table.create(get_engine(url))
    return table


OLD_SCHEMA = REPO_ROOT / "tests" / "fixtures" / "schema_release_0_1.{dialect}.sql"
NEW_INDEXES = {
    "ix_journey_events_created_at",
    "ix_handoff_cases_created_at",
    "ix_handoff_messages_created_at",
}


def create_release_0_1_database(engine: sa.engine.Engine, dialect: str) -> None:
    """The tables exactly as release 0.1 made them, with one row of history in them."""
    sql = OLD_SCHEMA.with_name(OLD_SCHEMA.name.format(dialect=dialect)).read_text(encoding="utf-8")
    sql = "\n".join(line for line in sql.splitlines() if not line.startswith("--"))
    with engine.begin() as connection:
        for statement in (part.strip() for part in sql.split(";")):
            if statement:
                connection.execute(sa.text(statement))
        connection.execute(
            sa.text(
                "INSERT INTO journey_events (conversation_id, life_event, kind, created_at) "
                "VALUES ('old-conversation', 'birth', 'started', '2026-11-01 10:00:00')"
            )
        )


def assert_upgraded(engine: sa.engine.Engine) -> None:
    inspector = sa.inspect(engine)
    assert schema.current(engine) == schema.head()
    indexes = {
        index["name"]
        for table in ("journey_events", "handoff_cases", "handoff_messages")
        for index in inspector.get_indexes(table)
    }
    assert indexes >= NEW_INDEXES
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT conversation_id FROM journey_events")).scalars().all()
    assert rows == ["old-conversation"]
