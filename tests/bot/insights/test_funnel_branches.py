"""Funnels that understand branches: alternatives and skipped conditional steps are no drop-off."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.insights.analytics import build_report
from bot.insights.journey_shape import (
    StepShape,
    branch_labels,
    exclusive,
    journey_shapes_from_knowledge_base,
    step_titles,
)
from bot.knowledge.knowledge_base import KnowledgeBase
from tests.bot.insights.report_sample import DATE_FROM, DATE_TO, WEEK1, Sample, at

FIRST = StepShape("first_child_amount", "Startbedrag eerste kind", {"first_child": ("ja",)})
NEXT = StepShape("next_child_amount", "Startbedrag volgend kind", {"first_child": ("nee",)})
DECLARE = StepShape("declare", "Geef de geboorte aan")
LEAVE = StepShape("leave", "Vraag verlof aan", {"work": ("werknemer",)})
CLOSE = StepShape("close", "Kind en Gezin")
JOURNEY = (FIRST, NEXT, DECLARE, LEAVE, CLOSE)


def test_alternatives_are_read_from_the_conditions() -> None:
    assert exclusive(FIRST, NEXT) and exclusive(NEXT, FIRST)
    assert not exclusive(FIRST, DECLARE) and not exclusive(FIRST, LEAVE)
    both = StepShape("x", "x", {"first_child": ("ja", "nee")})
    assert not exclusive(FIRST, both)
    assert branch_labels(JOURNEY) == ["1a", "1b", "2", "3", "4"]


def test_the_birth_journey_has_first_and_next_child_as_alternatives(kb: KnowledgeBase) -> None:
    shapes = journey_shapes_from_knowledge_base(kb)["birth"]
    labels = dict(zip((s.id for s in shapes), branch_labels(shapes)))
    assert labels["request_start_amount_first_child"] == "1a"
    assert labels["request_start_amount_next_child"] == "1b"
    assert labels["declare_birth"] == "2"
    assert step_titles({"birth": shapes})[("birth", "declare_birth")] == kb.events["birth"].steps[2].title


@pytest.fixture
def branch_report(url: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    sample = Sample(url, monkeypatch)
    when = at(WEEK1, 9)
    # Two first children, one next child: all three saw every step that applied to them.
    sample.journey("f1", "birth", when, ["first_child_amount", "declare", "leave", "close"], completed=True)
    sample.journey(
        "f2", "birth", when, ["first_child_amount", "declare", "close"], completed=True
    )  # no leave
    sample.journey("n1", "birth", when, ["next_child_amount", "declare", "leave", "close"], completed=True)
    # One person really stopped after declaring; one stopped at the questions.
    sample.journey("s1", "birth", when, ["first_child_amount", "declare"], completed=False)
    sample.journey("s2", "birth", when + dt.timedelta(hours=1), [], completed=False)
    # Stopped right after the first-child step: the next-child step never applied (the conditions say so).
    sample.journey("s3", "birth", when, ["first_child_amount"], completed=False)
    return build_report(url, DATE_FROM, DATE_TO, {"birth": JOURNEY})


def test_an_alternative_branch_is_not_counted_as_drop_off(branch_report) -> None:  # type: ignore[no-untyped-def]
    rows = {r.step_id: r for r in branch_report.funnel_for("birth") if r.stage == "step"}
    # first child: 3 saw it; n1 saw the alternative, so it never applied to n1
    assert (rows["first_child_amount"].conversations, rows["first_child_amount"].eligible) == (4, 5)
    assert (rows["next_child_amount"].conversations, rows["next_child_amount"].eligible) == (1, 2)
    assert rows["first_child_amount"].label == "1a" and rows["next_child_amount"].label == "1b"
    # leave is conditional: f2 went on to a later step without it, so it did not apply to f2
    assert (rows["leave"].conversations, rows["leave"].eligible) == (2, 5)
    assert rows["close"].share == pytest.approx(3 / 6)


def test_where_people_really_stop(branch_report) -> None:  # type: ignore[no-untyped-def]
    rows = branch_report.funnel_for("birth")
    stopped = {r.step_id: r.stopped for r in rows if r.stage == "step"}
    assert stopped == {"first_child_amount": 1, "next_child_amount": 0, "declare": 1, "leave": 0, "close": 0}
    assert rows[0].stage == "started" and rows[0].stopped == 1  # stopped at the questions
    assert rows[-1].stage == "completed" and rows[-1].conversations == 3
