"""All runtime settings, read from environment variables in one place.

Every variable is listed in :data:`VARIABLES` (name, default, meaning); no other module reads the
environment (a test checks it), and the README's settings table is checked against this list.
Every setting has a safe default so that the assistant runs on an embedded SQLite database.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.clock import belgian_today

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Variable:
    """One environment variable the application reads."""

    name: str
    default: str
    meaning: str


VARIABLES: tuple[Variable, ...] = (
    Variable(
        "WEGWIJZER_ENV",
        "development",
        "`production` turns off the demo account, test clock and "
        "automatic schema changes, and makes the secrets below required",
    ),
    Variable(
        "WEGWIJZER_DATABASE_URL",
        "sqlite:///<repo>/var/wegwijzer.db",
        "application database and Rasa's tracker store (a `postgresql://user:pw@host/db` URL works too)",
    ),
    Variable("WEGWIJZER_HOST", "127.0.0.1", "interface the servers listen on"),
    Variable("WEGWIJZER_PORT", "5005", "port of the Rasa server (widget, staff pages, channels)"),
    Variable("WEGWIJZER_ACTIONS_PORT", "5055", "port of the action server"),
    Variable("WEGWIJZER_ACTIONS_URL", "the local action server", "action server(s) behind a load balancer"),
    Variable("WEGWIJZER_KB_DIR", "data/life_events", "knowledge base folder"),
    Variable("WEGWIJZER_MODEL", "models/wegwijzer.tar.gz", "trained Rasa model to serve"),
    Variable(
        "WEGWIJZER_REDIS_URL",
        "none (in-process)",
        "Redis for the lock store, live pushes and shared rate limits when several replicas run",
    ),
    Variable("WEGWIJZER_RETENTION_DAYS", "180", "conversation data older than this is deleted"),
    Variable(
        "WEGWIJZER_ANALYSIS_RETENTION_DAYS",
        "365",
        "redacted feedback and unrecognised questions are deleted after this many days",
    ),
    Variable(
        "WEGWIJZER_OFFICE_HOURS", "`always` (production: `mon-fri 09:00-17:00`)", "when caseworkers chat live"
    ),
    Variable("WEGWIJZER_HANDOFF_WEBHOOK_URL", "none", "where new hand-off cases are delivered"),
    Variable(
        "WEGWIJZER_HANDOFF_WEBHOOK_SECRET",
        "none",
        "signing key of the webhook (32+ characters in production)",
    ),
    Variable("WEGWIJZER_OUTBOX_INTERVAL", "10", "seconds between two deliveries of the hand-off outbox"),
    Variable(
        "WEGWIJZER_STAFF_ACCOUNTS",
        "none (development: demo / demo from this machine only)",
        "staff logins with roles and password hashes (`wegwijzer staff-password`)",
    ),
    Variable(
        "WEGWIJZER_SECRET_KEY",
        "a development key",
        "key of the live-stream tickets, the same on every replica (required in production)",
    ),
    Variable(
        "WEGWIJZER_PSEUDONYM_SALT",
        "a development salt",
        "salt of the pseudonyms in the reports (required in production)",
    ),
    Variable(
        "WEGWIJZER_ALLOWED_ORIGINS",
        "none (same origin only)",
        "sites that may embed the widget, comma-separated exact origins",
    ),
    Variable("WEGWIJZER_TRUSTED_PROXIES", "none", "proxies whose X-Forwarded-For is believed"),
    Variable(
        "WEGWIJZER_REST_TOKEN", "none (REST channel off in production)", "bearer token of the REST channel"
    ),
    Variable("WEGWIJZER_REST_RATE_LIMIT", "600", "REST messages per minute per client address"),
    Variable(
        "WEGWIJZER_WEB_RATE_LIMIT", "120", "widget requests per minute per client address (public endpoints)"
    ),
    Variable(
        "WEGWIJZER_SMTP_HOST",
        'none (no "Mail mij dit plan")',
        "mail server that sends a plan to the address a person types (used once, never stored)",
    ),
    Variable("WEGWIJZER_SMTP_PORT", "587 (465 with `ssl`)", "port of the mail server"),
    Variable("WEGWIJZER_SMTP_SECURITY", "starttls", "`starttls`, `ssl` or `none` (only for a local relay)"),
    Variable("WEGWIJZER_SMTP_USER", "none", "login at the mail server (none: no login)"),
    Variable("WEGWIJZER_SMTP_PASSWORD", "none", "password of that login"),
    Variable("WEGWIJZER_SMTP_FROM", "none (required with a mail server)", "sender address of the plan mails"),
    Variable(
        "WEGWIJZER_PLAN_LINK_DAYS", "30", 'days a saved link to a plan ("Bewaar een link") keeps working'
    ),
    Variable("WEGWIJZER_METRICS_TOKEN", "none (loopback only)", "bearer token of /webhooks/ops/metrics"),
    Variable(
        "WEGWIJZER_TODAY",
        "not set",
        "the day deadlines count from, for demos, tests and benchmarks (refused in production)",
    ),
)
_KNOWN = {variable.name for variable in VARIABLES}


def environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """A copy of the process environment (or of the mapping given, in tests)."""
    return dict(os.environ if env is None else env)


def setting(name: str, env: Mapping[str, str] | None = None) -> str:
    """The raw value of one documented variable ('' when unset)."""
    if name not in _KNOWN:
        raise KeyError(f"{name} is not a documented setting: add it to VARIABLES in bot/settings.py")
    return (os.environ if env is None else env).get(name, "")


def is_production(env: Mapping[str, str] | None = None) -> bool:
    """``WEGWIJZER_ENV=production``."""
    return setting("WEGWIJZER_ENV", env).strip().lower() == "production"


@dataclass(frozen=True)
class Settings:
    """Runtime configuration of Wegwijzer.

    Attributes:
        database_url: SQLAlchemy URL of the application database; Rasa's tracker store
            uses the same database (SQLite file by default, PostgreSQL in production).
        knowledge_base_dir: folder with one YAML file per life event.
        host: interface the servers listen on.
        rasa_port: port of the Rasa server (channels and web page).
        action_port: port of the Rasa action server.
        model_path: trained Rasa model to serve.
        retention_days: conversation data older than this is deleted (Rasa's events, live-chat
            cases and messages, the outbox, journey events); ``wegwijzer purge`` and the worker.
        analysis_retention_days: redacted, pseudonymised feedback and unrecognised questions
            (the service designers' material) are deleted after this many days.
        office_hours: when caseworkers chat live, e.g. ``mon-fri 09:00-17:00`` or ``always``.
        handoff_webhook_url: where new hand-off cases are delivered (none: not delivered).
        handoff_webhook_secret: HMAC key for the webhook signature.
        outbox_interval_seconds: how often the hand-off outbox is delivered.
        redis_url: Redis for Rasa's lock store, needed when several Rasa replicas serve one
            conversation (``redis://:password@host:6379/0``); none: in-memory locks.
        actions_url: the action server(s) behind a load balancer; default: the local one.
        fixed_today: the date the assistant counts from instead of today, for demos, tests and
            the conversation benchmark (``WEGWIJZER_TODAY=2026-11-25``); never in production.
    """

    database_url: str
    knowledge_base_dir: Path
    host: str
    rasa_port: int
    action_port: int
    model_path: Path
    retention_days: int = 180
    analysis_retention_days: int = 365
    office_hours: str = "mon-fri 09:00-17:00"
    handoff_webhook_url: str | None = None
    handoff_webhook_secret: str = ""
    outbox_interval_seconds: float = 10.0
    redis_url: str | None = None
    actions_url: str | None = None
    fixed_today: dt.date | None = None
    production: bool = False
    """``WEGWIJZER_ENV=production``: no demo account, no automatic schema changes, no test clock."""

    def today(self) -> dt.date:
        """The reference day for deadlines: today, unless a fixed day is configured."""
        return self.fixed_today or belgian_today()

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Builds settings from environment variables (or the mapping given)."""
        env = dict(os.environ if env is None else env)
        default_db = f"sqlite:///{REPO_ROOT / 'var' / 'wegwijzer.db'}"
        return cls(
            database_url=env.get("WEGWIJZER_DATABASE_URL", default_db),
            knowledge_base_dir=Path(env.get("WEGWIJZER_KB_DIR", str(REPO_ROOT / "data" / "life_events"))),
            host=env.get("WEGWIJZER_HOST", "127.0.0.1"),
            rasa_port=_int(env, "WEGWIJZER_PORT", 5005),
            action_port=_int(env, "WEGWIJZER_ACTIONS_PORT", 5055),
            model_path=Path(env.get("WEGWIJZER_MODEL", str(REPO_ROOT / "models" / "wegwijzer.tar.gz"))),
            retention_days=_int(env, "WEGWIJZER_RETENTION_DAYS", 180),
            analysis_retention_days=_int(env, "WEGWIJZER_ANALYSIS_RETENTION_DAYS", 365),
            # Development and demos: caseworkers "always" online; production: office hours by default.
            office_hours=env.get(
                "WEGWIJZER_OFFICE_HOURS",
                "mon-fri 09:00-17:00"
                if env.get("WEGWIJZER_ENV", "development").lower() == "production"
                else "always",
            ),
            handoff_webhook_url=env.get("WEGWIJZER_HANDOFF_WEBHOOK_URL") or None,
            handoff_webhook_secret=env.get("WEGWIJZER_HANDOFF_WEBHOOK_SECRET", ""),
            outbox_interval_seconds=float(env.get("WEGWIJZER_OUTBOX_INTERVAL", "10")),
            redis_url=env.get("WEGWIJZER_REDIS_URL") or None,
            actions_url=env.get("WEGWIJZER_ACTIONS_URL") or None,
            fixed_today=_fixed_today(env),
            production=env.get("WEGWIJZER_ENV", "development").lower() == "production",
        )


def _fixed_today(env: dict[str, str]) -> dt.date | None:
    raw = env.get("WEGWIJZER_TODAY")
    if not raw:
        return None
    if env.get("WEGWIJZER_ENV", "development").lower() == "production":
        raise ValueError("WEGWIJZER_TODAY is for demos, tests and benchmarks; it cannot be set in production")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as error:
        raise ValueError(
            f"Environment variable WEGWIJZER_TODAY must be a date (YYYY-MM-DD), got {raw!r}"
        ) from error


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ValueError(f"Environment variable {name} must be a whole number, got {raw!r}") from error
