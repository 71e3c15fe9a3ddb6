"""The background worker: delivers the outbox and purges old conversations; stops cleanly."""

from __future__ import annotations

import dataclasses
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.settings import Settings
from rasa_ext.worker import RETENTION_INTERVAL_SECONDS, Worker


def test_one_round_delivers_and_purges_then_waits_a_day(tmp_path: Path, monkeypatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(
        "rasa_ext.worker.deliver_pending", lambda url, config: calls.append(f"deliver {config.url}")
    )
    monkeypatch.setattr(
        "rasa_ext.worker.purge_old_conversations",
        lambda url, days, analysis_days: calls.append(f"purge {days} {analysis_days}") or 3,
    )
    settings = dataclasses.replace(
        Settings.from_env({}),
        database_url=f"sqlite:///{tmp_path / 'w.db'}",
        handoff_webhook_url="http://127.0.0.1:9/cases",
        retention_days=180,
    )
    worker = Worker(settings)
    next_purge = worker.run_once(now=1000.0, next_purge=1000.0)
    assert calls == ["deliver http://127.0.0.1:9/cases", "purge 180 365"]
    assert next_purge == 1000.0 + RETENTION_INTERVAL_SECONDS
    worker.run_once(now=2000.0, next_purge=next_purge)
    assert calls[-1].startswith("deliver")  # no second purge within the day


def test_a_failing_delivery_does_not_stop_the_worker(tmp_path: Path, monkeypatch) -> None:
    def fail(*_args: object) -> None:
        raise OSError("webhook down")

    monkeypatch.setattr("rasa_ext.worker.deliver_pending", fail)
    settings = dataclasses.replace(
        Settings.from_env({}),
        database_url=f"sqlite:///{tmp_path / 'w.db'}",
        handoff_webhook_url="http://127.0.0.1:9/cases",
        retention_days=0,
    )
    assert Worker(settings).run_once(now=0.0, next_purge=0.0) == 0.0


def test_the_worker_process_stops_on_sigterm_with_exit_code_0(tmp_path: Path) -> None:
    env = {
        "WEGWIJZER_DATABASE_URL": f"sqlite:///{tmp_path / 'w.db'}",
        "PATH": "/usr/bin:/bin",
        "WEGWIJZER_OUTBOX_INTERVAL": "0.2",
    }
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "wegwijzer"), "worker"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        output = ""
        while "worker started" not in output and time.monotonic() < deadline:
            output += process.stdout.readline()  # type: ignore[union-attr]
        assert "worker started" in output
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
