"""The designers' report as data: one row type per table, and the report that holds them all (built by
bot.insights.analytics.build_report, rendered by bot.insights.report)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

RATING_KINDS = ("rating", "journey_rating")


@dataclass(frozen=True)
class DemandRow:
    """Conversations that started a journey, per ISO week (Monday) and life event."""

    week: dt.date
    life_event: str
    conversations: int


@dataclass(frozen=True)
class FunnelRow:
    """How far conversations got in one journey.

    ``stage`` is ``started``, ``step`` or ``completed``; ``position`` is 0 for started, 1..n for
    the steps and n+1 for completed. ``share`` is relative to the conversations the step applied
    to (``eligible``; for started and completed: the conversations that started).
    """

    life_event: str
    position: int
    stage: str
    step_id: str | None
    conversations: int
    share: float | None
    eligible: int | None = None
    """Conversations the step applied to (alternatives and skipped conditional steps left out)."""
    stopped: int = 0
    """Conversations that went no further than this point and did not complete the journey."""
    label: str = ""
    """Position label: "3", or "3a" / "3b" for alternative steps."""


@dataclass(frozen=True)
class FallbackStats:
    """How often the assistant did not understand.

    ``rate`` = unrecognised messages / user messages in the period. User messages are counted in
    Rasa's tracker store (``events.type_name = 'user'``); ``user_messages`` and ``rate`` are None
    when that table does not exist or holds no user message for the period (for example after
    the retention purge).
    """

    unrecognised_messages: int
    user_messages: int | None
    rate: float | None
    conversations_with_fallback: int


@dataclass(frozen=True)
class UnrecognisedGroup:
    """Unrecognised messages that are the same after normalisation (same set of words)."""

    example: str
    messages: int
    conversations: int
    variants: int
    annotation: str | None


@dataclass(frozen=True)
class CountRow:
    """A label and how often it occurred."""

    label: str | None
    count: int


@dataclass(frozen=True)
class RatingRow:
    """Thumbs up/down for a life event (``step_id`` None) or for one step of it."""

    life_event: str | None
    step_id: str | None
    up: int
    down: int
    total: int
    share_up: float | None


@dataclass(frozen=True)
class RemarkRow:
    """A redacted remark or complaint text."""

    created_at: dt.datetime
    kind: str
    life_event: str | None
    step_id: str | None
    comment: str
    conversation: str | None = None
    """The conversation's pseudonym (for the link to its redacted transcript)."""


@dataclass(frozen=True)
class ConversationToRead:
    """A conversation worth reading, by pseudonym."""

    pseudonym: str
    fallbacks: int
    down_ratings: int
    complaints: int
    reasons: str


@dataclass(frozen=True)
class Report:
    """Everything shown in the service-design report."""

    date_from: dt.date
    date_to: dt.date
    generated_at: dt.datetime
    demand: tuple[DemandRow, ...]
    demand_totals: dict[str, int]
    funnel: tuple[FunnelRow, ...]
    fallback: FallbackStats
    unrecognised: tuple[UnrecognisedGroup, ...]
    handoff_reasons: tuple[CountRow, ...] | None
    ratings_by_event: tuple[RatingRow, ...]
    ratings_by_step: tuple[RatingRow, ...]
    complaints_by_agency: tuple[CountRow, ...]
    complaints_by_level: tuple[CountRow, ...]
    remarks: tuple[RemarkRow, ...]
    conversations_to_read: tuple[ConversationToRead, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    def funnel_for(self, life_event: str) -> tuple[FunnelRow, ...]:
        """The funnel rows of one journey, in order."""
        return tuple(row for row in self.funnel if row.life_event == life_event)
