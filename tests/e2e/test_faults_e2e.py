"""Fault suite over loopback: action server down and back, database briefly locked, Rasa
restarted mid-conversation. The person always gets a polite answer and the conversation goes on."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from bot.settings import REPO_ROOT
from devtools.servers import running_replicas
from rasa_ext.serve import wait_until_up

pytestmark = pytest.mark.slow
PROBLEM = "Er ging iets mis aan onze kant."


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    tmp = tmp_path_factory.mktemp("faults")
    handles: dict = {}
    with running_replicas(tmp, {}, replicas=1, handles=handles) as (bases, settings):
        yield bases[0], handles, Path(settings.database_url.replace("sqlite:///", ""))


def say(base: str, sender: str, message: str) -> tuple[int, str]:
    response = requests.post(
        f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=90
    )
    return response.status_code, "\n".join(reply.get("text") or "" for reply in response.json())


def _kill(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def _restart(handles: dict, index: int, command: list[str], health_url: str) -> None:
    log = handles["logs"][index]
    process = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env=handles["env"],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    handles["processes"][index] = process
    assert wait_until_up(health_url, 400, process)


def test_action_server_down_then_back(system: tuple[str, dict, Path]) -> None:
    base, handles, _ = system
    sender = uuid.uuid4().hex
    status, answer = say(base, sender, "We hebben een baby gekregen")
    assert status == 200 and "Is dit uw eerste kind?" in answer
    actions = handles["processes"][0]
    health = handles["actions_cmd"][handles["actions_cmd"].index("--port") + 1]
    _kill(actions)
    status, answer = say(base, sender, '/provide_answer{"answer_value":"ja"}')
    assert status == 200 and answer.startswith(PROBLEM)
    _restart(handles, 0, handles["actions_cmd"], f"http://127.0.0.1:{health}/health")
    status, answer = say(base, sender, '/provide_answer{"answer_value":"ja"}')
    assert status == 200 and "Werkt u als werknemer" in answer  # the journey goes on where it was


def test_database_briefly_locked(system: tuple[str, dict, Path]) -> None:
    base, _, database = system
    sender = uuid.uuid4().hex
    assert say(base, sender, "hallo")[0] == 200
    lock = sqlite3.connect(database, timeout=1, check_same_thread=False)  # released by a timer thread
    lock.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(25, lock.rollback)
    release.start()
    try:
        status, answer = say(base, sender, "ik ga verhuizen")
        # Either Rasa waited for the lock and answered, or it gave up: then a polite 503.
        assert (status, answer.startswith(PROBLEM)) in ((200, False), (503, True)), (status, answer)
    finally:
        release.join()
        lock.close()
    status, answer = say(base, sender, "ik ga verhuizen")
    assert status == 200 and PROBLEM not in answer


def test_rasa_restarted_mid_conversation(system: tuple[str, dict, Path]) -> None:
    base, handles, _ = system
    sender = uuid.uuid4().hex
    say(base, sender, "We hebben een baby gekregen")
    say(base, sender, '/provide_answer{"answer_value":"nee"}')
    say(base, sender, '/provide_answer{"answer_value":"zelfstandige"}')
    say(base, sender, '/provide_answer{"answer_value":"partner"}')
    status, answer = say(base, sender, '/provide_date{"answer_value":"onbekend"}')
    assert "Stap 1 van" in answer
    _kill(handles["processes"][1])
    _restart(
        handles, 1, handles["server_cmds"][0], base + "/webhooks/ops/ready"
    )  # model loaded, stores reachable
    status, answer = say(base, sender, "volgende stap")
    assert status == 200 and "Stap 2 van" in answer
