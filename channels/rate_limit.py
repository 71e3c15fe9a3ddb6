"""Per-conversation rate limiting for the public channels (in-process sliding window)."""
from __future__ import annotations

import time
from collections import deque
from typing import Callable

DEFAULT_LIMIT = 30
DEFAULT_WINDOW_SECONDS = 60.0
MAX_TRACKED = 50_000


class RateLimiter:
    """Allows at most ``limit`` requests per key in any ``window`` seconds."""

    def __init__(self, limit: int = DEFAULT_LIMIT, window: float = DEFAULT_WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
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
