"""Turns failures while handling a message into a polite Dutch answer instead of silence or a 500.

When the action server is down Rasa logs the error and sends nothing; when the database is
briefly unavailable it raises. Both channels use :func:`handle_safely`.
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.texts import text

logger = logging.getLogger(__name__)


async def _is_paused(agent: Any, sender: str) -> bool:
    try:
        tracker = await agent.tracker_store.retrieve(sender)
    except Exception:  # the store is down: not paused as far as we know
        return False
    return bool(tracker and tracker.is_paused())


async def handle_safely(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage,
                        collector: CollectingOutputChannel, agent: Any) -> tuple[int, list[dict[str, Any]]]:
    """Runs Rasa on ``message``; returns (HTTP status, messages) with a polite answer on failure."""
    try:
        await on_new_message(message)
    except Exception:
        logger.exception("Handling a message failed")
        return 503, [{"recipient_id": message.sender_id, "text": text("technical_problem")}]
    if not collector.messages and agent is not None and not await _is_paused(agent, message.sender_id):
        # An action failed (e.g. the action server is unreachable) and nothing was said.
        logger.warning("No answer for a message of %s...: sending the technical-problem text", message.sender_id[:8])
        return 200, [{"recipient_id": message.sender_id, "text": text("technical_problem")}]
    return 200, collector.messages
