"""Debian's nginx on loopback with the production configuration (deploy/nginx/wegwijzer.conf.template)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from bot.settings import REPO_ROOT
from devtools.servers import free_port

TEMPLATE = REPO_ROOT / "deploy" / "nginx" / "wegwijzer.conf.template"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_missing() -> bool:
    return not Path(NGINX).exists()


def render(template: str, values: dict[str, str]) -> str:
    """envsubst for our variables only (nginx's own $variables are left alone)."""

    def fill(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return re.sub(r"\$\{(WEGWIJZER_[A-Z_]+)\}", fill, template)


@contextlib.contextmanager
def nginx_in_front(upstreams: list[str], tmp: Path) -> Iterator[str]:
    """Runs nginx on a free loopback port in front of ``upstreams`` (base URLs); yields its base URL."""
    port = free_port()
    servers = "\n    ".join(
        f"server {base.split('://', 1)[1]} max_fails=1 fail_timeout=5s;" for base in upstreams
    )
    server_block = render(
        TEMPLATE.read_text(encoding="utf-8"),
        {
            "WEGWIJZER_UPSTREAM_SERVERS": servers,
            "WEGWIJZER_LISTEN": f"127.0.0.1:{port}",
            "WEGWIJZER_TLS": "# TLS is terminated here in production (ssl_certificate ...); "
            "plain HTTP on loopback in tests",
            "WEGWIJZER_SERVER_NAME": "localhost",
            "WEGWIJZER_OPS_ALLOW": "allow 127.0.0.1;",
        },
    )
    (tmp / "wegwijzer.conf").write_text(server_block, encoding="utf-8")
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"):
        (tmp / folder).mkdir(exist_ok=True)
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(
        f"""{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/logs/error.log warn;
daemon off;
events {{ worker_connections 256; }}
http {{
    access_log {tmp}/logs/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/wegwijzer.conf;
}}
""",
        encoding="utf-8",
    )
    check = subprocess.run(
        [NGINX, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf")], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen(
        [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/webhooks/ops/live", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
