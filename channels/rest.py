"""Rasa's REST channel with input validation: malformed requests get a clear 4xx, never a 500.

Same URL and reply format as Rasa's ``rest`` channel (``/webhooks/rest/webhook``), so REST
clients and integrations work unchanged.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput

from channels.rate_limit import RateLimiter
from channels.replies import handle_safely
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

MAX_MESSAGE_LENGTH = 20_000
_SENDER_RE = re.compile(r"^[\w.@:-]{1,128}$")


def _error(status: int, code: str, detail: str) -> HTTPResponse:
    return response.json({"error": code, "detail": detail}, status=status)


class SafeRestInput(RestInput):
    """Validating drop-in replacement for Rasa's REST input channel."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest = Blueprint("wegwijzer_rest", __name__)
        limiter = RateLimiter()

        @rest.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                payload = request.json
            except Exception:
                return _error(400, "invalid_json", "The request body is not valid UTF-8 JSON.")
            if not isinstance(payload, dict):
                return _error(400, "invalid_payload", "Send a JSON object with 'sender' and 'message'.")
            sender, text = payload.get("sender"), payload.get("message")
            if not isinstance(sender, str) or not _SENDER_RE.match(sender):
                return _error(400, "invalid_sender", "'sender' must be 1-128 letters, digits or . _ @ : -")
            if not isinstance(text, str):
                return _error(400, "invalid_message", "'message' must be a text.")
            if len(text) > MAX_MESSAGE_LENGTH:
                return _error(413, "message_too_long", f"'message' is longer than {MAX_MESSAGE_LENGTH} characters.")
            if not limiter.allow(sender):
                return _error(429, "too_many_messages", "Too many messages for this conversation; wait a minute.")
            metadata = payload.get("metadata") if isinstance(payload.get("metadata"), dict) else None
            collector = CollectingOutputChannel()
            message = UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
            status, messages = await handle_safely(on_new_message, message, collector,
                                                   getattr(request.app.ctx, "agent", None))
            return response.json(messages, status=status)

        return rest
