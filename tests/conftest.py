"""Shared fixtures. Each test gets fresh objects; nothing mutable is shared between tests."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.knowledge_base import KnowledgeBase, load_knowledge_base
from bot.settings import REPO_ROOT

KB_DIR = REPO_ROOT / "data" / "life_events"


@pytest.fixture(scope="session")
def _kb_cached() -> KnowledgeBase:
    return load_knowledge_base(KB_DIR)


@pytest.fixture
def kb(_kb_cached: KnowledgeBase) -> KnowledgeBase:
    """The shipped knowledge base (immutable dataclasses, safe to share read-only)."""
    return _kb_cached


MINIMAL_STEP: dict[str, Any] = {
    "id": "step_one",
    "title": "Doe iets",
    "what_to_do": "U doet iets.",
    "bevoegdBestuursniveau": "lokaal",
    "bevoegdeOverheid": "Gemeente",
    "uitvoerendBestuursniveau": "lokaal",
    "uitvoerendeOverheid": "Dienst burgerzaken",
    "channels": [{"type": "loket", "name": "Loket"}],
    "documents": [],
    "automatic": False,
    "source_url": "https://www.example.be/bron",
    "checked_on": "2026-11-28",
}


@pytest.fixture
def valid_event() -> dict[str, Any]:
    """A small valid life-event mapping that tests can break on purpose."""
    steps = []
    for index in range(4):
        step = copy.deepcopy(MINIMAL_STEP)
        step["id"] = f"step_{index}"
        steps.append(step)
    return {
        "id": "birth",
        "title": "Een kind krijgen",
        "description": "Uitleg.",
        "audience": "burger",
        "trigger_phrases": ["baby"],
        "related_events": ["moving"],
        "opening": "Proficiat!",
        "questions": [
            {"id": "first_child", "text": "Eerste kind?",
             "options": [{"value": "ja", "label": "Ja", "understood": "het is uw eerste kind"},
                         {"value": "nee", "label": "Nee", "understood": "u hebt al kinderen"}]}
        ],
        "steps": steps,
        "rights": [],
    }


def write_event(directory: Path, data: dict[str, Any], name: str | None = None) -> Path:
    """Writes an event mapping as YAML into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name or data['id']}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def isolated_action_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Action tests: their own SQLite database, caseworkers always online."""
    from actions import context

    monkeypatch.setenv("WEGWIJZER_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    monkeypatch.setenv("WEGWIJZER_OFFICE_HOURS", "always")
    context.settings.cache_clear()
    yield
    context.settings.cache_clear()
