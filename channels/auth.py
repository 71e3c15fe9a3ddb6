"""Staff authentication for the front desk, the caseworker console and the reports.

Browsers log in on ``/webhooks/staff/login`` and get a server-side session in an HttpOnly,
SameSite=Strict cookie (``bot.staff.sessions``); scripts and tests may send HTTP Basic instead.
No response asks the browser for Basic credentials, so a browser never keeps a password that
another site could make it send.

- Password hashes are checked off the event loop; a successful check is remembered for a few
  minutes (keyed by an HMAC of login and password, never the password itself).
- An unknown login costs the same hash as a known one, and any Unicode password works.
- Failed logins are counted per login and address, per address, and per login; over the limit the
  answer is 429 for ``LOCK_SECONDS``, and every failure and lock is logged (never the password).
- Every route names the role it needs (``bot.staff.accounts.ROLES``).
- The development account ``demo`` works only from this machine.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import secrets
import time
import urllib.parse
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import environment, is_production
from bot.staff import sessions as staff_sessions
from bot.staff.accounts import Accounts, AuthConfigError, StaffAccount, hash_password, password_matches
from channels.security import SecurityConfig, client_address, is_loopback_request

__all__ = ["Accounts", "AuthConfigError", "StaffAuth", "hash_password", "LOGIN_PATH", "SESSION_COOKIE"]

logger = logging.getLogger(__name__)

SESSION_COOKIE = "wegwijzer_staff"
LOGIN_PATH = "/webhooks/staff/login"
VERIFIED_SECONDS = 300
"""How long a checked login and password are remembered (Basic clients send them on every call)."""
FAILURE_WINDOW_SECONDS = 15 * 60
LOCK_SECONDS = 15 * 60
MAX_FAILURES = {"pair": 5, "client": 20, "login": 50}
"""Failures in the window before a lock: per login from one address, per address, per login."""


class LockedOut(Exception):
    """Too many failed logins; ``retry_after`` seconds to wait."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass
class LoginThrottle:
    """Counts failed logins in a sliding window and locks what goes over ``MAX_FAILURES``.
    Per process: with several replicas an attacker gets each replica's allowance (docs/security.md)."""

    clock: Callable[[], float] = time.monotonic
    failures: dict[tuple[str, ...], deque] = field(default_factory=dict)
    locked_until: dict[tuple[str, ...], float] = field(default_factory=dict)

    @staticmethod
    def keys(login: str, client: str) -> dict[str, tuple[str, ...]]:
        return {"pair": ("pair", login, client), "client": ("client", client), "login": ("login", login)}

    def check(self, login: str, client: str) -> None:
        now = self.clock()
        waits = [
            until - now
            for key in self.keys(login, client).values()
            if (until := self.locked_until.get(key, 0.0)) > now
        ]
        if waits:
            raise LockedOut(int(max(waits)) + 1)

    def failed(self, login: str, client: str) -> None:
        now = self.clock()
        for kind, key in self.keys(login, client).items():
            recent = self.failures.setdefault(key, deque())
            while recent and recent[0] <= now - FAILURE_WINDOW_SECONDS:
                recent.popleft()
            recent.append(now)
            if len(recent) >= MAX_FAILURES[kind] and self.locked_until.get(key, 0.0) <= now:
                self.locked_until[key] = now + LOCK_SECONDS
                logger.warning(
                    "Staff login locked for %d minutes (%s %s: %d failures in %d minutes)",
                    LOCK_SECONDS // 60,
                    kind,
                    " ".join(key[1:]),
                    len(recent),
                    FAILURE_WINDOW_SECONDS // 60,
                )
        if len(self.failures) > 50_000:  # forget quiet keys so memory stays bounded
            for key in [
                k for k, hits in self.failures.items() if not hits or hits[-1] <= now - FAILURE_WINDOW_SECONDS
            ]:
                del self.failures[key]

    def succeeded(self, login: str, client: str) -> None:
        self.failures.pop(("pair", login, client), None)


class StaffAuth:
    """Checks staff credentials and sessions; one per process, shared by every staff channel."""

    def __init__(
        self, accounts: Accounts, database_url: str, security: SecurityConfig, production: bool = False
    ) -> None:
        self.accounts, self.database_url, self.security, self.production = (
            accounts,
            database_url,
            security,
            production,
        )
        self.throttle = LoginThrottle()
        self._verified: dict[bytes, tuple[str, float]] = {}
        self._cache_key = secrets.token_bytes(32)

    async def verify(self, request: Request, login: str, password: str) -> StaffAccount | None:
        """The account for a login and password, or None; raises ``LockedOut`` when throttled."""
        client = client_address(request, self.security)
        login = login[:64]
        self.throttle.check(login, client)
        account = self.accounts.get(login)
        if account is not None and account.loopback_only and not is_loopback_request(request):
            account = None  # the development account does not exist for other machines
        key = hmac.new(
            self._cache_key, f"{login}\0{password}".encode("utf-8", "surrogatepass"), hashlib.sha256
        ).digest()
        cached = self._verified.get(key)
        if account is not None and cached and cached[0] == login and cached[1] > time.monotonic():
            return account
        ok = await asyncio.to_thread(password_matches, account.secret if account else None, password)
        if not ok or account is None:
            self.throttle.failed(login, client)
            logger.warning("Staff login failed for %r from %s", login, client)
            return None
        self.throttle.succeeded(login, client)
        if len(self._verified) > 1000:
            self._verified.clear()
        self._verified[key] = (login, time.monotonic() + VERIFIED_SECONDS)
        return account

    async def from_request(self, request: Request) -> StaffAccount | None:
        """The staff member of a session cookie or a Basic header; None when there is neither."""
        token = request.cookies.get(SESSION_COOKIE, "")
        if token:
            session = await asyncio.to_thread(staff_sessions.find_session, self.database_url, token)
            account = self.accounts.get(session.login) if session else None
            if account is not None and not (account.loopback_only and not is_loopback_request(request)):
                return account
        basic = _basic_credentials(request)
        if basic is not None:
            return await self.verify(request, *basic)
        return None

    def require(self, role: str) -> Callable:
        """Decorator for Sanic handlers: a logged-in staff member with ``role`` (or admin)."""

        def decorator(
            handler: Callable[..., Awaitable[HTTPResponse]],
        ) -> Callable[..., Awaitable[HTTPResponse]]:
            @wraps(handler)
            async def wrapper(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
                try:
                    account = await self.from_request(request)
                except LockedOut as locked:
                    return response.json(
                        {"error": "locked", "detail": "Too many failed logins; try again later."},
                        status=429,
                        headers={"Retry-After": str(locked.retry_after)},
                    )
                if account is None:
                    if _wants_page(request):
                        target = urllib.parse.quote(request.path, safe="/")
                        return response.redirect(f"{LOGIN_PATH}?next={target}", status=303)
                    return response.json(
                        {"error": "unauthorized", "detail": "Log in as a staff member."}, status=401
                    )
                if not account.may(role):
                    logger.info("Staff member %r without role %s asked %s", account.login, role, request.path)
                    if _wants_page(request):
                        return response.html(FORBIDDEN_PAGE.read_text(encoding="utf-8"), status=403)
                    return response.json(
                        {"error": "forbidden", "detail": f"This needs the {role} role."}, status=403
                    )
                request.ctx.staff = account
                request.ctx.staff_user = account.login
                return await handler(request, *args, **kwargs)

            return wrapper

        return decorator

    def session_cookie(self, resp: HTTPResponse, request: Request, token: str | None) -> None:
        """Sets (or, with ``token=None``, clears) the session cookie on ``resp``."""
        resp.cookies[SESSION_COOKIE] = token or ""
        cookie = resp.cookies[SESSION_COOKIE]
        cookie["httponly"] = True
        cookie["samesite"] = "Strict"
        cookie["path"] = "/webhooks/"
        cookie["max-age"] = staff_sessions.MAX_HOURS * 3600 if token else 0
        if (
            self.production
            or request.scheme == "https"
            or request.headers.get("x-forwarded-proto") == "https"
        ):
            cookie["secure"] = True


FORBIDDEN_PAGE = Path(__file__).resolve().parent / "static" / "staff" / "forbidden.html"
"""The page a staff member sees without the role a page needs."""

_shared: dict[tuple, StaffAuth] = {}


def staff_auth(database_url: str, env: dict[str, str] | None = None) -> StaffAuth:
    """The process's ``StaffAuth`` (one throttle and one cache for every staff channel).
    Raises ``AuthConfigError`` when the accounts are missing (production) or malformed."""
    env = environment(env)
    key = (
        database_url,
        env.get("WEGWIJZER_STAFF_ACCOUNTS", ""),
        env.get("WEGWIJZER_ENV", ""),
        env.get("WEGWIJZER_TRUSTED_PROXIES", ""),
    )
    if key not in _shared:
        _shared[key] = StaffAuth(
            Accounts.from_env(env),
            database_url,
            SecurityConfig.from_env(env),
            production=is_production(env),
        )
    return _shared[key]


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("basic "):
        return None
    try:
        login, separator, password = base64_decode(header[6:].strip()).partition(":")
    except ValueError:
        return None
    return (login, password) if separator else None


def base64_decode(value: str) -> str:
    import base64
    import binascii

    try:
        return base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as error:
        raise ValueError("not base64 UTF-8") from error


def _wants_page(request: Request) -> bool:
    """A browser navigating to a page (not a script calling an API)."""
    return (
        request.method == "GET"
        and "text/html" in request.headers.get("accept", "")
        and "/api/" not in request.path
        and "/static/" not in request.path
    )


def require_role(role: str) -> Callable:
    """``StaffAuth.require(role)`` with this process's settings. When the staff accounts are
    missing (production) or malformed, every staff route answers 503 and the reason is logged, so
    the citizen side keeps working while an operator fixes the configuration."""
    from bot.settings import Settings

    try:
        return staff_auth(Settings.from_env().database_url).require(role)
    except AuthConfigError as error:
        logger.error("Staff pages disabled: %s", error)

        def refuse_all(
            handler: Callable[..., Awaitable[HTTPResponse]],
        ) -> Callable[..., Awaitable[HTTPResponse]]:
            @wraps(handler)
            async def refuse(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
                return response.json(
                    {
                        "error": "staff_accounts_missing",
                        "detail": "Staff accounts are not configured on this server.",
                    },
                    status=503,
                )

            return refuse

        return refuse_all
