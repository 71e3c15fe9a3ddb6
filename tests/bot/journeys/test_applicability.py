"""Rights and steps reach only the people they can apply to, and rules apply from the day they start."""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot.journeys.journey import build_plan, in_force
from bot.knowledge.knowledge_base import KnowledgeBase

SURVIVOR = {"survivor_pension", "transition_allowance"}


def ids(plan) -> tuple[set[str], set[str]]:  # type: ignore[no-untyped-def]
    return {p.step.id for p in plan.steps}, {r.id for r in plan.rights}


def test_a_son_whose_father_died_gets_no_survivor_pension(kb: KnowledgeBase) -> None:
    steps, rights = ids(build_plan(kb.events["death"], {"partner_status": "geen_partner"}))
    assert not rights & SURVIVOR and "urgent_expenses_advance" not in rights
    assert not {s for s in steps if s.startswith("survivor_pension")}
    assert {"declare_death", "inheritance_declaration"} <= steps


def test_a_widow_gets_the_survivor_pension_and_the_step_that_fits_her_husband(kb: KnowledgeBase) -> None:
    steps, rights = ids(
        build_plan(kb.events["death"], {"partner_status": "gehuwd", "deceased_retired": "ja"})
    )
    assert rights >= SURVIVOR and "urgent_expenses_advance" in rights
    assert "survivor_pension_automatic" in steps and "survivor_pension_request" not in steps


def test_a_legal_cohabitant_gets_the_bank_advance_but_no_survivor_pension(kb: KnowledgeBase) -> None:
    _, rights = ids(build_plan(kb.events["death"], {"partner_status": "wettelijk_samenwonend"}))
    assert "urgent_expenses_advance" in rights and not rights & SURVIVOR


def test_birth_leave_steps_follow_the_work_status(kb: KnowledgeBase) -> None:
    employee, _ = ids(build_plan(kb.events["birth"], {"employment_status": "werknemer"}))
    self_employed, _ = ids(build_plan(kb.events["birth"], {"employment_status": "zelfstandige"}))
    assert {"maternity_leave_employee", "birth_leave"} <= employee
    assert not {"maternity_leave_self_employed", "birth_leave_self_employed"} & employee
    assert {"maternity_leave_self_employed", "birth_leave_self_employed"} <= self_employed
    assert not {"maternity_leave_employee", "birth_leave"} & self_employed


def test_the_2026_unemployment_rule_applies_to_job_losses_from_1_march_2026(kb: KnowledgeBase) -> None:
    event = kb.events["job_loss"]
    _, before = ids(build_plan(event, {}, dt.date(2026, 2, 20)))
    _, after = ids(build_plan(event, {}, dt.date(2026, 3, 2)))
    assert "werkloosheidsuitkering_beperkt" not in before
    assert "werkloosheidsuitkering_beperkt" in after


def test_without_an_event_date_the_rule_in_force_today_is_used(kb: KnowledgeBase) -> None:
    event = kb.events["job_loss"]
    _, rights = ids(build_plan(event, {}, None, today=dt.date(2026, 11, 30)))
    assert "werkloosheidsuitkering_beperkt" in rights
    _, rights = ids(build_plan(event, {}, None, today=dt.date(2025, 11, 30)))
    assert "werkloosheidsuitkering_beperkt" not in rights


def test_a_rule_that_ended_is_left_out_and_the_limits_are_inclusive(kb: KnowledgeBase) -> None:
    step = kb.events["birth"].steps[0]
    ended = dataclasses.replace(step, valid_from=dt.date(2020, 1, 1), valid_until=dt.date(2024, 12, 31))
    assert in_force(ended, dt.date(2020, 1, 1)) and in_force(ended, dt.date(2024, 12, 31))
    assert not in_force(ended, dt.date(2025, 1, 1)) and not in_force(ended, dt.date(2019, 12, 31))
    event = dataclasses.replace(kb.events["birth"], steps=(ended, *kb.events["birth"].steps[1:]))
    steps, _ = ids(build_plan(event, {}, dt.date(2026, 11, 26)))
    assert step.id not in steps
