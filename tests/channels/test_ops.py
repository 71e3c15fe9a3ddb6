"""The readiness checks report what is wrong (without servers)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bot import schema
from bot.settings import Settings
from bot.store import create_database_engine
from channels.metrics import Metrics
from channels.ops import _action_server_check, _database_check, _lock_store_check
from devtools.servers import free_port


def test_a_database_behind_the_newest_schema_is_not_ready(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_database_engine(url)
    schema.upgrade(engine, "0001_baseline")
    ok, detail = _database_check(url)
    assert not ok and "wegwijzer db upgrade" in detail
    schema.upgrade(engine)
    assert _database_check(url) == (True, "ok")


def test_unreachable_action_server_and_redis_are_not_ready() -> None:
    settings = dataclasses.replace(Settings.from_env({}), action_port=free_port())
    assert not _action_server_check(settings)[0]
    assert not _lock_store_check(f"redis://127.0.0.1:{free_port()}/0")[0]
    assert _lock_store_check(None)[0]


def test_metrics_text_counts_and_buckets() -> None:
    metrics = Metrics()
    metrics.observe("web", "answered", 0.2)
    metrics.observe("web", "answered", 3.0)
    metrics.observe("rest", "error", 0.01)
    text = metrics.render({"wegwijzer_outbox_backlog": ("Backlog.", 2)})
    assert 'wegwijzer_messages_total{channel="web",outcome="answered"} 2' in text
    assert 'wegwijzer_message_seconds_bucket{le="0.25"} 2' in text
    assert 'wegwijzer_message_seconds_bucket{le="+Inf"} 3' in text
    assert "wegwijzer_outbox_backlog 2" in text
