"""The bare `rasa init` bot the figures are compared with: trained once, served with `rasa run`."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from loadtest.common import BARE_DIR, LOOPBACK, QUIET_ENV


def require_loopback(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme != "http" or parsed.hostname not in LOOPBACK or not parsed.port:
        raise SystemExit(f"Refusing {url!r}: this benchmark only targets http://127.0.0.1:<port>.")
    return f"http://127.0.0.1:{parsed.port}"


def bare_model() -> Path | None:
    models = sorted((BARE_DIR / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def ensure_bare_bot(log: Path) -> Path:
    """The trained moodbot of `rasa init`, cached in build/bench/bare_bot (created on first use)."""
    model = bare_model()
    if model:
        return model
    rasa = str(Path(sys.executable).parent / "rasa")
    env = {**os.environ, **QUIET_ENV}
    with open(log, "w") as out:
        if not (BARE_DIR / "domain.yml").exists():
            print(
                f"Creating and training the bare `rasa init` bot in {BARE_DIR} (about a minute)...",
                flush=True,
            )
            BARE_DIR.mkdir(parents=True, exist_ok=True)
            cmd = [rasa, "init", "--no-prompt", "--init-dir", str(BARE_DIR)]
        else:
            print(f"Training the bare bot in {BARE_DIR}...", flush=True)
            cmd = [rasa, "train"]
        subprocess.run(cmd, cwd=BARE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
    model = bare_model()
    if not model:
        raise RuntimeError(f"Training the bare bot failed; see {log}:\n{log.read_text()[-2000:]}")
    return model


@contextlib.contextmanager
def running_bare_bot(tmp: Path) -> Iterator[tuple[str, int]]:
    from devtools.servers import free_port
    from rasa_ext.serve import stop_processes, wait_until_up

    model = ensure_bare_bot(tmp / "bare-train.log")
    port = free_port()
    rasa = str(Path(sys.executable).parent / "rasa")
    cmd = [
        rasa,
        "run",
        "--model",
        str(model),
        "--endpoints",
        str(BARE_DIR / "endpoints.yml"),
        "--credentials",
        str(BARE_DIR / "credentials.yml"),
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    log = open(tmp / "bare-rasa.log", "w")  # noqa: SIM115  (open while the server writes to it)
    process = subprocess.Popen(
        cmd,
        cwd=BARE_DIR,
        env={**os.environ, **QUIET_ENV},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        if not wait_until_up(base + "/", 400, process):
            raise RuntimeError((tmp / "bare-rasa.log").read_text()[-3000:])
        yield base, port
    finally:
        stop_processes([process])
        log.close()
