"""Analytics and the service-design report, checked against a deterministic sample."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text

import bot.insights.feedback
from bot.insights.analytics import (
    CountRow,
    FunnelRow,
    Report,
    build_report,
    group_unrecognised,
    normalise_tokens,
    step_order_from_knowledge_base,
)
from bot.insights.feedback import record_feedback, record_unrecognised
from bot.insights.privacy import pseudonymise
from bot.insights.report import render_html, write_csv, write_html
from bot.settings import REPO_ROOT
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


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'app.db'}"


@pytest.fixture
def report(url: str, monkeypatch: pytest.MonkeyPatch) -> Report:
    build_sample(url, monkeypatch)
    return build_report(url, DATE_FROM, DATE_TO, {"birth": BIRTH_STEPS})


def test_demand_per_life_event_and_week(report: Report) -> None:
    assert report.demand_totals == {"birth": 6, "moving": 3, "death": 1}
    assert [(row.week, row.life_event, row.conversations) for row in report.demand] == [
        (WEEK1, "birth", 4),
        (WEEK1, "death", 1),
        (WEEK2, "birth", 2),
        (WEEK2, "moving", 3),
    ]


def test_funnel_with_the_journey_step_order(report: Report) -> None:
    rows = [(r.stage, r.step_id, r.conversations) for r in report.funnel_for("birth")]
    assert rows == [
        ("started", None, 6),
        ("step", "s1", 4),
        ("step", "s2", 3),
        ("step", "s3", 2),
        ("step", "s4", 1),
        ("completed", None, 2),
    ]
    assert [r.position for r in report.funnel_for("birth")] == [0, 1, 2, 3, 4, 5]
    assert report.funnel_for("birth")[-1].share == pytest.approx(2 / 6)


def test_funnel_without_step_order_uses_the_viewing_order(report: Report) -> None:
    moving = report.funnel_for("moving")
    assert [(r.stage, r.step_id, r.conversations) for r in moving] == [
        ("started", None, 3),
        ("step", "ma", 2),
        ("step", "mb", 1),
        ("completed", None, 0),
    ]
    assert [(r.step_id, r.conversations) for r in report.funnel_for("death")] == [
        (None, 1),
        ("da", 1),
        (None, 1),
    ]


def test_funnel_by_viewing_order_for_birth(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    build_sample(url, monkeypatch, with_tracker=False, with_handoff=False)
    report = build_report(url, DATE_FROM, DATE_TO)
    assert [(r.position, r.step_id, r.conversations) for r in report.funnel_for("birth")] == [
        (0, None, 6),
        (1, "s1", 4),
        (2, "s2", 3),
        (3, "s3", 2),
        (4, "s4", 1),
        (5, None, 2),
    ]


def test_fallback_rate_and_groups(report: Report) -> None:
    fallback = report.fallback
    assert (fallback.unrecognised_messages, fallback.user_messages, fallback.conversations_with_fallback) == (
        6,
        60,
        4,
    )
    assert fallback.rate == pytest.approx(0.1)
    groups = [(g.example, g.messages, g.conversations, g.variants) for g in report.unrecognised]
    assert groups == [
        ("hoeveel kost een parkeerkaart", 3, 3, 3),
        ("mijn nummer is [TELEFOON] bel mij", 2, 2, 2),
        ("blablabla", 1, 1, 1),
    ]


def test_fallback_rate_is_unknown_without_tracker_store(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    build_sample(url, monkeypatch, with_tracker=False, with_handoff=False)
    report = build_report(url, DATE_FROM, DATE_TO)
    assert report.fallback.user_messages is None and report.fallback.rate is None
    assert report.fallback.unrecognised_messages == 6
    assert report.handoff_reasons == ()  # the hand-off table exists (bot.handoff) but holds no case


def test_handoff_reasons(report: Report) -> None:
    assert report.handoff_reasons == (CountRow("request_human", 2), CountRow("complaint", 1))


def test_ratings_per_life_event_and_step(report: Report) -> None:
    by_event = {r.life_event: (r.up, r.down, r.total) for r in report.ratings_by_event}
    assert by_event == {"birth": (4, 2, 6), "moving": (1, 1, 2), None: (1, 0, 1)}
    shares = {r.life_event: r.share_up for r in report.ratings_by_event}
    assert shares["birth"] == pytest.approx(4 / 6) and shares["moving"] == pytest.approx(0.5)
    by_step = {(r.life_event, r.step_id): (r.up, r.down, r.share_up) for r in report.ratings_by_step}
    assert by_step == {("birth", "s1"): (3, 1, 0.75), ("birth", "s2"): (0, 1, 0.0)}


def test_complaints_per_agency_and_level(report: Report) -> None:
    assert report.complaints_by_agency == (CountRow("Gemeente Gent", 2), CountRow("Groeipakket", 1))
    assert report.complaints_by_level == (CountRow("lokaal", 2), CountRow("vlaams", 1))


def test_conversations_worth_reading(report: Report) -> None:
    listed = {c.pseudonym: (c.fallbacks, c.down_ratings, c.complaints) for c in report.conversations_to_read}
    assert listed == {
        pseudonymise(conv("b3")): (0, 1, 1),
        pseudonymise(conv("b2")): (0, 1, 1),
        pseudonymise(conv("m1")): (0, 1, 1),
        pseudonymise(conv("u1")): (3, 0, 0),
    }
    assert report.conversations_to_read[-1].reasons == "fallbacks"


def test_remarks_are_redacted(report: Report) -> None:
    comments = [r.comment for r in report.remarks]
    assert "mijn rijksregisternummer [RIJKSREGISTERNUMMER] werd niet aanvaard, ik ben [NAAM]" in comments
    assert "Geen antwoord op mijn mail [E-MAIL]. Stort terug op [IBAN]." in comments
    assert len(comments) == 4


def test_html_is_self_contained_with_plots_and_no_personal_data(report: Report, tmp_path: Path) -> None:
    path = write_html(report, tmp_path / "out" / "rapport.html", titles={"birth": "Een kind krijgen"})
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert not re.search(r"\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page)
    assert "http://" not in page and "https://" not in page
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert all(src.startswith("data:image/png;base64,") for src in re.findall(r'src="([^"]+)"', page))
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    # demand per week, demand totals, 3 funnels, ratings, complaints per level
    assert len(images) == 7
    assert all(base64.b64decode(image).startswith(b"\x89PNG\r\n\x1a\n") for image in images)
    for heading in (
        "Vraag per levensgebeurtenis",
        "Hoe ver komen mensen in elk traject?",
        "Beoordelingen",
        "Klachten over diensten",
        "Gesprekken om na te lezen",
        "Redenen voor doorverwijzing",
    ):
        assert heading in page
    assert "Een kind krijgen" in page and "Gemeente Gent" in page and "10,0 %" in page
    assert pseudonymise(conv("u1")) in page
    for secret in RAW_SECRETS:
        assert secret not in page
    assert "[E-MAIL]" in page and "[IBAN]" in page and "[RIJKSREGISTERNUMMER]" in page


def test_html_escapes_redacted_text(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    Sample(url, monkeypatch).unrecognised(at(WEEK1), "u1", "<script>alert('x')</script> & co")
    page = render_html(build_report(url, DATE_FROM, DATE_TO))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_empty_period_still_renders(url: str) -> None:
    report = build_report(url, DATE_FROM, DATE_TO)
    assert report.demand_totals == {} and report.funnel == () and report.handoff_reasons == ()
    page = render_html(report)
    assert "Geen gegevens in deze periode." in page and "data:image/png" not in page


def test_csv_export_one_file_per_table(report: Report, tmp_path: Path) -> None:
    paths = write_csv(report, tmp_path / "csv")
    assert [p.name for p in paths] == sorted(
        [
            "complaints_by_agency.csv",
            "complaints_by_level.csv",
            "conversations_to_read.csv",
            "demand_per_week.csv",
            "demand_totals.csv",
            "fallback.csv",
            "funnel.csv",
            "handoff_reasons.csv",
            "ratings_by_event.csv",
            "ratings_by_step.csv",
            "remarks.csv",
            "unrecognised_messages.csv",
        ]
    )

    def read(name: str) -> list[dict[str, str]]:
        with (tmp_path / "csv" / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    assert read("demand_totals.csv") == [
        {"life_event": "birth", "conversations": "6"},
        {"life_event": "moving", "conversations": "3"},
        {"life_event": "death", "conversations": "1"},
    ]
    assert read("complaints_by_agency.csv") == [
        {"label": "Gemeente Gent", "count": "2"},
        {"label": "Groeipakket", "count": "1"},
    ]
    assert read("fallback.csv") == [
        {
            "unrecognised_messages": "6",
            "user_messages": "60",
            "rate": "0.1000",
            "conversations_with_fallback": "4",
        }
    ]
    assert read("demand_per_week.csv")[0] == {
        "week": "2026-03-02",
        "life_event": "birth",
        "conversations": "4",
    }
    funnel = [row for row in read("funnel.csv") if row["life_event"] == "birth"]
    assert [row["conversations"] for row in funnel] == ["6", "4", "3", "2", "1", "2"]
    assert read("ratings_by_step.csv")[0] == {
        "life_event": "birth",
        "step_id": "s1",
        "up": "3",
        "down": "1",
        "total": "4",
        "share_up": "0.7500",
    }
    everything = "".join(path.read_text(encoding="utf-8") for path in paths)
    for secret in RAW_SECRETS:
        assert secret not in everything


def test_csv_export_of_an_empty_report_has_headers(url: str, tmp_path: Path) -> None:
    write_csv(build_report(url, DATE_FROM, DATE_TO), tmp_path)
    assert (tmp_path / "handoff_reasons.csv").read_text(encoding="utf-8").splitlines()[0] == "label,count"
    assert (
        (tmp_path / "funnel.csv")
        .read_text(encoding="utf-8")
        .startswith("life_event,position,stage,step_id,conversations,share")
    )


def test_invalid_period_is_rejected(url: str) -> None:
    with pytest.raises(ValueError, match="date_from"):
        build_report(url, DATE_TO, DATE_FROM)


def test_normalisation_for_grouping() -> None:
    assert normalise_tokens("Hoeveel kost een PARKEERKAART??") == normalise_tokens(
        "hoeveel kost een parkeerkaart"
    )
    assert normalise_tokens("Ik betaal 1.500 euro") == normalise_tokens("ik betaal 20 euro!")
    assert normalise_tokens("café") == normalise_tokens("Cafe")
    assert normalise_tokens("bel [TELEFOON]") == frozenset({"bel", "_telefoon_"})
    rows = [
        {
            "conversation_id": "a",
            "text_redacted": "een parkeerkaart kost hoeveel",
            "annotated_life_event": None,
        },
        {
            "conversation_id": "a",
            "text_redacted": "Hoeveel kost een parkeerkaart",
            "annotated_life_event": "moving",
        },
    ]
    (group,) = group_unrecognised(rows)
    assert (group.messages, group.conversations, group.variants, group.annotation) == (2, 1, 2, "moving")


def test_step_order_from_the_knowledge_base(kb) -> None:  # type: ignore[no-untyped-def]
    order = step_order_from_knowledge_base(kb)
    assert set(order) == set(kb.events)
    assert order["birth"] == [step.id for step in kb.events["birth"].steps]


def test_funnel_row_is_plain_data() -> None:
    row = FunnelRow("birth", 0, "started", None, 1, 1.0)
    assert row.share == 1.0


def test_the_new_domain_modules_never_import_rasa() -> None:
    import subprocess
    import sys

    code = (
        "import sys, bot.insights.privacy, bot.insights.feedback, bot.insights.analytics, "
        "bot.insights.report, bot.insights.retention; "
        "print(sorted(m for m in sys.modules if m == 'rasa' or m.startswith('rasa.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO_ROOT
    )
    assert result.stdout.strip() == "[]"


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(url: str, tmp_path: Path) -> None:
    attacks = ['=HYPERLINK("https://evil.example","klik")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)"]
    for number, attack in enumerate(attacks):
        record_feedback(
            url,
            {
                "conversation_id": f"web-csv-{number}",
                "kind": "complaint",
                "comment": attack,
                "complaint": {"service": attack, "agency": attack, "level": "lokaal"},
            },
        )
    today = dt.date.today()
    paths = write_csv(build_report(url, today - dt.timedelta(days=1), today + dt.timedelta(days=1)), tmp_path)
    cells = [
        cell for path in paths for row in csv.reader(path.open(encoding="utf-8", newline="")) for cell in row
    ]
    assert any("HYPERLINK" in cell for cell in cells)  # the complaints are in the export...
    assert not [
        cell for cell in cells if cell[:1] in ("=", "+", "@") or cell.startswith("-2")
    ]  # ...but inert
