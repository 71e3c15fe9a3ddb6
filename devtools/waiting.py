"""Event-based waits for end-to-end tests: poll a condition until it holds, never a fixed sleep."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import create_engine, text

T = TypeVar("T")


def wait_until(check: Callable[[], T], what: str, timeout: float = 60, interval: float = 0.2) -> T:
    """Returns the first truthy value of ``check()``; fails the test with ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def outbox_state(database_url: str, case_id: int) -> tuple[int, bool] | None:
    """(attempts, delivered) of the outbox row of a hand-off case, as the worker left it."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            row = connection.execute(
                text("select attempts, delivered from handoff_outbox where case_id = :c"), {"c": case_id}
            ).first()
    finally:
        engine.dispose()
    return None if row is None else (int(row[0]), bool(row[1]))
