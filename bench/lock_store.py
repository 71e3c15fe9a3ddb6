"""Duplicate lock tickets under contention: Rasa's RedisLockStore against ours.

Why we ship rasa_ext.lock_store.AtomicRedisLockStore: Rasa's store reads and writes the lock in
separate steps, so two replicas can get the same ticket for one conversation. This starts a
throw-away redis-server, lets 8 threads take 25 tickets each on one conversation (repeated
``--rounds`` times) and prints the duplicates per store, then one JSON line.

Usage: .venv/bin/python bench/lock_store.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from devtools.services import redis_server  # noqa: E402

THREADS, PER_THREAD = 8, 25


def duplicates(store_class, port: int, conversation: str) -> int:  # type: ignore[no-untyped-def]
    """Tickets handed out more than once in one round of concurrent requests."""

    def take(_: int) -> list[int]:
        store = store_class(host="127.0.0.1", port=port, db=0)
        return [store.issue_ticket(conversation, 60) for _ in range(PER_THREAD)]

    with concurrent.futures.ThreadPoolExecutor(max_workers=THREADS) as pool:
        tickets = [t for batch in pool.map(take, range(THREADS)) for t in batch]
    return len(tickets) - len(set(tickets))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from rasa.core.lock_store import RedisLockStore

    from rasa_ext.lock_store import AtomicRedisLockStore

    results: dict[str, list[int]] = {"rasa_redis_lock_store": [], "atomic_redis_lock_store": []}
    with tempfile.TemporaryDirectory() as folder, redis_server(Path(folder)) as url:
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        for round_number in range(args.rounds):
            for name, store_class in (
                ("rasa_redis_lock_store", RedisLockStore),
                ("atomic_redis_lock_store", AtomicRedisLockStore),
            ):
                found = duplicates(store_class, port, f"bench-{name}-{round_number}")
                results[name].append(found)
                print(f"{name:26} round {round_number + 1}: {found} duplicate(s) of {THREADS * PER_THREAD}")
    print(json.dumps({name: sum(values) for name, values in results.items()} | {"rounds": args.rounds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
