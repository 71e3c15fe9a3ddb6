"""Real PostgreSQL and Redis servers on loopback for the production-path tests.

Uses the Debian packages (``postgresql``, ``redis-server``; ``make test`` installs them when
missing). PostgreSQL refuses to run as root, so its cluster runs as the ``postgres`` user.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from devtools.servers import free_port

POSTGRES_ROOT = Path("/usr/lib/postgresql")  # Debian: one folder per major version


def postgres_bin(root: Path = POSTGRES_ROOT) -> Path | None:
    """The bin folder of the newest installed PostgreSQL major version (Debian layout), else the
    folder of an ``initdb`` on PATH, else None."""
    versions = [p for p in root.glob("*/bin") if (p / "initdb").exists() and p.parent.name.isdigit()]
    if versions:
        return max(versions, key=lambda p: int(p.parent.name))
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


PG_BIN = postgres_bin() or POSTGRES_ROOT / "missing" / "bin"


def missing_services() -> list[str]:
    """Names of the servers that are not installed on this machine."""
    missing = []
    if postgres_bin() is None:
        missing.append("postgresql")
    if shutil.which("redis-server") is None:
        missing.append("redis-server")
    return missing


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class PostgresControl:
    """Stops and starts a running test cluster (for the fault suite)."""

    def __init__(self, data: Path, log: Path, options: str) -> None:
        self.data, self.log, self.options = data, log, options

    def stop(self) -> None:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]),
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        subprocess.run(
            _as_postgres(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.log),
                    "-w",
                    "-o",
                    self.options,
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )


CONTROLS: dict[str, PostgresControl] = {}
"""URL -> control of the clusters started by :func:`postgres_server`."""


@contextlib.contextmanager
def postgres_server(_tmp: Path | None = None) -> Iterator[str]:
    """A throw-away PostgreSQL cluster; yields its SQLAlchemy URL (see :data:`CONTROLS`).

    The cluster lives in its own folder under the system temp dir, which the ``postgres`` user
    can reach (pytest's per-user temp dirs are private to root).
    """
    tmp = Path(tempfile.mkdtemp(prefix="wegwijzer-pg-"))
    os.chmod(tmp, 0o755)
    data = tmp / "pgdata"
    data.mkdir(mode=0o700)
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
        shutil.chown(data, "postgres")
    port = free_port()
    subprocess.run(
        _as_postgres(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(data),
                "-U",
                "wegwijzer",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        check=True,
        capture_output=True,
    )
    control = PostgresControl(data, tmp / "postgres.log", f"-p {port} -h 127.0.0.1 -k {tmp}")
    control.start()
    url = f"postgresql://wegwijzer@127.0.0.1:{port}/wegwijzer"
    CONTROLS[url] = control
    try:
        subprocess.run(
            [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "wegwijzer", "wegwijzer"],
            check=True,
            capture_output=True,
        )
        yield url
    finally:
        CONTROLS.pop(url, None)
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]), capture_output=True
        )
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def redis_server(tmp: Path) -> Iterator[str]:
    """A throw-away Redis on loopback; yields its redis:// URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            result = subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True)
            if result.stdout.strip() == "PONG":
                break
            time.sleep(0.2)
        else:
            raise RuntimeError("redis-server did not start")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
