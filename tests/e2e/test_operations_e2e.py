"""End to end over loopback: a person asks for a human, a caseworker takes over and hands back;
the ticketing webhook is down, then up, and receives the case exactly once."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import requests

from devtools.servers import free_port, running_assistant
from devtools.sse import citizen_stream
from devtools.waiting import outbox_state, wait_until
from devtools.webhook import SECRET, Receiver

pytestmark = pytest.mark.slow
STAFF = ("an", "geheim-wachtwoord")
STAFF_WRITE = {"X-Wegwijzer-Request": "1"}
"""Staff pages send this header with every change (CSRF protection, docs/security.md)."""


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Receiver, str]]:
    receiver = Receiver(free_port())
    env = {
        "WEGWIJZER_OFFICE_HOURS": "always",
        "WEGWIJZER_STAFF_ACCOUNTS": f"{STAFF[0]}:{STAFF[1]}::An",
        "WEGWIJZER_HANDOFF_WEBHOOK_URL": f"http://127.0.0.1:{receiver.port}/cases",
        "WEGWIJZER_HANDOFF_WEBHOOK_SECRET": SECRET,
        "WEGWIJZER_OUTBOX_INTERVAL": "1",
        "WEGWIJZER_METRICS_TOKEN": METRICS_TOKEN,
    }
    with running_assistant(tmp_path_factory.mktemp("operations"), env) as (base, settings):
        yield base, receiver, settings.database_url
    receiver.stop()


METRICS_TOKEN = "metrics-token-for-tests-0123456789"


def say(base: str, sender: str, message: str) -> list[dict]:
    reply = requests.post(
        f"{base}/webhooks/web/webhook", json={"sender": sender, "message": message}, timeout=60
    )
    assert reply.status_code == 200
    return reply.json()


def test_live_handoff_and_exactly_once_delivery(setup: tuple[str, Receiver, str]) -> None:
    base, receiver, database_url = setup
    console = f"{base}/webhooks/console/api"
    sender = uuid.uuid4().hex
    say(base, sender, "ik ben ontslagen")
    say(base, sender, '/provide_answer{"answer_value":"onbekend"}')
    offer = say(base, sender, "ik weet het niet meer, kan ik iemand spreken?")
    payloads = [b["payload"] for reply in offer for b in reply.get("buttons", [])]
    assert "/handoff_live" in payloads and "/handoff_physical" in payloads
    waiting = say(base, sender, "/handoff_live")
    assert "U hoeft uw verhaal niet opnieuw te vertellen" in waiting[0]["text"]

    # The console refuses unauthenticated requests.
    assert requests.get(f"{console}/cases", timeout=10).status_code == 401
    assert requests.get(f"{console}/cases", auth=("an", "fout"), timeout=10).status_code == 401
    cases = requests.get(f"{console}/cases", auth=STAFF, timeout=10).json()
    case = next(c for c in cases if c["conversation_id"] == sender)
    assert case["life_events"] == ["job_loss"] and "Situatie: Uw job verliezen." in case["summary"]
    assert case["urgency"] == "high"  # "ik weet het niet meer" signals distress

    push = citizen_stream(base, sender)
    claimed = requests.post(
        f"{console}/cases/{case['id']}/claim", json={}, auth=STAFF, headers=STAFF_WRITE, timeout=30
    )
    assert claimed.status_code == 200
    started = push.wait_for(lambda m: m.get("type") == "handoff" and m.get("status") == "started")
    assert started["text"].startswith("U praat nu met An, een medewerker.")  # the display name, not the login
    sent = requests.post(
        f"{console}/cases/{case['id']}/messages",
        json={"text": "Dag, ik ben An. Ik help u verder."},
        auth=STAFF,
        headers=STAFF_WRITE,
        timeout=30,
    )
    assert sent.status_code == 201
    push.wait_for(lambda m: m.get("caseworker") and m.get("text") == "Dag, ik ben An. Ik help u verder.")

    # While paused the bot stays silent; the caseworker sees the reply.
    assert say(base, sender, "Dank u, ik heb mijn C4 nog niet") == []
    detail = requests.get(f"{console}/cases/{case['id']}", auth=STAFF, timeout=10).json()
    assert [m["text"] for m in detail["messages"] if m["author"] == "citizen"] == [
        "Dank u, ik heb mijn C4 nog niet"
    ]

    closed = requests.post(
        f"{console}/cases/{case['id']}/close",
        json={"force": True},
        auth=STAFF,
        headers=STAFF_WRITE,
        timeout=30,
    )
    assert closed.status_code == 200
    push.wait_for(lambda m: m.get("type") == "handoff" and m.get("status") == "ended")
    # after the hand-off the assistant is back: "hallo" gets "I am still here" and the open question
    assert say(base, sender, "hallo")[0]["text"].startswith("Ja, ik ben er nog.")

    # History shows the caseworker's messages after a reload.
    history = requests.get(
        f"{base}/webhooks/web/history", headers={"X-Wegwijzer-Conversation": sender}, timeout=10
    ).json()
    assert any(m.get("caseworker") and "Ik help u verder" in (m.get("text") or "") for m in history)

    # The webhook receiver was down so far: the worker tried and failed, and kept the case.
    wait_until(
        lambda: (outbox_state(database_url, case["id"]) or (0, False))[0] >= 1,
        "the worker's first (failed) delivery attempt",
    )
    assert outbox_state(database_url, case["id"])[1] is False  # type: ignore[index]
    assert receiver.received == []
    # Now it comes up and gets the case exactly once: once the row is marked delivered, no
    # worker picks it up again.
    receiver.start()
    wait_until(
        lambda: (outbox_state(database_url, case["id"]) or (0, False))[1],
        "the delivery after the receiver came up",
    )
    keys = [r["key"] for r in receiver.received]
    assert len(keys) == 1 and receiver.received[0]["valid"]
    assert receiver.received[0]["payload"]["case_id"] == case["id"]


def test_demo_conversation_with_feedback_and_complaint_matches_report(
    setup: tuple[str, Receiver, str],
) -> None:
    """After a conversation with a rating and a complaint, the designer report shows exactly that,
    without the personal data typed in the complaint."""
    import datetime as dt

    from bot.insights.analytics import build_report
    from bot.insights.report import render_html

    base, _, database_url = setup
    today = dt.datetime.now(dt.timezone.utc).date()
    before = build_report(database_url, today - dt.timedelta(days=1), today)
    sender = uuid.uuid4().hex
    say(base, sender, "we hebben een baby gekregen")
    feedback = f"{base}/webhooks/web/feedback"
    rating = {"conversation_id": sender, "kind": "rating", "rating": "up", "life_event": "birth"}
    assert requests.post(feedback, json=rating, timeout=30).status_code == 201
    complaint = {
        "conversation_id": sender,
        "kind": "complaint",
        "life_event": "birth",
        "comment": "Het loket was dicht. Mail me op jan.peeters@example.com of BE68 5390 0754 7034",
        "complaint": {"service": "Geboorteaangifte", "agency": "Stad Gent", "level": "lokaal"},
    }
    assert requests.post(feedback, json=complaint, timeout=30).status_code == 201

    after = build_report(database_url, today - dt.timedelta(days=1), today)
    assert after.demand_totals.get("birth", 0) == before.demand_totals.get("birth", 0) + 1
    complaints = {row.label: row.count for row in after.complaints_by_agency}
    assert complaints == {"Stad Gent": 1}
    assert {row.label: row.count for row in after.complaints_by_level} == {"lokaal": 1}
    birth = next(row for row in after.ratings_by_event if row.life_event == "birth")
    assert (birth.up, birth.down) == (1, 0)
    html = render_html(after)
    assert "jan.peeters@example.com" not in html and "BE68 5390 0754 7034" not in html


def test_reports_page_and_annotation_api_need_login(setup: tuple[str, Receiver, str]) -> None:
    base, _, _ = setup
    reports = f"{base}/webhooks/reports"
    assert requests.get(f"{reports}/", timeout=30).status_code == 401
    page = requests.get(f"{reports}/", auth=STAFF, timeout=60)
    assert page.status_code == 200 and "<html" in page.text.lower() and "data:image/png;base64," in page.text
    assert (
        requests.get(f"{reports}/?from=2026-12-01&to=2026-01-01", auth=STAFF, timeout=30).status_code == 400
    )

    sender = uuid.uuid4().hex
    say(base, sender, "qwxz vlorp")  # not understood: stored redacted for annotation
    open_items = requests.get(f"{reports}/api/unrecognised", auth=STAFF, timeout=30).json()
    item = next(i for i in open_items if i["text"] == "qwxz vlorp")
    assert (
        requests.post(
            f"{reports}/api/unrecognised/{item['id']}",
            json={"life_event": "vakantie"},
            auth=STAFF,
            headers=STAFF_WRITE,
            timeout=30,
        ).status_code
        == 400
    )
    labelled = requests.post(
        f"{reports}/api/unrecognised/{item['id']}",
        json={"life_event": "moving"},
        auth=STAFF,
        headers=STAFF_WRITE,
        timeout=30,
    )
    assert labelled.status_code == 200
    export = requests.get(f"{reports}/api/annotations.yml", auth=STAFF, timeout=30).text
    assert "intent: moving" in export and "qwxz vlorp" in export


def test_bad_input_suite_on_sqlite(setup: tuple[str, Receiver, str]) -> None:
    from devtools.bad_input import check_all

    check_all(setup[0])


def test_liveness_readiness_and_metrics(setup: tuple[str, Receiver, str]) -> None:
    base, _, _ = setup
    assert requests.get(f"{base}/webhooks/ops/live", timeout=10).json() == {"status": "ok"}
    ready = requests.get(f"{base}/webhooks/ops/ready", timeout=30)
    assert ready.status_code == 200, ready.text
    assert {name for name, check in ready.json()["checks"].items() if check["ok"]} == {
        "model",
        "database",
        "lock_store",
        "action_server",
    }
    sender = uuid.uuid4().hex
    say(base, sender, "mijn naam is Jan Peeters en ik ben ziek")
    assert requests.get(f"{base}/webhooks/ops/metrics", timeout=10).status_code == 401
    wrong = requests.get(f"{base}/webhooks/ops/metrics", headers={"Authorization": "Bearer fout"}, timeout=10)
    assert wrong.status_code == 401
    metrics = requests.get(
        f"{base}/webhooks/ops/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}, timeout=30
    )
    assert metrics.status_code == 200
    body = metrics.text
    assert 'wegwijzer_messages_total{channel="web",outcome="answered"}' in body
    assert "wegwijzer_message_seconds_count" in body and "wegwijzer_outbox_backlog" in body
    assert "wegwijzer_handoffs_waiting" in body and "wegwijzer_unrecognised_last_hour" in body
    assert "Peeters" not in body and sender not in body
