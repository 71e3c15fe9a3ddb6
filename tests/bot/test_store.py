"""Application database on SQLite."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from bot.store import JourneyEventRecord, record_journey_event, session_scope


def test_journey_events_are_stored(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sub' / 'app.db'}"
    assert record_journey_event(url, "conv-1", "birth", "started")
    assert record_journey_event(url, "conv-1", "birth", "step_viewed", "declare_birth")
    with session_scope(url) as session:
        rows = session.execute(select(JourneyEventRecord).order_by(JourneyEventRecord.id)).scalars().all()
        assert [(r.kind, r.step_id) for r in rows] == [("started", None), ("step_viewed", "declare_birth")]


def test_unavailable_database_does_not_raise(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    url = f"sqlite:///{blocker / 'app.db'}"
    assert record_journey_event(url, "conv-1", "birth", "started") is False
