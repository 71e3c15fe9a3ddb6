"""Staff accounts, their roles and password checks (no web framework here).

``WEGWIJZER_STAFF_ACCOUNTS`` lists accounts separated by commas; each is

    login:secret[:roles[:display name]]

- ``secret``: ``pbkdf2_sha256$iterations$salt$hex`` (``wegwijzer staff-password`` makes one); a
  plain password is accepted in development only;
- ``roles``: ``+``-separated, from ``ROLES`` (default: frontdesk+caseworker+designer);
- ``display name``: what a citizen sees when this person takes over a chat ("An"); without one,
  the citizen reads "een medewerker", never the login name.

Without the variable, development has one account ``demo`` / ``demo`` that works from this machine
only (loopback); production refuses to start the staff pages.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from bot.settings import environment, is_production

ROLES = ("frontdesk", "caseworker", "designer", "admin")
"""frontdesk: the counter script; caseworker: the live-chat console; designer: reports and
feedback; admin: everything."""
DEFAULT_ROLES = frozenset({"frontdesk", "caseworker", "designer"})
DEFAULT_ITERATIONS = 310_000
"""OWASP's 2023 figure for PBKDF2-HMAC-SHA256."""
MIN_ITERATIONS = 100_000
_LOGIN_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_DUMMY = f"pbkdf2_sha256${DEFAULT_ITERATIONS}$dummy-salt-for-unknown-users$" + "0" * 64
"""Checked for unknown logins, so they cost as much time as known ones."""


class AuthConfigError(RuntimeError):
    """Staff accounts are missing or malformed (the message says which entry and why)."""


@dataclass(frozen=True)
class StaffAccount:
    login: str
    secret: str
    roles: frozenset[str]
    display_name: str = ""
    loopback_only: bool = False
    """The development account: only for requests from this machine."""

    def may(self, role: str) -> bool:
        return "admin" in self.roles or role in self.roles

    def public_name(self) -> str:
        """The name a citizen may see (never the login)."""
        return self.display_name


@dataclass(frozen=True)
class Accounts:
    by_login: dict[str, StaffAccount]
    development: bool

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Accounts:
        env = environment(env)
        production = is_production(env)
        raw = env.get("WEGWIJZER_STAFF_ACCOUNTS", "").strip()
        if not raw:
            if production:
                raise AuthConfigError(
                    "WEGWIJZER_STAFF_ACCOUNTS must be set in production (there is no default "
                    "account). Make a hash with: wegwijzer staff-password LOGIN"
                )
            demo = StaffAccount("demo", "demo", frozenset(ROLES), "Demo", loopback_only=True)
            return cls({"demo": demo}, development=True)
        accounts: dict[str, StaffAccount] = {}
        for number, entry in enumerate((part.strip() for part in raw.split(",")), start=1):
            if not entry:
                continue
            account = parse_account(entry, number, production)
            if account.login in accounts:
                raise AuthConfigError(
                    f"WEGWIJZER_STAFF_ACCOUNTS entry {number}: login {account.login!r} is listed twice"
                )
            accounts[account.login] = account
        return cls(accounts, development=not production)

    def get(self, login: str) -> StaffAccount | None:
        return self.by_login.get(login)


def parse_account(entry: str, number: int, production: bool) -> StaffAccount:
    """One ``login:secret[:roles[:display name]]`` entry; a clear error names the entry."""
    where = f"WEGWIJZER_STAFF_ACCOUNTS entry {number}"
    parts = entry.split(":", 3)
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise AuthConfigError(f"{where}: write it as login:secret[:roles[:display name]]")
    login, secret = parts[0].strip(), parts[1].strip()
    if not _LOGIN_RE.match(login):
        raise AuthConfigError(f"{where}: the login may hold 1-64 letters, digits, '.', '_' or '-'")
    if secret.startswith("pbkdf2_sha256$"):
        _check_hash(secret, where)
    elif production:
        raise AuthConfigError(
            f"{where} ({login}): production needs a password hash, not a plain password "
            f"(wegwijzer staff-password {login})"
        )
    roles = DEFAULT_ROLES
    if len(parts) >= 3 and parts[2].strip():
        roles = frozenset(role.strip() for role in parts[2].split("+") if role.strip())
        unknown = sorted(roles - set(ROLES))
        if unknown:
            raise AuthConfigError(
                f"{where} ({login}): unknown role(s) {', '.join(unknown)}; use {', '.join(ROLES)}"
            )
    display_name = parts[3].strip() if len(parts) == 4 else ""
    if len(display_name) > 60:
        raise AuthConfigError(f"{where} ({login}): the display name is longer than 60 characters")
    return StaffAccount(login, secret, roles, display_name)


def _check_hash(secret: str, where: str) -> None:
    try:
        _, iterations, salt, digest = secret.split("$", 3)
        valid = int(iterations) >= MIN_ITERATIONS and salt and len(digest) == 64 and int(digest, 16) >= 0
    except ValueError:
        valid = False
    if not valid:
        raise AuthConfigError(
            f"{where}: a hash must read pbkdf2_sha256$<iterations ≥ {MIN_ITERATIONS}>$<salt>$"
            "<64 hex digits> (wegwijzer staff-password makes one)"
        )


def hash_password(password: str, salt: str | None = None, iterations: int = DEFAULT_ITERATIONS) -> str:
    """The ``pbkdf2_sha256$...`` form for ``WEGWIJZER_STAFF_ACCOUNTS``."""
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode("utf-8"), iterations).hex()
    return f"pbkdf2_sha256${iterations}${salt}${digest}"


def password_matches(secret: str | None, password: str) -> bool:
    """Constant-time check (in bytes, so any Unicode password works). ``secret=None`` (an unknown
    login) runs the same hash against a dummy and is always False. Slow by design: call it off
    the event loop."""
    stored = secret if secret is not None else _DUMMY
    given = password.encode("utf-8", "surrogatepass")
    if stored.startswith("pbkdf2_sha256$"):
        _, iterations, salt, expected = stored.split("$", 3)
        digest = hashlib.pbkdf2_hmac("sha256", given, salt.encode("utf-8"), int(iterations)).hex()
        return hmac.compare_digest(digest.encode(), expected.encode()) and secret is not None
    # A plain development password: still hash both sides so the time does not depend on it.
    return hmac.compare_digest(
        hashlib.sha256(given).digest(), hashlib.sha256(stored.encode("utf-8", "surrogatepass")).digest()
    )
