"""Caseworker console: authenticated queue of hand-off cases, live takeover and reply.

Mounted by Rasa at ``/webhooks/console/``. Claiming a case pauses the bot for that
conversation (Rasa ``ConversationPaused``); the caseworker's replies are pushed to the
citizen's widget; closing resumes the bot (``ConversationResumed``). New cases are also
delivered to a configured webhook through the outbox (bot.handoff.outbox).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.core.events import BotUttered, ConversationPaused, ConversationResumed
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from bot.handoff import cases
from bot.knowledge.texts import text
from bot.settings import Settings
from channels.auth import require_role
from channels.live_chat import append_to_tracker
from channels.push import CONSOLE_TOPIC, citizen_topic, hub
from channels.responses import error_response, static_file
from channels.security import staff_guard

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "console_static"


class CaseworkerConsoleInput(InputChannel):
    """The caseworker console channel."""

    @classmethod
    def name(cls) -> str:
        return "console"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        console = Blueprint("wegwijzer_console", __name__)
        staff_guard(console)
        settings = Settings.from_env()
        staff = require_role("caseworker")

        @console.route("/", methods=["GET"])
        @staff
        async def page(request: Request) -> HTTPResponse:
            return static_file(STATIC_DIR, "index.html")

        @console.route("/static/<filename>", methods=["GET"])
        @staff
        async def static(request: Request, filename: str) -> HTTPResponse:
            return static_file(STATIC_DIR, filename)

        @console.route("/api/cases", methods=["GET"])
        @staff
        async def list_cases(request: Request) -> HTTPResponse:
            return response.json(await asyncio.to_thread(cases.list_cases, settings.database_url))

        @console.route("/api/cases/<case_id:int>", methods=["GET"])
        @staff
        async def get_case(request: Request, case_id: int) -> HTTPResponse:
            try:
                return response.json(await asyncio.to_thread(cases.get_case, settings.database_url, case_id))
            except cases.CaseError as error:
                return error_response(404, "not_found", str(error))

        @console.route("/api/cases/<case_id:int>/claim", methods=["POST"])
        @staff
        async def claim(request: Request, case_id: int) -> HTTPResponse:
            try:
                case = await asyncio.to_thread(
                    cases.claim_case, settings.database_url, case_id, request.ctx.staff_user
                )
            except cases.CaseError as error:
                return error_response(409, "conflict", str(error))
            await append_to_tracker(request, case["conversation_id"], ConversationPaused())
            name = request.ctx.staff.public_name()  # never the login name
            notice = text("handoff_started", name=name) if name else text("handoff_started_unnamed")
            await append_to_tracker(
                request, case["conversation_id"], BotUttered(notice, metadata={"caseworker": True})
            )
            await hub.publish(
                citizen_topic(case["conversation_id"]),
                {"type": "handoff", "status": "started", "text": notice},
            )
            return response.json(case)

        @console.route("/api/cases/<case_id:int>/messages", methods=["POST"])
        @staff
        async def reply(request: Request, case_id: int) -> HTTPResponse:
            body = request.json if isinstance(request.json, dict) else {}
            try:
                case = await asyncio.to_thread(cases.get_case, settings.database_url, case_id)
                if case["status"] != "claimed" or case["claimed_by"] != request.ctx.staff_user:
                    return error_response(409, "conflict", "Claim the case before replying.")
                stored = await asyncio.to_thread(
                    cases.add_message,
                    settings.database_url,
                    case_id,
                    "caseworker",
                    str(body.get("text") or ""),
                )
            except cases.CaseError as error:
                return error_response(400, "invalid_message", str(error))
            await append_to_tracker(
                request, case["conversation_id"], BotUttered(stored["text"], metadata={"caseworker": True})
            )
            await hub.publish(
                citizen_topic(case["conversation_id"]), {"text": stored["text"], "caseworker": True}
            )
            return response.json(stored, status=201)

        @console.route("/api/cases/<case_id:int>/close", methods=["POST"])
        @staff
        async def close(request: Request, case_id: int) -> HTTPResponse:
            try:
                case = await asyncio.to_thread(
                    cases.close_case, settings.database_url, case_id, request.ctx.staff_user
                )
            except cases.CaseError as error:
                return error_response(409, "conflict", str(error))
            notice = text("handoff_ended")
            await append_to_tracker(request, case["conversation_id"], ConversationResumed())
            await append_to_tracker(
                request, case["conversation_id"], BotUttered(notice, metadata={"caseworker": False})
            )
            await hub.publish(
                citizen_topic(case["conversation_id"]), {"type": "handoff", "status": "ended", "text": notice}
            )
            return response.json(case)

        @console.route("/api/events", methods=["GET"])
        @staff
        async def events(request: Request) -> HTTPResponse | ResponseStream:
            async def stream(resp: Any) -> None:
                async for chunk in hub.stream(CONSOLE_TOPIC):
                    await resp.write(chunk)

            return response.stream(
                stream, content_type="text/event-stream", headers={"Cache-Control": "no-cache"}
            )

        return console
