"""Authentication for staff pages and APIs (front desk, caseworker console, reports).

Accounts come from ``WEGWIJZER_STAFF_ACCOUNTS`` as ``user:password`` pairs separated by commas
(or ``user:pbkdf2_sha256$iterations$salt$hash``). Without it, development mode has one account
``demo`` / ``demo`` so ``make run`` works at once; production mode (``WEGWIJZER_ENV=production``)
refuses to start staff pages without configured accounts.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import wraps
from typing import Any, Awaitable, Callable

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

DEV_ACCOUNT = ("demo", "demo")
REALM = "Wegwijzer medewerkers"


class AuthConfigError(RuntimeError):
    """Staff accounts are missing or malformed."""


@dataclass(frozen=True)
class Accounts:
    secrets: dict[str, str]
    development: bool

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Accounts":
        env = dict(os.environ if env is None else env)
        production = env.get("WEGWIJZER_ENV", "development").lower() == "production"
        raw = env.get("WEGWIJZER_STAFF_ACCOUNTS", "").strip()
        if not raw:
            if production:
                raise AuthConfigError("WEGWIJZER_STAFF_ACCOUNTS must be set in production (no default password).")
            return cls({DEV_ACCOUNT[0]: DEV_ACCOUNT[1]}, development=True)
        secrets = {}
        for pair in raw.split(","):
            user, sep, secret = pair.strip().partition(":")
            if not sep or not user or not secret:
                raise AuthConfigError("WEGWIJZER_STAFF_ACCOUNTS: each entry must be user:password")
            secrets[user] = secret
        return cls(secrets, development=not production)

    def check(self, user: str, password: str) -> bool:
        secret = self.secrets.get(user)
        if secret is None:
            hmac.compare_digest(password, "x" * len(password))  # same work for unknown users
            return False
        if secret.startswith("pbkdf2_sha256$"):
            _, iterations, salt, expected = secret.split("$", 3)
            digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), int(iterations)).hex()
            return hmac.compare_digest(digest, expected)
        return hmac.compare_digest(secret, password)


def hash_password(password: str, salt: str, iterations: int = 200_000) -> str:
    """The ``pbkdf2_sha256$...`` form for ``WEGWIJZER_STAFF_ACCOUNTS``."""
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations).hex()
    return f"pbkdf2_sha256${iterations}${salt}${digest}"


def authenticated_user(request: Request, accounts: Accounts) -> str | None:
    """The user of a valid HTTP Basic ``Authorization`` header, else None."""
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("basic "):
        return None
    try:
        user, _, password = base64.b64decode(header[6:].strip()).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return user if accounts.check(user, password) else None


def require_staff(accounts: Accounts) -> Callable:
    """Decorator for Sanic handlers: 401 with a Basic challenge unless a staff user logs in."""

    def decorator(handler: Callable[..., Awaitable[HTTPResponse]]) -> Callable[..., Awaitable[HTTPResponse]]:
        @wraps(handler)
        async def wrapper(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            user = authenticated_user(request, accounts)
            if user is None:
                return response.json({"error": "unauthorized", "detail": "Log in as a staff member."}, status=401,
                                     headers={"WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8"'})
            request.ctx.staff_user = user
            return await handler(request, *args, **kwargs)

        return wrapper

    return decorator
