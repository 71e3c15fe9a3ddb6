"""A local web site whose pages tests can change between requests (the source watch's tests)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Page:
    status: int = 200
    body: str = ""
    location: str | None = None
    etag: str | None = None


@dataclass
class Site:
    base: str = ""
    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)


@contextmanager
def page_server() -> Iterator[Site]:
    """Serves ``site.pages`` (path -> Page) on a free loopback port; records every request."""
    site = Site()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            site.requests.append((self.path, {k: v for k, v in self.headers.items()}))
            page = site.pages.get(self.path, Page(status=404, body="not found"))
            if page.etag and self.headers.get("If-None-Match") == page.etag:
                self.send_response(304)
                self.send_header("ETag", page.etag)
                self.end_headers()
                return
            self.send_response(page.status)
            if page.location:
                self.send_header("Location", page.location)
            if page.etag:
                self.send_header("ETag", page.etag)
            body = page.body.encode("utf-8")
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
