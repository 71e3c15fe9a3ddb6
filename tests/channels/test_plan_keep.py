"""The widget's "Mail mij dit plan" and "Bewaar een link" on a real in-process Sanic server (a
fake Rasa agent with in-memory conversations) and a local SMTP sink: the mail arrives with the
plan the server rebuilt, the address is nowhere afterwards, and the public endpoints refuse what
they must."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from sanic import Sanic

from bot.dialogue.state import PLAN, ConversationState, Journey
from bot.keeping.saved import save_plan
from channels.web import WebChatInput
from devtools.servers import free_port
from devtools.smtp_sink import SmtpSink

SENDER = "e" * 32
ADDRESS = "an.peeters@voorbeeld.be"
CITIZEN = {"X-Wegwijzer-Conversation": SENDER}
BIRTH = ConversationState(
    journey=Journey("birth", {"first_child": "ja"}, event_date=dt.date(2026, 11, 26), phase=PLAN)
)


DOMAIN = Domain.from_dict({"slots": {"conversation": {"type": "any", "mappings": [{"type": "custom"}]}}})


class Agent:
    def __init__(self) -> None:
        self.tracker_store = InMemoryTrackerStore(DOMAIN)
        self.lock_store = InMemoryLockStore()

    def is_ready(self) -> bool:
        return True

    async def on_new_message(self, message: Any) -> None:
        return None


class Site:
    def __init__(self, base: str, agent: Agent, database_url: str, sink: SmtpSink, db_file: Path) -> None:
        self.base, self.agent, self.database_url, self.sink, self.db_file = (
            base,
            agent,
            database_url,
            sink,
            db_file,
        )

    @property
    def web(self) -> str:
        return self.base + "/webhooks/web/"


async def serve(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, env: dict[str, str]) -> AsyncIterator[Site]:
    db_file = tmp_path / "keep.db"
    database_url = f"sqlite:///{db_file}"
    monkeypatch.setenv("WEGWIJZER_DATABASE_URL", database_url)
    monkeypatch.setenv("WEGWIJZER_TODAY", "2026-11-30")
    for name in ("WEGWIJZER_ENV", "WEGWIJZER_REDIS_URL", "WEGWIJZER_SMTP_HOST", "WEGWIJZER_ALLOWED_ORIGINS"):
        monkeypatch.delenv(name, raising=False)
    with SmtpSink() as sink:
        for name, value in env.items():
            monkeypatch.setenv(name, value.replace("{sink}", str(sink.port)))
        monkeypatch.setattr(Sanic, "test_mode", True)
        agent = Agent()
        tracker = await agent.tracker_store.get_or_create_tracker(SENDER)
        tracker.update(SlotSet("conversation", BIRTH.to_dict()))
        await agent.tracker_store.save(tracker)
        app = Sanic(f"keep_test_{uuid.uuid4().hex[:8]}")
        app.blueprint(WebChatInput().blueprint(agent.on_new_message), url_prefix="/webhooks/web")
        app.ctx.agent = agent
        port = free_port()
        server = await app.create_server(
            host="127.0.0.1", port=port, return_asyncio_server=True, access_log=True
        )
        await server.startup()
        await server.start_serving()
        try:
            yield Site(f"http://127.0.0.1:{port}", agent, database_url, sink, db_file)
        finally:
            server.close()
            await server.wait_closed()


SMTP_ENV = {
    "WEGWIJZER_SMTP_HOST": "127.0.0.1",
    "WEGWIJZER_SMTP_PORT": "{sink}",
    "WEGWIJZER_SMTP_SECURITY": "none",
    "WEGWIJZER_SMTP_FROM": "wegwijzer@gemeente.example",
}


@pytest.fixture
async def site(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AsyncIterator[Site]:
    async for running in serve(monkeypatch, tmp_path, SMTP_ENV):
        yield running


@pytest.fixture
async def site_without_mail(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AsyncIterator[Site]:
    async for running in serve(monkeypatch, tmp_path, {}):
        yield running


async def call(method: str, url: str, **kwargs: Any) -> tuple[int, Any]:
    async with aiohttp.ClientSession() as http, http.request(method, url, **kwargs) as response:
        body = await response.text()
        try:
            import json

            return response.status, json.loads(body)
        except ValueError:
            return response.status, body


async def test_without_a_mail_server_mail_is_off_and_answered_politely(site_without_mail: Site) -> None:
    status, options = await call("GET", site_without_mail.web + "plan/options")
    assert status == 200 and options == {"mail": False, "link": True, "link_days": 30}
    status, answer = await call(
        "POST",
        site_without_mail.web + "plan/mail",
        headers=CITIZEN,
        json={"event_id": "birth", "address": ADDRESS},
    )
    assert status == 503 and answer["error"] == "mail_off"
    assert answer["text"].startswith("E-mail versturen kan hier niet.")
    assert site_without_mail.sink.received == []


async def test_the_mail_arrives_and_the_address_is_kept_nowhere(
    site: Site, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    status, options = await call("GET", site.web + "plan/options")
    assert options["mail"] is True

    status, answer = await call(
        "POST", site.web + "plan/mail", headers=CITIZEN, json={"event_id": "birth", "address": ADDRESS}
    )

    assert (
        status == 200
        and answer["sent"] is True
        and answer["text"].startswith("Het stappenplan is verstuurd.")
    )
    assert len(site.sink.received) == 1
    mail = site.sink.received[0]
    assert mail.recipients == [ADDRESS]
    assert mail.message["Subject"] == "Uw stappenplan: Een kind krijgen"
    body = mail.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Geef de geboorte aan bij de gemeente" in body and "vrijdag 11 december 2026" in body
    # used once: not in the conversation, the database or any log line
    tracker = await site.agent.tracker_store.retrieve(SENDER)
    assert ADDRESS not in repr([event.as_dict() for event in tracker.events])
    stored = b"".join(path.read_bytes() for path in site.db_file.parent.glob("keep.db*"))
    assert ADDRESS.encode() not in stored and b"an.peeters" not in stored
    out, err = capfd.readouterr()
    logged = " ".join(repr(vars(record)) for record in caplog.records) + out + err  # with the extras
    assert "plan/mail" in logged  # the access log did see the request...
    assert "an.peeters" not in logged  # ...but not the address


async def test_the_mail_body_is_the_servers_plan_not_posted_text(site: Site) -> None:
    status, _ = await call(
        "POST",
        site.web + "plan/mail",
        headers=CITIZEN,
        json={
            "event_id": "birth",
            "address": ADDRESS,
            "text": "Win een prijs!",
            "steps": [{"title": "Klik hier"}],
        },
    )
    assert status == 200
    raw = site.sink.received[0].data.decode("utf-8", "replace")
    assert "Win een prijs" not in raw and "Klik hier" not in raw


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (
            {"event_id": "birth", "address": ADDRESS + "\r\nBcc: iedereen@voorbeeld.be"},
            400,
            "invalid_address",
        ),
        ({"event_id": "birth", "address": f"{ADDRESS}, bert@voorbeeld.be"}, 400, "invalid_address"),
        ({"event_id": "birth", "address": ["a@b.be", "c@d.be"]}, 400, "invalid_address"),
        ({"event_id": "death", "address": ADDRESS}, 404, "no_plan"),
        ({"address": ADDRESS}, 404, "no_plan"),
    ],
)
async def test_wrong_requests_send_nothing(site: Site, body: dict, status: int, code: str) -> None:
    got, answer = await call("POST", site.web + "plan/mail", headers=CITIZEN, json=body)
    assert (got, answer["error"]) == (status, code)
    assert answer["text"] and site.sink.received == []


async def test_the_public_endpoint_is_guarded(site: Site) -> None:
    body = {"event_id": "birth", "address": ADDRESS}
    status, answer = await call("POST", site.web + "plan/mail", json=body)
    assert status == 400 and answer["error"] == "invalid_sender"
    status, _ = await call(
        "POST",
        site.web + "plan/mail",
        headers=CITIZEN,
        data="{" + " " * 3000 + "}",
    )
    assert status == 413
    status, _ = await call(
        "OPTIONS",
        site.web + "plan/mail",
        headers={"Origin": "https://elders.example", "Access-Control-Request-Method": "POST"},
    )
    assert status == 403
    answers = [await call("POST", site.web + "plan/mail", headers=CITIZEN, json=body) for _ in range(6)]
    assert [a[0] for a in answers] == [200] * 5 + [429]
    assert answers[-1][1]["text"].startswith("U hebt al veel e-mails gevraagd.")
    assert len(site.sink.received) == 5


async def test_a_saved_link_shows_the_plan_read_only(site: Site) -> None:
    status, answer = await call("POST", site.web + "plan/link", headers=CITIZEN, json={"event_id": "birth"})
    assert status == 201 and answer["expires_on"] == (dt.date.today() + dt.timedelta(days=30)).isoformat()
    assert answer["url"].startswith(site.web + "saved/") and answer["text"].startswith("Uw link werkt tot ")

    async with aiohttp.ClientSession() as http, http.get(answer["url"]) as response:
        page = await response.text()
        assert response.status == 200 and "no-store" in response.headers["Cache-Control"]
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "<h1>Uw stappenplan: Een kind krijgen</h1>" in page
    assert "Geef de geboorte aan bij de gemeente" in page and "Uiterlijk vrijdag 11 december 2026" in page
    assert 'href="https://www.belgium.be/nl/familie/kinderen/geboorte"' in page
    assert "Verder chatten over dit stappenplan" in page
    assert SENDER not in page


async def test_an_unknown_or_expired_link_gets_a_clear_page(site: Site) -> None:
    old = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(days=31)
    expired, _ = save_plan(site.database_url, "birth", {}, None, 30, now=old)
    for token in (expired, "x" * 43, "kort"):
        status, page = await call("GET", site.web + f"saved/{token}")
        assert status == 404
        assert "<h1>Deze link werkt niet meer</h1>" in page and "werkt 30 dagen" in page


async def test_continue_puts_the_saved_plan_in_a_new_conversation(site: Site) -> None:
    _, answer = await call("POST", site.web + "plan/link", headers=CITIZEN, json={"event_id": "birth"})
    token = answer["url"].rsplit("/", 1)[1]
    other = {"X-Wegwijzer-Conversation": "f" * 32}

    status, _ = await call("POST", site.web + f"saved/{token}/continue", headers=other, json={})

    assert status == 200
    tracker = await site.agent.tracker_store.retrieve("f" * 32)
    events = [event.as_dict() for event in tracker.events]
    slot = next(e for e in events if e["event"] == "slot")
    assert slot["value"]["journey"]["event_id"] == "birth"
    assert slot["value"]["journey"]["answers"] == {"first_child": "ja"}
    _, history = await call("GET", site.web + "history", headers=other)
    assert history[-1]["custom"]["type"] == "plan_overview" and history[-1]["custom"]["event_id"] == "birth"
    status, _ = await call("POST", site.web + "saved/" + "x" * 43 + "/continue", headers=other, json={})
    assert status == 404


def test_links_use_the_browsers_scheme_only_behind_a_trusted_proxy() -> None:
    from types import SimpleNamespace

    from channels.plan_keep import public_origin
    from channels.security import SecurityConfig

    trusted = SecurityConfig.from_env({"WEGWIJZER_TRUSTED_PROXIES": "10.0.0.0/8"})
    behind = SimpleNamespace(ip="10.0.0.5", headers={"x-forwarded-proto": "https"})
    direct = SimpleNamespace(ip="203.0.113.9", headers={"x-forwarded-proto": "https"})
    odd = SimpleNamespace(ip="10.0.0.5", headers={"x-forwarded-proto": "javascript"})
    assert public_origin(behind, "http://wegwijzer.example", trusted) == "https://wegwijzer.example"  # type: ignore[arg-type]
    assert public_origin(direct, "http://wegwijzer.example", trusted) == "http://wegwijzer.example"  # type: ignore[arg-type]
    assert public_origin(odd, "http://wegwijzer.example", trusted) == "http://wegwijzer.example"  # type: ignore[arg-type]
