"""Shared request handling of the chat channels: validation, and a polite Dutch answer instead of
silence or a 500 when something fails.

When the action server is down Rasa logs the error and sends nothing; when the database is
briefly unavailable it raises. Both channels use :func:`handle_safely`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from re import Pattern
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.knowledge.texts import text
from channels.metrics import METRICS
from channels.rate_limit import SharedRateLimiter
from channels.responses import error_response

logger = logging.getLogger(__name__)


async def _is_paused(agent: Any, sender: str) -> bool:
    try:
        tracker = await agent.tracker_store.retrieve(sender)
    except Exception:  # the store is down: not paused as far as we know
        return False
    return bool(tracker and tracker.is_paused())


async def handle_safely(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    message: UserMessage,
    collector: CollectingOutputChannel,
    agent: Any,
) -> tuple[int, list[dict[str, Any]]]:
    """Runs Rasa on ``message``; returns (HTTP status, messages) with a polite answer on failure.
    Counted in :data:`channels.metrics.METRICS` (channel, outcome, time; never the text)."""
    started = time.perf_counter()
    channel = message.input_channel or "unknown"
    try:
        await on_new_message(message)
    except Exception:
        logger.exception("Handling a message failed")
        METRICS.observe(channel, "error", time.perf_counter() - started)
        return 503, [{"recipient_id": message.sender_id, "text": text("technical_problem")}]
    if not collector.messages and agent is not None and not await _is_paused(agent, message.sender_id):
        # An action failed (e.g. the action server is unreachable) and nothing was said.
        logger.warning(
            "No answer for a message of %s...: sending the technical-problem text", message.sender_id[:8]
        )
        METRICS.observe(channel, "no_answer", time.perf_counter() - started)
        return 200, [{"recipient_id": message.sender_id, "text": text("technical_problem")}]
    METRICS.observe(channel, "answered", time.perf_counter() - started)
    return 200, collector.messages


@dataclass(frozen=True)
class ChatRequest:
    sender: str
    text: str
    payload: dict[str, Any]


async def parse_chat_request(
    request: Request,
    sender_pattern: Pattern[str],
    sender_rule: str,
    max_length: int,
    limiter: SharedRateLimiter,
) -> ChatRequest | HTTPResponse:
    """Validates a ``{"sender", "message"}`` chat request; returns it, or the 4xx to send back."""
    try:
        payload = request.json
    except Exception:  # Sanic raises on malformed JSON or invalid UTF-8
        return error_response(400, "invalid_json", "The request body is not valid UTF-8 JSON.")
    if not isinstance(payload, dict):
        return error_response(400, "invalid_payload", "Send a JSON object with 'sender' and 'message'.")
    sender, text = payload.get("sender"), payload.get("message")
    if not isinstance(sender, str) or not sender_pattern.match(sender):
        return error_response(400, "invalid_sender", f"'sender' must be {sender_rule}.")
    if not isinstance(text, str):
        return error_response(400, "invalid_message", "'message' must be a text.")
    if len(text) > max_length:
        return error_response(413, "message_too_long", f"'message' is longer than {max_length} characters.")
    if not await limiter.allow(sender):
        return error_response(
            429, "too_many_messages", "Too many messages for this conversation; wait a minute."
        )
    return ChatRequest(sender, text, payload)
