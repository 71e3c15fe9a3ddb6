"""Who may call what from where: CORS for the citizen endpoints only, same-origin and CSRF checks
for staff requests, security headers, and the client address behind a trusted proxy.

Trust boundaries (docs/security.md):
- public: the widget's endpoints (``/webhooks/web/webhook``, ``/history``, ``/feedback``,
  ``/events``, ``/static``) answer other origins only when they are listed in
  ``WEGWIJZER_ALLOWED_ORIGINS``, and never with credentials;
- staff: front desk, console and reports are same-origin only, need a login, a JSON body and the
  ``X-Wegwijzer-Request`` header for every state change, and are never framed or cached;
- internal: the action server, the database and Redis are not on public interfaces.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import environment

CSRF_HEADER = "x-wegwijzer-request"
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
STAFF_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
STAFF_HEADERS = {
    "Content-Security-Policy": STAFF_CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
PUBLIC_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
PRIVATE_PUBLIC_PATHS = ("/history", "/webhook", "/feedback", "/events")
"""Widget endpoints that carry a person's own conversation: never cached."""


@dataclass(frozen=True)
class SecurityConfig:
    allowed_origins: frozenset[str]
    """Sites that may embed the widget (exact origins such as ``https://www.gent.be``)."""
    trusted_proxies: tuple[ipaddress._BaseNetwork, ...]
    """Proxies whose ``X-Forwarded-For`` is believed (the client address for rate limits)."""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> SecurityConfig:
        env = environment(env)
        origins = frozenset(
            o.strip().rstrip("/") for o in env.get("WEGWIJZER_ALLOWED_ORIGINS", "").split(",") if o.strip()
        )
        proxies = tuple(
            ipaddress.ip_network(p.strip(), strict=False)
            for p in env.get("WEGWIJZER_TRUSTED_PROXIES", "").split(",")
            if p.strip()
        )
        return cls(origins, proxies)


def request_origin(request: Request) -> str:
    """This server's own origin as the browser addressed it."""
    return f"{request.scheme}://{request.host}"


def client_address(request: Request, config: SecurityConfig) -> str:
    """The caller's address: the socket peer, or the last untrusted hop of X-Forwarded-For when the
    peer is a trusted proxy (so a client cannot pick its own address)."""
    peer = request.ip or ""
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return peer
    if not any(address in network for network in config.trusted_proxies):
        return peer
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            hop_address = ipaddress.ip_address(hop)
        except ValueError:
            return hop
        if not any(hop_address in network for network in config.trusted_proxies):
            return hop
    return peer


def is_loopback_request(request: Request) -> bool:
    """A request from this machine, not relayed by a proxy (the development account's condition)."""
    try:
        peer = ipaddress.ip_address(request.ip or "")
    except ValueError:
        return False
    return (
        peer.is_loopback
        and not request.headers.get("x-forwarded-for")
        and not request.headers.get("forwarded")
    )


def widget_cors(blueprint: Blueprint, config: SecurityConfig) -> None:
    """CORS on the citizen endpoints for the configured sites only, without credentials."""

    @blueprint.on_request
    async def preflight(request: Request) -> HTTPResponse | None:
        if request.method != "OPTIONS":
            return None
        origin = request.headers.get("origin", "")
        if origin not in config.allowed_origins:
            return response.empty(status=403)
        return response.empty(
            status=204,
            headers={
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": "GET, POST",
                "Access-Control-Allow-Headers": "Content-Type, X-Wegwijzer-Conversation",
                "Access-Control-Max-Age": "600",
                "Vary": "Origin",
            },
        )

    @blueprint.on_response
    async def allow_origin(request: Request, resp: HTTPResponse) -> None:
        for header, value in PUBLIC_HEADERS.items():
            resp.headers.setdefault(header, value)
        if any(request.path.endswith(path) for path in PRIVATE_PUBLIC_PATHS):
            resp.headers["Cache-Control"] = "no-store"
        origin = request.headers.get("origin", "")
        if origin and origin in config.allowed_origins:
            resp.headers["Access-Control-Allow-Origin"] = origin
            resp.headers["Vary"] = "Origin"


def cross_site(request: Request) -> bool:
    """True when a browser says the request comes from another site or origin."""
    fetch_site = request.headers.get("sec-fetch-site", "")
    if fetch_site and fetch_site not in ("same-origin", "none"):
        return True
    origin = request.headers.get("origin", "")
    return bool(origin) and origin != request_origin(request)


def style_hash(style: str) -> str:
    """The CSP source for one inline style block ("'sha256-...'")."""
    import base64
    import hashlib

    return "'sha256-" + base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode() + "'"


def staff_guard(
    blueprint: Blueprint,
    allow_form: Callable[[Request], bool] | None = None,
    inline_styles: tuple[str, ...] = (),
) -> None:
    """Staff routes: no cross-origin use at all, CSRF-proof state changes, strict headers.
    ``inline_styles``: style blocks the pages contain, allowed by their hash (never 'unsafe-inline')."""
    headers = dict(STAFF_HEADERS)
    if inline_styles:
        hashes = " ".join(style_hash(style) for style in inline_styles)
        headers["Content-Security-Policy"] = STAFF_CSP.replace(
            "style-src 'self'", f"style-src 'self' {hashes}"
        )

    @blueprint.on_request
    async def same_origin_only(request: Request) -> HTTPResponse | None:
        if request.method == "OPTIONS":
            return response.empty(status=403)  # never a CORS preflight grant for staff routes
        if cross_site(request):
            return response.json(
                {"error": "cross_origin", "detail": "Staff pages only work on their own site."},
                status=403,
                headers=headers,
            )
        if request.method in STATE_CHANGING and not (allow_form and allow_form(request)):
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if request.headers.get(CSRF_HEADER) != "1" or content_type != "application/json":
                return response.json(
                    {"error": "csrf", "detail": f"Send JSON with the {CSRF_HEADER} header."},
                    status=403,
                    headers=headers,
                )
        return None

    @blueprint.on_response
    async def strict_headers(request: Request, resp: HTTPResponse) -> None:
        for header, value in headers.items():
            resp.headers[header] = value
        for header in [h for h in resp.headers if h.lower().startswith("access-control-")]:
            del resp.headers[header]
