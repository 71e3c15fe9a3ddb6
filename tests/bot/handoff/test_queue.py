"""Where a waiting citizen stands (position, expected wait), stopping the wait, one owner per case,
and the opening hours in Dutch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import update

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
from bot.handoff.models import HandoffCase
from bot.handoff.office_hours import OfficeHours
from bot.handoff.queue import cancel_waiting, check_owner, queue_state, unanswered
from bot.store import session_scope

NOW = dt.datetime(2026, 11, 30, 10, 0, 0)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'queue.db'}"


def new_case(db: str, conversation: str, reason: str = "asked_for_human", minutes_ago: float = 0) -> int:
    case_id = create_case(db, CaseContext(conversation_id=conversation, reason=reason))
    with session_scope(db) as session:
        session.execute(
            update(HandoffCase)
            .where(HandoffCase.id == case_id)
            .values(created_at=NOW - dt.timedelta(minutes=minutes_ago))
        )
    return case_id


def test_position_counts_the_open_cases_ahead_urgent_first(db: str) -> None:
    new_case(db, "first-" + "a" * 12, minutes_ago=10)
    mine = new_case(db, "mine-" + "b" * 12, minutes_ago=5)
    new_case(db, "later-" + "c" * 12, minutes_ago=1)
    urgent = new_case(db, "urgent-" + "d" * 12, reason="distress", minutes_ago=0)
    state = queue_state(db, "mine-" + "b" * 12, now=NOW)
    assert state["status"] == "open" and state["case_id"] == mine
    assert state["position"] == 3  # the older case and the urgent one go first
    assert state["waited_seconds"] == 300
    assert queue_state(db, "urgent-" + "d" * 12, now=NOW)["position"] == 1
    assert queue_state(db, "later-" + "c" * 12, now=NOW)["position"] == 4
    claim_case(db, urgent, "an")
    assert queue_state(db, "mine-" + "b" * 12, now=NOW)["position"] == 2
    assert queue_state(db, "urgent-" + "d" * 12, now=NOW) == {
        "status": "claimed",
        "case_id": urgent,
        "waited_seconds": 0,
    }
    assert queue_state(db, "nobody-" + "e" * 12, now=NOW) == {"status": "none"}


def test_expected_wait_is_the_recent_median_minus_the_time_already_waited(db: str) -> None:
    mine = "mine-" + "b" * 12
    new_case(db, mine, minutes_ago=2)
    assert queue_state(db, mine, now=NOW)["expected_minutes"] is None  # nothing to base it on
    for index, waited in enumerate((4, 8, 30)):
        case_id = new_case(db, f"past-{index}-" + "x" * 12, minutes_ago=60)
        with session_scope(db) as session:
            session.execute(
                update(HandoffCase)
                .where(HandoffCase.id == case_id)
                .values(status="closed", claimed_at=NOW - dt.timedelta(minutes=60 - waited))
            )
    assert queue_state(db, mine, now=NOW)["expected_minutes"] == 6  # median 8, waited 2
    assert queue_state(db, mine, now=NOW + dt.timedelta(minutes=30))["expected_minutes"] == 1


def test_stopping_the_wait_takes_the_case_out_of_the_queue(db: str) -> None:
    mine = "mine-" + "b" * 12
    case_id = new_case(db, mine)
    other = new_case(db, "other-" + "c" * 12, minutes_ago=-1)
    assert queue_state(db, "other-" + "c" * 12, now=NOW)["position"] == 2
    stopped = cancel_waiting(db, mine, "De burger wacht niet meer.")
    assert stopped is not None and stopped["status"] == "cancelled"
    assert active_case_for(db, mine) is None
    assert [c["id"] for c in list_cases(db)] == [other]
    assert queue_state(db, "other-" + "c" * 12, now=NOW)["position"] == 1
    assert get_case(db, case_id)["messages"][-1] == {
        "author": "system",
        "text": "De burger wacht niet meer.",
        "created_at": get_case(db, case_id)["messages"][-1]["created_at"],
    }
    assert cancel_waiting(db, mine, "again") is None  # nothing left to stop
    with pytest.raises(CaseError) as error:
        claim_case(db, case_id, "an")
    assert error.value.code == "closed"
    # A conversation that stopped waiting can ask again: a new case.
    assert create_case(db, CaseContext(conversation_id=mine, reason="asked_for_human")) != case_id


def test_a_claimed_case_cannot_be_stopped_from_the_widget(db: str) -> None:
    mine = "mine-" + "b" * 12
    case_id = new_case(db, mine)
    claim_case(db, case_id, "an")
    assert cancel_waiting(db, mine, "note") is None
    assert get_case(db, case_id)["status"] == "claimed"


def test_one_owner_replies_and_closes(db: str) -> None:
    case_id = new_case(db, "mine-" + "b" * 12)
    with pytest.raises(CaseError) as error:
        check_owner(get_case(db, case_id), "an")
    assert error.value.code == "not_claimed"
    claim_case(db, case_id, "an")
    assert claim_case(db, case_id, "an")["claimed_by"] == "an"  # claiming one's own case again is harmless
    with pytest.raises(CaseError) as error:
        claim_case(db, case_id, "bert")
    assert error.value.code == "taken"
    check_owner(get_case(db, case_id), "an")
    with pytest.raises(CaseError) as error:
        check_owner(get_case(db, case_id), "bert")
    assert error.value.code == "not_yours"
    with pytest.raises(CaseError) as error:
        close_case(db, case_id, "bert", force=True)
    assert error.value.code == "not_yours"
    close_case(db, case_id, "an")
    with pytest.raises(CaseError) as error:
        check_owner(get_case(db, case_id), "an")
    assert error.value.code == "closed"


def test_an_unanswered_citizen_question_is_flagged(db: str) -> None:
    case_id = new_case(db, "mine-" + "b" * 12)
    assert not unanswered(get_case(db, case_id))
    add_message(db, case_id, "citizen", "hallo? is er iemand?")
    assert unanswered(get_case(db, case_id))
    claim_case(db, case_id, "an")
    add_message(db, case_id, "caseworker", "Dag, ik ben An.")
    add_message(db, case_id, "system", "note")
    assert not unanswered(get_case(db, case_id))
    assert close_case(db, case_id, "an")["status"] == "closed"


@pytest.mark.parametrize(
    "spec, words",
    [
        ("mon-fri 09:00-17:00", "maandag tot vrijdag van 9 tot 17 uur"),
        (
            "mon-fri 09:00-17:00; sat 09:00-12:30",
            "maandag tot vrijdag van 9 tot 17 uur en zaterdag van 9 tot 12.30 uur",
        ),
        ("mon 09:00-12:00; wed 09:00-12:00", "maandag en woensdag van 9 tot 12 uur"),
        ("always", "elke dag, dag en nacht"),
    ],
)
def test_opening_hours_in_plain_dutch(spec: str, words: str) -> None:
    assert OfficeHours.parse(spec).describe() == words


def test_next_opening_skips_the_night_the_weekend_and_public_holidays() -> None:
    hours = OfficeHours.parse("mon-fri 09:00-17:00")
    friday_evening = dt.datetime(2026, 11, 27, 18, 0, tzinfo=dt.timezone.utc)
    opening = hours.next_opening(friday_evening)
    assert opening is not None and (opening.weekday(), opening.hour, opening.day) == (0, 9, 30)
    christmas_eve = dt.datetime(2026, 12, 24, 20, 0, tzinfo=dt.timezone.utc)
    after = hours.next_opening(christmas_eve)
    assert after is not None and after.day == 28  # 25 December is a holiday, then the weekend
