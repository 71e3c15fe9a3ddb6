"""The JSON Schemas that editors use are valid schemas, and the shipped data files point at them."""

from __future__ import annotations

import json

import jsonschema
import pytest

from bot.settings import REPO_ROOT


@pytest.mark.parametrize("name", ["life_event", "service_points"])
def test_schema_files_are_valid_json_schema(name: str) -> None:
    schema = json.loads((REPO_ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_life_event_file_names_its_schema_for_editors() -> None:
    files = sorted((REPO_ROOT / "data" / "life_events").glob("*.yml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schemas/life_event.schema.json", path.name
