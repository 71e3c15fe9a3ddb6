"""What a service designer should see first: the key figures with their trend against the previous
period of equal length, and a short list of what to fix next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from bot.insights.report_model import FunnelRow, RatingRow, Report, UnrecognisedGroup


def previous_period(date_from: dt.date, date_to: dt.date) -> tuple[dt.date, dt.date]:
    """The period of equal length just before ``date_from`` .. ``date_to`` (both inclusive)."""
    days = (date_to - date_from).days + 1
    return date_from - dt.timedelta(days=days), date_from - dt.timedelta(days=1)


@dataclass(frozen=True)
class KeyFigure:
    """One figure of the top box.

    ``kind`` is ``count`` or ``share``; ``higher_is_better`` is None when more is neither good nor
    bad (demand, hand-offs)."""

    key: str
    value: float | None
    previous: float | None
    kind: str
    higher_is_better: bool | None

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def trend(self) -> str | None:
        """``up``, ``down``, ``same``, or None when one of the periods has no figure."""
        change = self.change
        if change is None:
            return None
        if abs(change) < 1e-9:
            return "same"
        return "up" if change > 0 else "down"

    @property
    def verdict(self) -> str | None:
        """``better``, ``worse`` or None (no trend, no change, or neither good nor bad)."""
        if self.higher_is_better is None or self.trend in (None, "same"):
            return None
        return "better" if (self.trend == "up") == self.higher_is_better else "worse"


def _started(report: Report) -> int:
    return sum(report.demand_totals.values())


def _completion(report: Report) -> float | None:
    started = _started(report)
    completed = sum(row.conversations for row in report.funnel if row.stage == "completed")
    return completed / started if started else None


def _handoffs(report: Report) -> int | None:
    return None if report.handoff_reasons is None else sum(row.count for row in report.handoff_reasons)


def _rating(report: Report) -> float | None:
    total = sum(row.total for row in report.ratings_by_event)
    return sum(row.up for row in report.ratings_by_event) / total if total else None


def key_figures(report: Report, previous: Report | None) -> tuple[KeyFigure, ...]:
    """Demand, completion, fallback rate, hand-offs and the share of positive ratings."""

    def before(function: Callable[[Report], float | None]) -> float | None:
        return function(previous) if previous is not None else None

    return (
        KeyFigure("demand", _started(report), before(_started), "count", None),
        KeyFigure("completion", _completion(report), before(_completion), "share", True),
        KeyFigure(
            "fallback_rate",
            report.fallback.rate,
            previous.fallback.rate if previous else None,
            "share",
            False,
        ),
        KeyFigure("handoffs", _handoffs(report), before(_handoffs), "count", None),
        KeyFigure("rating", _rating(report), before(_rating), "share", True),
    )


@dataclass(frozen=True)
class FixNext:
    """The short "Eerst aanpakken" list."""

    unrecognised: tuple[UnrecognisedGroup, ...]
    worst_steps: tuple[RatingRow, ...]
    dropoffs: tuple[FunnelRow, ...]

    @property
    def empty(self) -> bool:
        return not (self.unrecognised or self.worst_steps or self.dropoffs)


def fix_next(report: Report, limit: int = 3) -> FixNext:
    """The most frequent questions not understood (not yet labelled first), the worst-rated steps
    (lowest share of thumbs up, then most thumbs down) and where most people stop."""
    unrecognised = sorted(
        report.unrecognised, key=lambda g: (g.annotation is not None, -g.messages, -g.conversations)
    )
    worst = sorted(
        (row for row in report.ratings_by_step if row.down > 0),
        key=lambda row: (row.share_up if row.share_up is not None else 1.0, -row.down, row.step_id or ""),
    )
    dropoffs = sorted(
        (row for row in report.funnel if row.stage in ("started", "step") and row.stopped > 0),
        key=lambda row: (-row.stopped, row.life_event, row.position),
    )
    return FixNext(tuple(unrecognised[:limit]), tuple(worst[:limit]), tuple(dropoffs[:limit]))
