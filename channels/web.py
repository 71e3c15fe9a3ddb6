"""Web chat channel: serves the chat page and a JSON webhook that keeps rich messages whole.

Mounted by Rasa at ``/webhooks/web/`` (see ``credentials.yml``). Unlike Rasa's REST channel,
a bot message with text, buttons and a step card arrives as one JSON object, so the page can
render the card and fall back to the text.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from bot.knowledge.texts import front_end_strings
from bot.settings import setting
from channels.handoff_citizen import add_citizen_routes, hold_while_waiting
from channels.live_chat import forward_citizen_message
from channels.plan_keep import add_keep_routes
from channels.push import citizen_topic, hub
from channels.rate_limit import SharedRateLimiter
from channels.replies import handle_safely, parse_chat_request
from channels.responses import error_response, static_file
from channels.security import SecurityConfig, client_address, widget_cors
from channels.tickets import TICKET_SECONDS, issue_ticket, read_ticket

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
MODULE_FOLDERS = frozenset({"widget", "shared"})
"""Folders of ES modules under static/: the widget's and the ones the staff pages share."""
MAX_MESSAGE_LENGTH = 2000
MAX_FEEDBACK_BYTES = 16_384
CONVERSATION_HEADER = "x-wegwijzer-conversation"
CLIENT_LIMIT = 120
"""Requests per minute from one client address to the public endpoints (a page makes a few per message)."""
MAX_STREAMS_PER_CLIENT = 4
MAX_STREAMS = 500
MAX_STREAM_SECONDS = 30 * 60
# History and push streams are private: only long random ids (the widget makes 32 hex digits).
MIN_PRIVATE_SENDER_LENGTH = 16
MAX_HISTORY_MESSAGES = 200

_SENDER_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


class WholeMessageCollector(CollectingOutputChannel):
    """Collects each bot message as one dict (text, buttons and custom JSON together)."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        entry: dict[str, Any] = {"recipient_id": recipient_id}
        for key in ("text", "buttons", "quick_replies", "image", "attachment", "custom"):
            if message.get(key):
                entry["buttons" if key == "quick_replies" else key] = message[key]
        if len(entry) > 1:
            await self._persist_message(entry)


class WebChatInput(InputChannel):
    """The website chat channel."""

    @classmethod
    def name(cls) -> str:
        return "web"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        web = Blueprint("wegwijzer_web", __name__)
        security = SecurityConfig.from_env()
        widget_cors(web, security)
        limiter = SharedRateLimiter.from_env("conversation")
        client_limiter = SharedRateLimiter.from_env(
            "client", limit=int(setting("WEGWIJZER_WEB_RATE_LIMIT") or CLIENT_LIMIT)
        )
        streams = StreamCaps()

        async def over_limit(request: Request) -> HTTPResponse | None:
            """Per client address (the real one behind a trusted proxy); chat is also limited per
            conversation."""
            if not await client_limiter.allow(client_address(request, security)):
                return error_response(
                    429, "too_many_requests", "Too many requests from this address; wait a minute."
                )
            return None

        @web.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            return _demo_page(request)

        @web.route("/static/<filename>", methods=["GET"])
        async def static(request: Request, filename: str) -> HTTPResponse:
            return static_file(STATIC_DIR, filename)

        @web.route("/static/<folder>/<filename>", methods=["GET"])
        async def static_module(request: Request, folder: str, filename: str) -> HTTPResponse:
            if folder not in MODULE_FOLDERS:
                return error_response(404, "not_found", "No such file.")
            return static_file(STATIC_DIR / folder, filename)

        @web.route("/strings.json", methods=["GET", "OPTIONS"])
        async def strings(request: Request) -> HTTPResponse:
            """Every text of the web front ends (data/texts/nl.yml): the scripts hold none."""
            return response.json(front_end_strings(), headers={"Cache-Control": "public, max-age=300"})

        @web.route("/webhook", methods=["POST", "OPTIONS"])
        async def receive(request: Request) -> HTTPResponse:
            limited = await over_limit(request)
            if limited is not None:
                return limited
            chat = await parse_chat_request(
                request, _SENDER_RE, "8-64 letters, digits, '-' or '_'", MAX_MESSAGE_LENGTH, limiter
            )
            if isinstance(chat, HTTPResponse):
                return chat
            sender, text, payload = chat.sender, chat.text, chat.payload
            display = payload.get("display")
            metadata = {"display": display[:200]} if isinstance(display, str) and display.strip() else {}
            collector = WholeMessageCollector()
            message = UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
            held = await hold_while_waiting(request, sender, text, on_new_message, message)
            if held is not None:  # waiting for a caseworker: kept for them, no bot answer
                return response.json(held)
            await forward_citizen_message(sender, text)  # a caseworker who took over sees it too
            status, messages = await handle_safely(
                on_new_message, message, collector, getattr(request.app.ctx, "agent", None)
            )
            return response.json(messages, status=status)

        @web.route("/history", methods=["GET", "OPTIONS"])
        async def history(request: Request) -> HTTPResponse:
            limited = await over_limit(request)
            if limited is not None:
                return limited
            sender = request.headers.get(CONVERSATION_HEADER, "")
            if not _SENDER_RE.match(sender) or len(sender) < MIN_PRIVATE_SENDER_LENGTH:
                return error_response(
                    400,
                    "invalid_sender",
                    f"Send the conversation's own id in the {CONVERSATION_HEADER} header.",
                )
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or agent.tracker_store is None:
                return error_response(503, "not_ready", "The assistant is starting; try again shortly.")
            tracker = await agent.tracker_store.retrieve(sender)
            return response.json(conversation_history(tracker.events if tracker else []))

        @web.route("/events/ticket", methods=["POST", "OPTIONS"])
        async def ticket(request: Request) -> HTTPResponse:
            limited = await over_limit(request)
            if limited is not None:
                return limited
            sender = request.headers.get(CONVERSATION_HEADER, "")
            if not _SENDER_RE.match(sender) or len(sender) < MIN_PRIVATE_SENDER_LENGTH:
                return error_response(
                    400,
                    "invalid_sender",
                    f"Send the conversation's own id in the {CONVERSATION_HEADER} header.",
                )
            return response.json({"ticket": issue_ticket(sender), "valid_seconds": TICKET_SECONDS})

        @web.route("/events", methods=["GET", "OPTIONS"])
        async def events(request: Request) -> HTTPResponse | ResponseStream:
            sender = read_ticket(request.args.get("ticket", ""))
            if sender is None:
                return error_response(400, "invalid_ticket", "Ask a new ticket at events/ticket.")
            client = client_address(request, security)
            if not streams.open(client):
                return error_response(429, "too_many_streams", "Too many open live streams; close one first.")

            async def stream(resp: Any) -> None:
                try:
                    async with _lifetime(MAX_STREAM_SECONDS):
                        async for chunk in hub.stream(citizen_topic(sender)):
                            await resp.write(chunk)
                except (asyncio.TimeoutError, TimeoutError):
                    pass  # the page opens a new stream with a new ticket
                finally:
                    streams.close(client)

            return response.stream(
                stream,
                content_type="text/event-stream",
                headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
            )

        add_citizen_routes(web, own_sender, over_limit)
        add_keep_routes(web, own_sender, over_limit, server_origin)

        @web.route("/feedback", methods=["POST", "OPTIONS"])
        async def feedback(request: Request) -> HTTPResponse:
            limited = await over_limit(request)
            if limited is not None:
                return limited
            return await _store_feedback(request)

        return web


def own_sender(request: Request) -> str | None:
    """The conversation id from the private header (a long random id), or None."""
    sender = request.headers.get(CONVERSATION_HEADER, "")
    return sender if _SENDER_RE.match(sender) and len(sender) >= MIN_PRIVATE_SENDER_LENGTH else None


class StreamCaps:
    """At most MAX_STREAMS_PER_CLIENT live streams per client address and MAX_STREAMS in total."""

    def __init__(self, per_client: int = 0, total: int = 0) -> None:
        self.per_client = per_client or MAX_STREAMS_PER_CLIENT
        self.total = total or MAX_STREAMS
        self.open_by_client: dict[str, int] = {}

    def open(self, client: str) -> bool:
        if (
            sum(self.open_by_client.values()) >= self.total
            or self.open_by_client.get(client, 0) >= self.per_client
        ):
            return False
        self.open_by_client[client] = self.open_by_client.get(client, 0) + 1
        return True

    def close(self, client: str) -> None:
        remaining = self.open_by_client.get(client, 1) - 1
        if remaining > 0:
            self.open_by_client[client] = remaining
        else:
            self.open_by_client.pop(client, None)


class _lifetime:
    """asyncio.timeout for Python 3.10: cancels the block after ``seconds``."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.handle: asyncio.TimerHandle | None = None

    async def __aenter__(self) -> _lifetime:
        task = asyncio.current_task()
        self.expired = False

        def expire() -> None:
            self.expired = True
            if task is not None:
                task.cancel()

        self.handle = asyncio.get_running_loop().call_later(self.seconds, expire)
        return self

    async def __aexit__(self, kind: Any, error: Any, traceback: Any) -> bool:
        if self.handle is not None:
            self.handle.cancel()
        if kind is asyncio.CancelledError and self.expired:
            raise TimeoutError()
        return False


def conversation_history(events: Any) -> list[dict[str, Any]]:
    """User and bot messages of a tracker, in the shape the page renders."""
    history: list[dict[str, Any]] = []
    for event in events:
        data = event.as_dict() if hasattr(event, "as_dict") else dict(event)
        kind = data.get("event")
        if kind == "user":
            text = (data.get("metadata") or {}).get("display") or data.get("text") or ""
            if text and not text.startswith("/"):
                history.append({"from": "user", "text": text})
        elif kind == "bot":
            extra = data.get("data") or {}
            entry = {"from": "bot", "text": data.get("text")}
            for key in ("buttons", "custom"):
                if extra.get(key):
                    entry[key] = extra[key]
            metadata = data.get("metadata") or {}
            if metadata.get("caseworker"):
                entry["caseworker"] = True
                if metadata.get("caseworker_name"):
                    entry["caseworker_name"] = metadata["caseworker_name"]
            history.append(entry)
    return history[-MAX_HISTORY_MESSAGES:]


async def _store_feedback(request: Request) -> HTTPResponse:
    """Stores a rating, remark or complaint from the page (redacted before storage)."""
    from bot.insights.feedback import FeedbackError, FeedbackStorageError, record_feedback
    from bot.settings import Settings

    if len(request.body or b"") > MAX_FEEDBACK_BYTES:
        return error_response(
            413, "feedback_too_large", f"Feedback is larger than {MAX_FEEDBACK_BYTES} bytes."
        )
    try:
        payload = request.json
    except Exception:
        return error_response(400, "invalid_json", "The request body is not valid JSON.")
    try:
        # Redaction and storage off the event loop: one request never holds up the others.
        feedback_id = await asyncio.to_thread(record_feedback, Settings.from_env().database_url, payload)
    except FeedbackError as error:
        return error_response(400, "invalid_feedback", str(error))
    except FeedbackStorageError:
        logger.exception("Feedback could not be stored")
        return error_response(503, "feedback_unavailable", "Feedback could not be stored now; please retry.")
    return response.json({"id": feedback_id}, status=201)


# The demo page loads everything from this server: no inline script or style, nothing external.
DEMO_PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_HOST_RE = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$")


def server_origin(request: Request) -> str:
    """This server's origin as the browser sees it ("" when the Host header looks wrong)."""
    scheme, host = request.scheme, request.host
    if scheme not in ("http", "https") or not _HOST_RE.match(host or ""):
        return ""
    return f"{scheme}://{host}"


def _demo_page(request: Request) -> HTTPResponse:
    """The demo page with the widget's script tag pointing at this server, as an integrator writes it."""
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{server}}", html.escape(server_origin(request), quote=True))
    return response.html(page, headers=DEMO_PAGE_HEADERS)
