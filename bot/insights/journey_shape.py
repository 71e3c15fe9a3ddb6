"""What the report needs to know about a journey: its steps in order, their titles and when each
step applies (``applies_when``), so that funnels understand branches.

Two steps are *alternatives* when a question they both depend on can never allow both (for example
``first_child: [ja]`` and ``first_child: [nee]``): a person who saw one was never meant to see the
other, so not seeing it is no drop-off. A step with conditions that a person skipped while seeing a
later step did not apply to them either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class StepShape:
    """One step of a journey as the report sees it."""

    id: str
    title: str
    applies_when: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def conditional(self) -> bool:
        return bool(self.applies_when)


def journey_shapes_from_knowledge_base(kb: Any) -> dict[str, tuple[StepShape, ...]]:
    """``{life_event_id: (StepShape, ...)}`` in journey order, from a loaded ``KnowledgeBase``."""
    return {
        event_id: tuple(
            StepShape(step.id, step.title, {k: tuple(v) for k, v in step.applies_when.items()})
            for step in event.steps
        )
        for event_id, event in kb.events.items()
    }


def as_shapes(order: Sequence[str | StepShape]) -> tuple[StepShape, ...]:
    """Step ids (without titles or conditions) or shapes, as shapes."""
    return tuple(item if isinstance(item, StepShape) else StepShape(item, item) for item in order)


def exclusive(a: StepShape, b: StepShape) -> bool:
    """True when no set of answers lets both steps apply (one question, disjoint allowed values)."""
    return any(
        key in b.applies_when and not set(values) & set(b.applies_when[key])
        for key, values in a.applies_when.items()
    )


def branch_labels(steps: Sequence[StepShape]) -> list[str]:
    """Position labels: "1", "2", then "3a", "3b" for consecutive alternatives, and so on."""
    groups: list[list[int]] = []
    for index, step in enumerate(steps):
        if groups and all(exclusive(step, steps[other]) for other in groups[-1]):
            groups[-1].append(index)
        else:
            groups.append([index])
    labels = [""] * len(steps)
    for number, group in enumerate(groups, start=1):
        for letter, index in enumerate(group):
            labels[index] = (
                f"{number}{'abcdefghijklmnopqrstuvwxyz'[letter]}" if len(group) > 1 else str(number)
            )
    return labels


def step_titles(journeys: Mapping[str, Sequence[StepShape]]) -> dict[tuple[str, str], str]:
    """``{(life_event, step_id): title}``."""
    return {(event, step.id): step.title for event, steps in journeys.items() for step in steps}
