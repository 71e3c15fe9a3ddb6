"""Delivers new cases to a configured webhook (ticketing or live-chat system), exactly once.

The outbox row is written in the same transaction as the case, so nothing is lost when the
receiver is down or the process restarts. Each delivery carries an ``Idempotency-Key`` and an
HMAC-SHA256 signature; a delivered row is never sent again, and a receiver that deduplicates
on the key sees each case once even if a crash happens right after a successful POST.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
from dataclasses import dataclass
from typing import Protocol

import requests
from sqlalchemy import select, update

from bot.handoff.models import OutboxItem, utcnow
from bot.store import session_scope

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Wegwijzer-Signature"
TIMEOUT = (5.0, 10.0)
BASE_DELAY_SECONDS = 5.0
MAX_DELAY_SECONDS = 3600.0
LEASE_SECONDS = 60.0


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


def sign(secret: str, body: bytes) -> str:
    """``sha256=<hex>`` HMAC of the body, as sent in :data:`SIGNATURE_HEADER`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def backoff(attempts: int) -> dt.timedelta:
    """5 s, 10 s, 20 s, ... capped at one hour."""
    return dt.timedelta(seconds=min(BASE_DELAY_SECONDS * 2 ** max(attempts - 1, 0), MAX_DELAY_SECONDS))


def deliver_pending(database_url: str, config: WebhookConfig, http: HttpPoster | None = None,
                    now: dt.datetime | None = None, batch: int = 20) -> DeliveryReport:
    """Posts every due, undelivered outbox item once; reschedules failures with backoff."""
    http = http or requests.Session()
    now = now or utcnow()
    report = DeliveryReport()
    with session_scope(database_url) as session:
        due = session.execute(
            select(OutboxItem.id).where(OutboxItem.delivered.is_(False), OutboxItem.next_attempt_at <= now)
            .order_by(OutboxItem.id).limit(batch)
        ).scalars().all()
    for item_id in due:
        with session_scope(database_url) as session:
            # Lease the row so that a second worker does not post it at the same time.
            leased = session.execute(
                update(OutboxItem).where(OutboxItem.id == item_id, OutboxItem.delivered.is_(False),
                                         OutboxItem.next_attempt_at <= now)
                .values(next_attempt_at=now + dt.timedelta(seconds=LEASE_SECONDS))
            ).rowcount
            if not leased:
                continue
            item = session.get(OutboxItem, item_id)
            body, key = item.payload.encode("utf-8"), item.idempotency_key
        error = _post(http, config, body, key)
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
    headers = {"Content-Type": "application/json", "Idempotency-Key": key, SIGNATURE_HEADER: sign(config.secret, body)}
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
