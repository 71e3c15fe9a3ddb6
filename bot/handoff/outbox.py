"""Delivers new cases to a configured webhook (ticketing or live-chat system), exactly once.

The outbox row is written in the same transaction as the case, so nothing is lost when the
receiver is down or the process restarts. Each delivery carries an ``Idempotency-Key`` and an
HMAC-SHA256 signature over a timestamp and the body (``t=<unix>,v1=<hex>``, see ``verify``), so
a receiver can refuse replays; a delivered row is never sent again, and a receiver that
deduplicates on the key sees each case once even if a crash happens right after a successful POST.
Without a secret nothing is delivered in production (the worker logs why).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import time
from dataclasses import dataclass
from typing import Protocol

import requests
from sqlalchemy import select, update

from bot.handoff.models import OutboxItem, utcnow
from bot.settings import is_production
from bot.store import session_scope

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Wegwijzer-Signature"
TIMEOUT = (5.0, 10.0)
BASE_DELAY_SECONDS = 5.0
MAX_DELAY_SECONDS = 3600.0
LEASE_SECONDS = 60.0
REPLAY_WINDOW_SECONDS = 300
MIN_SECRET_LENGTH = 32


class WebhookNotConfigured(RuntimeError):
    """Production refuses to deliver cases without a (long enough) signing secret."""


class HttpPoster(Protocol):
    def post(self, url: str, data: bytes, headers: dict, timeout: tuple) -> requests.Response: ...


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    secret: str


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed: int = 0


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """``t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>``, as sent in :data:`SIGNATURE_HEADER`."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(
    secret: str, header: str, body: bytes, now: float | None = None, window: int = REPLAY_WINDOW_SECONDS
) -> bool:
    """What a receiver does (docs/handoff.md): the signature matches and its timestamp is at most
    ``window`` seconds away from now (an old, captured request cannot be replayed later)."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(fields["t"])
    except (ValueError, KeyError):
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > window:
        return False
    expected = sign(secret, body, timestamp).split(",v1=", 1)[1]
    return hmac.compare_digest(expected, fields.get("v1", ""))


def check_config(config: WebhookConfig, production: bool) -> None:
    """Raises ``WebhookNotConfigured`` when production would send cases unsigned or weakly signed."""
    if production and len(config.secret) < MIN_SECRET_LENGTH:
        raise WebhookNotConfigured(
            f"WEGWIJZER_HANDOFF_WEBHOOK_SECRET must hold at least {MIN_SECRET_LENGTH} "
            "characters in production; no case is delivered until it does."
        )


def backoff(attempts: int) -> dt.timedelta:
    """5 s, 10 s, 20 s, ... capped at one hour."""
    return dt.timedelta(seconds=min(BASE_DELAY_SECONDS * 2 ** max(attempts - 1, 0), MAX_DELAY_SECONDS))


def deliver_pending(
    database_url: str,
    config: WebhookConfig,
    http: HttpPoster | None = None,
    now: dt.datetime | None = None,
    batch: int = 20,
) -> DeliveryReport:
    """Posts every due, undelivered outbox item once; reschedules failures with backoff.
    Raises ``WebhookNotConfigured`` (and sends nothing) in production without a proper secret."""
    check_config(config, is_production())
    poster: HttpPoster = http or requests.Session()  # type: ignore[assignment]  # Session has post()
    now = now or utcnow()
    report = DeliveryReport()
    with session_scope(database_url) as session:
        due = (
            session.execute(
                select(OutboxItem.id)
                .where(OutboxItem.delivered.is_(False), OutboxItem.next_attempt_at <= now)
                .order_by(OutboxItem.id)
                .limit(batch)
            )
            .scalars()
            .all()
        )
    for item_id in due:
        with session_scope(database_url) as session:
            # Lease the row so that a second worker does not post it at the same time.
            leased = session.execute(
                update(OutboxItem)
                .where(
                    OutboxItem.id == item_id,
                    OutboxItem.delivered.is_(False),
                    OutboxItem.next_attempt_at <= now,
                )
                .values(next_attempt_at=now + dt.timedelta(seconds=LEASE_SECONDS))
            ).rowcount
            if not leased:
                continue
            item = session.get(OutboxItem, item_id)
            body, key = item.payload.encode("utf-8"), item.idempotency_key
        error = _post(poster, config, body, key)
        with session_scope(database_url) as session:
            item = session.get(OutboxItem, item_id)
            item.attempts += 1
            if error is None:
                item.delivered, item.delivered_at, item.last_error = True, utcnow(), None
                report.delivered += 1
            else:
                item.next_attempt_at = now + backoff(item.attempts)
                item.last_error = error[:500]
                report.failed += 1
                logger.warning("Hand-off delivery %s failed (attempt %s): %s", key, item.attempts, error)
    return report


def _post(http: HttpPoster, config: WebhookConfig, body: bytes, key: str) -> str | None:
    headers = {
        "Content-Type": "application/json",
        "Idempotency-Key": key,
        SIGNATURE_HEADER: sign(config.secret, body),
    }
    try:
        response = http.post(config.url, data=body, headers=headers, timeout=TIMEOUT)
    except requests.RequestException as error:
        return f"{type(error).__name__}: {error}"
    if 200 <= response.status_code < 300:
        return None
    return f"HTTP {response.status_code}"


def pending_count(database_url: str) -> int:
    """Undelivered outbox items (for monitoring)."""
    with session_scope(database_url) as session:
        return len(session.execute(select(OutboxItem.id).where(OutboxItem.delivered.is_(False))).all())
