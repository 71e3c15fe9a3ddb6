"""The atomic Redis lock store never hands out the same ticket twice, even across connections."""

from __future__ import annotations

import concurrent.futures
from pathlib import Path

import pytest

from devtools.services import missing_services, redis_server

pytestmark = pytest.mark.skipif("redis-server" in missing_services(), reason="redis-server not installed")


def _issue_many(store_class, port: int, conversation: str, count: int) -> list[int]:  # type: ignore[no-untyped-def]
    store = store_class(host="127.0.0.1", port=port, db=0)
    return [store.issue_ticket(conversation, 60) for _ in range(count)]


def _tickets(store_class, port: int, conversation: str) -> list[int]:  # type: ignore[no-untyped-def]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        batches = pool.map(lambda _: _issue_many(store_class, port, conversation, 25), range(8))
    return [ticket for batch in batches for ticket in batch]


def test_concurrent_tickets_are_unique(tmp_path: Path) -> None:
    from rasa_ext.lock_store import AtomicRedisLockStore

    with redis_server(tmp_path) as url:
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        tickets = _tickets(AtomicRedisLockStore, port, "conv-atomic")
        assert len(tickets) == 200 and len(set(tickets)) == 200

        store = AtomicRedisLockStore(host="127.0.0.1", port=port, db=0)
        store.cleanup("conv-atomic", 0)
        lock = store.get_lock("conv-atomic")
        assert lock is not None and 0 not in [t.number for t in lock.tickets]


def test_cleanup_deletes_the_lock_when_nobody_waits(tmp_path: Path) -> None:
    from rasa_ext.lock_store import AtomicRedisLockStore

    with redis_server(tmp_path) as url:
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        store = AtomicRedisLockStore(host="127.0.0.1", port=port, db=0)
        ticket = store.issue_ticket("conv-single", 60)
        store.cleanup("conv-single", ticket)
        assert store.get_lock("conv-single") is None
