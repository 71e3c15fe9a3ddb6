"""Starts the action server and the Rasa server on free loopback ports for end-to-end tests."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

from bot.settings import REPO_ROOT, Settings
from rasa_ext.serve import (
    action_server_env,
    prepare_database,
    server_commands,
    server_env,
    stop_processes,
    wait_until_up,
    worker_command,
    write_endpoints,
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_assistant(
    tmp: Path, extra_env: dict[str, str] | None = None, handles: dict | None = None
) -> Iterator[tuple[str, Settings]]:
    """Yields (Rasa base URL, settings) while both servers run; stops them afterwards."""
    with running_replicas(tmp, extra_env, replicas=1, handles=handles) as (bases, settings):
        yield bases[0], settings


@contextlib.contextmanager
def running_replicas(
    tmp: Path, extra_env: dict[str, str] | None = None, replicas: int = 2, handles: dict | None = None
) -> Iterator[tuple[list[str], Settings]]:
    """One action server and ``replicas`` Rasa servers sharing the configured stores.

    The database is ``WEGWIJZER_DATABASE_URL`` from ``extra_env`` when given, else a fresh SQLite
    file in ``tmp``; ``WEGWIJZER_REDIS_URL`` there adds Rasa's Redis lock store. ``handles``, when
    given, is filled with the processes, their commands and environment (for fault tests).
    """
    env = {**os.environ, **(extra_env or {})}
    database_url = (extra_env or {}).get("WEGWIJZER_DATABASE_URL") or f"sqlite:///{tmp / 'wegwijzer.db'}"
    settings = dataclasses.replace(
        Settings.from_env(env), database_url=database_url, rasa_port=free_port(), action_port=free_port()
    )
    if not settings.model_path.exists():
        raise RuntimeError("No trained model: run `make train` (make test does it for you).")
    endpoints = write_endpoints(settings, tmp / "endpoints.yml")
    prepare_database(settings)  # as `wegwijzer serve` does, before any process starts
    actions_cmd, _ = server_commands(settings, endpoints)
    env = server_env(settings, env)
    env.update(WEGWIJZER_DATABASE_URL=settings.database_url)
    # The logs stay open as long as the processes write to them; closed in the finally below.
    logs = [open(tmp / "actions.log", "w")]  # noqa: SIM115
    worker_log = open(tmp / "worker.log", "w")  # noqa: SIM115
    processes = [
        subprocess.Popen(
            actions_cmd,
            cwd=REPO_ROOT,
            env=action_server_env(env),
            stdout=logs[0],
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    ]
    # One background worker (outbox, retention) for the whole deployment, whatever the replicas.
    worker = subprocess.Popen(
        worker_command(),
        cwd=REPO_ROOT,
        env=env,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        if not wait_until_up(f"http://127.0.0.1:{settings.action_port}/health", 180, processes[0]):
            raise RuntimeError((tmp / "actions.log").read_text()[-3000:])
        bases = []
        for index in range(replicas):
            replica = settings if index == 0 else dataclasses.replace(settings, rasa_port=free_port())
            _, server_cmd = server_commands(replica, endpoints)
            logs.append(open(tmp / f"rasa-{index}.log", "w"))  # noqa: SIM115
            processes.append(
                subprocess.Popen(
                    server_cmd,
                    cwd=REPO_ROOT,
                    env=env,
                    stdout=logs[-1],
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
            bases.append(f"http://127.0.0.1:{replica.rasa_port}")
        for index, base in enumerate(bases):
            if not wait_until_up(base + "/webhooks/ops/ready", 400, processes[index + 1]):
                raise RuntimeError((tmp / f"rasa-{index}.log").read_text()[-3000:])
        if handles is not None:
            handles.update(
                processes=processes,
                env=env,
                actions_cmd=actions_cmd,
                logs=logs,
                worker=worker,
                server_cmds=[
                    server_commands(
                        dataclasses.replace(settings, rasa_port=int(b.rsplit(":", 1)[1])), endpoints
                    )[1]
                    for b in bases
                ],
            )
        yield bases, settings
    finally:
        stop_processes([*processes, worker])
        for log in [*logs, worker_log]:
            log.close()
