"""The validator catches every kind of error, with file, line and path."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.knowledge_base import KnowledgeBaseError, load_knowledge_base
from bot.knowledge.validation import validate_directory
from devtools.knowledge_fixtures import write_event


def problems_for(tmp_path: Path, data: dict) -> list[str]:
    write_event(tmp_path, data)
    return [str(p) for p in validate_directory(tmp_path, require_all=False)]


def test_valid_event_has_no_problems(tmp_path: Path, valid_event: dict) -> None:
    assert problems_for(tmp_path, valid_event) == []


@pytest.mark.parametrize(
    "breaks, expected",
    [
        (lambda e: e.update(id="Flying"), "id: 'Flying' is not a snake_case id"),
        (lambda e: e.update(audience="toerist"), "audience: 'toerist' is not one of burger"),
        (lambda e: e["steps"].pop(), "steps: needs at least 4 steps, found 3"),
        (lambda e: e["steps"][1].update(id="step_0"), "steps[1].id: duplicate id 'step_0'"),
        (
            lambda e: e["steps"][2].update(bevoegdBestuursniveau="gemeentelijk"),
            "steps[2].bevoegdBestuursniveau: 'gemeentelijk' is not one of lokaal",
        ),
        (
            lambda e: e["steps"][0]["channels"][0].update(type="fax"),
            "steps[0].channels[0].type: 'fax' is not one of",
        ),
        (
            lambda e: e["steps"][0].pop("source_url"),
            "steps[0].source_url: is required: every fact needs a source",
        ),
        (
            lambda e: e["steps"][3].update(source_url="www.vlaanderen.be"),
            "steps[3].source_url: 'www.vlaanderen.be' is not a well-formed",
        ),
        (
            lambda e: e["steps"][0].update(checked_on="gisteren"),
            "steps[0].checked_on: 'gisteren' is not a date",
        ),
        (
            lambda e: e.update(related_events=["space_travel"]),
            "related_events[0]: 'space_travel' is not a known life event",
        ),
        (lambda e: e["steps"][0].update(automatic=True), "steps[0].automatic_reason: is required"),
        (
            lambda e: e["steps"][0].update(applies_when={"age": ["old"]}),
            "steps[0].applies_when.age: refers to unknown question 'age'",
        ),
        (
            lambda e: e["steps"][0].update(applies_when={"first_child": ["misschien"]}),
            "'misschien' is not an option of question 'first_child'",
        ),
        (
            lambda e: e["steps"][0].update(
                deadline={"amount": -1, "unit": "eeuwen", "relative_to": "na", "text": "x"}
            ),
            "steps[0].deadline.amount: must be a whole number",
        ),
        (lambda e: e.update(nlu=[]), "nlu: top-level key 'nlu' is reserved for Rasa training data"),
        (
            lambda e: e["questions"][0]["options"][0].update({"mijn eerste kind": None}),
            "unknown key 'mijn eerste kind' (a label with a comma must be quoted)",
        ),
        (lambda e: e["steps"][0].update(sourceurl="https://x.be"), "steps[0].sourceurl: unknown key"),
    ],
)
def test_each_kind_of_error_is_reported(tmp_path: Path, valid_event: dict, breaks, expected: str) -> None:
    breaks(valid_event)
    problems = problems_for(tmp_path, valid_event)
    assert any(expected in problem for problem in problems), problems


def test_problem_names_file_and_line(tmp_path: Path, valid_event: dict) -> None:
    valid_event["steps"][2]["uitvoerendBestuursniveau"] = "intergalactisch"
    path = write_event(tmp_path, valid_event)
    [problem] = validate_directory(tmp_path, require_all=False)
    assert problem.file == path
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert "uitvoerendBestuursniveau" in line


def test_invalid_yaml_is_reported_with_line(tmp_path: Path) -> None:
    (tmp_path / "birth.yml").write_text("id: birth\ntitle: [unclosed\n", encoding="utf-8")
    [problem] = validate_directory(tmp_path, require_all=False)
    assert "invalid YAML" in problem.reason
    assert problem.line is not None


def test_file_name_must_match_id(tmp_path: Path, valid_event: dict) -> None:
    write_event(tmp_path, valid_event, name="moving")
    problems = [str(p) for p in validate_directory(tmp_path, require_all=False)]
    assert any("does not match the file name 'moving.yml'" in p for p in problems)


def test_missing_life_events_are_reported(tmp_path: Path, valid_event: dict) -> None:
    write_event(tmp_path, valid_event)
    problems = [str(p) for p in validate_directory(tmp_path)]
    assert len(problems) == 19
    assert any("'death' has no file death.yml" in p for p in problems)


def test_loader_refuses_invalid_knowledge_base(tmp_path: Path, valid_event: dict) -> None:
    valid_event["steps"][0].pop("source_url")
    write_event(tmp_path, valid_event)
    with pytest.raises(KnowledgeBaseError) as error:
        load_knowledge_base(tmp_path)
    assert "source_url" in str(error.value)
