"""How far conversations get in each journey, with branches understood.

A step counts as a drop-off only for the conversations it applied to: a conversation that saw an
alternative step (``bot.insights.journey_shape.exclusive``), or skipped a conditional step while
seeing a later one, is not in that step's denominator. Where people really stop is counted per
conversation: the furthest step it saw, when it did not complete the journey.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy import and_, select
from sqlalchemy.engine import Connection

from bot.insights.journey_shape import StepShape, branch_labels, exclusive
from bot.insights.report_model import FunnelRow
from bot.store import JourneyEventRecord

Key = tuple[str, str]


def funnel_rows(
    connection: Connection,
    start: dt.datetime,
    end: dt.datetime,
    journeys: Mapping[str, Sequence[StepShape]],
) -> tuple[FunnelRow, ...]:
    """The funnel of every journey started in the period (see the module docstring)."""
    journey = JourneyEventRecord
    in_period = and_(journey.kind == "started", journey.created_at >= start, journey.created_at < end)
    cohort = select(journey.conversation_id).where(in_period).distinct()
    started_pairs = {
        (conversation_id, event)
        for conversation_id, event in connection.execute(
            select(journey.conversation_id, journey.life_event).where(in_period)
        ).all()
    }
    events = connection.execute(
        select(journey.conversation_id, journey.life_event, journey.step_id, journey.kind)
        .where(journey.conversation_id.in_(cohort))
        .order_by(journey.created_at, journey.id)
    ).all()
    viewed: dict[Key, list[str]] = defaultdict(list)
    completed: set[Key] = set()
    for conversation_id, life_event, step_id, kind in events:
        key = (conversation_id, life_event)
        if key not in started_pairs:
            continue
        if kind == "step_viewed" and step_id and step_id not in viewed[key]:
            viewed[key].append(step_id)
        elif kind == "completed":
            completed.add(key)
    rows: list[FunnelRow] = []
    for life_event in sorted({event for _, event in started_pairs}):
        keys = [key for key in started_pairs if key[1] == life_event]
        shapes = journeys.get(life_event)
        if shapes:
            rows += _with_order(life_event, keys, viewed, completed, list(shapes))
        else:
            rows += _by_viewing_order(life_event, keys, viewed, completed)
    return tuple(rows)


def _with_order(
    life_event: str,
    keys: list[Key],
    viewed: Mapping[Key, list[str]],
    completed: set[Key],
    shapes: list[StepShape],
) -> list[FunnelRow]:
    known = {shape.id for shape in shapes}
    extra = sorted({step for key in keys for step in viewed.get(key, []) if step not in known})
    order = shapes + [StepShape(step, step) for step in extra]
    index = {shape.id: i for i, shape in enumerate(order)}
    seen_count, eligible, stopped = Counter[int](), Counter[int](), Counter[int]()
    stopped_before_first = 0
    for key in keys:
        seen = set(viewed.get(key, []))
        furthest = max((index[step] for step in seen), default=None)
        for i, shape in enumerate(order):
            if shape.id in seen:
                seen_count[i] += 1
                eligible[i] += 1
            elif not _ruled_out(shape, i, seen, furthest, order, index):
                eligible[i] += 1
        if key not in completed:
            if furthest is None:
                stopped_before_first += 1
            else:
                stopped[furthest] += 1
    total = len(keys)
    done = sum(1 for key in keys if key in completed)
    labels = branch_labels(order)
    rows = [FunnelRow(life_event, 0, "started", None, total, 1.0, total, stopped_before_first, "")]
    for i, shape in enumerate(order):
        share = seen_count[i] / eligible[i] if eligible[i] else None
        rows.append(
            FunnelRow(
                life_event, i + 1, "step", shape.id, seen_count[i], share, eligible[i], stopped[i], labels[i]
            )
        )
    rows.append(FunnelRow(life_event, len(order) + 1, "completed", None, done, done / total, total, 0, ""))
    return rows


def _ruled_out(
    shape: StepShape,
    position: int,
    seen: set[str],
    furthest: int | None,
    order: Sequence[StepShape],
    index: Mapping[str, int],
) -> bool:
    """The step did not apply to this conversation: it saw an alternative, or skipped this
    conditional step on the way to a later one."""
    if any(exclusive(shape, order[index[step]]) for step in seen):
        return True
    return shape.conditional and furthest is not None and furthest > position


def _by_viewing_order(
    life_event: str, keys: list[Key], viewed: Mapping[Key, list[str]], completed: set[Key]
) -> list[FunnelRow]:
    """Without the journey's definition: position k counts conversations that viewed at least k
    different steps, labelled with the step most often viewed in that position."""
    total = len(keys)
    depth = max((len(viewed.get(key, [])) for key in keys), default=0)
    stopped = Counter(len(viewed.get(key, [])) for key in keys if key not in completed)
    rows = [FunnelRow(life_event, 0, "started", None, total, 1.0, total, stopped[0], "")]
    for index in range(depth):
        at_position = Counter(viewed[key][index] for key in keys if len(viewed.get(key, [])) > index)
        label = min(at_position, key=lambda step: (-at_position[step], step))
        count = sum(at_position.values())
        rows.append(
            FunnelRow(
                life_event,
                index + 1,
                "step",
                label,
                count,
                count / total,
                total,
                stopped[index + 1],
                str(index + 1),
            )
        )
    done = sum(1 for key in keys if key in completed)
    rows.append(FunnelRow(life_event, depth + 1, "completed", None, done, done / total, total, 0, ""))
    return rows
