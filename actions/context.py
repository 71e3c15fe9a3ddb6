"""Lazily created shared objects for the action server (settings, knowledge base)."""
from __future__ import annotations

from functools import lru_cache

from bot.knowledge_base import KnowledgeBase, load_knowledge_base
from bot.settings import Settings


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings.from_env()


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    return load_knowledge_base(settings().knowledge_base_dir)
