"""The SQL tracker store we configure for Rasa: pooled SQLite and the config Rasa reads."""

from __future__ import annotations

import asyncio
from pathlib import Path

from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from sqlalchemy.pool import QueuePool

from rasa_ext.serve import tracker_store_config
from rasa_ext.tracker_store import ResilientSQLTrackerStore

DOMAIN = Domain.from_yaml("version: '3.1'\nslots:\n  life_event:\n    type: text\n    mappings: []\n")


def _store(tmp_path: Path) -> TrackerStore:
    config = tracker_store_config(f"sqlite:///{tmp_path / 'wegwijzer.db'}")
    return TrackerStore.create(EndpointConfig.from_dict(config), domain=DOMAIN)


def test_sqlite_url_uses_our_store_with_a_real_pool(tmp_path: Path) -> None:
    config = tracker_store_config(f"sqlite:///{tmp_path / 'wegwijzer.db'}")
    assert config == {
        "type": "rasa_ext.tracker_store.ResilientSQLTrackerStore",
        "dialect": "sqlite",
        "db": str(tmp_path / "wegwijzer.db"),
    }
    store = _store(tmp_path)
    inner = getattr(store, "_tracker_store", store)  # Rasa wraps stores in a fail-safe wrapper
    assert isinstance(inner, ResilientSQLTrackerStore)
    assert isinstance(inner.engine.pool, QueuePool)
    with inner.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_postgresql_url_keeps_credentials() -> None:
    config = tracker_store_config("postgresql://bot:secret@db.internal:5433/wegwijzer")
    assert config == {
        "type": "rasa_ext.tracker_store.ResilientSQLTrackerStore",
        "dialect": "postgresql",
        "db": "wegwijzer",
        "url": "db.internal",
        "port": 5433,
        "username": "bot",
        "password": "secret",
    }


def test_conversations_survive_save_and_retrieve_across_stores(tmp_path: Path) -> None:
    async def scenario() -> None:
        first = _store(tmp_path)
        tracker = DialogueStateTracker.from_events(
            "citizen-1",
            [
                ActionExecuted("action_listen"),
                UserUttered("ik ben verhuisd", {"name": "moving", "confidence": 1.0}),
                SlotSet("life_event", "moving"),
            ],
            slots=DOMAIN.slots,
        )
        await first.save(tracker)
        tracker.update(UserUttered("volgende", {"name": "next", "confidence": 1.0}))
        await first.save(tracker)  # only the new event is added
        second = _store(tmp_path)  # another replica on the same database
        restored = await second.retrieve("citizen-1")
        assert restored is not None
        assert restored.get_slot("life_event") == "moving"
        assert [e.text for e in restored.events if isinstance(e, UserUttered)] == [
            "ik ben verhuisd",
            "volgende",
        ]
        assert await second.retrieve("citizen-2") is None

    asyncio.run(scenario())


def test_identifiers_never_reach_the_conversation_store(tmp_path: Path) -> None:
    typed = (
        "mijn rijksregisternummer is 85.07.30-033.28, rekening BE68 5390 0754 7034, kaart 4111 1111 1111 1111"
    )

    async def scenario() -> None:
        store = _store(tmp_path)
        tracker = DialogueStateTracker.from_events(
            "citizen-3",
            [
                ActionExecuted("action_listen"),
                UserUttered(typed, {"name": "nlu_fallback", "confidence": 0.3}, metadata={"display": typed}),
            ],
            slots=DOMAIN.slots,
        )
        await store.save(tracker)
        assert tracker.latest_message.text == typed  # the turn itself still sees what was typed
        restored = await _store(tmp_path).retrieve("citizen-3")
        assert restored is not None
        stored = [e for e in restored.events if isinstance(e, UserUttered)][0]
        assert stored.text == (
            "mijn rijksregisternummer is [RIJKSREGISTERNUMMER], rekening [IBAN], kaart [KAARTNUMMER]"
        )

    asyncio.run(scenario())
    inner = getattr(_store(tmp_path), "_tracker_store", None) or _store(tmp_path)
    with inner.engine.connect() as connection:
        raw = " ".join(connection.exec_driver_sql("SELECT data FROM events").scalars())
    for secret in ("85.07.30-033.28", "BE68 5390", "4111 1111"):
        assert secret not in raw
