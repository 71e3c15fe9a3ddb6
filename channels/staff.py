"""Staff login and logout, mounted by Rasa at ``/webhooks/staff/`` (see ``channels.auth``).

- ``GET login``: the login page; ``POST login`` with JSON ``{"login", "password", "next"}``
  starts a session (HttpOnly, SameSite=Strict cookie) and answers where to go;
- ``POST logout``: ends the session on the server (every replica) and clears the cookie;
- ``GET me``: who is logged in (login, display name, roles) for the staff pages' header.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import Settings
from bot.staff import sessions as staff_sessions
from channels.auth import SESSION_COOKIE, AuthConfigError, LockedOut, StaffAuth, staff_auth
from channels.responses import error_response, static_file
from channels.security import staff_guard

STATIC_DIR = Path(__file__).resolve().parent / "static" / "staff"
PAGES = {
    "frontdesk": "/webhooks/frontdesk/",
    "caseworker": "/webhooks/console/",
    "designer": "/webhooks/reports/",
}
_NEXT_RE = re.compile(r"^/webhooks/(frontdesk|console|reports)/[\w\-./]*$")


class StaffLoginInput(InputChannel):
    """Login, logout and "who am I" for the staff pages."""

    @classmethod
    def name(cls) -> str:
        return "staff"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        staff = Blueprint("wegwijzer_staff", __name__)
        staff_guard(staff)
        settings = Settings.from_env()

        def auth() -> StaffAuth:
            return staff_auth(settings.database_url)

        @staff.route("/login", methods=["GET"])
        async def login_page(request: Request) -> HTTPResponse:
            return static_file(STATIC_DIR, "login.html")

        @staff.route("/static/<filename>", methods=["GET"])
        async def static(request: Request, filename: str) -> HTTPResponse:
            return static_file(STATIC_DIR, filename)

        @staff.route("/login", methods=["POST"])
        async def login(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:
                body = None
            if (
                not isinstance(body, dict)
                or not isinstance(body.get("login"), str)
                or not isinstance(body.get("password"), str)
                or len(body["password"]) > 200
            ):
                return error_response(400, "invalid_request", 'Send JSON {"login": ..., "password": ...}.')
            try:
                account = await auth().verify(request, body["login"].strip(), body["password"])
            except LockedOut as locked:
                return response.json(
                    {"error": "locked", "detail": "Too many failed logins; try again later."},
                    status=429,
                    headers={"Retry-After": str(locked.retry_after)},
                )
            except AuthConfigError:
                return error_response(
                    503, "staff_accounts_missing", "Staff accounts are not configured on this server."
                )
            if account is None:
                return error_response(401, "unauthorized", "Wrong login or password.")
            token = await asyncio.to_thread(
                staff_sessions.create_session, settings.database_url, account.login
            )
            wanted: str = body["next"] if isinstance(body.get("next"), str) else ""
            next_page = (
                wanted if _NEXT_RE.match(wanted or "") and ".." not in wanted else _home(account.roles)
            )
            resp = response.json({"next": next_page, "login": account.login, "name": account.display_name})
            auth().session_cookie(resp, request, token)
            return resp

        @staff.route("/logout", methods=["POST"])
        async def logout(request: Request) -> HTTPResponse:
            token = request.cookies.get(SESSION_COOKIE, "")
            if token:
                await asyncio.to_thread(staff_sessions.end_session, settings.database_url, token)
            resp = response.json({"logged_out": True})
            with contextlib.suppress(AuthConfigError):
                auth().session_cookie(resp, request, None)
            return resp

        @staff.route("/me", methods=["GET"])
        async def me(request: Request) -> HTTPResponse:
            try:
                account = await auth().from_request(request)
            except (LockedOut, AuthConfigError):
                account = None
            if account is None:
                return error_response(401, "unauthorized", "Log in as a staff member.")
            return response.json(
                {"login": account.login, "name": account.display_name, "roles": sorted(account.roles)}
            )

        return staff


def _home(roles: frozenset[str]) -> str:
    for role, page in PAGES.items():
        if role in roles or "admin" in roles:
            return page
    return PAGES["frontdesk"]
