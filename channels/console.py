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
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.core.events import BotUttered, ConversationPaused, ConversationResumed, SlotSet
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from bot.handoff import cases, queue
from bot.knowledge.knowledge_base import load_knowledge_base
from bot.knowledge.texts import text
from bot.settings import Settings
from bot.staff.accounts import AuthConfigError
from channels.auth import require_role, staff_auth
from channels.handoff_citizen import SLOT_CASE, TypingThrottle
from channels.live_chat import append_to_tracker, conversation_transcript
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
        throttle = TypingThrottle()

        @console.route("/", methods=["GET"])
        @staff
        async def page(request: Request) -> HTTPResponse:
            return static_file(STATIC_DIR, "index.html")

        @console.route("/static/<filename>", methods=["GET"])
        @staff
        async def static(request: Request, filename: str) -> HTTPResponse:
            return static_file(STATIC_DIR, filename)

        def titled(case: dict[str, Any]) -> dict[str, Any]:
            """Adds the life events' titles and whether the case is the caller's own."""
            titles = event_titles(settings)
            case["life_event_titles"] = [titles.get(e, e) for e in case.get("life_events", [])]
            return case

        def refused(error: cases.CaseError) -> HTTPResponse:
            status = {"not_found": 404, "invalid": 400, "invalid_message": 400}.get(error.code, 409)
            return error_response(status, error.code, str(error))

        @console.route("/api/cases", methods=["GET"])
        @staff
        async def list_cases(request: Request) -> HTTPResponse:
            found = await asyncio.to_thread(cases.list_cases, settings.database_url)
            return response.json([mark_own(titled(c), request) for c in found])

        @console.route("/api/cases/<case_id:int>", methods=["GET"])
        @staff
        async def get_case(request: Request, case_id: int) -> HTTPResponse:
            try:
                case = await asyncio.to_thread(cases.get_case, settings.database_url, case_id)
            except cases.CaseError as error:
                return refused(error)
            case["transcript"] = await conversation_transcript(
                request, case["conversation_id"], case["created_at"]
            )
            case["unanswered"] = queue.unanswered(case)
            return response.json(mark_own(titled(case), request))

        @console.route("/api/cases/<case_id:int>/claim", methods=["POST"])
        @staff
        async def claim(request: Request, case_id: int) -> HTTPResponse:
            try:
                before = await asyncio.to_thread(cases.get_case, settings.database_url, case_id)
                case = await asyncio.to_thread(
                    cases.claim_case, settings.database_url, case_id, request.ctx.staff_user
                )
            except cases.CaseError as error:
                return refused(error)
            if before["status"] == "claimed":  # claimed again by its owner: nothing to announce
                return response.json(mark_own(titled(case), request))
            await append_to_tracker(request, case["conversation_id"], ConversationPaused())
            name = request.ctx.staff.public_name()  # never the login name
            notice = text("handoff_started", name=name) if name else text("handoff_started_unnamed")
            await append_to_tracker(
                request,
                case["conversation_id"],
                BotUttered(notice, metadata={"caseworker": True, "caseworker_name": name}),
            )
            await hub.publish(
                citizen_topic(case["conversation_id"]),
                {"type": "handoff", "status": "started", "text": notice, "caseworker_name": name},
            )
            await hub.publish(CONSOLE_TOPIC, {"type": "case", "case_id": case_id, "status": "claimed"})
            return response.json(mark_own(titled(case), request))

        @console.route("/api/cases/<case_id:int>/messages", methods=["POST"])
        @staff
        async def reply(request: Request, case_id: int) -> HTTPResponse:
            body = request.json if isinstance(request.json, dict) else {}
            try:
                case = await asyncio.to_thread(cases.get_case, settings.database_url, case_id)
                queue.check_owner(case, request.ctx.staff_user)
            except cases.CaseError as error:
                return refused(error)
            try:
                stored = await asyncio.to_thread(
                    cases.add_message,
                    settings.database_url,
                    case_id,
                    "caseworker",
                    str(body.get("text") or ""),
                )
            except cases.CaseError as error:
                return error_response(400, "invalid_message", str(error))
            name = request.ctx.staff.public_name()
            await append_to_tracker(
                request,
                case["conversation_id"],
                BotUttered(stored["text"], metadata={"caseworker": True, "caseworker_name": name}),
            )
            await hub.publish(
                citizen_topic(case["conversation_id"]),
                {"text": stored["text"], "caseworker": True, "caseworker_name": name},
            )
            return response.json(stored, status=201)

        @console.route("/api/cases/<case_id:int>/typing", methods=["POST"])
        @staff
        async def typing(request: Request, case_id: int) -> HTTPResponse:
            try:
                case = await asyncio.to_thread(cases.get_case, settings.database_url, case_id)
                queue.check_owner(case, request.ctx.staff_user)
            except cases.CaseError as error:
                return refused(error)
            if not throttle.allow(f"{case_id}:{request.ctx.staff_user}"):
                return response.json({"sent": False})
            await hub.publish(
                citizen_topic(case["conversation_id"]),
                {"type": "typing", "caseworker_name": request.ctx.staff.public_name()},
            )
            return response.json({"sent": True})

        @console.route("/api/cases/<case_id:int>/close", methods=["POST"])
        @staff
        async def close(request: Request, case_id: int) -> HTTPResponse:
            body = request.json if isinstance(request.json, dict) else {}
            try:
                case = await asyncio.to_thread(
                    cases.close_case,
                    settings.database_url,
                    case_id,
                    request.ctx.staff_user,
                    body.get("force") is True,
                )
            except cases.CaseError as error:
                return refused(error)
            notice = text("handoff_ended")
            await append_to_tracker(request, case["conversation_id"], ConversationResumed())
            await append_to_tracker(request, case["conversation_id"], SlotSet(SLOT_CASE, None))
            await append_to_tracker(
                request, case["conversation_id"], BotUttered(notice, metadata={"caseworker": False})
            )
            await hub.publish(
                citizen_topic(case["conversation_id"]), {"type": "handoff", "status": "ended", "text": notice}
            )
            await hub.publish(CONSOLE_TOPIC, {"type": "case", "case_id": case_id, "status": "closed"})
            return response.json(mark_own(titled(case), request))

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


def mark_own(case: dict[str, Any], request: Request) -> dict[str, Any]:
    """``mine``: the caller has claimed this case (only they may reply or close it);
    ``claimed_by_name``: the owner's display name for colleagues (the login when it has none)."""
    case["mine"] = case.get("status") == "claimed" and case.get("claimed_by") == request.ctx.staff_user
    case["claimed_by_name"] = staff_name(case.get("claimed_by"))
    return case


def staff_name(login: str | None) -> str | None:
    """The display name of a staff login, else the login itself."""
    if not login:
        return None
    try:
        account = staff_auth(Settings.from_env().database_url).accounts.get(login)
    except AuthConfigError:
        return login
    return (account.display_name if account else "") or login


@lru_cache(maxsize=2)
def _titles(folder: str) -> dict[str, str]:
    kb = load_knowledge_base(Path(folder))
    return {event_id: kb.events[event_id].title for event_id in kb.events}


def event_titles(settings: Settings) -> dict[str, str]:
    """Life event id -> its title in the knowledge base (empty when it cannot be read)."""
    try:
        return _titles(str(settings.knowledge_base_dir))
    except Exception:  # noqa: BLE001 - the console still works with the raw ids
        logger.exception("The knowledge base could not be read for the console")
        return {}
