"""Publish/subscribe for messages pushed to open pages (Server-Sent Events).

A citizen's widget listens on ``/webhooks/web/events``; a caseworker's console on its own stream.
Each Rasa server process holds its own subscribers. With one process the hub delivers in memory.
When ``WEGWIJZER_REDIS_URL`` is set (several replicas, see docs/deployment.md), every message goes
through Redis pub/sub and each replica delivers it to the streams it holds: a caseworker's reply sent
through replica A reaches a citizen whose page listens on replica B. If Redis is unreachable when a
message is published, the hub delivers it locally and logs a warning; the message itself is never
lost, because it is stored in the conversation and the case before it is pushed (the page shows it on
reload via ``/webhooks/web/history``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Any

KEEPALIVE_SECONDS = 15.0
MAX_QUEUE = 100
CHANNEL_PREFIX = "wegwijzer:push:"
SUBSCRIBE_WAIT_SECONDS = 5.0
RECONNECT_SECONDS = 1.0

logger = logging.getLogger(__name__)
_UNSET = object()


class PushHub:
    """Topic -> set of subscriber queues, optionally shared between processes through Redis."""

    def __init__(self, redis_url: Any = _UNSET) -> None:
        self._subscribers: dict[str, set[asyncio.Queue]] = defaultdict(set)
        self._redis_url = redis_url  # _UNSET: read WEGWIJZER_REDIS_URL on first use
        self._redis: Any = None
        self._listener: asyncio.Task | None = None
        self._loop: asyncio.AbstractEventLoop | None = None  # the loop the Redis objects belong to
        self._subscribed = asyncio.Event()

    @property
    def redis_url(self) -> str | None:
        if self._redis_url is _UNSET:
            from bot.settings import Settings

            self._redis_url = Settings.from_env().redis_url
        return self._redis_url

    async def publish(self, topic: str, message: dict[str, Any]) -> None:
        """Sends ``message`` to every subscriber of ``topic``, in this process and (with Redis) in
        the others."""
        if self.redis_url:
            try:
                await self._client().publish(CHANNEL_PREFIX + topic, json.dumps(message, ensure_ascii=False))
                return
            except Exception as error:  # noqa: BLE001 - Redis down: fall back to this process
                logger.warning("Push via Redis failed (%s); delivering in this process only.", error)
        self.deliver(topic, message)

    def deliver(self, topic: str, message: dict[str, Any]) -> int:
        """Hands ``message`` to this process's subscribers of ``topic``; returns how many got it."""
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
            if self.redis_url:
                await self._ensure_listener()
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

    async def close(self) -> None:
        """Stops the Redis listener and closes the connection (tests, shutdown)."""
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._listener
            self._listener = None
        if self._redis is not None:
            with contextlib.suppress(Exception):
                await self._redis.close()
            self._redis = None
        self._subscribed = asyncio.Event()

    # ------------------------------------------------------------------ Redis

    def _client(self) -> Any:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # a new event loop (e.g. a restarted server in tests): start afresh
            self._redis, self._listener, self._loop = None, None, loop
            self._subscribed = asyncio.Event()
        if self._redis is None:
            import redis.asyncio

            self._redis = redis.asyncio.Redis.from_url(
                self.redis_url, socket_connect_timeout=2, socket_timeout=5
            )
        return self._redis

    async def _ensure_listener(self) -> None:
        """Starts this process's Redis subscriber once; waits briefly until it listens."""
        self._client()  # binds the Redis objects to the running loop
        if self._listener is None or self._listener.done():
            self._subscribed = asyncio.Event()
            self._listener = asyncio.get_running_loop().create_task(self._listen())
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._subscribed.wait(), timeout=SUBSCRIBE_WAIT_SECONDS)

    async def _listen(self) -> None:
        """Delivers every message published on Redis to this process's subscribers; reconnects on errors."""
        while True:
            pubsub = None
            try:
                pubsub = self._client().pubsub(ignore_subscribe_messages=True)
                await pubsub.psubscribe(CHANNEL_PREFIX + "*")
                self._subscribed.set()
                while True:
                    item = await pubsub.get_message(timeout=KEEPALIVE_SECONDS)
                    if item is None or item.get("type") != "pmessage":
                        continue
                    channel = (
                        item["channel"].decode() if isinstance(item["channel"], bytes) else item["channel"]
                    )
                    with contextlib.suppress(ValueError):
                        self.deliver(channel[len(CHANNEL_PREFIX) :], json.loads(item["data"]))
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - keep listening after a Redis outage
                self._subscribed.clear()
                logger.warning("Push listener lost Redis (%s); reconnecting.", error)
                await asyncio.sleep(RECONNECT_SECONDS)
            finally:
                if pubsub is not None:
                    with contextlib.suppress(Exception):
                        await pubsub.close()


hub = PushHub()
"""The process-wide hub shared by the web channel and the caseworker console."""


def citizen_topic(sender_id: str) -> str:
    return f"citizen:{sender_id}"


CONSOLE_TOPIC = "console"
