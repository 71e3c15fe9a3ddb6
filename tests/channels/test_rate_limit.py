import asyncio

from channels.rate_limit import RateLimiter, SharedRateLimiter


def test_sliding_window_per_key() -> None:
    now = [0.0]
    limiter = RateLimiter(limit=3, window=10, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")
    now[0] = 10.5
    assert limiter.allow("a")


def test_without_redis_the_shared_limiter_counts_in_this_process() -> None:
    limiter = SharedRateLimiter("test", limit=2, window=60)
    results = asyncio.run(_hits(limiter, "client-1", 3))
    assert results == [True, True, False]
    assert asyncio.run(_hits(limiter, "client-2", 1)) == [True]


def test_an_unreachable_redis_still_limits_per_process() -> None:
    limiter = SharedRateLimiter("test", limit=2, window=60, redis_url="redis://127.0.0.1:9/0")
    assert asyncio.run(_hits(limiter, "client-1", 3)) == [True, True, False]


async def _hits(limiter: SharedRateLimiter, key: str, count: int) -> list[bool]:
    return [await limiter.allow(key) for _ in range(count)]
