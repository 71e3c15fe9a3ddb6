"""Checks a production configuration before anything starts (``wegwijzer preflight``; also run
by ``wegwijzer serve`` and ``wegwijzer worker`` in production). Each problem names the variable
and what to do; docs/security.md has the full deployment checklist."""

from __future__ import annotations

from bot.insights.privacy import DEV_SALT, SALT_ENV
from bot.settings import environment, is_production

MIN_SECRET_LENGTH = 32


def production_problems(env: dict[str, str] | None = None) -> list[str]:
    """What stops this environment from running in production (empty: ready)."""
    env = environment(env)
    if not is_production(env):
        return []
    problems = []
    salt = env.get(SALT_ENV, "")
    if len(salt) < MIN_SECRET_LENGTH or salt == DEV_SALT:
        problems.append(
            f"{SALT_ENV}: set a random secret of at least {MIN_SECRET_LENGTH} characters "
            "(pseudonyms in the reports would otherwise be reversible)."
        )
    if len(env.get("WEGWIJZER_SECRET_KEY", "")) < MIN_SECRET_LENGTH:
        problems.append(
            f"WEGWIJZER_SECRET_KEY: set a random secret of at least {MIN_SECRET_LENGTH} characters, "
            "the same on every replica (live-stream tickets)."
        )
    if (
        env.get("WEGWIJZER_HANDOFF_WEBHOOK_URL")
        and len(env.get("WEGWIJZER_HANDOFF_WEBHOOK_SECRET", "")) < MIN_SECRET_LENGTH
    ):
        problems.append(
            f"WEGWIJZER_HANDOFF_WEBHOOK_SECRET: at least {MIN_SECRET_LENGTH} characters when "
            "WEGWIJZER_HANDOFF_WEBHOOK_URL is set (deliveries are signed)."
        )
    if env.get("WEGWIJZER_TODAY"):
        problems.append("WEGWIJZER_TODAY: remove it (a fixed date is for demos and tests only).")
    from bot.staff.accounts import Accounts, AuthConfigError

    try:
        Accounts.from_env(env)
    except AuthConfigError as error:
        problems.append(str(error))
    for origin in filter(None, (o.strip() for o in env.get("WEGWIJZER_ALLOWED_ORIGINS", "").split(","))):
        if not origin.startswith("https://") or origin.count("/") != 2:
            problems.append(
                f"WEGWIJZER_ALLOWED_ORIGINS: {origin!r} is not an https origin such as "
                "https://www.gemeente.be (no path, no wildcard)."
            )
    return problems
