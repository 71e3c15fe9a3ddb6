"""Shared fixtures. Each test gets fresh objects; nothing mutable is shared between tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase, load_knowledge_base
from bot.settings import REPO_ROOT
from devtools.knowledge_fixtures import make_valid_event

KB_DIR = REPO_ROOT / "data" / "life_events"


@pytest.fixture(scope="session")
def _kb_cached() -> KnowledgeBase:
    return load_knowledge_base(KB_DIR)


@pytest.fixture
def kb(_kb_cached: KnowledgeBase) -> KnowledgeBase:
    """The shipped knowledge base (immutable dataclasses, safe to share read-only)."""
    return _kb_cached


@pytest.fixture
def valid_event() -> dict[str, Any]:
    """A small valid life-event mapping that tests can break on purpose."""
    return make_valid_event()


@pytest.fixture
def isolated_action_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Action tests: their own SQLite database, caseworkers always online."""
    from actions import context

    monkeypatch.setenv("WEGWIJZER_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    monkeypatch.setenv("WEGWIJZER_OFFICE_HOURS", "always")
    context.settings.cache_clear()
    yield
    context.settings.cache_clear()
