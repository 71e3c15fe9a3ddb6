"""Saved links to a plan ("Bewaar een link"): what is needed to rebuild the plan, under a long
random token, until it expires.

Stored: the life event id, the answers to its questions (option values from the knowledge base,
never text the person typed) and the event date the deadlines count from. No conversation id, no
municipality, no name. The token itself is not stored, only its SHA-256, so a copy of the
database opens no plan.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Column, Date, DateTime, String, Text, select

from bot.store import Base, session_scope

TOKEN_BYTES = 32
"""``secrets.token_urlsafe(32)``: 43 characters, 256 random bits."""
DEFAULT_DAYS = 30
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class SavedPlanRecord(Base):
    """One saved link: the plan's inputs, found by the hash of the token in the link."""

    __tablename__ = "saved_plans"

    token_hash = Column(String(64), primary_key=True)
    event_id = Column(String(64), nullable=False)
    answers = Column(Text, nullable=False)
    event_date = Column(Date, nullable=True)
    created_at = Column(DateTime, nullable=False)
    expires_at = Column(DateTime, nullable=False, index=True)


@dataclass(frozen=True)
class SavedPlan:
    event_id: str
    answers: dict[str, str]
    event_date: dt.date | None
    created_at: dt.datetime
    expires_at: dt.datetime


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def looks_like_token(token: str) -> bool:
    """A token this module could have made (checked before any database look-up)."""
    return 40 <= len(token) <= 64 and set(token) <= _TOKEN_CHARS


def link_days(raw: str) -> int:
    """``WEGWIJZER_PLAN_LINK_DAYS``: 1 to 366 days, 30 when not set."""
    if not raw.strip():
        return DEFAULT_DAYS
    try:
        days = int(raw)
    except ValueError as error:
        raise ValueError(f"WEGWIJZER_PLAN_LINK_DAYS must be a whole number, got {raw!r}") from error
    if not 1 <= days <= 366:
        raise ValueError(f"WEGWIJZER_PLAN_LINK_DAYS must be between 1 and 366, got {days}")
    return days


def save_plan(
    database_url: str,
    event_id: str,
    answers: Mapping[str, str],
    event_date: dt.date | None,
    days: int = DEFAULT_DAYS,
    now: dt.datetime | None = None,
) -> tuple[str, dt.datetime]:
    """Stores the plan's inputs; returns the new token (shown once, in the link) and its expiry."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    created = now or _now()
    expires = created + dt.timedelta(days=days)
    with session_scope(database_url) as session:
        session.add(
            SavedPlanRecord(
                token_hash=token_hash(token),
                event_id=event_id,
                answers=json.dumps(dict(answers), sort_keys=True),
                event_date=event_date,
                created_at=created,
                expires_at=expires,
            )
        )
    return token, expires


def load_plan(database_url: str, token: str, now: dt.datetime | None = None) -> SavedPlan | None:
    """The saved plan behind a token; None when the token is unknown or the link expired."""
    if not looks_like_token(token):
        return None
    with session_scope(database_url) as session:
        record = session.execute(
            select(SavedPlanRecord).where(SavedPlanRecord.token_hash == token_hash(token))
        ).scalar_one_or_none()
        if record is None or record.expires_at <= (now or _now()):
            return None
        try:
            answers = json.loads(record.answers)
        except ValueError:
            answers = {}
        return SavedPlan(
            event_id=record.event_id,
            answers={str(k): str(v) for k, v in answers.items()} if isinstance(answers, dict) else {},
            event_date=record.event_date,
            created_at=record.created_at,
            expires_at=record.expires_at,
        )
