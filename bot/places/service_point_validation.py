"""Validation of ``data/places/service_points.yml``: the JSON Schema
``schemas/service_points.schema.json`` for the shape, plus what a schema cannot know: unique ids,
NIS codes that exist in ``municipalities.json`` and match the municipality's name, real dates."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from bot.knowledge.yaml_lines import (
    Path_,
    Problem,
    ProblemCollector,
    YamlFileError,
    json_ready,
    load_with_lines,
)
from bot.places.municipalities import DEFAULT_PATH as MUNICIPALITIES_PATH
from bot.places.municipalities import PlaceIndex, load_places
from bot.settings import REPO_ROOT

SCHEMA_FILE = REPO_ROOT / "schemas" / "service_points.schema.json"
DEFAULT_PATH = REPO_ROOT / "data" / "places" / "service_points.yml"


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def _reason(error: jsonschema.ValidationError, path: Path_) -> tuple[Path_, str]:
    kind, value = error.validator, error.instance
    if kind == "required":
        missing = error.message.split("'")[1]
        why = {"source_url": ": every fact needs a source", "checked_on": ": the date the source was read"}
        return path + (missing,), "is required" + why.get(missing, "")
    if kind == "additionalProperties":
        key = next(k for k in value if k not in error.schema.get("properties", {}))
        return path + (key,), f"unknown key {key!r}" if path else f"unknown top-level key {key!r}"
    if kind == "enum":
        return path, f"{value!r} is not one of {', '.join(error.validator_value)}"
    if kind == "pattern" and "https?" in error.validator_value:
        return path, f"{value!r} is not a well-formed http(s) URL"
    if kind == "pattern" and r"\d{5}" in error.validator_value:
        return path, f"{value!r} is not a 5-digit NIS code"
    if kind == "pattern" and r"\d{4}-" in error.validator_value:
        return path, f"{value!r} is not a date (YYYY-MM-DD)"
    if kind == "pattern" and "[a-z" in error.validator_value:
        return path, f"{value!r} is not a snake_case id"
    if (
        kind == "type"
        and error.validator_value == "string"
        and path
        and path[-2:-1] != ("serves_nis_codes",)
        and path[-1] == "nis_code"
    ):
        return path, f'{value!r} must be a quoted text such as "44021"'
    if (
        kind == "type"
        and error.validator_value == "string"
        and len(path) >= 2
        and path[-2] == "serves_nis_codes"
    ):
        return path, f'{value!r} must be a quoted text such as "44021"'
    if kind == "uniqueItems":
        first = next(i for i, code in enumerate(value) if value.index(code) != i)
        return path + (first,), f"duplicate NIS code {value[first]!r}"
    if kind == "type" and error.validator_value == "array":
        return path, "must be a non-empty list"
    if kind == "type" and error.validator_value == "object":
        return path, "must be a mapping"
    if (
        kind in ("type", "minLength", "pattern")
        and error.validator_value in ("string", 1)
        or kind == "pattern"
    ):
        return path, f"{value!r} must be a non-empty text (quote numbers)"
    if kind == "minItems":
        return path, "must be a non-empty list"
    return path, error.message


def validate_service_points(
    path: Path | str = DEFAULT_PATH, municipalities_path: Path | str | None = None
) -> list[Problem]:
    """Every problem in a service-point file, each as "file:line: path: reason"; empty when valid."""
    file = Path(path)
    try:
        data, lines = load_with_lines(file)
    except YamlFileError as error:
        return [Problem(error.file, error.line, "(root)", error.reason)]
    report = ProblemCollector(file, lines)
    if not isinstance(data, dict):
        report.add((), "the file must contain a mapping with the key 'service_points'")
        return report.problems
    validator = jsonschema.Draft202012Validator(_schema())
    issues = sorted(validator.iter_errors(json_ready(data)), key=lambda e: [str(p) for p in e.absolute_path])
    for issue in issues:
        report.add(*_reason(issue, tuple(issue.absolute_path)))
    places = load_places(Path(municipalities_path) if municipalities_path else MUNICIPALITIES_PATH)
    entries: list[Any] = data["service_points"] if isinstance(data.get("service_points"), list) else []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if isinstance(entry, dict):
            _cross_check(report, places, entry, ("service_points", index), seen)
    return report.problems


def _cross_check(
    report: ProblemCollector, places: PlaceIndex, entry: dict[str, Any], path: Path_, seen: dict[str, int]
) -> None:
    point_id = entry.get("id")
    if isinstance(point_id, str) and point_id in seen:
        report.add(path + ("id",), f"duplicate id {point_id!r} (also service_points[{seen[point_id]}])")
    elif isinstance(point_id, str):
        seen[point_id] = path[-1]
    codes = [(path + ("nis_code",), entry.get("nis_code"))]
    codes += [
        (path + ("serves_nis_codes", i), code)
        for i, code in enumerate(entry.get("serves_nis_codes") or [])
        if isinstance(entry.get("serves_nis_codes"), list)
    ]
    for code_path, code in codes:
        if isinstance(code, str) and len(code) == 5 and code.isdigit() and places.get(code) is None:
            report.add(code_path, f"{code!r} is not a municipality in municipalities.json (2025 NIS codes)")
    municipality = places.get(entry["nis_code"]) if isinstance(entry.get("nis_code"), str) else None
    name = entry.get("municipality")
    if (
        municipality is not None
        and isinstance(name, str)
        and name.strip()
        and name.strip() != municipality.name_nl
    ):
        report.add(
            path + ("municipality",),
            f"{name!r} does not match nis_code {municipality.nis_code} ({municipality.name_nl!r})",
        )
    checked_on = entry.get("checked_on")
    if (
        isinstance(checked_on, str) and len(checked_on) == 10 and checked_on[4] == "-"
    ):  # else the schema said it
        try:
            dt.date.fromisoformat(checked_on)
        except ValueError:
            report.add(path + ("checked_on",), f"{checked_on!r} is not a date (YYYY-MM-DD)")
