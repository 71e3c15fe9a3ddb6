"""Several situations in one plan: shared steps once, every situation named, the overview by deadline."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.journeys.journey import UNKNOWN, build_plan
from bot.journeys.merge import STATUS_AUTOMATIC, STATUS_MAYBE, STATUS_SELF, merge_plans
from bot.knowledge.knowledge_base import KnowledgeBase

TODAY = dt.date(2026, 11, 28)


def test_a_step_shared_by_two_journeys_appears_once_and_names_both(kb: KnowledgeBase) -> None:
    job_loss = build_plan(kb.get("job_loss"), {}, dt.date(2026, 11, 20), TODAY)
    first_job = build_plan(kb.get("first_job"), {}, dt.date(2026, 11, 25), TODAY)
    merged = merge_plans([job_loss, first_job])
    ids = [s.planned.step.id for s in merged.steps]
    assert ids.count("register_vdab") == 1
    shared = next(s for s in merged.steps if s.planned.step.id == "register_vdab")
    assert [e.id for e in shared.events] == ["job_loss", "first_job"]
    separate = {p.step.id for p in job_loss.steps} | {p.step.id for p in first_job.steps}
    assert len(merged.steps) == len(separate) < len(job_loss.steps) + len(first_job.steps)
    assert [s.number for s in merged.steps] == list(range(1, len(merged.steps) + 1))
    assert all(s.total == len(merged.steps) for s in merged.steps)


def test_a_shared_step_keeps_the_earliest_deadline(kb: KnowledgeBase) -> None:
    moving = build_plan(kb.get("moving"), {}, dt.date(2026, 11, 20), TODAY)
    divorce = build_plan(kb.get("divorce"), {}, dt.date(2026, 11, 1), TODAY)
    dates = [p.due_date for plan in (moving, divorce) for p in plan.steps if p.step.id == "energy_contract"]
    merged = merge_plans([moving, divorce])
    energy = next(s for s in merged.steps if s.planned.step.id == "energy_contract")
    assert [e.id for e in energy.events] == ["moving", "divorce"]
    expected = min((d for d in dates if d), default=None)
    assert energy.due_date == expected


def test_the_same_product_under_two_step_ids_is_one_step(kb: KnowledgeBase) -> None:
    moving_event = kb.get("moving")
    job_event = kb.get("job_loss")
    first_moving = moving_event.steps[0]
    first_job = job_event.steps[0]
    moving_event = replace(
        moving_event, steps=(replace(first_moving, ipdc_id="1234"), *moving_event.steps[1:])
    )
    job_event = replace(job_event, steps=(replace(first_job, ipdc_id="1234"), *job_event.steps[1:]))
    merged = merge_plans([build_plan(moving_event, {}, None, TODAY), build_plan(job_event, {}, None, TODAY)])
    product = [s for s in merged.steps if s.planned.step.ipdc_id == "1234"]
    assert len(product) == 1 and [e.id for e in product[0].events] == ["moving", "job_loss"]


def test_moving_and_job_loss_merge_without_losing_a_step(kb: KnowledgeBase) -> None:
    moving = build_plan(kb.get("moving"), {}, dt.date(2026, 11, 25), TODAY)
    job_loss = build_plan(kb.get("job_loss"), {}, dt.date(2026, 11, 25), TODAY)
    merged = merge_plans([job_loss, moving])
    assert len(merged.steps) == len(moving.steps) + len(job_loss.steps)
    assert [e.id for e in merged.events] == ["job_loss", "moving"]
    assert len({r.id for r, _ in merged.rights}) == len(merged.rights)


def test_overview_is_sorted_by_deadline_with_undated_steps_last(kb: KnowledgeBase) -> None:
    moving = build_plan(kb.get("moving"), {}, dt.date(2026, 11, 25), TODAY)
    job_loss = build_plan(kb.get("job_loss"), {}, dt.date(2026, 11, 25), TODAY)
    overview = merge_plans([moving, job_loss]).overview()
    dated = [s.due_date for s in overview if s.due_date]
    assert dated and dated == sorted(dated)
    first_undated = next(i for i, s in enumerate(overview) if s.due_date is None)
    assert all(s.due_date is None for s in overview[first_undated:])
    assert overview[0].due_date == min(dated)


def test_status_self_automatic_or_maybe(kb: KnowledgeBase) -> None:
    birth = build_plan(kb.get("birth"), {"first_child": UNKNOWN}, dt.date(2026, 11, 26), TODAY)
    merged = merge_plans([birth])
    statuses = {s.planned.step.id: s.status for s in merged.steps}
    assert statuses["declare_birth"] == STATUS_SELF
    assert statuses["request_start_amount_first_child"] == STATUS_MAYBE
    assert STATUS_AUTOMATIC in statuses.values()
    automatic = next(s for s in merged.steps if s.status == STATUS_AUTOMATIC)
    assert automatic.planned.step.automatic


def test_a_step_certain_in_one_journey_is_not_maybe_in_the_merged_plan(kb: KnowledgeBase) -> None:
    job_loss = build_plan(kb.get("job_loss"), {}, None, TODAY)
    uncertain = replace(job_loss, steps=tuple(replace(p, conditional=True) for p in job_loss.steps))
    first_job = build_plan(kb.get("first_job"), {}, None, TODAY)
    certain = replace(first_job, steps=tuple(replace(p, conditional=False) for p in first_job.steps))
    step = next(s for s in merge_plans([uncertain, certain]).steps if s.planned.step.id == "register_vdab")
    assert step.conditional is False and step.status == STATUS_SELF
    both_uncertain = replace(certain, steps=tuple(replace(p, conditional=True) for p in certain.steps))
    step = next(
        s for s in merge_plans([uncertain, both_uncertain]).steps if s.planned.step.id == "register_vdab"
    )
    assert step.conditional is True and step.as_planned.conditional is True
    assert step.as_planned.number == step.number
