"""Questions people ask inside a life event, each with a short answer from the competent
authority's page (``data/faq/<event>.yml``): "hoeveel krijg ik?", "moet ik mijn rijbewijs laten
aanpassen?". Every answer carries its source URL and the sentence of the page it rests on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.source_policy import load_policy
from bot.settings import REPO_ROOT

FAQ_DIR = REPO_ROOT / "data" / "faq"


@dataclass(frozen=True)
class FaqEntry:
    id: str
    event_id: str
    questions: tuple[str, ...]
    answer: str
    source_url: str
    source_quote: str
    step: str | None = None
    topic: str | None = None


class FaqError(ValueError):
    """The FAQ files have problems (each names its file and entry)."""


def faq_problems(directory: Path, known_items: dict[str, set[str]]) -> list[str]:
    """Every problem of the FAQ files: ``known_items`` maps each life event to its step and right ids."""
    problems: list[str] = []
    seen: set[str] = set()
    policy = load_policy()
    for file in sorted(directory.glob("*.yml")):
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            problems.append(f"{file}: not valid YAML: {error}")
            continue
        event = data.get("event")
        if event not in known_items:
            problems.append(f"{file}: event {event!r} is not a life event")
            continue
        for number, entry in enumerate(data.get("faq") or [], start=1):
            where = f"{file}: faq entry {number} ({entry.get('id')!r})"
            problems.extend(f"{where}: {p}" for p in _entry_problems(entry, known_items[event], seen, policy))
    return problems


def _entry_problems(entry: dict[str, Any], items: set[str], seen: set[str], policy: Any) -> Iterable[str]:
    for key in ("id", "answer", "source_url", "source_quote"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            yield f"needs a text '{key}'"
    questions = entry.get("questions")
    if not isinstance(questions, list) or not questions or not all(isinstance(q, str) for q in questions):
        yield "needs a list of questions"
    if entry.get("id") in seen:
        yield "duplicate id"
    seen.add(str(entry.get("id")))
    if entry.get("step") and entry["step"] not in items:
        yield f"step {entry['step']!r} is not a step or right of this life event"
    if isinstance(entry.get("source_url"), str):
        verdict = policy.judge(entry["source_url"])
        if not verdict.allowed:
            yield verdict.reason


def load_faq(directory: Path = FAQ_DIR, today: dt.date | None = None) -> tuple[FaqEntry, ...]:
    """Every FAQ entry (validated with ``wegwijzer validate``; malformed entries are skipped here)."""
    entries = []
    for file in sorted(directory.glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        for entry in data.get("faq") or []:
            try:
                entries.append(
                    FaqEntry(
                        id=str(entry["id"]),
                        event_id=str(data["event"]),
                        questions=tuple(str(q) for q in entry["questions"]),
                        answer=" ".join(str(entry["answer"]).split()),
                        source_url=str(entry["source_url"]),
                        source_quote=str(entry["source_quote"]),
                        step=entry.get("step"),
                        topic=entry.get("topic"),
                    )
                )
            except (KeyError, TypeError):
                continue
    return tuple(entries)
