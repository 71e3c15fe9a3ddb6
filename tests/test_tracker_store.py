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

from bot.serve import tracker_store_config
from channels.tracker_store import ResilientSQLTrackerStore

DOMAIN = Domain.from_yaml("version: '3.1'\nslots:\n  life_event:\n    type: text\n    mappings: []\n")


def _store(tmp_path: Path) -> TrackerStore:
    config = tracker_store_config(f"sqlite:///{tmp_path / 'wegwijzer.db'}")
    return TrackerStore.create(EndpointConfig.from_dict(config), domain=DOMAIN)


def test_sqlite_url_uses_our_store_with_a_real_pool(tmp_path: Path) -> None:
    config = tracker_store_config(f"sqlite:///{tmp_path / 'wegwijzer.db'}")
    assert config == {"type": "channels.tracker_store.ResilientSQLTrackerStore", "dialect": "sqlite",
                      "db": str(tmp_path / "wegwijzer.db")}
    store = _store(tmp_path)
    inner = getattr(store, "_tracker_store", store)  # Rasa wraps stores in a fail-safe wrapper
    assert isinstance(inner, ResilientSQLTrackerStore)
    assert isinstance(inner.engine.pool, QueuePool)
    with inner.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_postgresql_url_keeps_credentials() -> None:
    config = tracker_store_config("postgresql://bot:secret@db.internal:5433/wegwijzer")
    assert config == {"type": "channels.tracker_store.ResilientSQLTrackerStore", "dialect": "postgresql",
                      "db": "wegwijzer", "url": "db.internal", "port": 5433, "username": "bot",
                      "password": "secret"}


def test_conversations_survive_save_and_retrieve_across_stores(tmp_path: Path) -> None:
    async def scenario() -> None:
        first = _store(tmp_path)
        tracker = DialogueStateTracker.from_events("citizen-1", [
            ActionExecuted("action_listen"), UserUttered("ik ben verhuisd", {"name": "moving", "confidence": 1.0}),
            SlotSet("life_event", "moving"),
        ], slots=DOMAIN.slots)
        await first.save(tracker)
        tracker.update(UserUttered("volgende", {"name": "next", "confidence": 1.0}))
        await first.save(tracker)  # only the new event is added
        second = _store(tmp_path)  # another replica on the same database
        restored = await second.retrieve("citizen-1")
        assert restored is not None
        assert restored.get_slot("life_event") == "moving"
        assert [e.text for e in restored.events if isinstance(e, UserUttered)] == ["ik ben verhuisd", "volgende"]
        assert await second.retrieve("citizen-2") is None

    asyncio.run(scenario())
