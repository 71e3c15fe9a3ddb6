"""Endpoints for operators: liveness, readiness and Prometheus metrics.

- ``GET /webhooks/ops/live``: the process answers (for a restart policy).
- ``GET /webhooks/ops/ready``: the model is loaded and the database (at the newest schema), the
  lock store (Redis, when configured) and the action server answer; 503 with the failing checks
  otherwise (for a load balancer).
- ``GET /webhooks/ops/metrics``: Prometheus text, only with ``Authorization: Bearer
  $WEGWIJZER_METRICS_TOKEN`` (404 when no token is configured): messages per channel and outcome,
  answer times, hand-offs waiting, outbox backlog, messages not understood in the last hour. No
  message text, no conversation ids.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Any

import requests
import sqlalchemy as sa
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import schema
from bot.settings import Settings, setting
from bot.store import create_database_engine
from channels.metrics import METRICS

CHECK_TIMEOUT_S = 2.0


@lru_cache(maxsize=2)
def _engine(database_url: str) -> sa.engine.Engine:
    return create_database_engine(database_url)


def _database_check(database_url: str) -> tuple[bool, str]:
    try:
        engine = _engine(database_url)
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        revision = schema.current(engine)
        if revision != schema.head():
            return (
                False,
                f"schema at {revision or 'none'}, needs {schema.head()} (run 'wegwijzer db upgrade')",
            )
        return True, "ok"
    except sa.exc.SQLAlchemyError as error:
        return False, error.__class__.__name__


def _lock_store_check(redis_url: str | None) -> tuple[bool, str]:
    if not redis_url:
        return True, "in-memory (one replica)"
    try:
        import redis

        client = redis.Redis.from_url(
            redis_url, socket_timeout=CHECK_TIMEOUT_S, socket_connect_timeout=CHECK_TIMEOUT_S
        )
        client.ping()
        return True, "ok"
    except Exception as error:  # any Redis failure means not ready
        return False, error.__class__.__name__


def _action_server_check(settings: Settings, endpoint_url: str | None = None) -> tuple[bool, str]:
    """The action server this Rasa process calls (its endpoints file), else the configured one."""
    url = endpoint_url or settings.actions_url or f"http://{settings.host}:{settings.action_port}/webhook"
    health = url.rsplit("/webhook", 1)[0] + "/health"
    try:
        reply = requests.get(health, timeout=CHECK_TIMEOUT_S)
        return reply.status_code == 200, f"HTTP {reply.status_code}"
    except requests.RequestException as error:
        return False, error.__class__.__name__


def _gauges(database_url: str) -> dict[str, tuple[str, float]]:
    engine = _engine(database_url)
    since = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(hours=1)
    with engine.connect() as connection:
        waiting = connection.execute(
            sa.text("SELECT count(*) FROM handoff_cases WHERE status = 'open'")
        ).scalar()
        backlog = connection.execute(
            sa.text("SELECT count(*) FROM handoff_outbox WHERE delivered = :no"), {"no": False}
        ).scalar()
        unrecognised = connection.execute(
            sa.text("SELECT count(*) FROM unrecognised_messages WHERE created_at >= :since"), {"since": since}
        ).scalar()
    return {
        "wegwijzer_handoffs_waiting": ("Hand-off cases waiting for a caseworker.", float(waiting or 0)),
        "wegwijzer_outbox_backlog": ("Hand-off cases not yet delivered to the webhook.", float(backlog or 0)),
        "wegwijzer_unrecognised_last_hour": (
            "Messages not understood in the last hour (fallbacks).",
            float(unrecognised or 0),
        ),
    }


class OperationsInput(InputChannel):
    """Health and metrics endpoints (no chat)."""

    @classmethod
    def name(cls) -> str:
        return "ops"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        ops = Blueprint("wegwijzer_ops", __name__)
        settings = Settings.from_env()
        token = setting("WEGWIJZER_METRICS_TOKEN")

        @ops.route("/live", methods=["GET"])
        async def live(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"}, headers={"Cache-Control": "no-store"})

        @ops.route("/ready", methods=["GET"])
        async def ready(request: Request) -> HTTPResponse:
            agent = getattr(request.app.ctx, "agent", None)
            model = (
                agent is not None and agent.is_ready(),
                "loaded" if agent and agent.is_ready() else "not loaded",
            )
            endpoint = getattr(getattr(agent, "action_endpoint", None), "url", None)
            database, lock_store, actions = await asyncio.gather(
                asyncio.to_thread(_database_check, settings.database_url),
                asyncio.to_thread(_lock_store_check, settings.redis_url),
                asyncio.to_thread(_action_server_check, settings, endpoint),
            )
            checks = {
                "model": model,
                "database": database,
                "lock_store": lock_store,
                "action_server": actions,
            }
            ok = all(passed for passed, _ in checks.values())
            body = {
                "status": "ready" if ok else "not_ready",
                "checks": {
                    name: {"ok": passed, "detail": detail} for name, (passed, detail) in checks.items()
                },
            }
            return response.json(body, status=200 if ok else 503, headers={"Cache-Control": "no-store"})

        @ops.route("/metrics", methods=["GET"])
        async def metrics(request: Request) -> HTTPResponse:
            if not token:
                return response.json({"error": "not_found"}, status=404)
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
                return response.json({"error": "unauthorized"}, status=401)
            try:
                gauges = await asyncio.to_thread(_gauges, settings.database_url)
            except sa.exc.SQLAlchemyError:
                gauges = {}
            return response.text(
                METRICS.render(gauges),
                headers={"Cache-Control": "no-store"},
                content_type="text/plain; version=0.0.4; charset=utf-8",
            )

        return ops
