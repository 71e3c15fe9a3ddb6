"""Front desk: a page and JSON API for counter staff, mounted by Rasa at ``/webhooks/frontdesk/``.

Staff describe the situation (the running model classifies it; every situation found is proposed,
and the ones kept become one merged plan) or pick one of the 20 life events, answer the questions
that change the plan, and print the personalised plan for the citizen. Every route needs a staff
login with the frontdesk role (``channels.auth``). The work itself is done by
``channels.frontdesk_plan`` and ``channels.frontdesk_situations`` over ``bot/``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import frontdesk_plan as desk
from channels import frontdesk_situations as situations
from channels.auth import require_role
from channels.responses import error_response, static_file
from channels.security import staff_guard

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static" / "frontdesk"
MAX_BODY_BYTES = 16_384
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
desk_error = functools.partial(error_response, headers=SECURITY_HEADERS)


def _json(data: Any) -> HTTPResponse:
    return response.json(data, headers=SECURITY_HEADERS, ensure_ascii=False)


class BodyTooLarge(desk.FrontDeskRequestError):
    """The request body is over MAX_BODY_BYTES (HTTP 413)."""


def _requestdesk_error(error: desk.FrontDeskRequestError) -> HTTPResponse:
    if isinstance(error, BodyTooLarge):
        return desk_error(413, "payload_too_large", str(error))
    return desk_error(400, "invalid_request", str(error))


def _body(request: Request) -> Any:
    """The JSON body; raises FrontDeskRequestError for a large or malformed one."""
    if len(request.body or b"") > MAX_BODY_BYTES:
        raise BodyTooLarge("payload", f"larger than {MAX_BODY_BYTES} bytes")
    try:
        return request.json
    except Exception:  # sanic raises InvalidUsage on malformed JSON
        raise desk.FrontDeskRequestError("payload", "the request body is not valid JSON") from None


class FrontDeskInput(InputChannel):
    """The counter staff's page; it sends nothing to the dialogue (no ``on_new_message``)."""

    @classmethod
    def name(cls) -> str:
        return "frontdesk"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        desk_bp = Blueprint("wegwijzer_frontdesk", __name__)
        staff_guard(desk_bp)
        staff_only = require_role("frontdesk")

        @desk_bp.route("/", methods=["GET"])
        @staff_only
        async def page(request: Request) -> HTTPResponse:
            return static_file(STATIC_DIR, "index.html", SECURITY_HEADERS)

        @desk_bp.route("/static/<filename>", methods=["GET"])
        @staff_only
        async def static(request: Request, filename: str) -> HTTPResponse:
            return static_file(STATIC_DIR, filename, SECURITY_HEADERS)

        @desk_bp.route("/api/events", methods=["GET"])
        @staff_only
        async def events(request: Request) -> HTTPResponse:
            return _json({"events": desk.events_index(desk.knowledge_base())})

        @desk_bp.route("/api/events/<event_id>", methods=["GET"])
        @staff_only
        async def event(request: Request, event_id: str) -> HTTPResponse:
            found = desk.knowledge_base().get(event_id)
            if found is None:
                return desk_error(
                    404, "unknown_event", "No life event with this id (GET api/events lists them)."
                )
            return _json(desk.event_details(found))

        @desk_bp.route("/api/municipalities", methods=["GET"])
        @staff_only
        async def municipalities(request: Request) -> HTTPResponse:
            return _json({"municipalities": desk.flemish_municipality_names()})

        @desk_bp.route("/api/plan", methods=["POST"])
        @staff_only
        async def plan(request: Request) -> HTTPResponse:
            try:
                plan_request = desk.parse_plan_request(_body(request), desk.knowledge_base())
            except desk.FrontDeskRequestError as error:
                return _requestdesk_error(error)
            return _json(desk.plan_response(plan_request))

        @desk_bp.route("/api/situations", methods=["POST"])
        @staff_only
        async def situations_plan(request: Request) -> HTTPResponse:
            try:
                combined = situations.parse_situations_request(_body(request), desk.knowledge_base())
            except desk.FrontDeskRequestError as error:
                return _requestdesk_error(error)
            return _json(situations.situations_plan_response(combined))

        @desk_bp.route("/api/classify", methods=["POST"])
        @staff_only
        async def classify(request: Request) -> HTTPResponse:
            try:
                payload = _body(request)
                if not isinstance(payload, dict) or set(payload) - {"text"}:
                    raise desk.FrontDeskRequestError("payload", 'send a JSON object {"text": ...}')
                text = desk.clean_situation_text(payload.get("text"))
            except desk.FrontDeskRequestError as error:
                return _requestdesk_error(error)
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or not agent.is_ready():
                return desk_error(503, "not_ready", "The model is still loading; try again shortly.")
            parsed = await agent.parse_message(text)
            kb = desk.knowledge_base()
            return _json(desk.classify_response(parsed, text, kb, desk.keyword_index()))

        return desk_bp
