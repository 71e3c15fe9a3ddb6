"""Rasa's REST channel with input validation: malformed requests get a clear 4xx, never a 500.

Same URL and reply format as Rasa's ``rest`` channel (``/webhooks/rest/webhook``), so REST
clients and integrations work unchanged. It is not a widget endpoint: with ``WEGWIJZER_REST_TOKEN``
set, callers must send ``Authorization: Bearer <token>``; production without a token turns the
channel off (development leaves it open for tests and benchmarks).
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import is_production, setting
from channels.rate_limit import SharedRateLimiter
from channels.replies import handle_safely, parse_chat_request
from channels.responses import error_response
from channels.security import SecurityConfig, client_address

MAX_MESSAGE_LENGTH = 2_000
CLIENT_LIMIT = 600
"""Requests per minute per client address; an integration may serve many people from one address
(``WEGWIJZER_REST_RATE_LIMIT`` changes it, e.g. for the conversation benchmark)."""
_SENDER_RE = re.compile(r"^[\w.@:-]{1,128}$")


class SafeRestInput(RestInput):
    """Validating drop-in replacement for Rasa's REST input channel."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest = Blueprint("wegwijzer_rest", __name__)
        limiter = SharedRateLimiter.from_env("rest")
        client_limiter = SharedRateLimiter.from_env(
            "rest-client", limit=int(setting("WEGWIJZER_REST_RATE_LIMIT") or CLIENT_LIMIT)
        )
        security = SecurityConfig.from_env()
        token = setting("WEGWIJZER_REST_TOKEN")
        production = is_production()

        def refused(request: Request) -> HTTPResponse | None:
            if not token:
                return (
                    error_response(403, "disabled", "The REST channel is off: set WEGWIJZER_REST_TOKEN.")
                    if production
                    else None
                )
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode("utf-8", "replace"), f"Bearer {token}".encode()):
                return error_response(
                    401, "unauthorized", "Send Authorization: Bearer <WEGWIJZER_REST_TOKEN>."
                )
            return None

        @rest.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            denied = refused(request)
            if denied is not None:
                return denied
            if not await client_limiter.allow(client_address(request, security)):
                return error_response(
                    429, "too_many_requests", "Too many requests from this address; wait a minute."
                )
            chat = await parse_chat_request(
                request, _SENDER_RE, "1-128 letters, digits or . _ @ : -", MAX_MESSAGE_LENGTH, limiter
            )
            if isinstance(chat, HTTPResponse):
                return chat
            sender, text = chat.sender, chat.text
            metadata = (
                chat.payload.get("metadata") if isinstance(chat.payload.get("metadata"), dict) else None
            )
            collector = CollectingOutputChannel()
            message = UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
            status, messages = await handle_safely(
                on_new_message, message, collector, getattr(request.app.ctx, "agent", None)
            )
            return response.json(messages, status=status)

        return rest
