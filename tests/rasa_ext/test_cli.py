"""The wegwijzer console command."""

from __future__ import annotations

import json
from pathlib import Path

from devtools.knowledge_fixtures import write_event
from rasa_ext.cli import main


def test_journey_birth_prints_plan_json(capsys) -> None:
    assert main(["journey", "birth", "--answer", "first_child=ja", "--event-date", "2026-11-26"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["event"]["id"] == "birth"
    declare = next(s for s in plan["steps"] if s["step_id"] == "declare_birth")
    assert declare["deadline"]["due_date"] == "2026-12-11"
    assert all(s["source_url"].startswith("https://") for s in plan["steps"])


def test_journey_text_is_dutch(capsys) -> None:
    assert main(["journey", "birth", "--text"]) == 0
    out = capsys.readouterr().out
    assert "Stap 1 van" in out and "Bron:" in out


def test_unknown_event_and_bad_answer(capsys) -> None:
    assert main(["journey", "vakantie"]) == 2
    assert "Unknown life event 'vakantie'" in capsys.readouterr().err
    assert main(["journey", "birth", "--answer", "zonderwaarde"]) == 2
    assert "--answer needs key=value" in capsys.readouterr().err


def test_validate_reports_problems(tmp_path: Path, valid_event: dict, capsys) -> None:
    assert main(["validate"]) == 0
    valid_event["audience"] = "toerist"
    write_event(tmp_path, valid_event)
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "birth.yml" in out and "audience" in out
