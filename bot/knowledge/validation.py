"""Validation of the knowledge base: every problem with file, line, path and reason.

The shape of a life-event file (keys, types, allowed values) is the JSON Schema
``schemas/life_event.schema.json``, which editors can use too; this module runs it and adds what a
schema cannot say: ids unique within a file and matching the file name, related events that
exist, ``applies_when`` and ``narrowing`` that name real questions and options, date sentences for
the date direction, real calendar dates. The life events themselves are the files in
``data/life_events/`` (``life_event_ids``): adding a file adds an event.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from bot.knowledge import content_rules
from bot.knowledge.yaml_lines import (
    Path_,
    Problem,
    ProblemCollector,
    YamlFileError,
    json_ready,
    load_with_lines,
)
from bot.settings import REPO_ROOT

SCHEMA_FILE = REPO_ROOT / "schemas" / "life_event.schema.json"
KB_DIR = REPO_ROOT / "data" / "life_events"
RASA_TRAINING_KEYS = ("nlu", "responses", "stories", "rules")
"""Top-level keys Rasa would read as training data: never in a knowledge-base file."""


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The life-event JSON Schema."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def allowed_values(definition: str) -> tuple[str, ...]:
    """The values an enum of the schema allows (``level``, ``audience``, ...)."""
    node = schema()["$defs"].get(definition) or schema()["properties"][definition]
    return tuple(node["enum"])


@lru_cache(maxsize=4)
def life_event_ids(directory: Path = KB_DIR) -> tuple[str, ...]:
    """The ids of the life events: the names of the files in the knowledge-base folder."""
    return tuple(sorted(path.stem for path in directory.glob("*.yml")))


LEVELS = allowed_values("level")


def _schema_problems(check: ProblemCollector, data: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(schema())
    for error in sorted(validator.iter_errors(json_ready(data)), key=lambda e: list(e.absolute_path)):
        path = tuple(error.absolute_path)
        check.add(*_explain(error, path))


def _explain(error: jsonschema.ValidationError, path: Path_) -> tuple[Path_, str]:
    """A plain reason for a schema error (jsonschema's own messages are written for developers)."""
    kind, value = error.validator, error.instance
    if kind == "required":
        missing = error.message.split("'")[1]
        if missing == "source_url":
            return path + (missing,), "is required: every fact needs a source"
        return path + (missing,), "is required"
    if kind == "additionalProperties":
        unexpected = [key for key in value if key not in error.schema.get("properties", {})]
        hint = (
            " (a label with a comma must be quoted)"
            if "understood" in error.schema.get("properties", {})
            else ""
        )
        return path + (unexpected[0],), f"unknown key {unexpected[0]!r}{hint}"
    if kind == "enum":
        return path, f"{value!r} is not one of {', '.join(map(str, error.validator_value))}"
    if kind == "minItems" and path == ("steps",):
        return path, f"needs at least {error.validator_value} steps, found {len(value)}"
    if kind == "minItems":
        return path, f"needs at least {error.validator_value} item(s)"
    if kind == "pattern" and "https?" in str(error.validator_value):
        return path, f"{value!r} is not a well-formed http(s) URL"
    if kind == "pattern" and r"\d{4}" in str(error.validator_value):
        return path, f"{value!r} is not a date (YYYY-MM-DD)"
    if kind == "pattern" and "{date}" in str(error.validator_value):
        return path, "must be a sentence with the placeholder {date}"
    if kind == "pattern" and "[a-z" in str(error.validator_value):
        return path, f"{value!r} is not a snake_case id"
    if kind in ("minLength", "pattern") or (kind == "type" and error.validator_value == "string"):
        return path, "must be a non-empty text"
    if kind == "type" and error.validator_value == "boolean":
        return path, "must be true or false"
    if kind in ("type", "minimum") and error.validator_value in ("integer", 0):
        return path, "must be a whole number of 0 or more"
    if kind == "type" and error.validator_value == "array":
        return path, "must be a list"
    if kind == "type" and error.validator_value == "object":
        return path, "must be a mapping"
    return path, error.message


def validate_event_data(
    data: Any, file: Path, lines: dict[Path_, int], known_ids: Iterable[str] = ()
) -> list[Problem]:
    """Validates the parsed content of one life-event file. ``known_ids``: the life events that
    ``related_events`` and ``comes_after`` may name."""
    check = ProblemCollector(file, lines)
    if not isinstance(data, dict):
        check.add((), "the file must contain a mapping with id, title, steps, ...")
        return check.problems
    for key in RASA_TRAINING_KEYS:
        if key in data:
            check.add((key,), f"top-level key {key!r} is reserved for Rasa training data")
    _schema_problems(check, {k: v for k, v in data.items() if k not in RASA_TRAINING_KEYS})
    event_id = data.get("id")
    if isinstance(event_id, str) and file.stem != event_id:
        check.add(("id",), f"id {event_id!r} does not match the file name {file.name!r}")
    known = set(known_ids) | {file.stem}
    for key in ("related_events", "comes_after"):
        for index, related in enumerate(_items(data, key)):
            if related not in known:
                check.add((key, index), f"{related!r} is not a known life event")
            elif related == event_id:
                check.add((key, index), "an event cannot be related to itself")
    _check_date_wording(check, data)
    questions = _check_questions(check, data)
    for key in ("steps", "rights"):
        _check_unique_ids(check, _items(data, key), key)
        for index, item in enumerate(_items(data, key)):
            if isinstance(item, dict):
                _check_applies_when(check, item, (key, index), questions)
                for date_key in ("checked_on", "valid_from", "valid_until"):
                    _check_real_date(check, item, (key, index), date_key)
                _check_validity_period(check, item, (key, index))
                content_rules.check_item(check.add, item, (key, index), key)
    return check.problems


def _items(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _check_date_wording(check: ProblemCollector, data: dict[str, Any]) -> None:
    """With an event date: its direction, and a sentence per direction ("u bent ziek sinds {date}")."""
    if data.get("event_date_label") is None:
        return
    direction = data.get("date_direction")
    if direction is None:
        check.add(("date_direction",), "is required")
        return
    wording: dict[str, Any] = data["date_understood"] if isinstance(data.get("date_understood"), dict) else {}
    needed = ("past", "future") if direction == "either" else (direction,)
    for key in needed:
        if not isinstance(wording.get(key), str):
            check.add(("date_understood", key), "must be a sentence with the placeholder {date}")


def _check_unique_ids(check: ProblemCollector, items: list[Any], key: str) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        item_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(item_id, str) and item_id in seen:
            check.add((key, index, "id"), f"duplicate id {item_id!r} (also {key}[{seen[item_id]}])")
        elif isinstance(item_id, str):
            seen[item_id] = index


def _check_questions(check: ProblemCollector, data: dict[str, Any]) -> dict[str, set[str]]:
    """Unique question ids and option values; narrowing that names this question's options."""
    questions: dict[str, set[str]] = {}
    items = _items(data, "questions")
    _check_unique_ids(check, items, "questions")
    for index, question in enumerate(items):
        if not isinstance(question, dict):
            continue
        path: Path_ = ("questions", index)
        values: set[str] = set()
        for opt_index, option in enumerate(_items(question, "options")):
            if not isinstance(option, dict):
                continue
            value = option.get("value")
            if isinstance(value, str) and value in values:
                check.add(path + ("options", opt_index, "value"), f"duplicate option {value!r}")
            elif isinstance(value, str):
                values.add(value)
            if (
                isinstance(option.get("min"), int)
                and isinstance(option.get("max"), int)
                and option["min"] > option["max"]
            ):
                check.add(path + ("options", opt_index, "min"), "is larger than max")
        for n_index, narrowing in enumerate(_items(question, "narrowing")):
            for value in _items(narrowing, "options") if isinstance(narrowing, dict) else []:
                if value not in values:
                    check.add(
                        path + ("narrowing", n_index, "options"),
                        f"{value!r} is not an option of this question",
                    )
        if isinstance(question.get("id"), str):
            questions[question["id"]] = values
    return questions


def _check_applies_when(
    check: ProblemCollector, item: dict[str, Any], path: Path_, questions: dict[str, set[str]]
) -> None:
    conditions = item.get("applies_when")
    if not isinstance(conditions, dict):
        return
    for question_id, allowed in conditions.items():
        cond_path = path + ("applies_when", question_id)
        if question_id not in questions:
            check.add(cond_path, f"refers to unknown question {question_id!r}")
            continue
        for value in allowed if isinstance(allowed, list) else []:
            if value not in questions[question_id]:
                check.add(cond_path, f"{value!r} is not an option of question {question_id!r}")


def _check_real_date(check: ProblemCollector, item: dict[str, Any], path: Path_, key: str) -> None:
    value = item.get(key)
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            check.add(path + (key,), f"{value!r} is not a date (YYYY-MM-DD)")


def _check_validity_period(check: ProblemCollector, item: dict[str, Any], path: Path_) -> None:
    start, end = item.get("valid_from"), item.get("valid_until")
    try:
        if start and end and dt.date.fromisoformat(str(end)) < dt.date.fromisoformat(str(start)):
            check.add(path + ("valid_until",), f"ends ({end}) before it starts ({start})")
    except ValueError:
        pass  # reported by _check_real_date


def validate_directory(directory: Path, require_all: bool = True) -> list[Problem]:
    """Validates every ``*.yml`` file of a knowledge-base folder, and the set as a whole.

    Args:
        directory: the knowledge-base folder.
        require_all: also report each life event of the shipped knowledge base
            (``data/life_events/``) that has no file in ``directory``.
    """
    problems: list[Problem] = []
    if not directory.is_dir():
        return [Problem(directory, None, "(folder)", "knowledge-base folder does not exist")]
    files = sorted(directory.glob("*.yml")) + sorted(directory.glob("*.yaml"))
    if not files:
        problems.append(Problem(directory, None, "(folder)", "no life-event files found"))
    known_ids = {file.stem for file in files} | set(life_event_ids())
    ids: dict[str, Path] = {}
    for file in files:
        try:
            data, lines = load_with_lines(file)
        except YamlFileError as error:
            problems.append(Problem(file, error.line, "(file)", error.reason))
            continue
        problems.extend(validate_event_data(data, file, lines, known_ids))
        event_id = data.get("id") if isinstance(data, dict) else None
        if isinstance(event_id, str):
            if event_id in ids:
                problems.append(
                    Problem(
                        file,
                        lines.get(("id",)),
                        "id",
                        f"duplicate id {event_id!r} (also in {ids[event_id].name})",
                    )
                )
            ids[event_id] = file
    if require_all:
        for missing in sorted(set(life_event_ids()) - set(ids)):
            problems.append(
                Problem(directory, None, "(folder)", f"life event {missing!r} has no file {missing}.yml")
            )
    return problems
