"""What the dialogue needs from outside one conversation: the knowledge base, today, office hours."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.knowledge.knowledge_base import KnowledgeBase, LifeEvent
from bot.understanding.event_detection import KeywordIndex


@dataclass(frozen=True)
class DialogueContext:
    kb: KnowledgeBase
    keywords: KeywordIndex
    today: dt.date
    live_open: bool = False
    """Whether caseworkers are online now (live chat can be offered)."""

    def event(self, event_id: str | None) -> LifeEvent | None:
        return self.kb.get(event_id) if event_id else None
