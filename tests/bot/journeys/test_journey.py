"""The journey engine: step selection, questions, deadlines."""

from __future__ import annotations

import datetime as dt

from bot.journeys.journey import UNKNOWN, build_plan, due_date, pending_questions, plan_questions
from bot.knowledge.knowledge_base import Deadline, KnowledgeBase


def test_questions_that_change_the_birth_plan(kb: KnowledgeBase) -> None:
    birth = kb.get("birth")
    assert [q.id for q in plan_questions(birth)] == ["first_child", "employment_status", "parent_role"]
    assert [q.id for q in pending_questions(birth, {"first_child": "ja"})] == [
        "employment_status",
        "parent_role",
    ]
    answers = {"first_child": "ja", "employment_status": UNKNOWN, "parent_role": UNKNOWN}
    assert pending_questions(birth, answers) == ()


def test_plan_selects_steps_from_answers(kb: KnowledgeBase) -> None:
    birth = kb.get("birth")
    plan = build_plan(birth, {"first_child": "ja", "employment_status": "zelfstandige"})
    ids = [p.step.id for p in plan.steps]
    assert "request_start_amount_first_child" in ids
    assert "request_start_amount_next_child" not in ids
    assert "birth_leave" not in ids
    assert [p.number for p in plan.steps] == list(range(1, len(ids) + 1))
    assert all(p.total == len(ids) for p in plan.steps)
    assert "birth_leave" not in [r.id for r in plan.rights]


def test_unknown_answer_keeps_step_as_conditional(kb: KnowledgeBase) -> None:
    plan = build_plan(kb.get("birth"), {"first_child": "nee", "employment_status": UNKNOWN})
    leave = next(p for p in plan.steps if p.step.id == "birth_leave")
    assert leave.conditional
    declare = next(p for p in plan.steps if p.step.id == "declare_birth")
    assert not declare.conditional


def test_birth_declaration_deadline_is_computed(kb: KnowledgeBase) -> None:
    # Born Wednesday 26 November 2026: day 15 is Thursday 11 December 2026.
    plan = build_plan(kb.get("birth"), {"first_child": "ja"}, event_date=dt.date(2026, 11, 26))
    declare = next(p for p in plan.steps if p.step.id == "declare_birth")
    assert declare.due_date == dt.date(2026, 12, 11)


def test_deadline_on_weekend_moves_to_next_working_day() -> None:
    deadline = Deadline(
        amount=15, unit="kalenderdagen", relative_to="na", text="binnen 15 dagen", extend_to_working_day=True
    )
    # 13 December 2026 + 15 days = Monday 28 December... 10 December + 15 = Friday 25 December (Kerstmis).
    assert due_date(deadline, dt.date(2026, 12, 10)) == dt.date(2026, 12, 28)


def test_working_day_and_before_deadlines() -> None:
    moving = Deadline(amount=8, unit="werkdagen", relative_to="na", text="binnen 8 werkdagen")
    assert due_date(moving, dt.date(2026, 11, 9)) == dt.date(2026, 11, 20)
    before = Deadline(amount=4, unit="maanden", relative_to="voor", text="4 maanden voor")
    assert due_date(before, dt.date(2027, 5, 20)) == dt.date(2027, 1, 20)


def test_maternity_rights_only_for_the_mother_and_birth_leave_only_for_the_partner(kb: KnowledgeBase) -> None:
    birth = kb.get("birth")
    mother = build_plan(
        birth, {"first_child": "ja", "employment_status": "werknemer", "parent_role": "moeder"}
    )
    partner = build_plan(
        birth, {"first_child": "ja", "employment_status": "werknemer", "parent_role": "partner"}
    )
    assert "maternity_leave_employee" in [p.step.id for p in mother.steps]
    assert "birth_leave" not in [p.step.id for p in mother.steps]
    assert "maternity_benefit" not in [r.id for r in partner.rights]
    assert "birth_leave" in [p.step.id for p in partner.steps]
    assert "maternity_leave_employee" not in [p.step.id for p in partner.steps]


def test_a_term_that_does_not_run_from_the_event_date_gets_no_date(kb: KnowledgeBase) -> None:
    """Citizen test 2026-11-30-c: the inschakelingsuitkering was 'due' 8 days after the end of
    studies, although the term runs from the end of the beroepsinschakelingstijd."""
    plan = build_plan(kb.events["first_job"], {"job_status": "nog_op_zoek"}, dt.date(2026, 6, 1))
    step = next(p for p in plan.steps if p.step.id == "apply_integration_benefit")
    assert step.due_date is None
    assert step.step.deadline is not None and "beroepsinschakelingstijd" in step.step.deadline.text
