"""The report's CSV export: one file per table, headers when empty, no spreadsheet formulas."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from bot.insights.analytics import build_report
from bot.insights.feedback import record_feedback
from bot.insights.report_csv import write_csv
from bot.insights.report_model import Report
from tests.bot.insights.report_sample import DATE_FROM, DATE_TO, RAW_SECRETS


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
