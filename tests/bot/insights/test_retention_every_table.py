"""The retention purge covers every table that holds conversation data: seeded rows older than
the period are gone from all of them, younger rows stay. A new table without a retention rule
fails here until it gets one (or is listed as reference data)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import sqlalchemy as sa

from bot import schema
from bot.insights.retention import purge_expired
from bot.store import create_database_engine, get_engine
from devtools.databases import rasa_events_table

NOW = dt.datetime(2026, 11, 30, 12, 0)
DAYS, ANALYSIS_DAYS = 180, 365
OLD, YOUNG = NOW - dt.timedelta(days=400), NOW - dt.timedelta(days=10)
REFERENCE_TABLES = {"alembic_version", "catalogue_services", "source_checks", "source_confirmations"}
"""No conversation data: the schema version, the public service catalogue and the source watch."""


def seed(connection: sa.engine.Connection, when: dt.datetime, tag: str) -> None:
    """One row in every conversation table, all made at ``when``."""

    def insert(table: str, **values: object) -> int:
        columns = ", ".join(values)
        placeholders = ", ".join(f":{name}" for name in values)
        result = connection.execute(
            sa.text(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"), values
        )
        return int(result.lastrowid or 0)

    insert(
        "events",
        sender_id=f"web-{tag}",
        type_name="user",
        timestamp=when.replace(tzinfo=dt.timezone.utc).timestamp(),
        intent_name="birth",
        data=json.dumps({"event": "user", "text": f"mijn RRN {tag}"}),
    )
    insert(
        "journey_events", conversation_id=f"web-{tag}", life_event="birth", kind="started", created_at=when
    )
    insert(
        "feedback",
        conversation_id=f"pseudo-{tag}",
        created_at=when,
        kind="comment",
        redaction_count=0,
        comment_redacted=f"opmerking {tag}",
    )
    insert(
        "unrecognised_messages",
        conversation_id=f"pseudo-{tag}",
        created_at=when,
        text_redacted=f"vraag {tag}",
        redaction_count=0,
        intent="nlu_fallback",
        confidence=0.1,
    )
    case = insert(
        "handoff_cases",
        conversation_id=f"web-{tag}",
        status="closed",
        channel="live",
        reason="asked",
        urgency="normal",
        life_events="[]",
        answers="{}",
        summary=f"samenvatting {tag}",
        contact=f"contact {tag}",
        created_at=when,
    )
    insert("handoff_messages", case_id=case, author="citizen", text=f"live-chat {tag}", created_at=when)
    insert(
        "handoff_outbox",
        case_id=case,
        idempotency_key=f"key-{tag}",
        payload=json.dumps({"summary": tag}),
        attempts=1,
        next_attempt_at=when,
        delivered=True,
        delivered_at=when,
    )
    insert(
        "saved_plans",
        token_hash=f"{tag:0>64}",
        event_id="birth",
        answers="{}",
        created_at=when,
        expires_at=when + dt.timedelta(days=30),
    )
    insert(
        "staff_sessions",
        token_hash=f"{tag:0>64}",
        login="an",
        created_at=when,
        last_seen_at=when,
        expires_at=when + dt.timedelta(hours=10),
    )


def rows(connection: sa.engine.Connection, table: str) -> int:
    return connection.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


def test_the_purge_leaves_nothing_older_than_the_period_in_any_table(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'retention.db'}"
    schema.upgrade(create_database_engine(url))
    rasa_events_table(url)
    engine = get_engine(url)
    with engine.begin() as connection:
        seed(connection, OLD, "old")
        seed(connection, YOUNG, "young")
        analysis_only = NOW - dt.timedelta(days=200)  # past the conversation period, within the analysis one
        connection.execute(
            sa.text(
                "INSERT INTO feedback (conversation_id, created_at, kind, redaction_count) "
                "VALUES ('pseudo-mid', :when, 'rating', 0)"
            ),
            {"when": analysis_only},
        )
    tables = set(sa.inspect(engine).get_table_names()) - REFERENCE_TABLES
    with engine.connect() as connection:
        assert all(rows(connection, table) >= 2 for table in tables), "every table must be seeded"

    deleted = purge_expired(url, DAYS, now=NOW.replace(tzinfo=dt.timezone.utc), analysis_days=ANALYSIS_DAYS)

    assert set(deleted) == tables and all(count >= 1 for count in deleted.values()), deleted
    with engine.connect() as connection:
        for table in tables:
            left = connection.execute(sa.text(f"SELECT * FROM {table}")).mappings().all()
            text = json.dumps([dict(row) for row in left], default=str)
            assert "old" not in text, (table, left)
            assert "young" in text or table == "staff_sessions", (table, left)  # sessions expire in hours
        assert rows(connection, "feedback") == 2  # the 200-day-old rating is analysis data: kept
    again = purge_expired(url, DAYS, now=NOW.replace(tzinfo=dt.timezone.utc), analysis_days=ANALYSIS_DAYS)
    assert sum(again.values()) == 0
