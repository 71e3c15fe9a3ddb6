"""A Redis lock store whose ticket bookkeeping is atomic across Rasa replicas.

Rasa 3.6's ``RedisLockStore`` reads a conversation's ticket lock, changes it and writes it back
without a transaction. Two replicas receiving a message of the same conversation at the same
moment can both get ticket 0, both process, and one of the two messages is then lost from the
tracker store (seen in tests/e2e/test_production_path.py). This subclass performs every
read-modify-write in a Redis ``WATCH``/``MULTI`` transaction and retries on conflict.

Configured by ``rasa_ext.serve.write_endpoints`` as
``lock_store: type: rasa_ext.lock_store.AtomicRedisLockStore``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

Mutation = Callable[[TicketLock | None], tuple[TicketLock | None, Any, bool]]
MAX_RETRIES = 100


class AtomicRedisLockStore(RedisLockStore):
    """RedisLockStore with transactional ticket issue, expiry and release."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs}
        super().__init__(**kwargs)

    def _transact(self, conversation_id: str, mutate: Mutation) -> Any:
        key = self.key_prefix + conversation_id
        for _ in range(MAX_RETRIES):
            with self.red.pipeline() as pipe:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    lock, result, delete = mutate(lock)
                    pipe.multi()
                    if delete:
                        pipe.delete(key)
                    elif lock is not None:
                        pipe.set(key, lock.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue
        raise LockError(f"Too much contention on the lock of conversation '{conversation_id}'.")

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def mutate(lock: TicketLock | None) -> tuple[TicketLock, int, bool]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime), False

        try:
            return self._transact(conversation_id, mutate)
        except redis.RedisError as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def mutate(lock: TicketLock | None) -> tuple[TicketLock | None, None, bool]:
            if lock:
                lock.remove_expired_tickets()
            return lock, None, False

        self._transact(conversation_id, mutate)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def mutate(lock: TicketLock | None) -> tuple[TicketLock | None, None, bool]:
            if lock:
                lock.remove_ticket_for(ticket_number)
            return lock, None, False

        self._transact(conversation_id, mutate)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Releases the ticket and deletes the lock in one step when nobody else waits."""

        def mutate(lock: TicketLock | None) -> tuple[TicketLock | None, None, bool]:
            if lock is None:
                return None, None, False
            lock.remove_ticket_for(ticket_number)
            return lock, None, not lock.is_someone_waiting()

        self._transact(conversation_id, mutate)
