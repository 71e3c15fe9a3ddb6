"""A webhook receiver on loopback for the hand-off outbox tests."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from bot.handoff.outbox import verify

SECRET = "test-webhook-secret"


class Receiver:
    """A webhook receiver on loopback that can be started later (it is 'down' until then)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.received: list[dict[str, Any]] = []
        self.server: HTTPServer | None = None

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                valid = verify(SECRET, self.headers.get("X-Wegwijzer-Signature", ""), body)
                receiver.received.append(
                    {"key": self.headers.get("Idempotency-Key"), "valid": valid, "payload": json.loads(body)}
                )
                self.send_response(202)
                self.end_headers()

            def log_message(self, *args: Any) -> None:  # quiet
                pass

        server = HTTPServer(("127.0.0.1", self.port), Handler)
        self.server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
