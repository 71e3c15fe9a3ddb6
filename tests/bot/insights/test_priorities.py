"""The first screen: key figures with their trend, and what to fix next."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.insights.analytics import build_report
from bot.insights.priorities import fix_next, key_figures, previous_period
from bot.insights.report import render_html
from bot.insights.report_model import Report
from tests.bot.insights.report_sample import BIRTH_STEPS, DATE_FROM, DATE_TO, Sample, at


def test_the_previous_period_has_the_same_length() -> None:
    assert previous_period(dt.date(2026, 3, 2), dt.date(2026, 3, 15)) == (
        dt.date(2026, 2, 16),
        dt.date(2026, 3, 1),
    )
    assert previous_period(dt.date(2026, 3, 1), dt.date(2026, 3, 1)) == (
        dt.date(2026, 2, 28),
        dt.date(2026, 2, 28),
    )


@pytest.fixture
def previous(report: Report, url: str, monkeypatch: pytest.MonkeyPatch) -> Report:
    before_from, before_to = previous_period(DATE_FROM, DATE_TO)
    sample = Sample(url, monkeypatch)
    sample.journey("p0", "birth", at(before_from, 9), ["s1"], completed=True)
    sample.journey("p1", "birth", at(before_to, 9), [], completed=False)
    sample.feedback(at(before_from, 12), "p0", kind="rating", rating="down", life_event="birth", step_id="s1")
    return build_report(url, before_from, before_to, {"birth": BIRTH_STEPS})


def test_key_figures_with_trend_and_verdict(report: Report, previous: Report) -> None:
    figures = {f.key: f for f in key_figures(report, previous)}
    assert list(figures) == ["demand", "completion", "fallback_rate", "handoffs", "rating"]
    demand = figures["demand"]
    # 3 before: p0, p1 and x0 (the sample's conversation just before the period)
    assert (demand.value, demand.previous, demand.trend, demand.verdict) == (10, 3, "up", None)
    completion = figures["completion"]
    assert completion.value == pytest.approx(3 / 10) and completion.previous == pytest.approx(2 / 3)
    assert (completion.trend, completion.verdict) == ("down", "worse")
    rating = figures["rating"]
    assert rating.value == pytest.approx(6 / 9) and rating.previous == 0.0
    assert (rating.trend, rating.verdict) == ("up", "better")
    assert figures["handoffs"].value == 3 and figures["handoffs"].previous == 0
    fallback = figures["fallback_rate"]  # 6 of 60 now, 1 of 10 before
    assert fallback.previous == pytest.approx(0.1) and (fallback.trend, fallback.verdict) == ("same", None)


def test_without_a_previous_period_there_is_no_trend(report: Report) -> None:
    assert all(f.trend is None and f.verdict is None for f in key_figures(report, None))


def test_fix_next_lists_unrecognised_worst_steps_and_drop_offs(report: Report) -> None:
    fix = fix_next(report)
    assert [g.example for g in fix.unrecognised] == [
        "hoeveel kost een parkeerkaart",
        "mijn nummer is [TELEFOON] bel mij",
        "blablabla",
    ]
    assert [(r.life_event, r.step_id) for r in fix.worst_steps] == [("birth", "s2"), ("birth", "s1")]
    dropoffs = [(r.life_event, r.stage, r.step_id, r.stopped) for r in fix.dropoffs]
    assert dropoffs[0] == ("birth", "started", None, 2)  # b4, b5 never saw a step
    assert ("birth", "step", "s1", 1) in dropoffs and len(dropoffs) == 3


def test_the_top_of_the_page_shows_figures_then_what_to_fix(report: Report, previous: Report) -> None:
    page = render_html(
        report,
        {"birth": "Een kind krijgen"},
        previous=previous,
        step_titles={("birth", "s2"): "Vraag het startbedrag aan"},
    )
    top = page.index("In één oogopslag")
    fix = page.index("Eerst aanpakken")
    assert top < fix < page.index("Vraag per levensgebeurtenis")
    assert "Trajecten afgerond" in page[top:fix] and "slechter" in page[top:fix]
    assert "hoger dan de vorige periode (3)" in page[top:fix]
    fix_part = page[fix : page.index("Vraag per levensgebeurtenis")]
    assert "Vraag het startbedrag aan (Een kind krijgen)" in fix_part
    assert "hoeveel kost een parkeerkaart" in fix_part
    headings = [int(level) for level in __import__("re").findall(r"<h([1-6])", page)]
    assert headings[0] == 1 and all(b - a <= 1 for a, b in zip(headings, headings[1:]))
