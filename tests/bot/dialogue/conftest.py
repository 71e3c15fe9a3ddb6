"""The typed-conversation fixture of the dialogue tests (harness: ``devtools.chat``)."""

from __future__ import annotations

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase
from devtools.chat import Chat


@pytest.fixture
def chat(kb: KnowledgeBase) -> Chat:
    return Chat(kb)
