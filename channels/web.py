"""Web chat channel: serves the chat page and a JSON webhook that keeps rich messages whole.

Mounted by Rasa at ``/webhooks/web/`` (see ``credentials.yml``). Unlike Rasa's REST channel,
a bot message with text, buttons and a step card arrives as one JSON object, so the page can
render the card and fall back to the text.
"""
from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.push import citizen_topic, hub
from channels.rate_limit import RateLimiter
from channels.replies import handle_safely, parse_chat_request

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_MESSAGE_LENGTH = 2000
MAX_FEEDBACK_BYTES = 16_384
# History and push streams are private: only long random ids (the widget makes 32 hex digits).
MIN_PRIVATE_SENDER_LENGTH = 16
MAX_HISTORY_MESSAGES = 200

MessageListener = Callable[[Request, str, str], Awaitable[None]]
MESSAGE_LISTENERS: list[MessageListener] = []
"""Called with (request, sender, text) for every citizen message, before Rasa handles it
(the caseworker console registers one to forward messages of handed-off conversations)."""
_SENDER_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
_CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".js": "application/javascript; charset=utf-8",
                  ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}


class WholeMessageCollector(CollectingOutputChannel):
    """Collects each bot message as one dict (text, buttons and custom JSON together)."""

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        entry: Dict[Text, Any] = {"recipient_id": recipient_id}
        for key in ("text", "buttons", "quick_replies", "image", "attachment", "custom"):
            if message.get(key):
                entry["buttons" if key == "quick_replies" else key] = message[key]
        if len(entry) > 1:
            await self._persist_message(entry)


def _error(status: int, code: str, detail: str) -> HTTPResponse:
    return response.json({"error": code, "detail": detail}, status=status)


class WebChatInput(InputChannel):
    """The website chat channel."""

    @classmethod
    def name(cls) -> Text:
        return "web"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        web = Blueprint("wegwijzer_web", __name__)
        limiter = RateLimiter()

        @web.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            return _demo_page(request)

        @web.route("/static/<filename>", methods=["GET"])
        async def static(request: Request, filename: str) -> HTTPResponse:
            return await _static(filename)

        @web.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            chat = parse_chat_request(request, _SENDER_RE, "8-64 letters, digits, '-' or '_'",
                                      MAX_MESSAGE_LENGTH, limiter)
            if isinstance(chat, HTTPResponse):
                return chat
            sender, text, payload = chat.sender, chat.text, chat.payload
            display = payload.get("display")
            metadata = {"display": display[:200]} if isinstance(display, str) and display.strip() else {}
            for listener in MESSAGE_LISTENERS:
                await listener(request, sender, text)
            collector = WholeMessageCollector()
            message = UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
            status, messages = await handle_safely(on_new_message, message, collector,
                                                   getattr(request.app.ctx, "agent", None))
            return response.json(messages, status=status)

        @web.route("/history", methods=["GET"])
        async def history(request: Request) -> HTTPResponse:
            sender = request.args.get("sender", "")
            if not _SENDER_RE.match(sender) or len(sender) < MIN_PRIVATE_SENDER_LENGTH:
                return _error(400, "invalid_sender", "Give the conversation's own 'sender' id.")
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or agent.tracker_store is None:
                return _error(503, "not_ready", "The assistant is starting; try again shortly.")
            tracker = await agent.tracker_store.retrieve(sender)
            return response.json(conversation_history(tracker.events if tracker else []))

        @web.route("/events", methods=["GET"])
        async def events(request: Request) -> HTTPResponse:
            sender = request.args.get("sender", "")
            if not _SENDER_RE.match(sender) or len(sender) < MIN_PRIVATE_SENDER_LENGTH:
                return _error(400, "invalid_sender", "Give the conversation's own 'sender' id.")

            async def stream(resp: Any) -> None:
                async for chunk in hub.stream(citizen_topic(sender)):
                    await resp.write(chunk)

            return response.stream(stream, content_type="text/event-stream",
                                   headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

        @web.route("/feedback", methods=["POST"])
        async def feedback(request: Request) -> HTTPResponse:
            return await _store_feedback(request)

        return web


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
            if (data.get("metadata") or {}).get("caseworker"):
                entry["caseworker"] = True
            history.append(entry)
    return history[-MAX_HISTORY_MESSAGES:]


async def _store_feedback(request: Request) -> HTTPResponse:
    """Stores a rating, remark or complaint from the page (redacted before storage)."""
    from bot.feedback import FeedbackError, FeedbackStorageError, record_feedback
    from bot.settings import Settings

    if len(request.body or b"") > MAX_FEEDBACK_BYTES:
        return _error(413, "feedback_too_large", f"Feedback is larger than {MAX_FEEDBACK_BYTES} bytes.")
    try:
        payload = request.json
    except Exception:
        return _error(400, "invalid_json", "The request body is not valid JSON.")
    try:
        feedback_id = record_feedback(Settings.from_env().database_url, payload)
    except FeedbackError as error:
        return _error(400, "invalid_feedback", str(error))
    except FeedbackStorageError:
        logger.exception("Feedback could not be stored")
        return _error(503, "feedback_unavailable", "Feedback could not be stored now; please retry.")
    return response.json({"id": feedback_id}, status=201)


# The demo page loads everything from this server: no inline script or style, nothing external.
DEMO_PAGE_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                                "frame-ancestors 'self'"),
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


async def _static(filename: str) -> HTTPResponse:
    path = (STATIC_DIR / filename).resolve()
    if path.parent != STATIC_DIR or not path.is_file() or path.suffix not in _CONTENT_TYPES:
        return _error(404, "not_found", "No such file.")
    return response.text(path.read_text(encoding="utf-8"), content_type=_CONTENT_TYPES[path.suffix])
