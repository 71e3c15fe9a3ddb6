"""Lazily created shared objects for the action server (settings, knowledge base, indexes)."""

from __future__ import annotations

from functools import lru_cache

from bot.knowledge.faq import load_faq
from bot.knowledge.knowledge_base import KnowledgeBase, load_knowledge_base
from bot.knowledge.routes import load_routes
from bot.settings import REPO_ROOT, Settings
from bot.understanding.event_detection import KeywordIndex
from bot.understanding.event_scorer import EventScorer, nlu_examples
from bot.understanding.faq_match import FaqIndex


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings.from_env()


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    return load_knowledge_base(settings().knowledge_base_dir)


@lru_cache(maxsize=1)
def keyword_index() -> KeywordIndex:
    return KeywordIndex.from_knowledge_base(knowledge_base())


@lru_cache(maxsize=1)
def faq_index() -> FaqIndex:
    return FaqIndex(load_faq())


@lru_cache(maxsize=1)
def route_index() -> FaqIndex:
    return FaqIndex(route.as_entry() for route in load_routes())


@lru_cache(maxsize=1)
def event_scorer() -> EventScorer:
    """Trained in about a second from the same NLU examples as the Rasa model (data/nlu)."""
    return EventScorer(nlu_examples(REPO_ROOT / "data" / "nlu"), knowledge_base().events)
