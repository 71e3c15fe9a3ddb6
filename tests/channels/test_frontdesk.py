"""Front desk: request validation, plan and classification JSON, and the routes (in-process Sanic)."""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sanic import Sanic

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.understanding.event_detection import KeywordIndex
from channels import frontdesk_plan as desk
from channels.frontdesk import FrontDeskInput
from devtools.fake_agent import FakeAgent
from devtools.servers import free_port

TODAY = dt.date(2026, 11, 28)


# --- Pure functions --------------------------------------------------------------------------


def test_events_index_lists_the_20_life_events_citizens_first(kb: KnowledgeBase) -> None:
    events = desk.events_index(kb)
    assert len(events) == 20
    audiences = [e["audience"] for e in events]
    assert audiences == sorted(audiences, key=["burger", "onderneming", "vereniging"].index)
    assert {"id": "birth", "title": "Een kind krijgen"}.items() <= next(
        e for e in events if e["id"] == "birth"
    ).items()


def test_event_details_offer_weet_ik_niet_and_the_date_label(kb: KnowledgeBase) -> None:
    details = desk.event_details(kb.events["birth"])
    assert [q["id"] for q in details["questions"]] == ["first_child", "employment_status", "parent_role"]
    assert details["questions"][0]["options"][-1] == {"value": "onbekend", "label": "Weet ik niet"}
    assert details["event_date_label"] == "de geboortedatum" and details["has_deadlines"] is True


@pytest.mark.parametrize(
    "payload, field",
    [
        ([], "payload"),
        ({"event_id": "birth", "unknown": 1}, "unknown"),
        ({}, "event_id"),
        ({"event_id": "unicorn"}, "event_id"),
        ({"event_id": "birth", "answers": ["ja"]}, "answers"),
        ({"event_id": "birth", "answers": {"shoe_size": "42"}}, "answers.shoe_size"),
        ({"event_id": "birth", "answers": {"first_child": "misschien"}}, "answers.first_child"),
        ({"event_id": "birth", "event_date": 20261126}, "event_date"),
        ({"event_id": "birth", "event_date": "26-11-2026"}, "event_date"),
        ({"event_id": "birth", "event_date": "1850-01-01"}, "event_date"),
        ({"event_id": "birth", "municipality": 9000}, "municipality"),
        ({"event_id": "birth", "municipality": "x" * 101}, "municipality"),
    ],
)
def test_plan_requests_are_validated_field_by_field(kb: KnowledgeBase, payload: Any, field: str) -> None:
    with pytest.raises(desk.FrontDeskRequestError) as error:
        desk.parse_plan_request(payload, kb)
    assert error.value.field == field


def test_plan_request_accepts_unknown_and_skips_empty_answers(kb: KnowledgeBase) -> None:
    request = desk.parse_plan_request(
        {
            "event_id": "birth",
            "answers": {"first_child": "onbekend", "employment_status": ""},
            "event_date": "",
            "municipality": "  ",
        },
        kb,
    )
    assert request.answers == {"first_child": "onbekend"}
    assert request.event_date is None and request.municipality is None


def test_plan_response_is_personalised_with_dates_pending_questions_and_contacts(kb: KnowledgeBase) -> None:
    request = desk.parse_plan_request(
        {
            "event_id": "birth",
            "answers": {"first_child": "ja"},
            "event_date": "2026-11-26",
            "municipality": "9000",
        },
        kb,
    )
    plan = desk.plan_response(request, today=TODAY)
    assert plan["pending_questions"] == ["employment_status", "parent_role"]
    assert [q["pending"] for q in plan["questions"]] == [False, True, True]
    assert plan["summary"]["total"] == len(plan["steps"]) and plan["summary"]["automatic"] == 1
    declare = next(s for s in plan["steps"] if s["step_id"] == "declare_birth")
    assert declare["deadline"]["due_date"] == "2026-12-11"
    assert declare["checked_on"] is None and declare["checked_on_text"] is None  # no person confirmed it yet
    assert plan["event_date_text"] == "donderdag 26 november 2026" and plan["needs_event_date"] is False
    assert plan["printed_on"] == "2026-11-28" and plan["printed_on_text"] == "zaterdag 28 november 2026"
    assert plan["municipality"]["name"] == "Gent" and plan["municipality"]["service_points"]
    assert plan["municipality"]["fallback"] is None
    assert "questions" not in plan["event"]


def test_plan_without_answers_marks_every_question_pending_and_asks_for_the_date(kb: KnowledgeBase) -> None:
    plan = desk.plan_response(desk.parse_plan_request({"event_id": "birth"}, kb), today=TODAY)
    assert plan["pending_questions"] == ["first_child", "employment_status", "parent_role"]
    assert plan["needs_event_date"] is True and plan["municipality"] is None
    assert plan["summary"]["conditional"] >= 1


def test_municipality_fallback_outside_flanders_and_unknown_names() -> None:
    aartselaar = desk.municipality_json("2630")
    assert aartselaar["name"] == "Aartselaar" and aartselaar["service_points"] == []
    assert aartselaar["fallback"]["phone"] == "1700" and aartselaar["fallback"]["checked_on_text"]
    brussels = desk.municipality_json("Elsene")
    assert brussels["found"] and brussels["in_flanders"] is False
    unknown = desk.municipality_json("Xyzzyville")
    assert unknown["found"] is False and "Xyzzyville" in unknown["message"]
    assert desk.municipality_json(None) is None
    assert len(desk.flemish_municipality_names()) == 285


def test_classify_response_orders_events_and_finds_date_and_place(kb: KnowledgeBase) -> None:
    parsed = {
        "intent": {"name": "job_loss", "confidence": 0.7},
        "intent_ranking": [
            {"name": "job_loss", "confidence": 0.7},
            {"name": "money_problems", "confidence": 0.2},
            {"name": "greet", "confidence": 0.1},
        ],
    }
    result = desk.classify_response(
        parsed,
        "Hij is gisteren zijn job kwijtgeraakt en woont in Mechelen",
        kb,
        KeywordIndex.from_knowledge_base(kb),
        today=TODAY,
    )
    assert [e["id"] for e in result["events"]] == ["job_loss", "money_problems"]
    assert result["events"][0]["confidence"] == 0.7
    assert result["event_date"] == "2026-11-27" and result["municipality"] == "Mechelen"
    assert result["needs_integral_guidance"] is True


def test_classify_response_without_a_life_event(kb: KnowledgeBase) -> None:
    parsed = {"intent": {"name": "greet"}, "intent_ranking": [{"name": "greet", "confidence": 0.9}]}
    assert desk.classify_response(parsed, "hallo", kb, today=TODAY)["events"] == []


@pytest.mark.parametrize("raw", [None, 3, "", "   ", "///", "x" * 2001])
def test_situation_text_is_checked(raw: Any) -> None:
    with pytest.raises(desk.FrontDeskRequestError):
        desk.clean_situation_text(raw)


def test_situation_text_cannot_smuggle_an_intent() -> None:
    assert desk.clean_situation_text('  /birth{"x": 1} baby ') == 'birth{"x": 1} baby'


# --- Routes, on a real in-process Sanic server --------------------------------------------------


class Server:
    def __init__(self, base: str, agent: FakeAgent) -> None:
        self.base, self.agent = base, agent


async def _serve(agent: FakeAgent, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, str]:
    # Sanic 21.12 rewrites its own methods at start-up; test mode keeps the originals so that
    # several apps can start in one process.
    monkeypatch.setattr(Sanic, "test_mode", True)
    app = Sanic(f"frontdesk_test_{uuid.uuid4().hex[:8]}")
    app.blueprint(FrontDeskInput().blueprint(lambda message: None), url_prefix="/webhooks/frontdesk")
    app.ctx.agent = agent
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    await server.start_serving()
    return server, f"http://127.0.0.1:{port}/webhooks/frontdesk/"


@pytest.fixture
async def desk_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AsyncIterator[Server]:
    monkeypatch.setenv("WEGWIJZER_STAFF_ACCOUNTS", "balie:geheim:frontdesk,ontwerper:geheim2:designer")
    monkeypatch.setenv("WEGWIJZER_DATABASE_URL", f"sqlite:///{tmp_path / 'desk.db'}")
    monkeypatch.delenv("WEGWIJZER_ENV", raising=False)
    agent = FakeAgent()
    server, base = await _serve(agent, monkeypatch)
    try:
        yield Server(base, agent)
    finally:
        server.close()
        await server.wait_closed()


AUTH = {"Authorization": "Basic " + base64.b64encode(b"balie:geheim").decode(), "X-Wegwijzer-Request": "1"}
"""A logged-in staff page: Basic login plus the CSRF header its script sends with every change."""


async def _call(method: str, url: str, **kwargs: Any) -> tuple[int, Any, Any]:
    async with aiohttp.ClientSession() as http, http.request(method, url, **kwargs) as response:
        body = await response.text()
        try:
            data = await response.json(content_type=None)
        except ValueError:
            data = body
        return response.status, data, response.headers


async def test_every_route_needs_a_staff_login(desk_server: Server) -> None:
    for method, path in [
        ("GET", ""),
        ("GET", "static/main.js"),
        ("GET", "api/events"),
        ("GET", "api/events/birth"),
        ("GET", "api/municipalities"),
        ("POST", "api/plan"),
        ("POST", "api/classify"),
    ]:
        extra = {"json": {}, "headers": {"X-Wegwijzer-Request": "1"}} if method == "POST" else {}
        status, data, headers = await _call(method, desk_server.base + path, **extra)
        assert status == 401 and data["error"] == "unauthorized", path
        assert "WWW-Authenticate" not in headers  # a browser never prompts, so it never keeps a password
    wrong = {"Authorization": "Basic " + base64.b64encode(b"balie:fout").decode()}
    assert (await _call("GET", desk_server.base + "api/events", headers=wrong))[0] == 401
    status, _, headers = await _call(
        "GET", desk_server.base, headers={"Accept": "text/html"}, allow_redirects=False
    )
    assert status == 303 and headers["Location"] == "/webhooks/staff/login?next=/webhooks/frontdesk/"


async def test_changes_need_the_csrf_header_json_and_the_same_origin(desk_server: Server) -> None:
    login = {"Authorization": AUTH["Authorization"]}
    body = {"event_id": "birth"}
    status, data, _ = await _call("POST", desk_server.base + "api/plan", json=body, headers=login)
    assert status == 403 and data["error"] == "csrf"
    status, data, _ = await _call(
        "POST",
        desk_server.base + "api/plan",
        data="event_id=birth",
        headers={**AUTH, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 403 and data["error"] == "csrf"
    status, data, headers = await _call(
        "POST", desk_server.base + "api/plan", json=body, headers={**AUTH, "Origin": "https://evil.example"}
    )
    assert status == 403 and data["error"] == "cross_origin" and "Access-Control-Allow-Origin" not in headers
    status, data, _ = await _call(
        "GET", desk_server.base + "api/events", headers={**AUTH, "Sec-Fetch-Site": "cross-site"}
    )
    assert status == 403
    status, _, headers = await _call(
        "OPTIONS",
        desk_server.base + "api/plan",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert status in (403, 405) and "Access-Control-Allow-Origin" not in headers  # never a CORS grant
    assert (await _call("POST", desk_server.base + "api/plan", json=body, headers=AUTH))[0] == 200


async def test_other_roles_are_refused(desk_server: Server) -> None:
    designer = {
        "Authorization": "Basic " + base64.b64encode(b"ontwerper:geheim2").decode(),
        "X-Wegwijzer-Request": "1",
    }
    status, data, _ = await _call("GET", desk_server.base + "api/events", headers=designer)
    assert status == 403 and data["error"] == "forbidden"
    status, data, _ = await _call(
        "POST", desk_server.base + "api/plan", json={"event_id": "birth"}, headers=designer
    )
    assert status == 403


async def test_page_assets_and_security_headers(desk_server: Server) -> None:
    status, page, headers = await _call("GET", desk_server.base, headers=AUTH)
    assert status == 200 and "Stappenplan maken voor een burger" in page
    assert (
        "script-src 'self'" in headers["Content-Security-Policy"] and headers["Cache-Control"] == "no-store"
    )
    for name in ("main.js", "plan.js", "frontdesk.css"):
        assert (await _call("GET", desk_server.base + "static/" + name, headers=AUTH))[0] == 200
    for name in ("../web.py", "..%2Fweb.py", "missing.js", "../../credentials.yml"):
        assert (await _call("GET", desk_server.base + "static/" + name, headers=AUTH))[0] == 404


async def test_events_municipalities_and_plan_api(desk_server: Server) -> None:
    status, data, _ = await _call("GET", desk_server.base + "api/events", headers=AUTH)
    assert status == 200 and len(data["events"]) == 20
    status, data, _ = await _call("GET", desk_server.base + "api/events/birth", headers=AUTH)
    assert status == 200 and data["questions"][0]["id"] == "first_child"
    assert (await _call("GET", desk_server.base + "api/events/unicorn", headers=AUTH))[0] == 404
    status, data, _ = await _call("GET", desk_server.base + "api/municipalities", headers=AUTH)
    assert status == 200 and "Gent" in data["municipalities"]
    body = {
        "event_id": "birth",
        "answers": {"first_child": "ja", "employment_status": "werknemer", "parent_role": "moeder"},
        "event_date": "2026-11-26",
        "municipality": "Gent",
    }
    status, plan, _ = await _call("POST", desk_server.base + "api/plan", json=body, headers=AUTH)
    assert status == 200 and plan["pending_questions"] == [] and plan["municipality"]["name"] == "Gent"
    assert all(step["type"] == "step_card" for step in plan["steps"])


async def test_plan_api_answers_clear_400_and_413(desk_server: Server) -> None:
    status, data, _ = await _call(
        "POST",
        desk_server.base + "api/plan",
        json={"event_id": "birth", "event_date": "gisteren"},
        headers=AUTH,
    )
    assert status == 400 and data["error"] == "invalid_request" and data["detail"].startswith("event_date:")
    status, data, _ = await _call(
        "POST",
        desk_server.base + "api/plan",
        data=b"{nope",
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert status == 400 and "JSON" in data["detail"]
    status, data, _ = await _call(
        "POST",
        desk_server.base + "api/plan",
        json={"event_id": "birth", "municipality": "x" * 20000},
        headers=AUTH,
    )
    assert status == 413


async def test_classify_passes_the_text_to_the_agent_and_returns_its_events(desk_server: Server) -> None:
    status, data, _ = await _call(
        "POST", desk_server.base + "api/classify", json={"text": "/baby geboren in Leuven"}, headers=AUTH
    )
    assert status == 200 and data["events"][0]["id"] == "birth" and data["municipality"] == "Leuven"
    assert desk_server.agent.texts == ["baby geboren in Leuven"]
    status, data, _ = await _call(
        "POST", desk_server.base + "api/classify", json={"tekst": "x"}, headers=AUTH
    )
    assert status == 400
    desk_server.agent.ready = False
    assert (await _call("POST", desk_server.base + "api/classify", json={"text": "baby"}, headers=AUTH))[
        0
    ] == 503


async def test_production_without_staff_accounts_refuses_the_front_desk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WEGWIJZER_ENV", "production")
    monkeypatch.delenv("WEGWIJZER_STAFF_ACCOUNTS", raising=False)
    server, base = await _serve(FakeAgent(), monkeypatch)
    try:
        demo = {"Authorization": "Basic " + base64.b64encode(b"demo:demo").decode()}
        for path in ("", "api/events"):
            status, data, _ = await _call("GET", base + path, headers=demo)
            assert status == 503 and data["error"] == "staff_accounts_missing"
    finally:
        server.close()
        await server.wait_closed()
