"""Small life-event files for tests that need a knowledge base they can break on purpose."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

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
    "source_url": "https://www.vlaanderen.be/bron",
    "checked_on": "2026-11-28",
}


def make_valid_event() -> dict[str, Any]:
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
            {
                "id": "first_child",
                "text": "Eerste kind?",
                "options": [
                    {"value": "ja", "label": "Ja", "understood": "het is uw eerste kind"},
                    {"value": "nee", "label": "Nee", "understood": "u hebt al kinderen"},
                ],
            }
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
