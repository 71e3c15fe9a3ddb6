"""One turn of the conversation: the message that came in, and the replies and effects going out."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

LIFE_EVENT_MIN_CONFIDENCE = 0.5
"""Below this, a life-event intent is not enough to start or offer a journey on its own."""


@dataclass(frozen=True)
class Message:
    """A person's message with what the NLU made of it."""

    text: str
    intent: str | None = None
    confidence: float = 0.0
    ranking: tuple[tuple[str, float], ...] = ()
    entities: Mapping[str, str] = field(default_factory=dict)
    disputed: tuple[str, ...] = ()
    """Two life events the classifier and the second opinion each put first (typed text only)."""

    @property
    def is_payload(self) -> bool:
        """A button press ("/provide_answer{...}") rather than typed text."""
        return self.text.startswith("/")

    @classmethod
    def from_parse(cls, parse: Mapping[str, Any]) -> Message:
        """From Rasa's ``latest_message`` (text, intent, intent_ranking, entities)."""
        intent = parse.get("intent") or {}
        ranking = tuple(
            (str(r.get("name")), float(r.get("confidence") or 0.0))
            for r in parse.get("intent_ranking") or []
            if r.get("name")
        )
        entities: dict[str, str] = {}
        for entity in parse.get("entities") or []:
            name, value = entity.get("entity"), entity.get("value")
            if isinstance(name, str) and value is not None and name not in entities:
                entities[name] = str(value)
        return cls(
            text=str(parse.get("text") or ""),
            intent=intent.get("name"),
            confidence=float(intent.get("confidence") or 0.0),
            ranking=ranking,
            entities=entities,
        )


@dataclass
class Reply:
    """One message from the assistant: text, buttons and structured content for rich channels."""

    text: str | None = None
    buttons: list[dict[str, str]] = field(default_factory=list)
    custom: dict[str, Any] | None = None


@dataclass(frozen=True)
class Effect:
    """Something the adapter must do besides replying (store an analytics event, start a hand-off)."""

    kind: str
    """``journey_event``, ``unrecognised`` or ``live_handoff``."""
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class TurnResult:
    replies: list[Reply] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)

    def say(
        self, text: str, buttons: list[dict[str, str]] | None = None, custom: dict[str, Any] | None = None
    ) -> None:
        self.replies.append(Reply(text, list(buttons or []), custom))

    def effect(self, effect_kind: str, **data: Any) -> None:
        self.effects.append(Effect(effect_kind, data))

    def unsaid(self, text: str) -> str:
        """``text`` without the sentences this turn already said ("U hoeft zich niet te schamen."
        after the acknowledgement of shame, again in an opening)."""
        said = " ".join(reply.text or "" for reply in self.replies)
        sentences = re.split(r"(?<=[.!?])\s+", text.strip())
        return " ".join(s for s in sentences if s and s not in said)

    def journey_event(self, event_id: str, kind: str, step_id: str | None = None) -> None:
        self.effect("journey_event", event_id=event_id, kind=kind, step_id=step_id)
