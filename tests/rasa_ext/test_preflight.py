"""Production refuses to start with unsafe settings, and says which and why."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.staff.accounts import hash_password
from rasa_ext.preflight import production_problems

SECRET = "x" * 40
GOOD = {
    "WEGWIJZER_ENV": "production",
    "WEGWIJZER_PSEUDONYM_SALT": SECRET,
    "WEGWIJZER_SECRET_KEY": SECRET,
    "WEGWIJZER_STAFF_ACCOUNTS": "an:" + hash_password("een-lang-wachtwoord", iterations=100_000),
    "WEGWIJZER_ALLOWED_ORIGINS": "https://www.gent.be",
}


def test_a_complete_production_configuration_passes() -> None:
    assert production_problems(GOOD) == []
    assert production_problems({}) == []  # development: nothing to check


def test_every_unsafe_setting_is_named() -> None:
    unsafe = {
        "WEGWIJZER_ENV": "production",
        "WEGWIJZER_PSEUDONYM_SALT": "wegwijzer-dev-salt-change-me",
        "WEGWIJZER_HANDOFF_WEBHOOK_URL": "https://tickets.example/cases",
        "WEGWIJZER_TODAY": "2026-11-25",
        "WEGWIJZER_STAFF_ACCOUNTS": "an:plain",
        "WEGWIJZER_ALLOWED_ORIGINS": "*,http://www.gent.be",
    }
    problems = "\n".join(production_problems(unsafe))
    for name in (
        "WEGWIJZER_PSEUDONYM_SALT",
        "WEGWIJZER_SECRET_KEY",
        "WEGWIJZER_HANDOFF_WEBHOOK_SECRET",
        "WEGWIJZER_TODAY",
        "needs a password hash",
        "'*'",
        "'http://www.gent.be'",
    ):
        assert name in problems, name


def test_serve_refuses_to_start_and_says_why(tmp_path: Path) -> None:
    env = {
        **GOOD,
        "WEGWIJZER_SECRET_KEY": "",
        "PATH": "/usr/bin:/bin",
        "WEGWIJZER_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
    }
    wegwijzer = str(Path(sys.executable).parent / "wegwijzer")
    for command in (["serve"], ["worker"], ["preflight"]):
        result = subprocess.run([wegwijzer, *command], env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 1 and "WEGWIJZER_SECRET_KEY" in result.stderr, (command, result.stderr)
        assert "Traceback" not in result.stderr
