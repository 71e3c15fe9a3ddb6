"""A newcomer's first `wegwijzer serve` (what `make run` starts): from an empty data folder the
conversation is kept from the first message, the history survives a reload, and a SIGTERM stops
every process, frees the ports and exits with 0."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests

from bot.settings import REPO_ROOT
from devtools.servers import free_port

pytestmark = pytest.mark.slow


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _children(pid: int) -> list[int]:
    found = subprocess.run(["ps", "-eo", "pid,pgid,ppid"], capture_output=True, text=True).stdout.split("\n")[
        1:
    ]
    rows = [tuple(int(part) for part in line.split()) for line in found if line.strip()]
    return [row[0] for row in rows if row[2] == pid]


def test_fresh_data_folder_keeps_the_conversation_and_sigterm_stops_everything(tmp_path: Path) -> None:
    data = tmp_path / "fresh" / "var"  # does not exist yet, as on a new checkout
    rasa_port, action_port = free_port(), free_port()
    env = {
        **os.environ,
        "WEGWIJZER_DATABASE_URL": f"sqlite:///{data / 'wegwijzer.db'}",
        "WEGWIJZER_PORT": str(rasa_port),
        "WEGWIJZER_ACTIONS_PORT": str(action_port),
    }
    serve = subprocess.Popen(
        [str(Path(sys.executable).parent / "wegwijzer"), "serve"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    children: list[int] = []
    try:
        output = ""
        deadline = time.monotonic() + 600
        while "Wegwijzer is running." not in output:
            line = serve.stdout.readline()  # type: ignore[union-attr]
            assert line or serve.poll() is None, output[-3000:]
            output += line
            assert time.monotonic() < deadline, output[-3000:]
        # Keep reading what the servers print: a pipe nobody reads fills up (64 KB) and then blocks
        # the action server in the middle of a log line, which looks like a failing action.
        later: list[str] = []
        threading.Thread(target=lambda: later.extend(serve.stdout), daemon=True).start()  # type: ignore[arg-type]
        children = _children(serve.pid)
        assert len(children) == 3  # action server, Rasa server, worker
        base, sender = f"http://127.0.0.1:{rasa_port}", uuid.uuid4().hex

        def say(text: str) -> str:
            reply = requests.post(
                f"{base}/webhooks/web/webhook", json={"sender": sender, "message": text}, timeout=120
            )
            assert reply.status_code == 200
            return "\n".join(message.get("text") or "" for message in reply.json())

        first = say("We hebben een baby gekregen")
        assert "Is dit uw eerste kind?" in first, "".join(later)[-4000:]
        assert "Werkt u als werknemer" in say("ja, ons eerste")  # the first answer was kept
        assert "geboortedatum" in say("ik ben bediende en ik ben de mama")
        history = requests.get(
            f"{base}/webhooks/web/history", headers={"X-Wegwijzer-Conversation": sender}, timeout=60
        ).json()
        typed = [message["text"] for message in history if message.get("from") == "user"]
        assert typed == ["We hebben een baby gekregen", "ja, ons eerste", "ik ben bediende en ik ben de mama"]

        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=60) == 0
        assert not _port_open(rasa_port) and not _port_open(action_port)
        for pid in children:
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
    finally:
        if serve.poll() is None:
            serve.kill()
        for pid in children:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
