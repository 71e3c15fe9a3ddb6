"""A deterministic sample of conversations, feedback and hand-offs for the report tests."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text

import bot.insights.feedback
from bot.insights.feedback import record_feedback, record_unrecognised
from bot.store import JourneyEventRecord, get_engine, session_scope

DATE_FROM, DATE_TO = dt.date(2026, 3, 2), dt.date(2026, 3, 15)  # two ISO weeks, Monday to Sunday
WEEK1, WEEK2 = dt.date(2026, 3, 2), dt.date(2026, 3, 9)
BEFORE, AFTER = dt.datetime(2026, 2, 20, 10), dt.datetime(2026, 3, 16, 0, 0, 1)
BIRTH_STEPS = ["s1", "s2", "s3", "s4"]

EMAIL = "jan.peeters@telenet.be"
IBAN = "BE68 5390 0754 7034"
RRN = "85.07.30-033.28"
PHONES = ("0470 12 34 56", "09/265.45.67")
RAW_SECRETS = (EMAIL, IBAN, IBAN.replace(" ", ""), RRN, "85073003328", *PHONES, "Peeters")


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def conv(name: str) -> str:
    return f"conv-{name}-0000"


class Sample:
    """Writes the sample conversations; times are controlled via ``bot.insights.feedback._utcnow``."""

    def __init__(self, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.url, self.monkeypatch = url, monkeypatch

    def journey(
        self,
        name: str,
        life_event: str,
        when: dt.datetime,
        steps: list[str],
        completed: bool,
        started: bool = True,
    ) -> None:
        with session_scope(self.url) as session:
            moment = when
            if started:
                session.add(
                    JourneyEventRecord(
                        conversation_id=conv(name), life_event=life_event, kind="started", created_at=moment
                    )
                )
            for step in steps:
                moment += dt.timedelta(minutes=1)
                session.add(
                    JourneyEventRecord(
                        conversation_id=conv(name),
                        life_event=life_event,
                        step_id=step,
                        kind="step_viewed",
                        created_at=moment,
                    )
                )
            if completed:
                session.add(
                    JourneyEventRecord(
                        conversation_id=conv(name),
                        life_event=life_event,
                        kind="completed",
                        created_at=moment + dt.timedelta(minutes=1),
                    )
                )

    def feedback(self, when: dt.datetime, name: str, **payload: Any) -> int:
        self.monkeypatch.setattr(bot.insights.feedback, "_utcnow", lambda: when)
        return record_feedback(self.url, {"conversation_id": conv(name), **payload})

    def unrecognised(self, when: dt.datetime, name: str, text: str) -> int | None:
        self.monkeypatch.setattr(bot.insights.feedback, "_utcnow", lambda: when)
        return record_unrecognised(self.url, conv(name), text, "nlu_fallback", 0.25)


def tracker_events(url: str, user_messages_in_period: int, user_messages_outside: int) -> None:
    table = Table(
        "events",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("sender_id", String(255), nullable=False),
        Column("type_name", String(255), nullable=False),
        Column("timestamp", Float),
        Column("intent_name", String(255)),
        Column("action_name", String(255)),
        Column("data", Text),
    )
    table.create(get_engine(url))
    rows = []
    start = dt.datetime.combine(DATE_FROM, dt.time(), tzinfo=dt.timezone.utc)
    for index in range(user_messages_in_period):
        moment = start + dt.timedelta(hours=5 * index)
        rows.append(
            {
                "sender_id": conv("b0"),
                "type_name": "user",
                "timestamp": moment.timestamp(),
                "data": json.dumps({"text": f"bel {PHONES[0]}"}),
            }
        )
        rows.append(
            {"sender_id": conv("b0"), "type_name": "bot", "timestamp": moment.timestamp() + 1, "data": "{}"}
        )
    for index in range(user_messages_outside):
        moment = start - dt.timedelta(days=1 + index)
        rows.append(
            {"sender_id": conv("x0"), "type_name": "user", "timestamp": moment.timestamp(), "data": "{}"}
        )
    with get_engine(url).begin() as connection:
        connection.execute(table.insert(), rows)


def handoff_table(url: str) -> None:
    from bot.handoff.models import HandoffCase

    table = HandoffCase.__table__
    table.create(get_engine(url), checkfirst=True)
    with get_engine(url).begin() as connection:
        connection.execute(
            table.insert(),
            [
                {
                    "conversation_id": conv("b3"),
                    "reason": "request_human",
                    "created_at": at(WEEK1),
                    "summary": "-",
                },
                {
                    "conversation_id": conv("m1"),
                    "reason": "request_human",
                    "created_at": at(WEEK2),
                    "summary": "-",
                },
                {
                    "conversation_id": conv("b2"),
                    "reason": "complaint",
                    "created_at": at(WEEK2),
                    "summary": "-",
                },
                {"conversation_id": conv("x0"), "reason": "complaint", "created_at": AFTER, "summary": "-"},
            ],
        )


def build_sample(
    url: str, monkeypatch: pytest.MonkeyPatch, *, with_tracker: bool = True, with_handoff: bool = True
) -> None:
    sample = Sample(url, monkeypatch)
    # birth: 6 conversations (4 in week 1, 2 in week 2)
    sample.journey(
        "b0", "birth", at(WEEK1, 9), ["s1", "s2", "s3", "s4", "s3"], completed=True
    )  # "vorige" at the end
    sample.journey("b1", "birth", at(WEEK1, 10), ["s1", "s2", "s3"], completed=True)  # plan without s4
    sample.journey("b2", "birth", at(WEEK1 + dt.timedelta(days=6), 23, 50), ["s1", "s2"], completed=False)
    sample.journey("b3", "birth", at(WEEK1 + dt.timedelta(days=2)), ["s1"], completed=False)
    sample.journey("b4", "birth", at(WEEK2), [], completed=False)
    sample.journey("b5", "birth", at(DATE_TO, 23, 59), [], completed=False)
    # moving: 3 conversations in week 2; m0 restarts the journey
    sample.journey("m0", "moving", at(WEEK2 + dt.timedelta(days=1)), ["ma", "mb"], completed=False)
    sample.journey("m0", "moving", at(WEEK2 + dt.timedelta(days=1), 11), ["ma"], completed=False)
    sample.journey("m1", "moving", at(WEEK2 + dt.timedelta(days=2)), ["ma"], completed=False)
    sample.journey("m2", "moving", at(WEEK2 + dt.timedelta(days=3)), [], completed=False)
    # death: 1 conversation in week 1
    sample.journey("d0", "death", at(WEEK1 + dt.timedelta(days=4)), ["da"], completed=True)
    # outside the period: not counted, also not their later step views
    sample.journey("x0", "birth", BEFORE, [], completed=False)
    sample.journey("x0", "birth", at(WEEK1, 12), ["s1", "s2"], completed=True, started=False)
    sample.journey("x1", "birth", AFTER, ["s1"], completed=True)

    day = at(WEEK2, 14)
    for name in ("b0", "b1", "b2"):
        sample.feedback(
            day,
            name,
            kind="rating",
            rating="up",
            life_event="birth",
            step_id="s1",
            bot_message=f"Stap 1: bel {PHONES[1]}",
        )
    sample.feedback(day, "b3", kind="rating", rating="down", life_event="birth", step_id="s1")
    sample.feedback(day, "b2", kind="rating", rating="down", life_event="birth", step_id="s2")
    sample.feedback(
        day, "b0", kind="journey_rating", rating="up", life_event="birth", comment="Heel duidelijk!"
    )
    sample.feedback(day, "m0", kind="rating", rating="up", life_event="moving")
    sample.feedback(day, "m1", kind="rating", rating="down", life_event="moving")
    sample.feedback(day, "g0", kind="rating", rating="up")
    sample.feedback(
        day,
        "b3",
        kind="complaint",
        life_event="birth",
        step_id="s1",
        comment=f"Geen antwoord op mijn mail {EMAIL}. Stort terug op {IBAN}.",
        complaint={"service": "Aangifte geboorte", "agency": "Gemeente Gent", "level": "lokaal"},
    )
    sample.feedback(
        day,
        "m1",
        kind="complaint",
        life_event="moving",
        comment=f"Niemand neemt op, bel mij op {PHONES[0]}",
        complaint={"service": "Adreswijziging", "agency": "Gemeente Gent", "level": "lokaal"},
    )
    sample.feedback(
        day,
        "b2",
        kind="complaint",
        life_event="birth",
        step_id="s2",
        complaint={"service": "Startbedrag", "agency": "Groeipakket", "level": "vlaams"},
    )
    sample.feedback(
        day,
        "d0",
        kind="remark",
        life_event="death",
        comment=f"mijn rijksregisternummer {RRN} werd niet aanvaard, ik ben Jan Peeters",
    )
    sample.feedback(AFTER, "b4", kind="rating", rating="down", life_event="birth", step_id="s1")

    for name, text in (
        ("u1", "Hoeveel kost een parkeerkaart?"),
        ("u2", "hoeveel kost een parkeerkaart"),
        ("b4", "Hoeveel kost een PARKEERKAART??"),
        ("u1", f"mijn nummer is {PHONES[0]} bel mij"),
        ("u3", "mijn nummer is 0498 76 54 32, bel mij!"),
        ("u1", "blablabla"),
    ):
        sample.unrecognised(at(WEEK1 + dt.timedelta(days=3)), name, text)
    sample.unrecognised(BEFORE, "u9", "hoeveel kost een parkeerkaart")

    if with_tracker:
        tracker_events(url, user_messages_in_period=60, user_messages_outside=10)
    if with_handoff:
        handoff_table(url)
