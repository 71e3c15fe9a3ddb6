"""A stand-in for Rasa's agent in channel tests: always the same NLU answer, no model loaded."""

from __future__ import annotations

from typing import Any


class FakeAgent:
    """Answers every text with intent ``birth`` (0.93) and remembers what it was asked."""

    def __init__(self, ready: bool = True) -> None:
        self.ready = ready
        self.texts: list[str] = []

    def is_ready(self) -> bool:
        return self.ready

    async def parse_message(self, text: str) -> dict[str, Any]:
        self.texts.append(text)
        return {
            "text": text,
            "intent": {"name": "birth", "confidence": 0.93},
            "intent_ranking": [{"name": "birth", "confidence": 0.93}],
        }
