"""The hand-off routes on a real in-process Sanic server (a fake Rasa agent with in-memory
conversations): the citizen's queue state, stopping the wait, messages typed while waiting, the
typing signals, and the console's one-owner rules, Dutch-ready error codes and transcript."""

from __future__ import annotations

import asyncio
import base64
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from rasa.core.channels.channel import UserMessage
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from sanic import Sanic

from bot.handoff.cases import CaseContext, add_message, create_case, get_case
from channels.console import CaseworkerConsoleInput
from channels.push import CONSOLE_TOPIC, citizen_topic, hub
from channels.web import WebChatInput
from devtools.servers import free_port

SENDER = "c" * 32
OTHER = "d" * 32


class Agent:
    """What the channels use of Rasa's agent: the conversations and their lock."""

    def __init__(self) -> None:
        self.tracker_store = InMemoryTrackerStore(Domain.empty())
        self.lock_store = InMemoryLockStore()
        self.handled: list[str] = []

    def is_ready(self) -> bool:
        return True

    async def on_new_message(self, message: UserMessage) -> None:
        """Rasa with a paused conversation: logs the message, says nothing."""
        self.handled.append(message.text or "")
        async with self.lock_store.lock(message.sender_id):
            tracker = await self.tracker_store.get_or_create_tracker(message.sender_id)
            tracker.update(UserUttered(message.text, metadata=message.metadata))
            if not tracker.is_paused():
                from rasa.shared.core.events import BotUttered

                tracker.update(BotUttered("Dag! Ik ben Wegwijzer."))
                await message.output_channel.send_response(
                    message.sender_id, {"text": "Dag! Ik ben Wegwijzer."}
                )
            await self.tracker_store.save(tracker)


class Site:
    def __init__(self, base: str, agent: Agent, database_url: str) -> None:
        self.base, self.agent, self.database_url = base, agent, database_url


@pytest.fixture
async def site(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AsyncIterator[Site]:
    monkeypatch.setenv(
        "WEGWIJZER_STAFF_ACCOUNTS",
        "an:an-geheim:caseworker:An,bert:bert-geheim:caseworker:Bert,balie:balie-geheim:frontdesk",
    )
    database_url = f"sqlite:///{tmp_path / 'routes.db'}"
    monkeypatch.setenv("WEGWIJZER_DATABASE_URL", database_url)
    monkeypatch.setenv("WEGWIJZER_OFFICE_HOURS", "always")
    monkeypatch.delenv("WEGWIJZER_ENV", raising=False)
    monkeypatch.delenv("WEGWIJZER_REDIS_URL", raising=False)
    monkeypatch.setattr(Sanic, "test_mode", True)
    agent = Agent()
    app = Sanic(f"handoff_test_{uuid.uuid4().hex[:8]}")
    app.blueprint(WebChatInput().blueprint(agent.on_new_message), url_prefix="/webhooks/web")
    app.blueprint(CaseworkerConsoleInput().blueprint(agent.on_new_message), url_prefix="/webhooks/console")
    app.ctx.agent = agent
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    await server.start_serving()
    create_case(database_url, CaseContext(conversation_id=OTHER, reason="asked_for_human"))
    try:
        yield Site(f"http://127.0.0.1:{port}", agent, database_url)
    finally:
        server.close()
        await server.wait_closed()


def staff(login: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{login}:{password}".encode()).decode()
    return {"Authorization": "Basic " + token, "X-Wegwijzer-Request": "1"}


AN = staff("an", "an-geheim")
BERT = staff("bert", "bert-geheim")
CITIZEN = {"X-Wegwijzer-Conversation": SENDER}


async def call(method: str, url: str, **kwargs: Any) -> tuple[int, Any]:
    async with aiohttp.ClientSession() as http, http.request(method, url, **kwargs) as response:
        return response.status, await response.json(content_type=None)


def case_of(site: Site, sender: str = SENDER) -> int:
    return create_case(site.database_url, CaseContext(conversation_id=sender, reason="distress"))


def listen(topic: str) -> asyncio.Queue:
    queue: asyncio.Queue = asyncio.Queue()
    hub._subscribers[topic].add(queue)
    return queue


async def next_of_type(queue: asyncio.Queue, kind: str) -> dict:
    while True:
        message = await asyncio.wait_for(queue.get(), timeout=5)
        if message.get("type") == kind:
            return message


async def test_the_citizen_sees_the_queue_and_opening_hours(site: Site) -> None:
    status, state = await call("GET", site.base + "/webhooks/web/handoff", headers=CITIZEN)
    assert status == 200 and state["status"] == "none"
    case_of(site)  # urgent: before the older normal case
    status, state = await call("GET", site.base + "/webhooks/web/handoff", headers=CITIZEN)
    assert state["status"] == "open" and state["position"] == 1 and state["open_now"] is True
    assert state["hours"] == "elke dag, dag en nacht"
    assert state["phone"] == "1700" and "elke werkdag van 9 tot 19 uur" in state["phone_text"]
    status, other = await call(
        "GET", site.base + "/webhooks/web/handoff", headers={"X-Wegwijzer-Conversation": OTHER}
    )
    assert other["position"] == 2


async def test_citizen_routes_need_the_conversations_own_long_id(site: Site) -> None:
    for method, path in [("GET", "handoff"), ("POST", "handoff/cancel"), ("POST", "handoff/typing")]:
        status, body = await call(method, f"{site.base}/webhooks/web/{path}")
        assert status == 400 and body["error"] == "invalid_sender", path
        status, _ = await call(
            method, f"{site.base}/webhooks/web/{path}", headers={"X-Wegwijzer-Conversation": "short123"}
        )
        assert status == 400, path


async def test_stop_waiting_takes_the_case_out_of_the_queue(site: Site) -> None:
    case_id = case_of(site)
    console = listen(CONSOLE_TOPIC)
    status, body = await call("POST", site.base + "/webhooks/web/handoff/cancel", headers=CITIZEN)
    assert status == 200 and body["status"] == "cancelled" and body["text"].startswith("U wacht niet meer")
    assert (await next_of_type(console, "case")) == {
        "type": "case",
        "case_id": case_id,
        "status": "cancelled",
    }
    assert get_case(site.database_url, case_id)["status"] == "cancelled"
    status, cases = await call("GET", site.base + "/webhooks/console/api/cases", headers=AN)
    assert case_id not in [c["id"] for c in cases]
    tracker = await site.agent.tracker_store.retrieve(SENDER)
    assert tracker.get_slot("handoff_case_id") is None
    status, body = await call("POST", site.base + "/webhooks/web/handoff/cancel", headers=CITIZEN)
    assert status == 409 and body["error"] == "not_waiting"
    # Someone else's conversation cannot be stopped with one's own id.
    assert get_case(site.database_url, 1)["status"] == "open"


async def test_a_message_typed_while_waiting_is_kept_for_the_caseworker(site: Site) -> None:
    case_id = case_of(site)
    console = listen(CONSOLE_TOPIC)
    status, replies = await call(
        "POST",
        site.base + "/webhooks/web/webhook",
        json={"sender": SENDER, "message": "hallo? is er iemand?"},
    )
    assert status == 200
    assert [r["text"] for r in replies] == [
        "Uw bericht is doorgegeven aan de medewerker. U hoeft het niet opnieuw te typen. "
        "Zodra een medewerker het gesprek overneemt, krijgt u hier een antwoord."
    ]
    pushed = await next_of_type(console, "message")
    assert pushed["case_id"] == case_id and pushed["text"] == "hallo? is er iemand?"
    assert [m["text"] for m in get_case(site.database_url, case_id)["messages"]] == ["hallo? is er iemand?"]
    tracker = await site.agent.tracker_store.retrieve(SENDER)
    said = [e.text for e in tracker.events if e.type_name in ("user", "bot")]
    assert "Dag! Ik ben Wegwijzer." not in said and "hallo? is er iemand?" in said
    assert not tracker.is_paused()  # the bot answers again once the wait ends


async def test_without_a_case_the_bot_answers_as_usual(site: Site) -> None:
    status, replies = await call(
        "POST", site.base + "/webhooks/web/webhook", json={"sender": SENDER, "message": "hallo"}
    )
    assert status == 200 and replies[0]["text"] == "Dag! Ik ben Wegwijzer."


async def test_typing_signals_go_both_ways_and_are_throttled(site: Site) -> None:
    case_id = case_of(site)
    console = listen(CONSOLE_TOPIC)
    status, body = await call("POST", site.base + "/webhooks/web/handoff/typing", headers=CITIZEN)
    assert body == {"sent": True}
    assert (await next_of_type(console, "typing")) == {"type": "typing", "case_id": case_id}
    status, body = await call("POST", site.base + "/webhooks/web/handoff/typing", headers=CITIZEN)
    assert body == {"sent": False}  # within two seconds
    citizen = listen(citizen_topic(SENDER))
    status, body = await call(
        "POST", f"{site.base}/webhooks/console/api/cases/{case_id}/typing", json={}, headers=AN
    )
    assert status == 409 and body["error"] == "not_claimed"
    await call("POST", f"{site.base}/webhooks/console/api/cases/{case_id}/claim", json={}, headers=AN)
    status, body = await call(
        "POST", f"{site.base}/webhooks/console/api/cases/{case_id}/typing", json={}, headers=AN
    )
    assert body == {"sent": True}
    assert (await next_of_type(citizen, "typing")) == {"type": "typing", "caseworker_name": "An"}


async def test_console_routes_are_for_caseworkers_only(site: Site) -> None:
    case_id = case_of(site)
    frontdesk = staff("balie", "balie-geheim")
    for method, path in [
        ("GET", "api/cases"),
        ("GET", f"api/cases/{case_id}"),
        ("POST", f"api/cases/{case_id}/claim"),
        ("POST", f"api/cases/{case_id}/typing"),
        ("POST", f"api/cases/{case_id}/close"),
    ]:
        extra: dict[str, Any] = {"json": {}} if method == "POST" else {}
        status, _ = await call(
            method, f"{site.base}/webhooks/console/{path}", headers={"X-Wegwijzer-Request": "1"}, **extra
        )
        assert status == 401, path
        status, _ = await call(method, f"{site.base}/webhooks/console/{path}", headers=frontdesk, **extra)
        assert status == 403, path


async def test_one_owner_the_display_name_and_the_transcript(site: Site) -> None:
    await call(
        "POST",
        site.base + "/webhooks/web/webhook",
        json={"sender": SENDER, "message": "bel me op 0470 12 34 56"},
    )
    case_id = case_of(site)
    citizen = listen(citizen_topic(SENDER))
    status, case = await call("GET", f"{site.base}/webhooks/console/api/cases/{case_id}", headers=AN)
    assert status == 200 and case["reason"] == "distress" and case["mine"] is False
    assert [m["author"] for m in case["transcript"]] == ["citizen", "bot"]
    assert "0470" not in case["transcript"][0]["text"] and case["transcript"][0]["created_at"].endswith("Z")
    status, body = await call(
        "POST", f"{site.base}/webhooks/console/api/cases/{case_id}/messages", json={"text": "Dag"}, headers=AN
    )
    assert status == 409 and body["error"] == "not_claimed"
    status, case = await call(
        "POST", f"{site.base}/webhooks/console/api/cases/{case_id}/claim", json={}, headers=AN
    )
    assert status == 200 and case["mine"] is True
    started = await next_of_type(citizen, "handoff")
    assert started["caseworker_name"] == "An" and "U praat nu met An" in started["text"]
    status, body = await call(
        "POST", f"{site.base}/webhooks/console/api/cases/{case_id}/claim", json={}, headers=BERT
    )
    assert status == 409 and body["error"] == "taken"
    status, seen_by_bert = await call(
        "GET", f"{site.base}/webhooks/console/api/cases/{case_id}", headers=BERT
    )
    assert seen_by_bert["mine"] is False and seen_by_bert["claimed_by_name"] == "An"
    status, body = await call(
        "POST",
        f"{site.base}/webhooks/console/api/cases/{case_id}/messages",
        json={"text": "Hier"},
        headers=BERT,
    )
    assert status == 409 and body["error"] == "not_yours"
    status, body = await call(
        "POST", f"{site.base}/webhooks/console/api/cases/{case_id}/close", json={"force": True}, headers=BERT
    )
    assert status == 409 and body["error"] == "not_yours"
    status, _ = await call(
        "POST",
        f"{site.base}/webhooks/console/api/cases/{case_id}/messages",
        json={"text": "Dag, ik ben An."},
        headers=AN,
    )
    assert status == 201
    reply = await asyncio.wait_for(citizen.get(), timeout=5)
    assert reply == {"text": "Dag, ik ben An.", "caseworker": True, "caseworker_name": "An"}
    status, history = await call("GET", site.base + "/webhooks/web/history", headers=CITIZEN)
    assert {"from": "bot", "text": "Dag, ik ben An.", "caseworker": True, "caseworker_name": "An"} in history
    assert not any("an-geheim" in str(h) or h.get("caseworker_name") == "an" for h in history)
    add_message(site.database_url, case_id, "citizen", "Nog een vraag")
    status, body = await call(
        "POST", f"{site.base}/webhooks/console/api/cases/{case_id}/close", json={}, headers=AN
    )
    assert status == 409 and body["error"] == "unanswered"
    status, case = await call(
        "POST", f"{site.base}/webhooks/console/api/cases/{case_id}/close", json={"force": True}, headers=AN
    )
    assert status == 200 and case["status"] == "closed"
    status, body = await call(
        "POST", f"{site.base}/webhooks/console/api/cases/{case_id}/claim", json={}, headers=AN
    )
    assert status == 409 and body["error"] == "closed"
    status, body = await call(
        "POST",
        f"{site.base}/webhooks/console/api/cases/{case_id}/messages",
        json={"text": "Nog iets"},
        headers=AN,
    )
    assert status == 409 and body["error"] == "closed"
    status, body = await call("GET", f"{site.base}/webhooks/console/api/cases/999", headers=AN)
    assert status == 404 and body["error"] == "not_found"


async def test_the_console_lists_event_titles_not_ids(site: Site) -> None:
    create_case(
        site.database_url,
        CaseContext(conversation_id=SENDER, reason="asked_for_human", life_events=["birth"]),
    )
    status, cases = await call("GET", site.base + "/webhooks/console/api/cases", headers=AN)
    mine = next(c for c in cases if c["conversation_id"] == SENDER)
    assert mine["life_event_titles"] == ["Een kind krijgen"]
