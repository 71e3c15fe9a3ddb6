"""Authenticated pages for service designers: the report, the redacted transcript of a conversation
it lists, and the annotation of unrecognised messages.

Mounted by Rasa at ``/webhooks/reports/``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.insights.analytics import build_report
from bot.insights.feedback import AnnotationError, annotate, export_annotations_as_nlu, list_unrecognised
from bot.insights.journey_shape import journey_shapes_from_knowledge_base, step_titles
from bot.insights.priorities import previous_period
from bot.insights.report import PAGE_STYLE, render_html
from bot.insights.transcript import PSEUDONYM_RE, conversation_label, find_transcript
from bot.insights.transcript_page import TRANSCRIPT_STYLE, render_transcript
from bot.knowledge.knowledge_base import load_knowledge_base
from bot.settings import Settings
from channels.auth import require_role
from channels.responses import error_response
from channels.security import staff_guard

DEFAULT_PERIOD_DAYS = 30


def _period(request: Request) -> tuple[dt.date, dt.date]:
    today = dt.datetime.now(dt.timezone.utc).date()
    date_to = dt.date.fromisoformat(request.args.get("to", today.isoformat()))
    date_from = dt.date.fromisoformat(
        request.args.get("from", (date_to - dt.timedelta(days=DEFAULT_PERIOD_DAYS)).isoformat())
    )
    if date_from > date_to:
        raise ValueError("'from' is after 'to'")
    return date_from, date_to


class ReportsInput(InputChannel):
    """Report and annotation pages for service designers."""

    @classmethod
    def name(cls) -> str:
        return "reports"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        reports = Blueprint("wegwijzer_reports", __name__)
        staff_guard(reports, inline_styles=(PAGE_STYLE, TRANSCRIPT_STYLE))
        staff = require_role("designer")
        settings = Settings.from_env()

        @reports.route("/", methods=["GET"])
        @staff
        async def report_page(request: Request) -> HTTPResponse:
            try:
                date_from, date_to = _period(request)
            except ValueError as error:
                return error_response(400, "invalid_period", f"Use ?from=YYYY-MM-DD&to=YYYY-MM-DD ({error}).")
            kb = load_knowledge_base(settings.knowledge_base_dir)

            def build() -> str:
                journeys = journey_shapes_from_knowledge_base(kb)
                report = build_report(settings.database_url, date_from, date_to, step_order=journeys)
                previous = build_report(
                    settings.database_url, *previous_period(date_from, date_to), step_order=journeys
                )
                return render_html(
                    report,
                    titles={e.id: e.title for e in kb.events.values()},
                    previous=previous,
                    step_titles=step_titles(journeys),
                    transcript_base="transcript/",
                )

            return response.html(_with_session_bar(await asyncio.to_thread(build)))

        @reports.route("/transcript/<pseudonym>", methods=["GET"])
        @staff
        async def transcript(request: Request, pseudonym: str) -> HTTPResponse:
            if not PSEUDONYM_RE.match(pseudonym):
                return error_response(404, "unknown_conversation", "No conversation with this pseudonym.")
            found = await asyncio.to_thread(find_transcript, settings.database_url, pseudonym)
            page = render_transcript(found, conversation_label(pseudonym), back_href="../")
            return response.html(_with_session_bar(page), status=200 if found else 404)

        @reports.route("/api/unrecognised", methods=["GET"])
        @staff
        async def unrecognised(request: Request) -> HTTPResponse:
            only_open = request.args.get("all") is None
            return response.json(await asyncio.to_thread(list_unrecognised, settings.database_url, only_open))

        @reports.route("/api/unrecognised/<message_id:int>", methods=["POST"])
        @staff
        async def label(request: Request, message_id: int) -> HTTPResponse:
            body = request.json if isinstance(request.json, dict) else {}
            try:
                await asyncio.to_thread(annotate, settings.database_url, message_id, body.get("life_event"))
            except AnnotationError as error:
                return error_response(400, "invalid_annotation", str(error))
            return response.json({"id": message_id, "life_event": body.get("life_event")})

        @reports.route("/api/annotations.yml", methods=["GET"])
        @staff
        async def export(request: Request) -> HTTPResponse:
            text = await asyncio.to_thread(export_annotations_as_nlu, settings.database_url)
            return response.text(text, content_type="text/yaml; charset=utf-8")

        return reports


SESSION_BAR = (
    '<link rel="stylesheet" href="/webhooks/staff/static/staff.css">'
    '<div class="staff-session" data-staff-session><span data-staff-name></span>'
    '<button type="button" data-staff-logout>Afmelden</button></div>'
    '<script type="module" src="/webhooks/staff/static/session.js"></script>'
)


def _with_session_bar(page: str) -> str:
    """The report with who is logged in and a logout button (scripts only from this site)."""
    return page.replace("<body>", "<body>" + SESSION_BAR, 1)
