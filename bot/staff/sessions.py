"""Server-side sessions of staff members (front desk, caseworkers, service designers).

The browser holds only a random token in an HttpOnly cookie; the database keeps its SHA-256, so a
database dump cannot be replayed as a login, and every replica sees a logout at once. A session
ends after ``IDLE_MINUTES`` without use or ``MAX_HOURS`` after login, whichever comes first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Column, DateTime, String, delete, select, update

from bot.store import Base, get_engine

IDLE_MINUTES = 60
MAX_HOURS = 10
TOUCH_SECONDS = 60
"""``last_seen_at`` is written at most once a minute per session (not on every request)."""


class StaffSession(Base):
    """One logged-in browser of a staff member; the token itself is never stored."""

    __tablename__ = "staff_sessions"

    token_hash = Column(String(64), primary_key=True)
    login = Column(String(64), nullable=False, index=True)
    created_at = Column(DateTime, nullable=False)
    last_seen_at = Column(DateTime, nullable=False)
    expires_at = Column(DateTime, nullable=False, index=True)


@dataclass(frozen=True)
class ActiveSession:
    login: str
    created_at: dt.datetime


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def create_session(database_url: str, login: str, now: dt.datetime | None = None) -> str:
    """Starts a session for ``login`` and returns its token (for the cookie only)."""
    now = now or _utcnow()
    token = secrets.token_urlsafe(32)
    table = StaffSession.__table__
    with get_engine(database_url).begin() as connection:
        connection.execute(
            table.insert().values(
                token_hash=_hash(token),
                login=login,
                created_at=now,
                last_seen_at=now,
                expires_at=now + dt.timedelta(hours=MAX_HOURS),
            )
        )
    return token


def find_session(database_url: str, token: str, now: dt.datetime | None = None) -> ActiveSession | None:
    """The session of a cookie token when it is still valid (and marks it as used); else None."""
    if not token or len(token) > 200:
        return None
    now = now or _utcnow()
    table = StaffSession.__table__
    key = _hash(token)
    with get_engine(database_url).begin() as connection:
        row = connection.execute(select(table).where(table.c.token_hash == key)).first()
        if row is None:
            return None
        if row.expires_at <= now or row.last_seen_at + dt.timedelta(minutes=IDLE_MINUTES) <= now:
            connection.execute(delete(table).where(table.c.token_hash == key))
            return None
        if (now - row.last_seen_at).total_seconds() >= TOUCH_SECONDS:
            connection.execute(update(table).where(table.c.token_hash == key).values(last_seen_at=now))
    return ActiveSession(row.login, row.created_at)


def end_session(database_url: str, token: str) -> bool:
    """Logs one browser out; True when there was such a session."""
    table = StaffSession.__table__
    with get_engine(database_url).begin() as connection:
        return (connection.execute(delete(table).where(table.c.token_hash == _hash(token))).rowcount or 0) > 0


def end_all_sessions(database_url: str, login: str) -> int:
    """Logs a staff member out everywhere (e.g. after a password change or a lost laptop)."""
    table = StaffSession.__table__
    with get_engine(database_url).begin() as connection:
        return max(connection.execute(delete(table).where(table.c.login == login)).rowcount or 0, 0)
