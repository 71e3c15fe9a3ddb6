"""Schema validation of the knowledge base: every problem with file, line, path and reason."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from bot.knowledge.yaml_lines import Path_, YamlFileError, format_path, load_with_lines

LIFE_EVENT_IDS: tuple[str, ...] = (
    "birth", "moving", "first_job", "job_loss", "cohabitation_marriage", "divorce", "death",
    "retirement", "illness", "disability", "home", "studying", "money_problems", "newcomer",
    "caregiving", "start_business", "hire_staff", "found_association", "stop_business",
    "business_support",
)
AUDIENCES = ("burger", "onderneming", "vereniging")
LEVELS = ("lokaal", "provinciaal", "vlaams", "federaal", "europees", "derden")
CHANNEL_TYPES = ("online", "telefoon", "loket", "post", "e-mail")
DEADLINE_UNITS = ("kalenderdagen", "werkdagen", "weken", "maanden", "jaren")
RELATIVE = ("na", "voor")
RASA_TRAINING_KEYS = ("nlu", "responses", "stories", "rules")
MIN_STEPS = 4

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_VALUE_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")

EVENT_KEYS = frozenset({"id", "title", "description", "audience", "trigger_phrases", "related_events",
                        "event_date_label", "date_direction", "date_understood", "opening", "questions",
                        "steps", "rights"})
QUESTION_KEYS = frozenset({"id", "text", "options", "narrowing"})
NARROWING_KEYS = frozenset({"phrases", "options", "text", "understood"})
OPTION_KEYS = frozenset({"value", "label", "synonyms", "facts", "min", "max", "understood", "means"})
DATE_DIRECTIONS = ("past", "future", "either")
DATE_UNDERSTOOD_KEYS = frozenset({"past", "future"})
YES_NO = ("ja", "nee")
STEP_KEYS = frozenset({"id", "title", "what_to_do", "bevoegdBestuursniveau", "bevoegdeOverheid",
                       "uitvoerendBestuursniveau", "uitvoerendeOverheid", "deadline", "channels",
                       "documents", "automatic", "automatic_reason", "needs_counter", "applies_when",
                       "voorwaarden", "procedures", "kosten", "contactgegevens", "ipdc_id",
                       "source_url", "checked_on"})
CHANNEL_KEYS = frozenset({"type", "name", "url"})
DEADLINE_KEYS = frozenset({"amount", "unit", "relative_to", "text", "extend_to_working_day"})
RIGHT_KEYS = frozenset({"id", "title", "description", "automatic", "automatic_reason", "where_to_request",
                        "applies_when", "source_url", "checked_on"})
_URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/\S*)?$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a knowledge-base file."""

    file: Path
    line: int | None
    path: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.path}: {self.reason}"


class _Checker:
    """Collects problems for one file."""

    def __init__(self, file: Path, lines: dict[Path_, int]) -> None:
        self.file, self.lines, self.problems = file, lines, []

    def add(self, path: Path_, reason: str) -> None:
        line = self.lines.get(path)
        probe = path
        while line is None and probe:
            probe = probe[:-1]
            line = self.lines.get(probe)
        self.problems.append(Problem(self.file, line, format_path(path), reason))

    def known_keys(self, data: dict, path: Path_, allowed: frozenset[str]) -> None:
        for key in data:
            if key not in allowed:
                hint = " (a label with a comma must be quoted)" if allowed is OPTION_KEYS else ""
                self.add(path + (key,), f"unknown key {key!r}{hint}")

    def text(self, data: dict, path: Path_, key: str, required: bool = True) -> None:
        value = data.get(key)
        if value is None:
            if required:
                self.add(path + (key,), "is required")
        elif not isinstance(value, str) or not value.strip():
            self.add(path + (key,), "must be a non-empty text")

    def choice(self, data: dict, path: Path_, key: str, allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        value = data.get(key)
        if value is None:
            self.add(path + (key,), "is required")
        elif value not in allowed:
            self.add(path + (key,), f"{value!r} is not one of {', '.join(allowed)}")

    def url(self, value: Any, path: Path_) -> None:
        if not isinstance(value, str) or not _URL_RE.match(value):
            self.add(path, f"{value!r} is not a well-formed http(s) URL")

    def date(self, data: dict, path: Path_, key: str) -> None:
        value = data.get(key)
        if value is None:
            self.add(path + (key,), "is required")
        elif not isinstance(value, dt.date):
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                self.add(path + (key,), f"{value!r} is not a date (YYYY-MM-DD)")

    def sourced(self, data: dict, path: Path_) -> None:
        if data.get("source_url") is None:
            self.add(path + ("source_url",), "is required: every fact needs a source")
        else:
            self.url(data["source_url"], path + ("source_url",))
        self.date(data, path, "checked_on")


def validate_event_data(data: Any, file: Path, lines: dict[Path_, int]) -> list[Problem]:
    """Validates the parsed content of one life-event file."""
    check = _Checker(file, lines)
    if not isinstance(data, dict):
        check.add((), "the file must contain a mapping with id, title, steps, ...")
        return check.problems
    for key in RASA_TRAINING_KEYS:
        if key in data:
            check.add((key,), f"top-level key {key!r} is reserved for Rasa training data")
    check.known_keys({k: v for k, v in data.items() if k not in RASA_TRAINING_KEYS}, (), EVENT_KEYS)
    event_id = data.get("id")
    if event_id not in LIFE_EVENT_IDS:
        check.add(("id",), f"{event_id!r} is not one of the {len(LIFE_EVENT_IDS)} life-event ids")
    elif file.stem != event_id:
        check.add(("id",), f"id {event_id!r} does not match the file name {file.name!r}")
    check.text(data, (), "title")
    check.text(data, (), "description")
    check.text(data, (), "opening")
    check.choice(data, (), "audience", AUDIENCES)
    _check_date_wording(check, data)
    _check_list_of_texts(check, data, "trigger_phrases")
    for index, related in enumerate(_as_list(check, data, "related_events")):
        if related not in LIFE_EVENT_IDS:
            check.add(("related_events", index), f"{related!r} is not a known life event")
        elif related == event_id:
            check.add(("related_events", index), "an event cannot be related to itself")
    questions = _check_questions(check, data)
    steps = _as_list(check, data, "steps")
    if len(steps) < MIN_STEPS:
        check.add(("steps",), f"needs at least {MIN_STEPS} steps, found {len(steps)}")
    _check_unique_ids(check, steps, "steps")
    for index, step in enumerate(steps):
        _check_step(check, step, ("steps", index), questions)
    rights = _as_list(check, data, "rights", required=False)
    _check_unique_ids(check, rights, "rights")
    for index, right in enumerate(rights):
        _check_right(check, right, ("rights", index), questions)
    return check.problems


def _check_date_wording(check: _Checker, data: dict) -> None:
    """``date_direction`` and the ``date_understood`` sentences ("u bent ziek sinds {date}")."""
    if data.get("event_date_label") is None:
        return
    check.choice(data, (), "date_direction", DATE_DIRECTIONS)
    wording = data.get("date_understood")
    if not isinstance(wording, dict) or not wording:
        check.add(("date_understood",), "needs a sentence per direction (past, future) with {date}")
        return
    check.known_keys(wording, ("date_understood",), DATE_UNDERSTOOD_KEYS)
    needed = {"past", "future"} if data.get("date_direction") == "either" else {data.get("date_direction")}
    for key in sorted(k for k in needed if isinstance(k, str)):
        value = wording.get(key)
        if not isinstance(value, str) or "{date}" not in value:
            check.add(("date_understood", key), "must be a sentence with the placeholder {date}")


def _check_option_understanding(check: _Checker, option: dict, path: Path_) -> None:
    """Synonyms, an age or count range, the said-back sentence and the yes/no meaning of an option."""
    _check_list_of_texts(check, option, "synonyms", path)
    _check_list_of_texts(check, option, "facts", path)
    check.text(option, path, "understood")
    for key in ("min", "max"):
        value = option.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            check.add(path + (key,), "must be a whole number of 0 or more")
    if isinstance(option.get("min"), int) and isinstance(option.get("max"), int) and option["min"] > option["max"]:
        check.add(path + ("min",), "is larger than max")
    if option.get("means") is not None and option["means"] not in YES_NO:
        check.add(path + ("means",), f"{option['means']!r} is not one of {', '.join(YES_NO)}")


def _as_list(check: _Checker, data: dict, key: str, required: bool = True) -> list:
    value = data.get(key)
    if value is None:
        if required:
            check.add((key,), "is required")
        return []
    if not isinstance(value, list):
        check.add((key,), "must be a list")
        return []
    return value


def _check_list_of_texts(check: _Checker, data: dict, key: str, path: Path_ = ()) -> None:
    value = data.get(key)
    if value is None:
        return
    if not isinstance(value, list):
        check.add(path + (key,), "must be a list")
        return
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            check.add(path + (key, index), "must be a non-empty text")


def _check_unique_ids(check: _Checker, items: list, key: str) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        item_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(item_id, str) or not _ID_RE.match(item_id):
            check.add((key, index, "id"), f"{item_id!r} is not a snake_case id")
        elif item_id in seen:
            check.add((key, index, "id"), f"duplicate id {item_id!r} (also {key}[{seen[item_id]}])")
        else:
            seen[item_id] = index


def _check_questions(check: _Checker, data: dict) -> dict[str, set[str]]:
    questions: dict[str, set[str]] = {}
    items = _as_list(check, data, "questions", required=False)
    _check_unique_ids(check, items, "questions")
    for index, question in enumerate(items):
        path: Path_ = ("questions", index)
        if not isinstance(question, dict):
            check.add(path, "must be a mapping")
            continue
        check.known_keys(question, path, QUESTION_KEYS)
        check.text(question, path, "text")
        values: set[str] = set()
        options = question.get("options")
        if not isinstance(options, list) or len(options) < 2:
            check.add(path + ("options",), "needs a list of at least 2 options")
            options = []
        for opt_index, option in enumerate(options):
            opt_path = path + ("options", opt_index)
            if not isinstance(option, dict):
                check.add(opt_path, "must be a mapping with value and label")
                continue
            check.known_keys(option, opt_path, OPTION_KEYS)
            value = option.get("value")
            if not isinstance(value, str) or not _VALUE_RE.match(value):
                check.add(opt_path + ("value",), f"{value!r} is not a snake_case value")
            elif value in values:
                check.add(opt_path + ("value",), f"duplicate option {value!r}")
            else:
                values.add(value)
            check.text(option, opt_path, "label")
            _check_option_understanding(check, option, opt_path)
        _check_narrowing(check, question, path, values)
        if isinstance(question.get("id"), str):
            questions[question["id"]] = values
    return questions


def _check_narrowing(check: _Checker, question: dict, path: Path_, values: set[str]) -> None:
    """``narrowing``: phrases that leave only some options, with the narrower question to ask."""
    for index, narrowing in enumerate(_as_list(check, question, "narrowing", required=False)):
        n_path = path + ("narrowing", index)
        if not isinstance(narrowing, dict):
            check.add(n_path, "must be a mapping with phrases, options and text")
            continue
        check.known_keys(narrowing, n_path, NARROWING_KEYS)
        check.text(narrowing, n_path, "text")
        if not isinstance(narrowing.get("phrases"), list) or not narrowing["phrases"]:
            check.add(n_path + ("phrases",), "needs a list of phrases")
        options = narrowing.get("options")
        if not isinstance(options, list) or len(options) < 2:
            check.add(n_path + ("options",), "needs at least 2 option values")
        else:
            for value in options:
                if value not in values:
                    check.add(n_path + ("options",), f"{value!r} is not an option of this question")


def _check_applies_when(check: _Checker, item: dict, path: Path_, questions: dict[str, set[str]]) -> None:
    conditions = item.get("applies_when")
    if conditions is None:
        return
    if not isinstance(conditions, dict):
        check.add(path + ("applies_when",), "must map question ids to lists of answers")
        return
    for question_id, allowed in conditions.items():
        cond_path = path + ("applies_when", question_id)
        if question_id not in questions:
            check.add(cond_path, f"refers to unknown question {question_id!r}")
            continue
        if not isinstance(allowed, list) or not allowed:
            check.add(cond_path, "must be a non-empty list of answers")
            continue
        for value in allowed:
            if value not in questions[question_id]:
                check.add(cond_path, f"{value!r} is not an option of question {question_id!r}")


def _check_step(check: _Checker, step: Any, path: Path_, questions: dict[str, set[str]]) -> None:
    if not isinstance(step, dict):
        check.add(path, "must be a mapping")
        return
    check.known_keys(step, path, STEP_KEYS)
    for key in ("title", "what_to_do", "bevoegdeOverheid", "uitvoerendeOverheid"):
        check.text(step, path, key)
    check.choice(step, path, "bevoegdBestuursniveau", LEVELS)
    check.choice(step, path, "uitvoerendBestuursniveau", LEVELS)
    channels = step.get("channels")
    if not isinstance(channels, list) or not channels:
        check.add(path + ("channels",), "needs at least one channel")
        channels = []
    for index, channel in enumerate(channels):
        ch_path = path + ("channels", index)
        if not isinstance(channel, dict):
            check.add(ch_path, "must be a mapping with type and name")
            continue
        check.known_keys(channel, ch_path, CHANNEL_KEYS)
        check.choice(channel, ch_path, "type", CHANNEL_TYPES)
        check.text(channel, ch_path, "name")
        if channel.get("url") is not None:
            check.url(channel["url"], ch_path + ("url",))
    _check_list_of_texts(check, step, "documents", path)
    _check_list_of_texts(check, step, "voorwaarden", path)
    automatic = step.get("automatic")
    if not isinstance(automatic, bool):
        check.add(path + ("automatic",), "must be true or false")
    elif automatic:
        check.text(step, path, "automatic_reason")
    if "needs_counter" in step and not isinstance(step["needs_counter"], bool):
        check.add(path + ("needs_counter",), "must be true or false")
    deadline = step.get("deadline")
    if deadline is not None:
        _check_deadline(check, deadline, path + ("deadline",))
    contact = step.get("contactgegevens")
    if contact is not None:
        if not isinstance(contact, dict):
            check.add(path + ("contactgegevens",), "must be a mapping")
        elif contact.get("url") is not None:
            check.url(contact["url"], path + ("contactgegevens", "url"))
    _check_applies_when(check, step, path, questions)
    check.sourced(step, path)


def _check_deadline(check: _Checker, deadline: Any, path: Path_) -> None:
    if not isinstance(deadline, dict):
        check.add(path, "must be a mapping with amount, unit, relative_to and text")
        return
    check.known_keys(deadline, path, DEADLINE_KEYS)
    amount = deadline.get("amount")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        check.add(path + ("amount",), "must be a whole number of 0 or more")
    check.choice(deadline, path, "unit", DEADLINE_UNITS)
    check.choice(deadline, path, "relative_to", RELATIVE)
    check.text(deadline, path, "text")


def _check_right(check: _Checker, right: Any, path: Path_, questions: dict[str, set[str]]) -> None:
    if not isinstance(right, dict):
        check.add(path, "must be a mapping")
        return
    check.known_keys(right, path, RIGHT_KEYS)
    for key in ("title", "description", "where_to_request"):
        check.text(right, path, key)
    if not isinstance(right.get("automatic"), bool):
        check.add(path + ("automatic",), "must be true or false")
    _check_applies_when(check, right, path, questions)
    check.sourced(right, path)


def validate_directory(directory: Path, require_all: bool = True) -> list[Problem]:
    """Validates every ``*.yml`` file of a knowledge-base folder, and the set as a whole.

    Args:
        directory: the knowledge-base folder.
        require_all: also report each of the fixed life-event ids that has no file.
    """
    problems: list[Problem] = []
    if not directory.is_dir():
        return [Problem(directory, None, "(folder)", "knowledge-base folder does not exist")]
    files = sorted(directory.glob("*.yml")) + sorted(directory.glob("*.yaml"))
    if not files:
        problems.append(Problem(directory, None, "(folder)", "no life-event files found"))
    ids: dict[str, Path] = {}
    for file in files:
        try:
            data, lines = load_with_lines(file)
        except YamlFileError as error:
            problems.append(Problem(file, error.line, "(file)", error.reason))
            continue
        problems.extend(validate_event_data(data, file, lines))
        event_id = data.get("id") if isinstance(data, dict) else None
        if isinstance(event_id, str):
            if event_id in ids:
                problems.append(
                    Problem(file, lines.get(("id",)), "id", f"duplicate id {event_id!r} (also in {ids[event_id].name})")
                )
            ids[event_id] = file
    if require_all:
        for missing in sorted(set(LIFE_EVENT_IDS) - set(ids)):
            problems.append(Problem(directory, None, "(folder)", f"life event {missing!r} has no file {missing}.yml"))
    return problems
