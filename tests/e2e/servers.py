"""Starts the action server and the Rasa server on free loopback ports for end-to-end tests."""
from __future__ import annotations

import contextlib
import dataclasses
import os
import socket
import subprocess
from pathlib import Path
from typing import Iterator

from bot.serve import _stop, server_commands, wait_until_up, write_endpoints
from bot.settings import REPO_ROOT, Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_assistant(tmp: Path, extra_env: dict[str, str] | None = None) -> Iterator[tuple[str, Settings]]:
    """Yields (Rasa base URL, settings) while both servers run; stops them afterwards."""
    env = {**os.environ, **(extra_env or {})}
    settings = dataclasses.replace(Settings.from_env(env), database_url=f"sqlite:///{tmp / 'wegwijzer.db'}",
                                   rasa_port=free_port(), action_port=free_port())
    if not settings.model_path.exists():
        raise RuntimeError("No trained model: run `make train` (make test does it for you).")
    endpoints = write_endpoints(settings, tmp / "endpoints.yml")
    actions_cmd, server_cmd = server_commands(settings, endpoints)
    env.update(WEGWIJZER_DATABASE_URL=settings.database_url, PYTHONPATH=str(REPO_ROOT))
    logs = [open(tmp / "actions.log", "w"), open(tmp / "rasa.log", "w")]
    processes = [subprocess.Popen(actions_cmd, cwd=REPO_ROOT, env=env, stdout=logs[0], stderr=subprocess.STDOUT,
                                  start_new_session=True)]
    try:
        if not wait_until_up(f"http://127.0.0.1:{settings.action_port}/health", 180, processes[0]):
            raise RuntimeError((tmp / "actions.log").read_text()[-3000:])
        processes.append(subprocess.Popen(server_cmd, cwd=REPO_ROOT, env=env, stdout=logs[1],
                                          stderr=subprocess.STDOUT, start_new_session=True))
        base = f"http://127.0.0.1:{settings.rasa_port}"
        if not wait_until_up(base + "/", 400, processes[1]):
            raise RuntimeError((tmp / "rasa.log").read_text()[-3000:])
        yield base, settings
    finally:
        _stop(processes)
        for log in logs:
            log.close()
