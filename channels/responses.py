"""HTTP answers shared by every channel: JSON errors for API clients and static files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sanic import response
from sanic.response import HTTPResponse

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}


def error_response(
    status: int, code: str, detail: str, headers: Mapping[str, str] | None = None
) -> HTTPResponse:
    """A JSON error for API clients: ``{"error": code, "detail": detail}``."""
    return response.json({"error": code, "detail": detail}, status=status, headers=dict(headers or {}))


def static_file(folder: Path, filename: str, headers: Mapping[str, str] | None = None) -> HTTPResponse:
    """A file directly inside ``folder`` with a known type, else 404 (no path tricks)."""
    path = (folder / filename).resolve()
    if path.parent != folder.resolve() or not path.is_file() or path.suffix not in CONTENT_TYPES:
        return error_response(404, "not_found", "No such file.", headers)
    return response.text(
        path.read_text(encoding="utf-8"), content_type=CONTENT_TYPES[path.suffix], headers=dict(headers or {})
    )
