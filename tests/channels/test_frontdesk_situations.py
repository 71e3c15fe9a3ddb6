"""Front desk with several situations: the merged plan, its overview, the request checks and the route."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.understanding.event_detection import KeywordIndex
from channels import frontdesk_plan as desk
from channels import frontdesk_situations as situations
from tests.channels.test_frontdesk import AUTH, Server, _call, desk_server  # noqa: F401 (fixture)

TODAY = dt.date(2026, 11, 28)
TWO = {
    "situations": [
        {"event_id": "moving", "event_date": "2026-11-25"},
        {"event_id": "job_loss", "event_date": "2026-11-20"},
    ],
    "municipality": "Gent",
}


def test_moved_and_lost_her_job_proposes_both_situations(kb: KnowledgeBase) -> None:
    text = "mevrouw is net verhuisd naar Gent en heeft haar job verloren"
    parsed = {
        "intent": {"name": "moving", "confidence": 0.9},
        "intent_ranking": [{"name": "moving", "confidence": 0.9}],
    }
    result = desk.classify_response(parsed, text, kb, KeywordIndex.from_knowledge_base(kb), today=TODAY)
    assert [e["id"] for e in result["events"]] == ["job_loss", "moving"]
    assert result["municipality"] == "Gent"


def test_two_situations_give_one_plan_with_an_overview_by_deadline(kb: KnowledgeBase) -> None:
    request = situations.parse_situations_request(TWO, kb)
    assert [s.event.id for s in request.situations] == ["job_loss", "moving"]  # most urgent first
    plan = situations.situations_plan_response(request, today=TODAY)
    assert [s["event"]["id"] for s in plan["situations"]] == ["job_loss", "moving"]
    ids = [step["step_id"] for step in plan["steps"]]
    assert len(ids) == len(set(ids)) == plan["summary"]["total"]
    assert [step["number"] for step in plan["steps"]] == list(range(1, len(ids) + 1))
    titles = {kb.events["moving"].title, kb.events["job_loss"].title}
    assert {title for step in plan["steps"] for title in step["situations"]} == titles
    assert all(len(step["situations"]) == 1 for step in plan["steps"])  # these two share no step
    overview = plan["overview"]
    assert sorted(o["step_id"] for o in overview) == sorted(ids)
    dated = [o["due_date"] for o in overview if o["due_date"]]
    assert dated == sorted(dated) and overview[0]["due_date"] == dated[0]
    assert {o["status"] for o in overview} <= {"zelf_doen", "automatisch", "misschien"}
    declare = next(o for o in overview if o["step_id"] == "declare_address_change")
    assert declare["due_date_text"] and declare["situations"] == [kb.events["moving"].title]
    assert plan["municipality"]["name"] == "Gent" and plan["printed_on"] == "2026-11-28"


def test_a_shared_step_names_both_situations(kb: KnowledgeBase) -> None:
    body = {"situations": [{"event_id": "job_loss"}, {"event_id": "first_job"}]}
    plan = situations.situations_plan_response(situations.parse_situations_request(body, kb), today=TODAY)
    shared = [s for s in plan["steps"] if s["step_id"] == "register_vdab"]
    assert len(shared) == 1
    assert shared[0]["situations"] == [kb.events["job_loss"].title, kb.events["first_job"].title]
    assert plan["summary"]["shared"] >= 1


@pytest.mark.parametrize(
    "payload, field",
    [
        ([], "payload"),
        ({"situations": []}, "situations"),
        ({"situations": [{"event_id": "birth"}] * 6}, "situations"),
        ({"situations": [{"event_id": "birth"}], "extra": 1}, "extra"),
        ({"situations": [{"event_id": "unicorn"}]}, "situations.0.event_id"),
        ({"situations": [{"event_id": "birth"}, {"event_id": "birth"}]}, "situations.1.event_id"),
        ({"situations": [{"event_id": "birth", "municipality": "Gent"}]}, "situations.0.municipality"),
        ({"situations": [{"event_id": "birth", "event_date": "morgen"}]}, "situations.0.event_date"),
    ],
)
def test_situation_requests_are_validated(kb: KnowledgeBase, payload: Any, field: str) -> None:
    with pytest.raises(desk.FrontDeskRequestError) as error:
        situations.parse_situations_request(payload, kb)
    assert error.value.field == field


async def test_the_situations_route_needs_a_login_and_returns_one_plan(desk_server: Server) -> None:  # noqa: F811
    url = desk_server.base + "api/situations"
    status, data, _ = await _call("POST", url, json=TWO, headers={"X-Wegwijzer-Request": "1"})
    assert status == 401 and data["error"] == "unauthorized"
    status, data, _ = await _call("POST", url, json=TWO, headers={**AUTH, "Origin": "https://evil.example"})
    assert status == 403 and data["error"] == "cross_origin"
    status, plan, _ = await _call("POST", url, json=TWO, headers=AUTH)
    assert status == 200 and len(plan["situations"]) == 2 and plan["overview"]
    status, data, _ = await _call("POST", url, json={"situations": "moving"}, headers=AUTH)
    assert status == 400 and data["detail"].startswith("situations:")
