"""Hand-off cases, outbox delivery (exactly once), office hours and physical referral."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import requests

from bot.handoff.cases import (
    CaseContext,
    CaseError,
    active_case_for,
    add_message,
    claim_case,
    close_case,
    create_case,
    get_case,
    list_cases,
)
from bot.handoff.models import utcnow
from bot.handoff.office_hours import OfficeHours
from bot.handoff.outbox import (
    WebhookConfig,
    WebhookNotConfigured,
    backoff,
    check_config,
    deliver_pending,
    pending_count,
    sign,
    verify,
)
from bot.handoff.referral import referral


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'handoff.db'}"


def context(**overrides) -> CaseContext:
    values = dict(
        conversation_id="conv-abcdef123456",
        reason="asked_for_human",
        life_events=["job_loss", "money_problems"],
        life_event_titles=["Werk verliezen", "Geldproblemen"],
        answers={"Werkt u als werknemer of als zelfstandige?": "Werknemer"},
        current_step="Stap 2 van 6: Schrijf u in bij VDAB",
        municipality="Gent",
        last_message="Ik ben Jan, bel me op 0470 12 34 56, ik weet het niet meer",
    )
    values.update(overrides)
    return CaseContext(**values)


def test_case_summary_carries_the_story_without_personal_data(db: str) -> None:
    case_id = create_case(db, context())
    case = get_case(db, case_id)
    assert case["status"] == "open" and case["life_events"] == ["job_loss", "money_problems"]
    summary = case["summary"]
    assert "Werk verliezen, Geldproblemen" in summary
    assert "Werknemer" in summary and "Schrijf u in bij VDAB" in summary and "Gent" in summary
    assert "0470 12 34 56" not in summary and "[TELEFOON]" in summary


def test_claim_message_close_lifecycle(db: str) -> None:
    case_id = create_case(db, context())
    assert active_case_for(db, "conv-abcdef123456")["id"] == case_id
    assert [c["id"] for c in list_cases(db)] == [case_id]
    claimed = claim_case(db, case_id, "an")
    assert claimed["status"] == "claimed" and claimed["claimed_by"] == "an"
    with pytest.raises(CaseError, match="not open"):
        claim_case(db, case_id, "bert")
    add_message(db, case_id, "caseworker", "Dag, ik ben An van het sociaal huis.")
    add_message(db, case_id, "citizen", "Dank u")
    assert [m["author"] for m in get_case(db, case_id)["messages"]] == ["caseworker", "citizen"]
    with pytest.raises(CaseError, match="empty"):
        add_message(db, case_id, "caseworker", "   ")
    with pytest.raises(CaseError) as unanswered:  # the citizen's message has no answer yet
        close_case(db, case_id, "an")
    assert unanswered.value.code == "unanswered"
    assert close_case(db, case_id, "an", force=True)["status"] == "closed"
    assert active_case_for(db, "conv-abcdef123456") is None
    assert list_cases(db) == []
    with pytest.raises(CaseError, match="no case"):
        claim_case(db, 999, "an")


def test_several_problems_are_urgent_first(db: str) -> None:
    normal = create_case(db, context(conversation_id="a" * 16))
    urgent = create_case(db, context(conversation_id="b" * 16, reason="several_problems"))
    assert [c["id"] for c in list_cases(db)] == [urgent, normal]
    with pytest.raises(CaseError, match="reason"):
        create_case(db, context(reason="bored"))


class FakeReceiver:
    """Records deliveries by idempotency key; can be down."""

    def __init__(self) -> None:
        self.up = False
        self.received: dict[str, list[dict]] = {}
        self.calls = 0

    def post(self, url, data, headers, timeout):  # type: ignore[no-untyped-def]
        self.calls += 1
        assert timeout and verify("s3cret", headers["X-Wegwijzer-Signature"], data)
        if not self.up:
            raise requests.ConnectionError("receiver down")
        self.received.setdefault(headers["Idempotency-Key"], []).append(json.loads(data))
        response = requests.Response()
        response.status_code = 202
        return response


def test_receiver_down_then_up_gets_each_case_exactly_once(db: str) -> None:
    config = WebhookConfig("http://127.0.0.1:9/hook", "s3cret")
    receiver = FakeReceiver()
    create_case(db, context())
    create_case(db, context(conversation_id="other-conversation-1"))
    start = utcnow() + dt.timedelta(seconds=1)
    report = deliver_pending(db, config, receiver, now=start)
    assert (report.delivered, report.failed) == (0, 2) and pending_count(db) == 2
    # Not due yet: nothing is sent again before the backoff has passed.
    assert deliver_pending(db, config, receiver, now=start + dt.timedelta(seconds=1)).failed == 0
    receiver.up = True
    later = start + backoff(1) + dt.timedelta(seconds=1)
    assert deliver_pending(db, config, receiver, now=later).delivered == 2
    assert deliver_pending(db, config, receiver, now=later + dt.timedelta(hours=2)).delivered == 0
    assert pending_count(db) == 0
    assert len(receiver.received) == 2 and all(len(v) == 1 for v in receiver.received.values())
    payload = next(iter(receiver.received.values()))[0]
    assert payload["summary"] and "0470" not in json.dumps(payload)
    assert payload["conversation"] != "conv-abcdef123456"  # pseudonymised


def test_backoff_grows_and_is_capped() -> None:
    assert backoff(1) == dt.timedelta(seconds=5) and backoff(2) == dt.timedelta(seconds=10)
    assert backoff(30) == dt.timedelta(hours=1)


def test_office_hours() -> None:
    hours = OfficeHours.parse("mon-fri 09:00-17:00")
    brussels_monday_10h = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.timezone.utc)  # 10:00 in Brussels
    assert hours.is_open(brussels_monday_10h)
    assert not hours.is_open(dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.timezone.utc))  # Saturday
    assert not hours.is_open(dt.datetime(2026, 11, 11, 10, 0, tzinfo=dt.timezone.utc))  # Wapenstilstand
    assert not hours.is_open(dt.datetime(2026, 11, 30, 17, 30, tzinfo=dt.timezone.utc))  # 18:30 Brussels
    assert OfficeHours.parse("always").is_open(dt.datetime(2026, 12, 25, 3, 0, tzinfo=dt.timezone.utc))
    with pytest.raises(ValueError, match="cannot read"):
        OfficeHours.parse("weekdays 9-5")


def test_physical_referral() -> None:
    ghent = referral("Gent", "money_problems")
    assert ghent["in_flanders"] and ghent["service_points"]
    assert all(point.source_url.startswith("http") for point in ghent["service_points"])
    small = referral("Melle", "money_problems")
    assert small["municipality"] == "Merelbeke-Melle" and small["fallback"]["phone"] == "1700"
    assert referral("Elsene")["in_flanders"] is False
    assert referral("Atlantis") is None


def test_signatures_carry_a_timestamp_and_old_ones_are_refused() -> None:
    body = b'{"case": 1}'
    header = sign("s3cret", body, timestamp=1_000_000)
    assert header.startswith("t=1000000,v1=")
    assert verify("s3cret", header, body, now=1_000_100)
    assert not verify("s3cret", header, body, now=1_000_000 + 301)  # a replay six minutes later
    assert not verify("s3cret", header, body + b" ", now=1_000_100)
    assert not verify("ander", header, body, now=1_000_100)
    assert not verify("s3cret", "sha256=abc", body) and not verify("s3cret", "", body)


def test_production_sends_nothing_without_a_long_secret(db: str, monkeypatch) -> None:
    receiver = FakeReceiver()
    receiver.up = True
    create_case(db, context())
    monkeypatch.setenv("WEGWIJZER_ENV", "production")
    for secret in ("", "kort"):
        with pytest.raises(WebhookNotConfigured, match="at least 32"):
            deliver_pending(db, WebhookConfig("http://127.0.0.1:9/hook", secret), http=receiver)
    assert receiver.calls == 0
    check_config(WebhookConfig("http://127.0.0.1:9/hook", "x" * 32), production=True)


def test_one_open_case_per_conversation_and_a_cap_on_floods(db: str) -> None:
    from bot.handoff.cases import MAX_NEW_CASES_PER_MINUTE, CaseFlood

    first = create_case(db, context())
    assert create_case(db, context()) == first  # asking again does not queue the person twice
    for number in range(MAX_NEW_CASES_PER_MINUTE - 1):
        create_case(db, context(conversation_id=f"conv-flood-{number:06d}"))
    with pytest.raises(CaseFlood):
        create_case(db, context(conversation_id="conv-one-too-many"))
