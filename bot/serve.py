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

from bot.knowledge_base import load_knowledge_base
from bot.nlp.build_pipeline import describe
from bot.settings import REPO_ROOT, Settings

ENDPOINTS_FILE = REPO_ROOT / "build" / "endpoints.yml"


def tracker_store_config(database_url: str) -> dict:
    """Rasa SQL tracker-store settings for the application database URL."""
    url = make_url(database_url)
    # Our subclass of Rasa's SQL store pools SQLite connections and re-checks pooled server
    # connections (recovers after an outage); see channels/tracker_store.py.
    config = {"type": "channels.tracker_store.ResilientSQLTrackerStore", "dialect": url.drivername,
              "db": url.database}
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
    url = make_url(redis_url.replace("redis://", "redis+py://", 1)) if redis_url.startswith("redis://") else make_url(redis_url)
    # Rasa's own RedisLockStore issues tickets non-atomically across replicas; ours is transactional.
    config: dict = {"type": "channels.lock_store.AtomicRedisLockStore", "url": url.host or "localhost",
                    "port": url.port or 6379}
    if url.database:
        config["db"] = int(url.database)
    if url.password:
        config["password"] = url.password
    return config


def write_endpoints(settings: Settings, path: Path = ENDPOINTS_FILE) -> Path:
    """Writes the Rasa endpoints file for these settings and returns its path."""
    endpoints = {
        "action_endpoint": {"url": settings.actions_url or f"http://{settings.host}:{settings.action_port}/webhook"},
        "tracker_store": tracker_store_config(settings.database_url),
    }
    if settings.redis_url:
        endpoints["lock_store"] = lock_store_config(settings.redis_url)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    return path


def server_commands(settings: Settings, endpoints: Path) -> tuple[list[str], list[str]]:
    """The command lines of the action server and the Rasa server."""
    bin_dir = Path(sys.executable).parent
    rasa = str(bin_dir / "rasa")
    actions = [rasa, "run", "actions", "--actions", "actions", "--port", str(settings.action_port)]
    server = [
        rasa, "run", "--model", str(settings.model_path), "--endpoints", str(endpoints),
        "--credentials", str(REPO_ROOT / "credentials.yml"), "--interface", settings.host,
        "--port", str(settings.rasa_port), "--cors", "*",
    ]
    return actions, server


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


def serve(settings: Settings) -> int:
    """Runs both servers until Ctrl-C; returns an exit code."""
    kb = load_knowledge_base(settings.knowledge_base_dir)  # refuse to start on an invalid KB
    if not settings.model_path.exists():
        print(f"No trained model at {settings.model_path}. Run 'make train' first.", file=sys.stderr)
        return 1
    endpoints = write_endpoints(settings)
    actions_cmd, server_cmd = server_commands(settings, endpoints)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    print(f"Knowledge base: {len(kb.events)} life event(s). spaCy: {describe(REPO_ROOT / 'build' / 'spacy_nl')}")
    processes = [subprocess.Popen(actions_cmd, cwd=REPO_ROOT, env=env, start_new_session=True)]
    try:
        if not wait_until_up(f"http://{settings.host}:{settings.action_port}/health", 120, processes[0]):
            print("The action server did not start.", file=sys.stderr)
            return 1
        processes.append(subprocess.Popen(server_cmd, cwd=REPO_ROOT, env=env, start_new_session=True))
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
        if os.environ.get("WEGWIJZER_ENV", "development") != "production" and not os.environ.get("WEGWIJZER_STAFF_ACCOUNTS"):
            print("  Staff pages use the development account demo / demo (set WEGWIJZER_STAFF_ACCOUNTS).")
        print("Press Ctrl-C to stop.\n", flush=True)
        while all(process.poll() is None for process in processes):
            time.sleep(1)
        print("A server stopped unexpectedly.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping Wegwijzer...")
        return 0
    finally:
        stop_processes(processes)


def stop_processes(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
