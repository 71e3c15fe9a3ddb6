"""Starts the action server and the Rasa server together; Ctrl-C stops both.

The Rasa endpoints (action server URL, SQL tracker store on the application database)
are generated from :class:`bot.settings.Settings`, so settings live in one place.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml
from sqlalchemy.engine import make_url

from bot import schema
from bot.knowledge.knowledge_base import load_knowledge_base
from bot.nlp.build_pipeline import describe
from bot.settings import REPO_ROOT, Settings, environment, setting
from bot.store import create_database_engine

ENDPOINTS_FILE = REPO_ROOT / "build" / "endpoints.yml"


def tracker_store_config(database_url: str) -> dict:
    """Rasa SQL tracker-store settings for the application database URL."""
    url = make_url(database_url)
    # Our subclass of Rasa's SQL store pools SQLite connections and re-checks pooled server
    # connections (recovers after an outage); see rasa_ext/tracker_store.py.
    config = {
        "type": "rasa_ext.tracker_store.ResilientSQLTrackerStore",
        "dialect": url.drivername,
        "db": url.database,
    }
    if url.get_backend_name() == "sqlite":
        return {**config, "dialect": "sqlite"}
    if url.host:
        config["url"] = url.host
    if url.port:
        config["port"] = url.port
    if url.username:
        config["username"] = url.username
    if url.password:
        config["password"] = url.password
    return config


def lock_store_config(redis_url: str) -> dict:
    """Rasa Redis lock-store settings for a ``redis://`` URL."""
    url = (
        make_url(redis_url.replace("redis://", "redis+py://", 1))
        if redis_url.startswith("redis://")
        else make_url(redis_url)
    )
    # Rasa's own RedisLockStore issues tickets non-atomically across replicas; ours is transactional.
    config: dict = {
        "type": "rasa_ext.lock_store.AtomicRedisLockStore",
        "url": url.host or "localhost",
        "port": url.port or 6379,
    }
    if url.database:
        config["db"] = int(url.database)
    if url.password:
        config["password"] = url.password
    return config


def write_endpoints(settings: Settings, path: Path = ENDPOINTS_FILE) -> Path:
    """Writes the Rasa endpoints file for these settings and returns its path."""
    endpoints = {
        "action_endpoint": {
            "url": settings.actions_url or f"http://{settings.host}:{settings.action_port}/webhook"
        },
        "tracker_store": tracker_store_config(settings.database_url),
    }
    if settings.redis_url:
        endpoints["lock_store"] = lock_store_config(settings.redis_url)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    return path


def worker_command() -> list[str]:
    """The background worker (outbox, retention): one per deployment."""
    return [str(Path(sys.executable).parent / "wegwijzer"), "worker"]


def server_commands(settings: Settings, endpoints: Path) -> tuple[list[str], list[str]]:
    """The command lines of the action server and the Rasa server."""
    bin_dir = Path(sys.executable).parent
    rasa = str(bin_dir / "rasa")
    actions = [rasa, "run", "actions", "--actions", "actions", "--port", str(settings.action_port)]
    server = [  # Rasa's own command line, with rasa_ext.patches installed first
        sys.executable,
        "-m",
        "rasa_ext.run",
        "run",
        "--model",
        str(settings.model_path),
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(REPO_ROOT / "credentials.yml"),
        "--interface",
        settings.host,
        "--port",
        str(settings.rasa_port),
    ]
    return actions, server


REQUEST_MAX_BYTES = 65_536
"""Largest request body the Rasa server reads (Sanic's default is 100 MB); every client message is
far smaller."""
ACTION_REQUEST_MAX_BYTES = 32 * 1024 * 1024
"""Largest request body the action server reads: Rasa sends it the whole conversation (every event
with its replies), which passes 64 KB after about a dozen turns. Only the Rasa server can reach it."""


def server_env(settings: Settings, base: dict[str, str]) -> dict[str, str]:
    """The environment of the servers: the action server listens on ``settings.host`` only (it trusts
    whoever calls it), and the Rasa server reads no body larger than ``REQUEST_MAX_BYTES``."""
    return {
        **base,
        "PYTHONPATH": str(REPO_ROOT),
        "SANIC_HOST": settings.host,
        "SANIC_REQUEST_MAX_SIZE": str(REQUEST_MAX_BYTES),
    }


def action_server_env(env: dict[str, str]) -> dict[str, str]:
    """The action server's environment: the Rasa server's, with room for a long conversation."""
    return {**env, "SANIC_REQUEST_MAX_SIZE": str(ACTION_REQUEST_MAX_BYTES)}


def wait_until_up(url: str, timeout: float, process: subprocess.Popen) -> bool:
    """Polls ``url`` until it answers, the process dies or the timeout passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.5)
    return False


def prepare_database(settings: Settings) -> str | None:
    """Everything the stores need before any server starts: the SQLite folder (a fresh checkout has
    no var/, and Rasa's tracker store would then silently keep conversations in memory only) and,
    outside production, the project's tables at the newest migration. Returns the schema revision."""
    engine = create_database_engine(settings.database_url)
    try:
        if settings.production:
            return schema.current(engine)
        return schema.upgrade(engine)
    finally:
        engine.dispose()


class _Stop(Exception):
    """SIGTERM or SIGINT: stop the servers and exit cleanly."""


def _raise_stop(_signum: int, _frame: object) -> None:
    raise _Stop()


def serve(settings: Settings) -> int:
    """Runs the action server, the Rasa server and the worker until Ctrl-C or SIGTERM; stops all
    three and returns an exit code (0 for a requested stop)."""
    kb = load_knowledge_base(settings.knowledge_base_dir)  # refuse to start on an invalid KB
    if not settings.model_path.exists():
        print(f"No trained model at {settings.model_path}. Run 'make train' first.", file=sys.stderr)
        return 1
    revision = prepare_database(settings)
    if settings.production and revision != schema.head():
        print(
            f"The database schema is at {revision or 'none'}, this release needs {schema.head()}: "
            "run 'wegwijzer db upgrade' first.",
            file=sys.stderr,
        )
        return 1
    # One endpoints file per instance, so two instances on other ports never share one.
    endpoints = write_endpoints(settings, ENDPOINTS_FILE.with_name(f"endpoints-{settings.rasa_port}.yml"))
    actions_cmd, server_cmd = server_commands(settings, endpoints)
    env = server_env(settings, environment())
    print(
        f"Knowledge base: {len(kb.events)} life event(s). spaCy: {describe(REPO_ROOT / 'build' / 'spacy_nl')}"
    )
    previous = {sig: signal.signal(sig, _raise_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    processes: list[subprocess.Popen] = []
    try:
        processes.append(
            subprocess.Popen(actions_cmd, cwd=REPO_ROOT, env=action_server_env(env), start_new_session=True)
        )
        if not wait_until_up(f"http://{settings.host}:{settings.action_port}/health", 120, processes[0]):
            print("The action server did not start.", file=sys.stderr)
            return 1
        processes.append(subprocess.Popen(server_cmd, cwd=REPO_ROOT, env=env, start_new_session=True))
        processes.append(subprocess.Popen(worker_command(), cwd=REPO_ROOT, env=env, start_new_session=True))
        base = f"http://{settings.host}:{settings.rasa_port}"
        if not wait_until_up(base + "/", 300, processes[1]):
            print("The Rasa server did not start.", file=sys.stderr)
            return 1
        print("\nWegwijzer is running.")
        print(f"  Demo page with the chat widget: {base}/webhooks/web/")
        print(f"  Front desk (staff):             {base}/webhooks/frontdesk/")
        print(f"  Caseworker console (staff):     {base}/webhooks/console/")
        print(f"  Reports (service designers):    {base}/webhooks/reports/")
        print(f"  REST channel:                   {base}/webhooks/rest/webhook")
        if not settings.production and not setting("WEGWIJZER_STAFF_ACCOUNTS"):
            print("  Staff pages use the development account demo / demo (set WEGWIJZER_STAFF_ACCOUNTS).")
        print("Press Ctrl-C to stop.\n", flush=True)
        while all(process.poll() is None for process in processes):
            time.sleep(1)
        print("A server stopped unexpectedly.", file=sys.stderr)
        return 1
    except (_Stop, KeyboardInterrupt):
        print("\nStopping Wegwijzer...", flush=True)
        return 0
    finally:
        for sig in previous:  # a second Ctrl-C or SIGTERM must not interrupt the clean stop
            signal.signal(sig, signal.SIG_IGN)
        stop_processes(processes)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def stop_processes(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
