"""Security regression suite: attacks a running assistant the way the security review did, and
fails if one of its holes reopens (docs/security.md lists the threat model).

One assistant with three staff accounts (one role each), a configured widget origin and a REST
token; every attack comes from outside, over HTTP, like a hostile web page or script would."""

from __future__ import annotations

import concurrent.futures
import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator

import pytest
import requests
import sqlalchemy as sa

from devtools.servers import running_assistant
from devtools.sse import PushListener, citizen_stream

pytestmark = pytest.mark.slow

WIDGET_SITE = "https://www.gemeente.example"
EVIL = "https://evil.example"
REST_TOKEN = "rest-token-for-the-security-suite-0123456789"
ACCOUNTS = {
    "balie": ("balie-wachtwoord-1", "frontdesk"),
    "an": ("an-wachtwoord-22", "caseworker"),
    "ontwerper": ("ontwerper-wachtwoord-3", "designer"),
}
CSRF = {"X-Wegwijzer-Request": "1"}

# Every staff route, with the role it needs: (method, path, role).
STAFF_ROUTES = [
    ("GET", "/webhooks/frontdesk/", "frontdesk"),
    ("GET", "/webhooks/frontdesk/static/main.js", "frontdesk"),
    ("GET", "/webhooks/frontdesk/api/events", "frontdesk"),
    ("GET", "/webhooks/frontdesk/api/events/birth", "frontdesk"),
    ("GET", "/webhooks/frontdesk/api/municipalities", "frontdesk"),
    ("POST", "/webhooks/frontdesk/api/plan", "frontdesk"),
    ("POST", "/webhooks/frontdesk/api/situations", "frontdesk"),
    ("POST", "/webhooks/frontdesk/api/classify", "frontdesk"),
    ("GET", "/webhooks/console/", "caseworker"),
    ("GET", "/webhooks/console/static/console.js", "caseworker"),
    ("GET", "/webhooks/console/api/cases", "caseworker"),
    ("GET", "/webhooks/console/api/cases/1", "caseworker"),
    ("POST", "/webhooks/console/api/cases/1/claim", "caseworker"),
    ("POST", "/webhooks/console/api/cases/1/messages", "caseworker"),
    ("POST", "/webhooks/console/api/cases/1/typing", "caseworker"),
    ("POST", "/webhooks/console/api/cases/1/close", "caseworker"),
    ("GET", "/webhooks/reports/", "designer"),
    ("GET", "/webhooks/reports/api/unrecognised", "designer"),
    ("POST", "/webhooks/reports/api/unrecognised/1", "designer"),
    ("GET", "/webhooks/reports/api/annotations.yml", "designer"),
    ("GET", "/webhooks/reports/transcript/" + "0" * 64, "designer"),
]
BODIES = {
    "/webhooks/frontdesk/api/plan": {"event_id": "birth"},
    "/webhooks/frontdesk/api/situations": {"situations": [{"event_id": "birth"}]},
    "/webhooks/frontdesk/api/classify": {"text": "baby"},
    "/webhooks/console/api/cases/1/messages": {"text": "hallo"},
    "/webhooks/reports/api/unrecognised/1": {"life_event": "birth"},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, dict]]:
    env = {
        "WEGWIJZER_STAFF_ACCOUNTS": ",".join(
            f"{login}:{password}:{role}" for login, (password, role) in ACCOUNTS.items()
        ),
        "WEGWIJZER_ALLOWED_ORIGINS": WIDGET_SITE,
        "WEGWIJZER_REST_TOKEN": REST_TOKEN,
        "WEGWIJZER_OFFICE_HOURS": "always",
    }
    handles: dict = {}
    with running_assistant(tmp_path_factory.mktemp("security"), env, handles) as (base, settings):
        yield base, settings.database_url, handles


def login(login_name: str) -> tuple[str, str]:
    return login_name, ACCOUNTS[login_name][0]


def call(base: str, method: str, path: str, **kwargs) -> requests.Response:  # type: ignore[no-untyped-def]
    kwargs.setdefault("timeout", 60)
    kwargs.setdefault("allow_redirects", False)
    if method == "POST" and "json" not in kwargs and "data" not in kwargs:
        kwargs["json"] = BODIES.get(path, {})
    return requests.request(method, base + path, **kwargs)


def test_a_hostile_origin_gets_no_cors_grant_on_any_staff_route(site: tuple[str, str, dict]) -> None:
    base, _, _ = site
    for method, path, role in STAFF_ROUTES:
        owner = next(name for name, (_, r) in ACCOUNTS.items() if r == role)
        response = call(base, method, path, auth=login(owner), headers={**CSRF, "Origin": EVIL})
        assert response.status_code == 403, (path, response.status_code)
        assert "Access-Control-Allow-Origin" not in response.headers, path
        assert "Access-Control-Allow-Credentials" not in response.headers, path
        preflight = call(
            base,
            "OPTIONS",
            path,
            headers={
                "Origin": EVIL,
                "Access-Control-Request-Method": method,
                "Access-Control-Request-Headers": "x-wegwijzer-request",
            },
        )
        assert "Access-Control-Allow-Origin" not in preflight.headers, path


def test_cross_site_form_posts_are_refused(site: tuple[str, str, dict]) -> None:
    base, _, _ = site
    # What a hostile page can send without a preflight: a form or text/plain body, cookies attached.
    for method, path, role in STAFF_ROUTES:
        if method != "POST":
            continue
        owner = next(name for name, (_, r) in ACCOUNTS.items() if r == role)
        for headers, body in (
            ({"Content-Type": "text/plain"}, json.dumps(BODIES.get(path, {}))),
            ({"Content-Type": "application/x-www-form-urlencoded"}, "text=hallo"),
            ({"Content-Type": "application/json"}, json.dumps(BODIES.get(path, {}))),
        ):
            response = call(base, method, path, auth=login(owner), headers=headers, data=body)
            assert response.status_code == 403 and response.json()["error"] == "csrf", (path, headers)


def test_every_staff_route_needs_a_login_and_the_right_role(site: tuple[str, str, dict]) -> None:
    base, _, _ = site
    for method, path, role in STAFF_ROUTES:
        anonymous = call(base, method, path, headers=CSRF)
        assert anonymous.status_code == 401 and "WWW-Authenticate" not in anonymous.headers, path
        for name, (_, account_role) in ACCOUNTS.items():
            response = call(base, method, path, auth=login(name), headers=CSRF)
            if account_role == role:
                assert response.status_code not in (401, 403), (path, name, response.status_code)
            else:
                assert response.status_code == 403, (path, name, response.status_code)


def test_staff_pages_send_strict_headers(site: tuple[str, str, dict]) -> None:
    base, _, _ = site
    for path, owner in (
        ("/webhooks/frontdesk/", "balie"),
        ("/webhooks/console/", "an"),
        ("/webhooks/reports/", "ontwerper"),
        ("/webhooks/staff/login", "an"),
    ):
        response = call(base, "GET", path, auth=login(owner))
        assert response.status_code == 200, path
        policy = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy, path
        assert (
            response.headers["Cache-Control"] == "no-store" and response.headers["X-Frame-Options"] == "DENY"
        )
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_widget_answers_its_own_sites_only_and_never_with_credentials(
    site: tuple[str, str, dict],
) -> None:
    base, _, _ = site
    sender = uuid.uuid4().hex
    allowed = call(
        base,
        "POST",
        "/webhooks/web/webhook",
        json={"sender": sender, "message": "hallo"},
        headers={"Origin": WIDGET_SITE},
    )
    assert allowed.status_code == 200 and allowed.headers["Access-Control-Allow-Origin"] == WIDGET_SITE
    assert "Access-Control-Allow-Credentials" not in allowed.headers
    other = call(
        base,
        "POST",
        "/webhooks/web/webhook",
        json={"sender": sender, "message": "hallo"},
        headers={"Origin": EVIL},
    )
    assert "Access-Control-Allow-Origin" not in other.headers
    preflight = call(
        base,
        "OPTIONS",
        "/webhooks/web/history",
        headers={"Origin": EVIL, "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 403 and "Access-Control-Allow-Origin" not in preflight.headers
    own_site = call(
        base,
        "OPTIONS",
        "/webhooks/web/history",
        headers={
            "Origin": WIDGET_SITE,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "x-wegwijzer-conversation",
        },
    )
    assert own_site.status_code == 204 and own_site.headers["Access-Control-Allow-Origin"] == WIDGET_SITE
    assert "X-Wegwijzer-Conversation" in own_site.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in own_site.headers
    history = call(base, "GET", "/webhooks/web/history", headers={"X-Wegwijzer-Conversation": sender})
    assert history.status_code == 200 and history.headers["Cache-Control"] == "no-store"


def test_conversation_ids_never_travel_in_urls_and_cannot_be_enumerated(site: tuple[str, str, dict]) -> None:
    base, _, _ = site
    sender = uuid.uuid4().hex
    call(base, "POST", "/webhooks/web/webhook", json={"sender": sender, "message": "ik ben verhuisd"})
    assert call(base, "GET", f"/webhooks/web/history?sender={sender}").status_code == 400
    assert call(base, "GET", f"/webhooks/web/events?sender={sender}").status_code == 400
    for short in ("1", "abc", "12345678"):  # guessable ids are refused outright
        assert (
            call(
                base, "GET", "/webhooks/web/history", headers={"X-Wegwijzer-Conversation": short}
            ).status_code
            == 400
        )
    unknown = call(
        base, "GET", "/webhooks/web/history", headers={"X-Wegwijzer-Conversation": uuid.uuid4().hex}
    )
    assert unknown.status_code == 200 and unknown.json() == []
    assert call(base, "GET", f"/conversations/{sender}/tracker").status_code in (
        401,
        403,
        404,
    )  # Rasa's API is off


def test_oversized_and_adversarial_bodies_do_not_stall_the_server(site: tuple[str, str, dict]) -> None:
    base, _, _ = site
    huge = call(
        base,
        "POST",
        "/webhooks/web/feedback",
        data=b"x" * 200_000,
        headers={"Content-Type": "application/json"},
    )
    assert huge.status_code == 413  # Sanic refuses it before reading it all
    adversarial = "'a" * 7_000  # 14 KB that made the old address pattern quadratic
    ready = threading.Barrier(4)  # the three attacks and the health check start together

    def attack() -> requests.Response:
        ready.wait(10)
        return call(
            base,
            "POST",
            "/webhooks/web/feedback",
            json={
                "conversation_id": uuid.uuid4().hex,
                "kind": "rating",
                "rating": "up",
                "bot_message": adversarial,
            },
        )

    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        attacks = [pool.submit(attack) for _ in range(3)]
        ready.wait(10)
        started = time.monotonic()
        health = call(base, "GET", "/webhooks/ops/live")
        waited = time.monotonic() - started
        codes = [attack.result().status_code for attack in attacks]
    assert health.status_code == 200 and waited < 2.0, waited  # was about 5 s per request before the fix
    assert all(code in (200, 201, 413) for code in codes), codes
    message = call(
        base, "POST", "/webhooks/web/webhook", json={"sender": uuid.uuid4().hex, "message": "a" * 2001}
    )
    assert message.status_code == 413


def test_live_streams_are_capped_per_client(site: tuple[str, str, dict]) -> None:
    base, _, _ = site
    streams: list[PushListener] = []
    try:
        for _ in range(4):
            streams.append(citizen_stream(base, uuid.uuid4().hex))  # each waits until connected
        ticket = call(
            base,
            "POST",
            "/webhooks/web/events/ticket",
            headers={"X-Wegwijzer-Conversation": uuid.uuid4().hex},
        ).json()["ticket"]
        fifth = requests.get(
            f"{base}/webhooks/web/events", params={"ticket": ticket}, stream=True, timeout=30
        )
        assert fifth.status_code == 429
    finally:
        for stream in streams:
            stream.close()


def test_the_rest_channel_needs_its_token(site: tuple[str, str, dict]) -> None:
    base, _, _ = site
    body = {"sender": uuid.uuid4().hex, "message": "hallo"}
    assert call(base, "POST", "/webhooks/rest/webhook", json=body).status_code == 401
    assert (
        call(
            base, "POST", "/webhooks/rest/webhook", json=body, headers={"Authorization": "Bearer wrong"}
        ).status_code
        == 401
    )
    assert (
        call(
            base,
            "POST",
            "/webhooks/rest/webhook",
            json=body,
            headers={"Authorization": f"Bearer {REST_TOKEN}"},
        ).status_code
        == 200
    )


def test_typed_identifiers_never_reach_the_conversation_store(site: tuple[str, str, dict]) -> None:
    base, database_url, _ = site
    sender = uuid.uuid4().hex
    reply = call(
        base,
        "POST",
        "/webhooks/web/webhook",
        json={"sender": sender, "message": "mijn rijksregisternummer is 85.07.30-033.28"},
    )
    assert reply.status_code == 200
    with sa.create_engine(database_url).connect() as connection:
        stored = " ".join(
            connection.execute(
                sa.text("SELECT data FROM events WHERE sender_id = :s"), {"s": sender}
            ).scalars()
        )
    assert "[RIJKSREGISTERNUMMER]" in stored and "85.07.30-033.28" not in stored


def test_the_action_server_listens_on_loopback_only(site: tuple[str, str, dict]) -> None:
    _, _, handles = site
    port = int(handles["actions_cmd"][handles["actions_cmd"].index("--port") + 1])
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass  # reachable from this machine
    address = _outside_address()
    if address is None:
        pytest.skip("this machine has no interface besides loopback")
    with pytest.raises(OSError):
        socket.create_connection((address, port), timeout=3).close()


def test_one_address_cannot_flood_by_changing_its_conversation_id(site: tuple[str, str, dict]) -> None:
    base, _, _ = site
    codes = [
        call(
            base, "GET", "/webhooks/web/history", headers={"X-Wegwijzer-Conversation": uuid.uuid4().hex}
        ).status_code
        for _ in range(130)
    ]
    assert codes[0] == 200 and 429 in codes


def _outside_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent; this only picks the outgoing interface
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address
