"""A typed conversation with the dialogue core, without Rasa (for tests): the test says which intent the NLU
would give (often a misleading one, as the real model does for short answers)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.dialogue.context import DialogueContext
from bot.dialogue.engine import handle_turn
from bot.dialogue.state import ConversationState
from bot.dialogue.turn import Message, TurnResult
from bot.knowledge.faq import load_faq
from bot.knowledge.knowledge_base import KnowledgeBase
from bot.knowledge.routes import load_routes
from bot.settings import REPO_ROOT
from bot.understanding.event_detection import KeywordIndex
from bot.understanding.event_scorer import EventScorer, nlu_examples
from bot.understanding.faq_match import FaqIndex

TODAY = dt.date(2026, 11, 25)


@lru_cache(maxsize=1)
def shared_faq_index() -> FaqIndex:
    """The shipped FAQ, indexed once per test session."""
    return FaqIndex(load_faq())


@lru_cache(maxsize=1)
def shared_route_index() -> FaqIndex:
    """The shipped routes (doors outside the life events), indexed once per test session."""
    return FaqIndex(route.as_entry() for route in load_routes())


@lru_cache(maxsize=1)
def shared_scorer(events: tuple[str, ...]) -> EventScorer:
    """The second opinion trained on the shipped NLU examples, built once per test session."""
    return EventScorer(nlu_examples(REPO_ROOT / "data" / "nlu"), events)


def scored_chat(kb: KnowledgeBase) -> Chat:
    """A typed conversation with the shipped second opinion on life events."""
    return Chat(kb, events=shared_scorer(tuple(sorted(kb.events))))


@dataclass
class Chat:
    kb: KnowledgeBase
    state: ConversationState = field(default_factory=ConversationState)
    live_open: bool = True
    last: TurnResult | None = None
    events: EventScorer | None = None
    """The second opinion on life events (off by default: the tests give the NLU ranking)."""

    def say(
        self,
        text: str,
        intent: str = "nlu_fallback",
        confidence: float = 0.9,
        also: dict[str, float] | None = None,
        **entities: str,
    ) -> TurnResult:
        """``also``: other intents in the NLU ranking with their confidence."""
        ranking = ((intent, confidence), *sorted((also or {}).items(), key=lambda item: -item[1]))
        message = Message(text=text, intent=intent, confidence=confidence, ranking=ranking, entities=entities)
        ctx = DialogueContext(
            self.kb,
            KeywordIndex.from_knowledge_base(self.kb),
            TODAY,
            self.live_open,
            shared_faq_index(),
            shared_route_index(),
            self.events,
        )
        self.last = handle_turn(self.state, message, ctx)
        return self.last

    def click(self, title_start: str) -> TurnResult:
        """Presses a button of the last turn (the payload is parsed as Rasa would)."""
        assert self.last is not None
        button = next(
            b
            for r in self.last.replies
            for b in r.buttons
            if b["title"].startswith(title_start)
            or (title_start == "Weet ik niet" and '"weet_niet"' in b["payload"])
        )
        payload = button["payload"]
        intent, _, raw = payload[1:].partition("{")
        entities: dict[str, str] = {k: str(v) for k, v in json.loads("{" + raw).items()} if raw else {}
        return self.say(payload, intent, 1.0, None, **entities)


def texts(result: TurnResult) -> str:
    return "\n".join(r.text or "" for r in result.replies)


def customs(result: TurnResult, kind: str) -> list[dict[str, Any]]:
    return [r.custom for r in result.replies if r.custom and r.custom.get("type") == kind]


def asked(result: TurnResult) -> str | None:
    questions = customs(result, "question")
    return questions[-1]["question_id"] if questions else None
