"""Step cards (JSON) and their plain Dutch text."""

from __future__ import annotations

import datetime as dt
import json

from bot.journeys.journey import build_plan
from bot.journeys.render import plan_json, plan_overview, rights_text, step_card, step_text
from bot.knowledge.knowledge_base import KnowledgeBase


def _declare(kb: KnowledgeBase):
    plan = build_plan(
        kb.get("birth"),
        {"first_child": "ja", "employment_status": "werknemer"},
        event_date=dt.date(2026, 11, 26),
    )
    return plan, next(p for p in plan.steps if p.step.id == "declare_birth")


def test_step_text_names_who_when_what_and_source(kb: KnowledgeBase) -> None:
    plan, declare = _declare(kb)
    rendered = step_text(declare)
    assert rendered.startswith(f"Stap {declare.number} van {declare.total}: Geef de geboorte aan")
    assert "Dienst burgerlijke stand" in rendered
    assert "lokaal bestuur (gemeente, OCMW of politie)" in rendered
    assert "uiterlijk op vrijdag 11 december 2026" in rendered
    assert "Meebrengen: Uw identiteitskaart" in rendered
    assert "Bron: https://www.belgium.be/nl/familie/kinderen/geboorte" in rendered


def test_automatic_step_says_nothing_to_do(kb: KnowledgeBase) -> None:
    plan, _ = _declare(kb)
    monthly = next(p for p in plan.steps if p.step.id == "monthly_growth_package")
    assert "Automatisch — u hoeft niets te doen." in step_text(monthly)
    assert step_card(plan, monthly)["automatic"] is True


def test_card_is_json_with_plain_text_fallback(kb: KnowledgeBase) -> None:
    plan, declare = _declare(kb)
    card = json.loads(json.dumps(step_card(plan, declare)))
    assert card["type"] == "step_card"
    assert card["deadline"]["due_date"] == "2026-12-11"
    assert card["competent"]["level"] == "lokaal"
    assert card["plain_text"] == step_text(declare)


def test_overview_and_rights(kb: KnowledgeBase) -> None:
    plan, _ = _declare(kb)
    assert "automatisch" in plan_overview(plan)
    rights = rights_text(plan)
    assert "Maandelijks Groeipakket (vroeger kinderbijslag): krijgt u automatisch." in rights
    assert "Startbedrag van het Groeipakket: aanvragen." in rights
    whole = plan_json(plan)
    assert len(whole["steps"]) == len(plan.steps) and whole["event"]["id"] == "birth"


def test_a_deadline_on_a_closed_day_advises_the_working_day_before(kb: KnowledgeBase) -> None:
    """Citizen test D: a last day on a Sunday was shown without a word (no extension is sourced)."""
    # Ended on Saturday 28 November 2026: 8 calendar days later is Sunday 6 December.
    plan = build_plan(kb.get("job_loss"), {}, event_date=dt.date(2026, 11, 28))
    register = next(p for p in plan.steps if p.step.id == "register_vdab")
    assert register.due_date == dt.date(2026, 12, 6)
    rendered = step_text(register)
    assert "uiterlijk op zondag 6 december 2026" in rendered
    assert "Regel het daarom best uiterlijk op vrijdag 4 december 2026." in rendered


def test_a_deadline_on_a_working_day_has_no_closed_day_advice(kb: KnowledgeBase) -> None:
    plan = build_plan(kb.get("job_loss"), {}, event_date=dt.date(2026, 11, 26))
    register = next(p for p in plan.steps if p.step.id == "register_vdab")
    assert register.due_date == dt.date(2026, 12, 4)
    assert "diensten dicht" not in step_text(register)


def test_the_overview_line_of_a_deadline_on_a_sunday_names_the_working_day_before() -> None:
    """Citizen test E: the overview said "uiterlijk zondag 31 januari 2027" without a word."""
    from bot.dialogue.presenting import overview_notes

    notes = overview_notes(False, dt.date(2027, 1, 31), False, dt.date(2026, 11, 30))
    assert notes == ["uiterlijk zondag 31 januari 2027", "best al op vrijdag 29 januari 2027"]
    assert overview_notes(False, dt.date(2027, 1, 29), False, dt.date(2026, 11, 30)) == [
        "uiterlijk vrijdag 29 januari 2027"
    ]
