"""Rate limiting for the public channels: per conversation, per client address and per staff
login, in this process or shared across replicas through Redis."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from bot.settings import setting

DEFAULT_LIMIT = 30
DEFAULT_WINDOW_SECONDS = 60.0
MAX_TRACKED = 50_000
REDIS_RETRY_SECONDS = 30.0


class RateLimiter:
    """Allows at most ``limit`` requests per key in any ``window`` seconds."""

    def __init__(
        self,
        limit: int = DEFAULT_LIMIT,
        window: float = DEFAULT_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._hits: dict[str, deque] = {}

    def allow(self, key: str) -> bool:
        """Records a request for ``key``; False when it is over the limit."""
        now = self.clock()
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        if len(self._hits) > MAX_TRACKED:
            self._forget_idle(now)
        return True

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, hits in self._hits.items() if not hits or hits[-1] <= now - self.window]:
            del self._hits[key]


class SharedRateLimiter:
    """``limit`` requests per key per ``window`` seconds, counted in Redis when it is configured
    (``WEGWIJZER_REDIS_URL``), so every replica sees the same counts; else in this process.

    Redis uses fixed windows (one INCR per request, keys expire by themselves). When Redis does not
    answer, this process's own sliding window still applies, and the failure is logged once.
    """

    def __init__(
        self,
        name: str,
        limit: int = DEFAULT_LIMIT,
        window: float = DEFAULT_WINDOW_SECONDS,
        redis_url: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.name, self.limit, self.window, self.clock = name, limit, window, clock
        self.local = RateLimiter(limit, window, clock)
        self.redis_url = redis_url
        self._redis = None
        self._redis_failed = False
        self._retry_redis_at = 0.0

    @classmethod
    def from_env(
        cls, name: str, limit: int = DEFAULT_LIMIT, window: float = DEFAULT_WINDOW_SECONDS
    ) -> SharedRateLimiter:
        return cls(name, limit, window, setting("WEGWIJZER_REDIS_URL") or None)

    def _client(self) -> Any:
        if self._redis is None and self.redis_url:
            import redis.asyncio as redis_asyncio

            self._redis = redis_asyncio.from_url(
                self.redis_url, socket_timeout=0.5, socket_connect_timeout=0.5
            )
        return self._redis

    async def allow(self, key: str) -> bool:
        """Records a request for ``key``; False when it is over the limit."""
        client = self._client()
        if client is None or time.monotonic() < self._retry_redis_at:
            return self.local.allow(key)
        bucket = int(self.clock() // self.window)
        redis_key = f"wegwijzer:rate:{self.name}:{bucket}:{key}"
        try:
            async with client.pipeline(transaction=True) as pipe:
                count, _ = await pipe.incr(redis_key).expire(redis_key, int(self.window) + 1).execute()
            self._redis_failed = False
            return int(count) <= self.limit
        except Exception as error:  # Redis down or slow: keep limiting per process
            self._retry_redis_at = time.monotonic() + REDIS_RETRY_SECONDS  # do not wait on every request
            if not self._redis_failed:
                logging.getLogger(__name__).warning(
                    "Rate limit %s: Redis unavailable (%s); counting per process", self.name, error
                )
                self._redis_failed = True
            return self.local.allow(key)
