from channels.rate_limit import RateLimiter


def test_sliding_window_per_key() -> None:
    now = [0.0]
    limiter = RateLimiter(limit=3, window=10, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")
    now[0] = 10.5
    assert limiter.allow("a")
