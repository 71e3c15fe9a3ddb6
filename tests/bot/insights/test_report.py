"""Analytics and the service-design report (HTML), checked against a deterministic sample."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from bot.insights.analytics import build_report, step_order_from_knowledge_base
from bot.insights.privacy import pseudonymise
from bot.insights.report import render_html, write_html
from bot.insights.report_model import CountRow, FunnelRow, Report
from bot.insights.transcript import conversation_label
from bot.insights.unrecognised import group_unrecognised, normalise_tokens
from bot.settings import REPO_ROOT
from tests.bot.insights.report_sample import (
    DATE_FROM,
    DATE_TO,
    RAW_SECRETS,
    WEEK1,
    WEEK2,
    Sample,
    at,
    build_sample,
    conv,
)


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
    assert pseudonymise(conv("u1")) not in page  # no 64-character hashes, a short label instead
    assert conversation_label(pseudonymise(conv("u1"))) in page
    assert '<meta name="viewport"' in page and page.count("<main>") == 1
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
