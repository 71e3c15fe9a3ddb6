"""What the dialogue needs from outside one conversation: the knowledge base, the FAQ, today,
office hours."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.knowledge.knowledge_base import KnowledgeBase, LifeEvent
from bot.understanding.event_detection import KeywordIndex
from bot.understanding.event_scorer import CLEAR_SECOND_OPINION, EventScorer
from bot.understanding.faq_match import FaqIndex


@dataclass(frozen=True)
class DialogueContext:
    kb: KnowledgeBase
    keywords: KeywordIndex
    today: dt.date
    live_open: bool = False
    """Whether caseworkers are online now (live chat can be offered)."""
    faq: FaqIndex | None = None
    """Questions people ask within a life event, with sourced answers (data/faq/)."""
    routes: FaqIndex | None = None
    """The right door for frequent questions outside the life events (data/routes/routes.yml)."""
    events: EventScorer | None = None
    """A second opinion on the life event of a typed message (bot/understanding/event_scorer.py)."""

    def event(self, event_id: str | None) -> LifeEvent | None:
        return self.kb.get(event_id) if event_id else None

    def sees(self, event_id: str, text: str) -> bool:
        """Whether the second opinion clearly sees this life event in the text (True without one)."""
        return (
            self.events is None or self.events.probabilities(text).get(event_id, 0.0) >= CLEAR_SECOND_OPINION
        )
