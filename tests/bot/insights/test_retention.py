"""Retention of the tracker store and the right to erasure."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import Table, func, select

from bot.insights.feedback import FeedbackRecord, UnrecognisedMessage, record_feedback, record_unrecognised
from bot.insights.privacy import pseudonymise
from bot.insights.retention import erase_conversation, find_conversation_ids, purge_old_conversations
from bot.store import JourneyEventRecord, get_engine, record_journey_event, session_scope
from devtools.databases import rasa_events_table

NOW = dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.timezone.utc)
ALICE, BOB = "web-alice-0001", "web-bob-00002"


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'app.db'}"


def add_user_message(url: str, table: Table, sender: str, when: dt.datetime, text: str) -> None:
    with get_engine(url).begin() as connection:
        connection.execute(
            table.insert().values(
                sender_id=sender,
                type_name="user",
                timestamp=when.timestamp(),
                intent_name="birth",
                data=json.dumps({"event": "user", "text": text, "timestamp": when.timestamp()}),
            )
        )


def count(url: str, table) -> int:  # type: ignore[no-untyped-def]
    with get_engine(url).connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_purge_deletes_only_events_older_than_the_period(url: str) -> None:
    events = rasa_events_table(url)
    for days_ago in (400, 91, 90.5, 89, 1, 0):
        add_user_message(
            url, events, ALICE, NOW - dt.timedelta(days=days_ago), f"bericht van {days_ago} dagen"
        )
    assert purge_old_conversations(url, 90, now=NOW) == 3
    with get_engine(url).connect() as connection:
        left = connection.execute(select(events.c.data).order_by(events.c.timestamp)).scalars().all()
    assert [json.loads(item)["text"] for item in left] == [
        "bericht van 89 dagen",
        "bericht van 1 dagen",
        "bericht van 0 dagen",
    ]
    assert purge_old_conversations(url, 90, now=NOW) == 0


def test_purge_accepts_a_naive_utc_now(url: str) -> None:
    events = rasa_events_table(url)
    add_user_message(url, events, ALICE, NOW - dt.timedelta(days=31), "oud")
    add_user_message(url, events, ALICE, NOW - dt.timedelta(days=29), "recent")
    assert purge_old_conversations(url, 30, now=NOW.replace(tzinfo=None)) == 1


def test_redacted_analysis_data_has_its_own_longer_period(url: str) -> None:
    rasa_events_table(url)
    record_feedback(url, {"conversation_id": ALICE, "kind": "rating", "rating": "up"})
    record_unrecognised(url, ALICE, "iets vreemds", "nlu_fallback", 0.2)
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=100)
    assert purge_old_conversations(url, 30, now=later, analysis_days=365) == 0
    assert count(url, FeedbackRecord.__table__) == 1 and count(url, UnrecognisedMessage.__table__) == 1
    much_later = later + dt.timedelta(days=300)
    assert purge_old_conversations(url, 30, now=much_later, analysis_days=365) == 2


def test_purge_without_tracker_table_does_nothing(url: str) -> None:
    assert purge_old_conversations(url, 30, now=NOW) == 0


@pytest.mark.parametrize("days", [0, -5, 1.5, "30", True])
def test_purge_rejects_invalid_days(url: str, days: object) -> None:
    with pytest.raises(ValueError, match="days"):
        purge_old_conversations(url, days)  # type: ignore[arg-type]


def _populate_two_conversations(url: str) -> Table:
    events = rasa_events_table(url)
    for sender in (ALICE, BOB):
        for minutes in range(3):
            add_user_message(url, events, sender, NOW - dt.timedelta(minutes=minutes), "hallo")
        record_journey_event(url, sender, "birth", "started")
        record_journey_event(url, sender, "birth", "step_viewed", "declare_birth")
        record_feedback(
            url, {"conversation_id": sender, "kind": "rating", "rating": "down", "life_event": "birth"}
        )
        record_unrecognised(url, sender, "iets vreemds", "nlu_fallback", 0.2)
    return events


def test_erase_conversation_removes_everything_of_that_conversation_only(url: str) -> None:
    events = _populate_two_conversations(url)
    from bot.handoff.models import HandoffCase

    handoff = HandoffCase.__table__
    handoff.create(get_engine(url), checkfirst=True)
    with get_engine(url).begin() as connection:
        connection.execute(
            handoff.insert(),
            [
                {
                    "conversation_id": ALICE,
                    "reason": "request_human",
                    "created_at": NOW.replace(tzinfo=None),
                    "summary": "-",
                },
                {
                    "conversation_id": pseudonymise(ALICE),
                    "reason": "complaint",
                    "created_at": NOW.replace(tzinfo=None),
                    "summary": "-",
                },
                {
                    "conversation_id": BOB,
                    "reason": "request_human",
                    "created_at": NOW.replace(tzinfo=None),
                    "summary": "-",
                },
            ],
        )

    # 3 events + 2 journey events + 1 feedback + 1 unrecognised + 2 hand-off cases
    assert erase_conversation(url, ALICE) == 9

    with session_scope(url) as session:
        assert session.execute(select(JourneyEventRecord.conversation_id).distinct()).scalars().all() == [BOB]
        assert session.execute(select(FeedbackRecord.conversation_id)).scalars().all() == [pseudonymise(BOB)]
        assert session.execute(select(UnrecognisedMessage.conversation_id)).scalars().all() == [
            pseudonymise(BOB)
        ]
    with get_engine(url).connect() as connection:
        assert connection.execute(select(events.c.sender_id).distinct()).scalars().all() == [BOB]
        assert connection.execute(select(handoff.c.conversation_id)).scalars().all() == [BOB]
    assert erase_conversation(url, ALICE) == 0


def test_erase_conversation_without_tracker_or_handoff_tables(url: str) -> None:
    record_journey_event(url, ALICE, "moving", "started")
    record_feedback(url, {"conversation_id": ALICE, "kind": "remark", "comment": "goed"})
    assert erase_conversation(url, ALICE) == 2


def test_erase_rejects_an_empty_id(url: str) -> None:
    with pytest.raises(ValueError):
        erase_conversation(url, "")


def test_find_conversation_ids_by_pseudonym(url: str) -> None:
    _populate_two_conversations(url)
    assert find_conversation_ids(url, pseudonymise(BOB)) == [BOB]
    assert find_conversation_ids(url, "0" * 64) == []
