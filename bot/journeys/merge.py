"""Several situations at once: one plan from the plans of several life events.

A step that two journeys share (the same step id, or the same IPDC/LPDC product) appears once and
names every situation it belongs to. The overview lists all steps by deadline with a status a person
understands at a glance: do it yourself, automatic, or maybe (it depends on an answer not known yet).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from bot.journeys.journey import JourneyPlan, PlannedStep
from bot.knowledge.knowledge_base import LifeEvent, Right

STATUS_SELF = "zelf_doen"
STATUS_AUTOMATIC = "automatisch"
STATUS_MAYBE = "misschien"
STATUSES: tuple[str, ...] = (STATUS_SELF, STATUS_AUTOMATIC, STATUS_MAYBE)


@dataclass(frozen=True)
class MergedStep:
    """One step of the merged plan.

    Attributes:
        planned: the step as planned in the first journey that has it.
        events: every life event whose plan holds this step, in plan order.
        number: position in the merged plan (1-based).
        total: number of steps in the merged plan.
        due_date: the earliest due date over the journeys that have the step.
        conditional: True only when the step is uncertain in every journey that has it.
    """

    planned: PlannedStep
    events: tuple[LifeEvent, ...]
    number: int
    total: int
    due_date: dt.date | None
    conditional: bool

    @property
    def status(self) -> str:
        """``automatisch``, ``misschien`` or ``zelf_doen``."""
        if self.planned.step.automatic:
            return STATUS_AUTOMATIC
        if self.conditional:
            return STATUS_MAYBE
        return STATUS_SELF

    @property
    def as_planned(self) -> PlannedStep:
        """The step as a ``PlannedStep`` numbered in the merged plan."""
        return PlannedStep(
            step=self.planned.step,
            number=self.number,
            total=self.total,
            due_date=self.due_date,
            conditional=self.conditional,
        )


@dataclass(frozen=True)
class MergedPlan:
    """The plans of several situations as one list of steps without duplicates."""

    plans: tuple[JourneyPlan, ...]
    steps: tuple[MergedStep, ...]
    rights: tuple[tuple[Right, tuple[LifeEvent, ...]], ...]

    @property
    def events(self) -> tuple[LifeEvent, ...]:
        return tuple(plan.event for plan in self.plans)

    def overview(self) -> tuple[MergedStep, ...]:
        """Every step by deadline: dated steps first (earliest first), then the others in plan order."""
        return tuple(
            sorted(
                self.steps,
                key=lambda s: (s.due_date is None, s.due_date or dt.date.max, s.number),
            )
        )


def _same_step(a: PlannedStep, b: PlannedStep) -> bool:
    if a.step.id == b.step.id:
        return True
    return bool(a.step.ipdc_id) and str(a.step.ipdc_id) == str(b.step.ipdc_id)


def _earliest(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    if a is None or b is None:
        return a or b
    return min(a, b)


def merge_plans(plans: Sequence[JourneyPlan]) -> MergedPlan:
    """Merges the plans of several situations (most urgent situation first).

    Steps keep the order of the plans (all steps of the first plan, then the new steps of the
    next one); a shared step stays where it first appears. Rights are merged by id.
    """
    groups: list[tuple[PlannedStep, list[LifeEvent], dt.date | None, bool]] = []
    for plan in plans:
        for planned in plan.steps:
            index = next((i for i, group in enumerate(groups) if _same_step(group[0], planned)), None)
            if index is None:
                groups.append((planned, [plan.event], planned.due_date, planned.conditional))
                continue
            first, events, due, conditional = groups[index]
            if plan.event not in events:
                events.append(plan.event)
            groups[index] = (
                first,
                events,
                _earliest(due, planned.due_date),
                conditional and planned.conditional,
            )
    total = len(groups)
    steps = tuple(
        MergedStep(planned, tuple(events), number, total, due, conditional)
        for number, (planned, events, due, conditional) in enumerate(groups, start=1)
    )
    rights: dict[str, tuple[Right, list[LifeEvent]]] = {}
    for plan in plans:
        for right in plan.rights:
            rights.setdefault(right.id, (right, []))[1].append(plan.event)
    return MergedPlan(
        plans=tuple(plans),
        steps=steps,
        rights=tuple((right, tuple(events)) for right, events in rights.values()),
    )
