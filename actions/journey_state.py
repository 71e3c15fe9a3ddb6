"""Reads and writes the journey state kept in Rasa slots."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.context import knowledge_base
from bot.journey import JourneyPlan, build_plan
from bot.texts import text

SLOT_EVENT = "life_event"
SLOT_STEP = "step_index"
SLOT_ANSWERS = "journey_answers"
SLOT_QUESTION = "pending_question"
SLOT_EVENT_DATE = "event_date"
SLOT_SUSPENDED = "suspended_journey"


def _parse_date(raw: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except (TypeError, ValueError):
        return None


@dataclass
class JourneyState:
    """The journey a conversation is in: which event, which step, which answers."""

    event_id: str | None
    step_index: int = 0
    answers: dict[str, str] = field(default_factory=dict)
    event_date: dt.date | None = None

    @classmethod
    def from_tracker(cls, tracker: Tracker) -> "JourneyState":
        answers = tracker.get_slot(SLOT_ANSWERS) or {}
        return cls(
            event_id=tracker.get_slot(SLOT_EVENT),
            step_index=int(tracker.get_slot(SLOT_STEP) or 0),
            answers=dict(answers) if isinstance(answers, dict) else {},
            event_date=_parse_date(tracker.get_slot(SLOT_EVENT_DATE)),
        )

    @classmethod
    def from_dict(cls, data: Any) -> "JourneyState | None":
        """Reads a state saved with :meth:`to_dict` (None if absent or malformed)."""
        if not isinstance(data, dict) or not isinstance(data.get("event_id"), str):
            return None
        answers = data.get("answers") if isinstance(data.get("answers"), dict) else {}
        try:
            step_index = int(data.get("step_index") or 0)
        except (TypeError, ValueError):
            step_index = 0
        return cls(data["event_id"], step_index, dict(answers), _parse_date(data.get("event_date")))

    def to_dict(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "step_index": self.step_index, "answers": self.answers,
                "event_date": self.event_date.isoformat() if self.event_date else None}

    def plan(self) -> JourneyPlan | None:
        """The personalised plan, or None when no (known) journey is active."""
        event = knowledge_base().get(self.event_id) if self.event_id else None
        return build_plan(event, self.answers, self.event_date) if event else None

    def events(self) -> list[EventType]:
        """Slot events that store this state."""
        return [
            SlotSet(SLOT_EVENT, self.event_id),
            SlotSet(SLOT_STEP, float(self.step_index)),
            SlotSet(SLOT_ANSWERS, self.answers),
            SlotSet(SLOT_EVENT_DATE, self.event_date.isoformat() if self.event_date else None),
        ]


def navigation_buttons() -> list[dict[str, Any]]:
    """Buttons shown under every step card."""
    return [
        {"title": text("button_next"), "payload": "/next_step"},
        {"title": text("button_documents"), "payload": "/ask_documents"},
        {"title": text("button_where"), "payload": "/ask_location"},
        {"title": text("button_previous"), "payload": "/previous_step"},
    ]
