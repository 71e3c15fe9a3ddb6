"""The scripted conversation corpus (``bench/conversations/``): loading and checking its format.

The format is described in ``bench/conversations/README.md``. Problems are reported with the file,
the conversation id and what is wrong, so a writer can fix them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.settings import REPO_ROOT

CORPUS_DIR = REPO_ROOT / "bench" / "conversations"
SPLITS = (
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "dev7",
    "dev8",
    "dev9",
    "dev10",
    "dev11",
    "dev12",
    "dev13",
    "heldout",
)
REFERENCE_TODAY = dt.date(2026, 11, 25)
"""The day the corpus was written for; the benchmark starts the servers with this as today."""
EXPECT_KEYS = frozenset(
    {
        "journey",
        "answers",
        "event_date",
        "municipality",
        "asks",
        "switch_offer",
        "plan",
        "step",
        "says",
        "says_any",
        "not_says",
        "crisis",
    }
)
CONVERSATION_KEYS = frozenset({"id", "tags", "journey", "says", "answers", "expect", "description", "note"})


class CorpusError(ValueError):
    """The corpus does not follow the format; the message says where and what."""


@dataclass(frozen=True)
class Say:
    """One thing the person does: type a text, answer whatever is asked, or press a button."""

    kind: str
    """``text``, ``answer`` or ``click``."""
    text: str = ""
    gives: dict[str, Any] = field(default_factory=dict)
    expect: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Conversation:
    id: str
    split: str
    file: str
    tags: tuple[str, ...]
    journey: str | None
    says: tuple[Say, ...]
    answers: dict[str, dict[str, Any]]
    expect: dict[str, Any]


def _problem(file: Path, conversation_id: str, reason: str) -> CorpusError:
    return CorpusError(
        f"{file.relative_to(REPO_ROOT) if file.is_relative_to(REPO_ROOT) else file}: "
        f"{conversation_id}: {reason}"
    )


def _say(raw: Any, file: Path, conversation_id: str) -> Say:
    if isinstance(raw, str):
        return Say("answer") if raw.strip() == "@answer" else Say("text", raw)
    if isinstance(raw, dict) and "click" in raw:
        return Say("click", str(raw["click"]), expect=dict(raw.get("expect") or {}))
    if isinstance(raw, dict) and isinstance(raw.get("text"), str):
        expect = dict(raw.get("expect") or {})
        unknown = set(expect) - EXPECT_KEYS
        if unknown:
            raise _problem(file, conversation_id, f"unknown expect key(s) {sorted(unknown)}")
        return Say("text", raw["text"], dict(raw.get("gives") or {}), expect)
    raise _problem(
        file,
        conversation_id,
        f"a `says` entry must be a text, '@answer', {{text: ...}} or {{click: ...}}, not {raw!r}",
    )


def load_file(file: Path, split: str) -> list[Conversation]:
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CorpusError(f"{file}: not valid YAML: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("conversations"), list):
        raise CorpusError(f"{file}: needs a top-level list `conversations:`")
    result = []
    for index, raw in enumerate(data["conversations"]):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise CorpusError(f"{file}: conversation #{index + 1} needs an `id`")
        conversation_id = raw["id"]
        unknown = set(raw) - CONVERSATION_KEYS
        if unknown:
            raise _problem(file, conversation_id, f"unknown key(s) {sorted(unknown)}")
        says = raw.get("says")
        if not isinstance(says, list) or not says:
            raise _problem(file, conversation_id, "`says` must be a non-empty list")
        answers = raw.get("answers") or {}
        if not isinstance(answers, dict) or any(
            not isinstance(v, dict) or "say" not in v for v in answers.values()
        ):
            raise _problem(file, conversation_id, "`answers` maps question ids to {say: ..., value: ...}")
        expect = dict(raw.get("expect") or {})
        if set(expect) - EXPECT_KEYS:
            raise _problem(
                file, conversation_id, f"unknown expect key(s) {sorted(set(expect) - EXPECT_KEYS)}"
            )
        result.append(
            Conversation(
                id=conversation_id,
                split=split,
                file=file.name,
                tags=tuple(raw.get("tags") or ()),
                journey=raw.get("journey"),
                says=tuple(_say(s, file, conversation_id) for s in says),
                answers={str(k): dict(v) for k, v in answers.items()},
                expect=expect,
            )
        )
    return result


def load_corpus(split: str = "dev", directory: Path = CORPUS_DIR) -> list[Conversation]:
    """All conversations of a split (``dev``, ``heldout`` or ``all``), with unique ids checked."""
    splits = SPLITS if split == "all" else (split,)
    conversations: list[Conversation] = []
    seen: dict[str, str] = {}
    for name in splits:
        folder = directory / name
        if not folder.is_dir():
            raise CorpusError(f"{folder}: no such corpus folder")
        for file in sorted(folder.glob("*.yml")):
            for conversation in load_file(file, name):
                if conversation.id in seen:
                    raise CorpusError(
                        f"{file}: duplicate id {conversation.id!r} (also in {seen[conversation.id]})"
                    )
                seen[conversation.id] = file.name
                conversations.append(conversation)
    return conversations


def date_matches(expected: Any, actual: str | None) -> bool:
    """An expected date: ``YYYY-MM-DD``, ``{between: [a, b]}`` or ``onbekend`` (no date)."""
    if expected in ("onbekend", None):
        return actual is None
    if isinstance(expected, dict) and isinstance(expected.get("between"), list):
        low, high = (str(v) for v in expected["between"])
        return actual is not None and low <= actual <= high
    return actual == str(expected)
