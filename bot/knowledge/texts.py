"""Dutch user-facing texts for rendered content, loaded from ``data/texts/nl.yml``."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.settings import REPO_ROOT

TEXTS_FILE = REPO_ROOT / "data" / "texts" / "nl.yml"


@lru_cache(maxsize=4)
def load_texts(path: Path = TEXTS_FILE) -> dict[str, Any]:
    """Reads the texts file once."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["texts"]


def text(key: str, **values: Any) -> str:
    """Returns the text ``key`` with its placeholders filled in."""
    return str(load_texts()[key]).format(**values)


def level_name(level: str) -> str:
    """Plain Dutch name of a government level (``vlaams`` -> ``Vlaamse overheid``)."""
    return load_texts()["levels"].get(level, level)


def format_date(day: dt.date) -> str:
    """``vrijdag 12 december 2025``."""
    texts = load_texts()
    return f"{texts['weekdays'][day.weekday()]} {day.day} {texts['months'][day.month - 1]} {day.year}"


def join_list(items: list[str] | tuple[str, ...]) -> str:
    """``a, b en c``."""
    items = [item.rstrip(".") for item in items]
    if len(items) <= 1:
        return "".join(items)
    return text("list_separator").join(items[:-1]) + text("list_last_separator") + items[-1]


def card_label(key: str, **values: Any) -> str:
    """A label of the step card (``step_card`` in the texts file), shared by every front end."""
    return str(load_texts()["step_card"][key]).format(**values)


def step_heading(number: int, total: int, title: str) -> str:
    """``Stap 2 van 6: Geef de geboorte aan``."""
    return f"{card_label('step', number=number, total=total)}: {title}"


def front_end_strings() -> dict[str, Any]:
    """Every text the web front ends show (widget, front desk, console, staff login), for
    ``/webhooks/web/strings.json``: one home for the words of every channel."""
    texts = load_texts()
    shared = (
        "months",
        "weekdays",
        "step_card",
        "channel_types",
        "level_choices",
        "levels",
        "new_window",
        "handoff_reasons",
    )
    return {**{key: texts[key] for key in shared}, **texts["ui"]}
