"""Production path on real servers: PostgreSQL as tracker store and application database,
Rasa's Redis lock store, two Rasa replicas serving one conversation, exactly one background worker,
and the production nginx configuration (Debian's nginx) in front of the replicas."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
import requests
from sqlalchemy import create_engine, text

from devtools.proxy import nginx_in_front, nginx_missing
from devtools.servers import free_port, running_replicas
from devtools.services import missing_services, postgres_server, redis_server
from devtools.sse import PushListener, citizen_stream
from devtools.waiting import outbox_state, wait_until
from devtools.webhook import SECRET, Receiver

HANDLES: dict = {}
PROXY: dict = {}
RECEIVER = Receiver(free_port())
STAFF = ("an", "geheim-wachtwoord")
STAFF_WRITE = {"X-Wegwijzer-Request": "1"}
"""Staff pages send this header with every change (CSRF protection, docs/security.md)."""
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bool(missing_services()),
        reason=f"not installed: {', '.join(missing_services())} (make test installs them)",
    ),
]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[str], str]]:
    tmp = tmp_path_factory.mktemp("production")
    pg_dir, redis_dir, app_dir, proxy_dir = tmp / "pg", tmp / "redis", tmp / "app", tmp / "nginx"
    for folder in (pg_dir, redis_dir, app_dir, proxy_dir):
        folder.mkdir()
    RECEIVER.start()
    with postgres_server(pg_dir) as database_url, redis_server(redis_dir) as redis_url:
        env = {
            "WEGWIJZER_DATABASE_URL": database_url,
            "WEGWIJZER_REDIS_URL": redis_url,
            "WEGWIJZER_OFFICE_HOURS": "always",
            "WEGWIJZER_STAFF_ACCOUNTS": f"{STAFF[0]}:{STAFF[1]}",
            "WEGWIJZER_HANDOFF_WEBHOOK_URL": f"http://127.0.0.1:{RECEIVER.port}/cases",
            "WEGWIJZER_HANDOFF_WEBHOOK_SECRET": SECRET,
            "WEGWIJZER_OUTBOX_INTERVAL": "1",
        }
        with (
            running_replicas(app_dir, env, replicas=2, handles=HANDLES) as (bases, _settings),
            nginx_in_front(bases, proxy_dir) as proxy,
        ):
            PROXY["base"] = proxy
            yield bases, database_url
    RECEIVER.stop()


def say(base: str, sender: str, message: str) -> list[dict]:
    reply = requests.post(
        f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60
    )
    assert reply.status_code == 200
    return reply.json()


def texts(replies: list[dict]) -> str:
    return "\n".join(reply.get("text") or "" for reply in replies)


def test_one_conversation_across_two_replicas(cluster: tuple[list[str], str]) -> None:
    (first, second), database_url = cluster
    sender = f"prod-{uuid.uuid4().hex[:16]}"
    assert "Is dit uw eerste kind?" in texts(say(first, sender, "We hebben een baby gekregen"))
    assert "Werkt u als werknemer" in texts(say(second, sender, '/provide_answer{"answer_value":"ja"}'))
    assert "Bent u de moeder" in texts(say(first, sender, '/provide_answer{"answer_value":"werknemer"}'))
    assert "Wat is de geboortedatum?" in texts(
        say(second, sender, '/provide_answer{"answer_value":"moeder"}')
    )
    assert "Stap 1 van" in texts(say(second, sender, "op 26 november 2026"))
    assert "Stap 2 van" in texts(say(first, sender, "volgende stap"))
    engine = create_engine(database_url)
    with engine.connect() as connection:
        tracker_events = connection.execute(
            text("select count(*) from events where sender_id = :s"), {"s": sender}
        ).scalar()
        journey = connection.execute(
            text("select count(*) from journey_events where conversation_id = :s"), {"s": sender}
        ).scalar()
    assert tracker_events > 10 and journey >= 3


def test_simultaneous_messages_of_one_conversation_are_serialised(cluster: tuple[list[str], str]) -> None:
    (first, second), database_url = cluster
    sender = f"prod-{uuid.uuid4().hex[:16]}"
    say(first, sender, "ik ga verhuizen")
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        replies = list(pool.map(lambda base: say(base, sender, "hallo"), [first, second]))
    # both answered, one after the other, within the moving journey ("hallo" mid-conversation)
    assert all(texts(reply).startswith("Ja, ik ben er nog.") for reply in replies)
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("select type_name, intent_name, action_name from events where sender_id = :s order by id"),
            {"s": sender},
        ).all()
    greetings = [row for row in rows if row[0] == "user" and row[1] == "greet"]
    assert len(greetings) == 2, rows  # both kept: the Redis lock serialised them, none was lost


def test_handoff_and_report_on_postgresql(cluster: tuple[list[str], str]) -> None:
    from bot.handoff.cases import list_cases
    from bot.insights.analytics import build_report

    (first, second), database_url = cluster
    sender = f"prod-{uuid.uuid4().hex[:16]}"
    say(first, sender, "ik ben mijn job kwijt")
    say(second, sender, "kan ik met iemand spreken?")
    assert "U hoeft uw verhaal niet opnieuw te vertellen" in texts(say(first, sender, "/handoff_live"))
    assert any(case["conversation_id"] == sender for case in list_cases(database_url))
    today = dt.datetime.now(dt.timezone.utc).date()
    report = build_report(database_url, today - dt.timedelta(days=1), today)
    assert report.demand_totals.get("job_loss", 0) >= 1


def test_live_handoff_across_replicas_reaches_both_pages(cluster: tuple[list[str], str]) -> None:
    """The citizen's page listens on one replica, the caseworker works through the other (Redis pub/sub)."""
    (first, second), _ = cluster
    sender = uuid.uuid4().hex

    def web_say(base: str, message: str) -> list[dict]:
        reply = requests.post(
            f"{base}/webhooks/web/webhook", json={"sender": sender, "message": message}, timeout=60
        )
        assert reply.status_code == 200
        return reply.json()

    web_say(first, "ik ben ontslagen")
    assert "U hoeft uw verhaal niet opnieuw te vertellen" in texts(web_say(second, "/handoff_live"))
    citizen_page = citizen_stream(second, sender)
    console_page = PushListener(f"{second}/webhooks/console/api/events", auth=STAFF)
    console = f"{first}/webhooks/console/api"
    case = next(
        c
        for c in requests.get(f"{console}/cases", auth=STAFF, timeout=10).json()
        if c["conversation_id"] == sender
    )
    assert (
        requests.post(
            f"{console}/cases/{case['id']}/claim", json={}, auth=STAFF, headers=STAFF_WRITE, timeout=30
        ).status_code
        == 200
    )
    citizen_page.wait_for(lambda m: m.get("type") == "handoff" and m.get("status") == "started")
    sent = requests.post(
        f"{console}/cases/{case['id']}/messages",
        json={"text": "Dag, ik ben An."},
        auth=STAFF,
        headers=STAFF_WRITE,
        timeout=30,
    )
    assert sent.status_code == 201
    citizen_page.wait_for(lambda m: m.get("caseworker") and m.get("text") == "Dag, ik ben An.")
    assert web_say(first, "Dank u, ik heb mijn C4 nog niet") == []  # the bot is paused on every replica
    console_page.wait_for(lambda m: m.get("case_id") == case["id"] and "C4" in (m.get("text") or ""))
    assert (
        requests.post(
            f"{console}/cases/{case['id']}/close",
            json={"force": True},
            auth=STAFF,
            headers=STAFF_WRITE,
            timeout=30,
        ).status_code
        == 200
    )
    citizen_page.wait_for(lambda m: m.get("type") == "handoff" and m.get("status") == "ended")


def test_bad_input_suite_on_postgresql_and_redis(cluster: tuple[list[str], str]) -> None:
    from devtools.bad_input import check_all

    for base in cluster[0]:
        check_all(base)


def test_database_briefly_down_gets_a_polite_answer_then_recovers(cluster: tuple[list[str], str]) -> None:
    """PostgreSQL stops: the person still gets an answer (Rasa's fail-safe tracker store falls back to
    memory, or our channel sends the polite problem text), never a 500; when the database is back,
    new messages are stored in it again."""
    from devtools.services import CONTROLS

    (first, _), database_url = cluster
    sender = f"prod-{uuid.uuid4().hex[:16]}"
    assert say(first, sender, "hallo")[0]["text"].startswith("Dag!")
    CONTROLS[database_url].stop()
    try:
        reply = requests.post(
            f"{first}/webhooks/rest/webhook",
            json={"sender": sender, "message": "ik ga verhuizen"},
            timeout=90,
        )
        assert reply.status_code in (200, 503) and reply.json() and "Traceback" not in reply.text
    finally:
        CONTROLS[database_url].start()
    engine = create_engine(database_url)

    def probe_is_stored() -> int:
        probe = f"prod-{uuid.uuid4().hex[:16]}"
        requests.post(
            f"{first}/webhooks/rest/webhook", json={"sender": probe, "message": "hallo"}, timeout=90
        )
        with engine.connect() as connection:
            return int(
                connection.execute(
                    text("select count(*) from events where sender_id = :s"), {"s": probe}
                ).scalar()
                or 0
            )

    wait_until(probe_is_stored, "messages stored in PostgreSQL again after it came back", 90, 2)


def test_replica_stops_and_the_other_continues_the_conversation(cluster: tuple[list[str], str]) -> None:
    """A Rasa restart mid-conversation: the tracker lives in PostgreSQL, so another replica (or the
    restarted one) continues where the person was."""
    import os
    import signal

    (first, second), _ = cluster
    sender = f"prod-{uuid.uuid4().hex[:16]}"
    say(first, sender, "We hebben een baby gekregen")
    say(first, sender, '/provide_answer{"answer_value":"nee"}')
    say(first, sender, '/provide_answer{"answer_value":"zelfstandige"}')
    say(first, sender, '/provide_answer{"answer_value":"partner"}')
    assert "Stap 1 van" in texts(say(first, sender, '/provide_date{"answer_value":"onbekend"}'))
    replica = HANDLES["processes"][1]
    os.killpg(replica.pid, signal.SIGTERM)
    replica.wait(timeout=30)
    assert "Stap 2 van" in texts(say(second, sender, "volgende stap"))


@pytest.mark.skipif(nginx_missing(), reason="Debian's nginx is not installed (make test installs it)")
def test_handoff_through_nginx_two_replicas_and_one_worker(cluster: tuple[list[str], str]) -> None:
    """The whole path as deployed: the citizen and the caseworker only talk to nginx, which spreads
    requests over both replicas; the one worker delivers the case to the webhook exactly once."""
    _, database_url = cluster
    proxy = PROXY["base"]
    sender = uuid.uuid4().hex

    def web_say(message: str) -> list[dict]:
        reply = requests.post(
            f"{proxy}/webhooks/web/webhook", json={"sender": sender, "message": message}, timeout=60
        )
        assert reply.status_code == 200
        return reply.json()

    first = requests.post(
        f"{proxy}/webhooks/web/webhook", json={"sender": sender, "message": "ik ben ontslagen"}, timeout=60
    )
    assert first.headers.get("X-Content-Type-Options") == "nosniff"
    assert "Hoe eindigt uw job?" in texts(first.json()) or "Moet u een opzegtermijn" in texts(first.json())
    assert "U hoeft uw verhaal niet opnieuw te vertellen" in texts(web_say("/handoff_live"))
    citizen_page = citizen_stream(proxy, sender)
    console = f"{proxy}/webhooks/console/api"
    case = next(
        c
        for c in requests.get(f"{console}/cases", auth=STAFF, timeout=10).json()
        if c["conversation_id"] == sender
    )
    assert (
        requests.post(
            f"{console}/cases/{case['id']}/claim", json={}, auth=STAFF, headers=STAFF_WRITE, timeout=30
        ).status_code
        == 200
    )
    citizen_page.wait_for(lambda m: m.get("type") == "handoff" and m.get("status") == "started")
    assert (
        requests.post(
            f"{console}/cases/{case['id']}/messages",
            json={"text": "Dag, ik ben An."},
            auth=STAFF,
            headers=STAFF_WRITE,
            timeout=30,
        ).status_code
        == 201
    )
    citizen_page.wait_for(lambda m: m.get("caseworker") and m.get("text") == "Dag, ik ben An.")
    # Exactly one worker for the deployment: the case reaches the webhook once, signed. Once the
    # outbox row is marked delivered, no worker sends it again.
    wait_until(
        lambda: (outbox_state(database_url, case["id"]) or (0, False))[1], "the case delivered by the worker"
    )
    deliveries = [r for r in RECEIVER.received if r["payload"].get("case_id") == case["id"]]
    assert len(deliveries) == 1 and deliveries[0]["valid"]
    # Rasa's own HTTP API and the operators' endpoints are not reachable from outside through nginx.
    assert requests.get(f"{proxy}/conversations/{sender}/tracker", timeout=10).status_code == 404
    assert requests.get(f"{proxy}/webhooks/ops/ready", timeout=30).status_code == 200  # loopback is allowed
