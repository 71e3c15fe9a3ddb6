"""Rasa's REST channel with input validation: malformed requests get a clear 4xx, never a 500.

Same URL and reply format as Rasa's ``rest`` channel (``/webhooks/rest/webhook``), so REST
clients and integrations work unchanged.
"""
from __future__ import annotations

import re
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput

from channels.rate_limit import RateLimiter
from channels.replies import handle_safely, parse_chat_request
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse


MAX_MESSAGE_LENGTH = 20_000
_SENDER_RE = re.compile(r"^[\w.@:-]{1,128}$")


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
            chat = parse_chat_request(request, _SENDER_RE, "1-128 letters, digits or . _ @ : -",
                                      MAX_MESSAGE_LENGTH, limiter)
            if isinstance(chat, HTTPResponse):
                return chat
            sender, text = chat.sender, chat.text
            metadata = chat.payload.get("metadata") if isinstance(chat.payload.get("metadata"), dict) else None
            collector = CollectingOutputChannel()
            message = UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
            status, messages = await handle_safely(on_new_message, message, collector,
                                                   getattr(request.app.ctx, "agent", None))
            return response.json(messages, status=status)

        return rest
