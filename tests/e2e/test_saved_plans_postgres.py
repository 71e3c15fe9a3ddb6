"""Saved plan links on a real PostgreSQL server: the migration makes the table, a link opens,
and the retention purge deletes it once it has expired."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.insights.retention import purge_expired
from bot.keeping.saved import load_plan, save_plan
from bot.store import get_engine
from devtools.services import missing_services, postgres_server

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif("postgresql" in missing_services(), reason="PostgreSQL is not installed"),
]


def test_a_saved_link_lives_until_it_expires_on_postgresql(tmp_path: Path) -> None:
    now = dt.datetime(2026, 11, 30, 10, 0)
    with postgres_server(tmp_path) as database_url:
        token, _ = save_plan(database_url, "birth", {"first_child": "ja"}, dt.date(2026, 11, 26), 30, now)
        saved = load_plan(database_url, token, now + dt.timedelta(days=1))
        assert saved is not None and saved.answers == {"first_child": "ja"}
        assert saved.event_date == dt.date(2026, 11, 26)

        deleted = purge_expired(
            database_url, 180, now=(now + dt.timedelta(days=31)).replace(tzinfo=dt.timezone.utc)
        )

        assert deleted["saved_plans"] == 1
        assert load_plan(database_url, token, now) is None
        get_engine(database_url).dispose()
        get_engine.cache_clear()
