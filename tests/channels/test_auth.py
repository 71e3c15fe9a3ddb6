"""Staff accounts and login: roles, sessions, logout, throttling, Unicode passwords, the
development account on loopback only, hashing off the event loop."""

from __future__ import annotations

import base64
import hashlib
import threading
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sanic import Sanic

from bot.staff.accounts import Accounts, AuthConfigError, hash_password, parse_account, password_matches
from channels import auth as auth_module
from channels.frontdesk import FrontDeskInput
from channels.staff import StaffLoginInput
from devtools.fake_agent import FakeAgent
from devtools.servers import free_port

CSRF = {"X-Wegwijzer-Request": "1"}


# ---- accounts -------------------------------------------------------------------------------


def test_entries_with_roles_and_display_names() -> None:
    accounts = Accounts.from_env(
        {"WEGWIJZER_STAFF_ACCOUNTS": "an:pw1:caseworker:An Peeters, balie:pw2,baas:pw3:admin"}
    )
    an, balie, boss = accounts.get("an"), accounts.get("balie"), accounts.get("baas")
    assert an and an.may("caseworker") and not an.may("designer") and an.public_name() == "An Peeters"
    assert balie and balie.may("frontdesk") and balie.may("designer") and not balie.may("admin")
    assert balie.public_name() == ""  # citizens then read "een medewerker", never the login
    assert boss and all(boss.may(role) for role in ("frontdesk", "caseworker", "designer"))


@pytest.mark.parametrize(
    "raw, message",
    [
        ("an", "entry 1: write it as login:secret"),
        ("an:pw,bob", "entry 2: write it as"),
        ("an:pw:chef", "unknown role(s) chef"),
        ("an:pw,an:pw2", "login 'an' is listed twice"),
        ("a n:pw", "the login may hold"),
        ("an:pbkdf2_sha256$10$salt$abc", "a hash must read"),
    ],
)
def test_malformed_entries_say_which_and_why(raw: str, message: str) -> None:
    with pytest.raises(
        AuthConfigError, match=message.replace("(", r"\(").replace(")", r"\)").replace("$", r"\$")
    ):
        Accounts.from_env({"WEGWIJZER_STAFF_ACCOUNTS": raw})


def test_production_needs_accounts_and_hashes() -> None:
    with pytest.raises(AuthConfigError, match="must be set in production"):
        Accounts.from_env({"WEGWIJZER_ENV": "production"})
    with pytest.raises(AuthConfigError, match="needs a password hash"):
        Accounts.from_env({"WEGWIJZER_ENV": "production", "WEGWIJZER_STAFF_ACCOUNTS": "an:plain-password"})
    hashed = hash_password("een lang wachtwoord", iterations=100_000)
    accounts = Accounts.from_env({"WEGWIJZER_ENV": "production", "WEGWIJZER_STAFF_ACCOUNTS": f"an:{hashed}"})
    assert not accounts.development and accounts.get("an") is not None


def test_development_has_a_loopback_only_demo_account() -> None:
    demo = Accounts.from_env({}).get("demo")
    assert demo is not None and demo.loopback_only


def test_password_checks_work_for_any_unicode_and_unknown_logins_cost_a_hash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hashed = hash_password("wachtwoord-é-€-🙂", iterations=100_000)
    assert password_matches(hashed, "wachtwoord-é-€-🙂")
    assert not password_matches(hashed, "wachtwoord-e")
    assert not password_matches("plain", "\udcff")  # a lone surrogate: no exception
    calls: list[int] = []
    real = hashlib.pbkdf2_hmac
    monkeypatch.setattr(hashlib, "pbkdf2_hmac", lambda *args: calls.append(args[3]) or real(*args))
    assert not password_matches(None, "wat dan ook")
    assert calls and calls[0] >= 100_000  # the same work as a real account
    assert parse_account(f"an:{hashed}", 1, production=True).login == "an"


# ---- a running server ---------------------------------------------------------------------


class Server:
    def __init__(self, base: str) -> None:
        self.base = base

    async def call(
        self, method: str, path: str, session: aiohttp.ClientSession | None = None, **kwargs: Any
    ) -> tuple[int, Any, Any]:
        own = session is None
        session = session or aiohttp.ClientSession()
        try:
            async with session.request(method, self.base + path, allow_redirects=False, **kwargs) as response:
                try:
                    data = await response.json(content_type=None)
                except ValueError:
                    data = await response.text()
                return response.status, data, response.headers
        finally:
            if own:
                await session.close()


@pytest.fixture
async def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AsyncIterator[Server]:
    monkeypatch.setenv(
        "WEGWIJZER_STAFF_ACCOUNTS",
        "balie:geheim-wachtwoord:frontdesk:Sara,"
        "ontwerper:ander-wachtwoord:designer,ander:pässwörd-ß-€:frontdesk",
    )
    monkeypatch.setenv("WEGWIJZER_DATABASE_URL", f"sqlite:///{tmp_path / 'staff.db'}")
    monkeypatch.delenv("WEGWIJZER_ENV", raising=False)
    auth_module._shared.clear()
    monkeypatch.setattr(Sanic, "test_mode", True)
    app = Sanic(f"staff_test_{uuid.uuid4().hex[:8]}")
    app.blueprint(StaffLoginInput().blueprint(lambda message: None), url_prefix="/webhooks/staff")
    app.blueprint(FrontDeskInput().blueprint(lambda message: None), url_prefix="/webhooks/frontdesk")
    app.ctx.agent = FakeAgent()
    port = free_port()
    asyncio_server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await asyncio_server.startup()
    await asyncio_server.start_serving()
    try:
        yield Server(f"http://127.0.0.1:{port}")
    finally:
        asyncio_server.close()
        await asyncio_server.wait_closed()
        auth_module._shared.clear()


def basic(login: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode()}


async def test_login_session_cookie_then_logout_ends_it(server: Server) -> None:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:
        status, data, headers = await server.call(
            "POST",
            "/webhooks/staff/login",
            browser,
            headers=CSRF,
            json={"login": "balie", "password": "geheim-wachtwoord", "next": "//evil.example/"},
        )
        assert status == 200 and data["next"] == "/webhooks/frontdesk/"  # never an outside address
        cookie = headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/webhooks/" in cookie
        assert "geheim" not in cookie
        status, me, _ = await server.call("GET", "/webhooks/staff/me", browser)
        assert status == 200 and me == {"login": "balie", "name": "Sara", "roles": ["frontdesk"]}
        assert (await server.call("GET", "/webhooks/frontdesk/api/events", browser))[0] == 200
        assert (await server.call("POST", "/webhooks/staff/logout", browser, headers=CSRF, json={}))[0] == 200
        assert (await server.call("GET", "/webhooks/frontdesk/api/events", browser))[0] == 401
        assert (await server.call("GET", "/webhooks/staff/me", browser))[0] == 401


async def test_a_stolen_cookie_is_useless_after_logout(server: Server) -> None:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:
        _, _, headers = await server.call(
            "POST",
            "/webhooks/staff/login",
            browser,
            headers=CSRF,
            json={"login": "balie", "password": "geheim-wachtwoord"},
        )
        token = headers["Set-Cookie"].split(";")[0]
        await server.call("POST", "/webhooks/staff/logout", browser, headers=CSRF, json={})
    status, _, _ = await server.call("GET", "/webhooks/frontdesk/api/events", headers={"Cookie": token})
    assert status == 401


async def test_login_needs_the_csrf_header_and_json(server: Server) -> None:
    status, data, _ = await server.call(
        "POST",
        "/webhooks/staff/login",
        data="login=balie&password=geheim-wachtwoord",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 403 and data["error"] == "csrf"
    status, data, _ = await server.call(
        "POST",
        "/webhooks/staff/login",
        json={"login": "balie", "password": "x"},
        headers={**CSRF, "Origin": "https://evil.example"},
    )
    assert status == 403 and data["error"] == "cross_origin"


async def test_unicode_passwords_and_logins_get_401_or_200_never_500(server: Server) -> None:
    for login, password in (("balie", "wachtwoord-é"), ("niemand", "€€€"), ("üser", "fout")):
        status, _, _ = await server.call(
            "POST", "/webhooks/staff/login", headers=CSRF, json={"login": login, "password": password}
        )
        assert status == 401, (login, password)
    status, _, _ = await server.call(
        "POST", "/webhooks/staff/login", headers=CSRF, json={"login": "ander", "password": "pässwörd-ß-€"}
    )
    assert status == 200
    raw = "Basic " + base64.b64encode("balie:wachtwoord-é".encode("latin-1")).decode()
    assert (await server.call("GET", "/webhooks/frontdesk/api/events", headers={"Authorization": raw}))[
        0
    ] == 401


async def test_wrong_role_is_403_and_pages_redirect_to_the_login(server: Server) -> None:
    status, data, _ = await server.call(
        "GET", "/webhooks/frontdesk/api/events", headers=basic("ontwerper", "ander-wachtwoord")
    )
    assert status == 403 and data["error"] == "forbidden"
    status, _, headers = await server.call("GET", "/webhooks/frontdesk/", headers={"Accept": "text/html"})
    assert status == 303 and headers["Location"].startswith("/webhooks/staff/login?next=/webhooks/frontdesk/")
    status, page, headers = await server.call("GET", "/webhooks/staff/login")
    assert (
        status == 200
        and "Aanmelden" in page
        and "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    )


async def test_repeated_failures_lock_the_login_from_that_address(server: Server) -> None:
    for _ in range(5):
        status, _, _ = await server.call(
            "POST", "/webhooks/staff/login", headers=CSRF, json={"login": "balie", "password": "raden"}
        )
        assert status == 401
    status, data, headers = await server.call(
        "POST",
        "/webhooks/staff/login",
        headers=CSRF,
        json={"login": "balie", "password": "geheim-wachtwoord"},
    )
    assert status == 429 and data["error"] == "locked" and int(headers["Retry-After"]) > 60
    status, _, _ = await server.call(
        "GET", "/webhooks/frontdesk/api/events", headers=basic("balie", "geheim-wachtwoord")
    )
    assert status == 429


async def test_the_demo_account_works_only_from_this_machine(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("WEGWIJZER_STAFF_ACCOUNTS", raising=False)
    monkeypatch.delenv("WEGWIJZER_ENV", raising=False)
    monkeypatch.setenv("WEGWIJZER_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.setenv("WEGWIJZER_TRUSTED_PROXIES", "127.0.0.1/32")
    auth_module._shared.clear()
    monkeypatch.setattr(Sanic, "test_mode", True)
    app = Sanic(f"demo_test_{uuid.uuid4().hex[:8]}")
    app.blueprint(FrontDeskInput().blueprint(lambda message: None), url_prefix="/webhooks/frontdesk")
    port = free_port()
    asyncio_server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await asyncio_server.startup()
    await asyncio_server.start_serving()
    try:
        site = Server(f"http://127.0.0.1:{port}")
        assert (await site.call("GET", "/webhooks/frontdesk/api/events", headers=basic("demo", "demo")))[
            0
        ] == 200
        relayed = {**basic("demo", "demo"), "X-Forwarded-For": "203.0.113.9"}  # through a proxy: someone else
        assert (await site.call("GET", "/webhooks/frontdesk/api/events", headers=relayed))[0] == 401
    finally:
        asyncio_server.close()
        await asyncio_server.wait_closed()
        auth_module._shared.clear()


async def test_password_hashing_runs_off_the_event_loop(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[int] = []
    real = auth_module.password_matches
    monkeypatch.setattr(
        auth_module,
        "password_matches",
        lambda secret, password: threads.append(threading.get_ident()) or real(secret, password),
    )
    await server.call("GET", "/webhooks/frontdesk/api/events", headers=basic("balie", "nog-een-poging"))
    assert threads and threads[0] != threading.get_ident()  # not the thread that runs the server's loop
