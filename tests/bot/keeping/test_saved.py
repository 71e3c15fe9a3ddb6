"""Saved links: a long random token opens the plan's inputs until the link expires; only the
token's hash is stored, and nothing but the event, the option values and the date."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.keeping.saved import DEFAULT_DAYS, link_days, load_plan, looks_like_token, save_plan
from bot.store import get_engine

NOW = dt.datetime(2026, 11, 30, 10, 0)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'saved.db'}"


def test_a_saved_plan_opens_with_its_token_until_it_expires(database_url: str) -> None:
    token, expires = save_plan(database_url, "birth", {"first_child": "ja"}, dt.date(2026, 11, 26), 30, NOW)

    assert len(token) >= 43 and looks_like_token(token)
    assert expires == NOW + dt.timedelta(days=30)
    saved = load_plan(database_url, token, NOW + dt.timedelta(days=29))
    assert saved is not None
    assert (saved.event_id, saved.answers, saved.event_date) == (
        "birth",
        {"first_child": "ja"},
        dt.date(2026, 11, 26),
    )
    assert load_plan(database_url, token, NOW + dt.timedelta(days=30)) is None  # expired
    assert load_plan(database_url, token[:-1] + ("A" if token[-1] != "A" else "B"), NOW) is None  # unknown
    assert load_plan(database_url, "../../etc/passwd", NOW) is None


def test_two_links_get_different_tokens_and_only_hashes_are_stored(database_url: str) -> None:
    first, _ = save_plan(database_url, "birth", {}, None, now=NOW)
    second, _ = save_plan(database_url, "birth", {}, None, now=NOW)
    assert first != second
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(sa.text("SELECT * FROM saved_plans")).mappings().all()
    stored = repr([dict(row) for row in rows])
    assert first not in stored and second not in stored
    assert hashlib.sha256(first.encode()).hexdigest() in stored
    assert set(rows[0].keys()) == {
        "token_hash",
        "event_id",
        "answers",
        "event_date",
        "created_at",
        "expires_at",
    }


def test_link_days_setting() -> None:
    assert link_days("") == DEFAULT_DAYS == 30
    assert link_days("7") == 7
    for wrong in ("0", "400", "een maand"):
        with pytest.raises(ValueError, match="WEGWIJZER_PLAN_LINK_DAYS"):
            link_days(wrong)
