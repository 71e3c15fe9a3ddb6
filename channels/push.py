"""In-process publish/subscribe for messages pushed to open pages (Server-Sent Events).

A citizen's widget listens on ``/webhooks/web/events``; a caseworker's console on its own
stream. One Rasa server process holds the subscribers; several replicas would need a shared
broker (e.g. Redis pub/sub) in front of this hub, see docs/deployment.md.
"""
from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from typing import Any, AsyncIterator

KEEPALIVE_SECONDS = 15.0
MAX_QUEUE = 100


class PushHub:
    """Topic -> set of subscriber queues."""

    def __init__(self) -> None:
        self._subscribers: dict[str, set[asyncio.Queue]] = defaultdict(set)

    def publish(self, topic: str, message: dict[str, Any]) -> int:
        """Sends ``message`` to every subscriber of ``topic``; returns how many got it."""
        delivered = 0
        for queue in list(self._subscribers.get(topic, ())):
            if queue.qsize() < MAX_QUEUE:
                queue.put_nowait(message)
                delivered += 1
        return delivered

    def subscribers(self, topic: str) -> int:
        return len(self._subscribers.get(topic, ()))

    async def stream(self, topic: str, keepalive: float = KEEPALIVE_SECONDS) -> AsyncIterator[str]:
        """Yields Server-Sent Events for ``topic`` until the client goes away."""
        queue: asyncio.Queue = asyncio.Queue()
        self._subscribers[topic].add(queue)
        try:
            yield ": connected\n\n"
            while True:
                try:
                    message = await asyncio.wait_for(queue.get(), timeout=keepalive)
                except asyncio.TimeoutError:
                    yield ": keepalive\n\n"
                    continue
                yield f"data: {json.dumps(message, ensure_ascii=False)}\n\n"
        finally:
            self._subscribers[topic].discard(queue)
            if not self._subscribers[topic]:
                self._subscribers.pop(topic, None)


hub = PushHub()
"""The process-wide hub shared by the web channel and the caseworker console."""


def citizen_topic(sender_id: str) -> str:
    return f"citizen:{sender_id}"


CONSOLE_TOPIC = "console"
