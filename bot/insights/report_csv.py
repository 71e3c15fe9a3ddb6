"""The designers' report as CSV files: one UTF-8 file per table, stable snake_case column names, and
cells a spreadsheet would run as a formula made inert."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.insights import report_model
from bot.insights.report_model import Report


def report_tables(report: Report) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """The report as named tables: ``{name: (column ids, rows)}`` with raw values.

    ``handoff_reasons`` is absent when the hand-off table does not exist.
    """
    tables: dict[str, tuple[list[str], list[list[Any]]]] = {
        "demand_per_week": _rows(report.demand),
        "demand_totals": (["life_event", "conversations"], [[k, v] for k, v in report.demand_totals.items()]),
        "funnel": _rows(report.funnel),
        "fallback": _rows([report.fallback]),
        "unrecognised_messages": _rows(report.unrecognised),
        "ratings_by_event": _rows(report.ratings_by_event, drop=("step_id",)),
        "ratings_by_step": _rows(report.ratings_by_step),
        "complaints_by_agency": _rows(report.complaints_by_agency),
        "complaints_by_level": _rows(report.complaints_by_level),
        "remarks": _rows(report.remarks),
        "conversations_to_read": _rows(report.conversations_to_read),
    }
    if report.handoff_reasons is not None:
        tables["handoff_reasons"] = _rows(report.handoff_reasons)
    return tables


def _rows(
    items: Sequence[Any] | tuple[Any, ...], drop: tuple[str, ...] = ()
) -> tuple[list[str], list[list[Any]]]:
    items = list(items)
    if not items:
        return [], []
    columns = [f.name for f in dataclasses.fields(items[0]) if f.name not in drop]
    return columns, [[getattr(item, column) for column in columns] for item in items]


def write_csv(report: Report, folder: str | Path) -> list[Path]:
    """Writes one UTF-8 CSV file per report table into ``folder`` (created if needed).

    Column names are stable snake_case ids; empty values are empty cells; shares are fractions
    between 0 and 1; dates are ISO 8601.

    Returns:
        The paths written, sorted by name.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (columns, rows) in report_tables(report).items():
        if not columns:
            columns = _empty_columns(name)
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in rows:
                writer.writerow(["" if value is None else _csv_value(value) for value in row])
        written.append(path)
    return sorted(written)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell that starts with one of these as a formula (CSV injection)."""


def _csv_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value  # shown as typed, never run (OWASP's advice for CSV exports)
    return value


def _empty_columns(name: str) -> list[str]:
    row_types = {
        "demand_per_week": report_model.DemandRow,
        "funnel": report_model.FunnelRow,
        "unrecognised_messages": report_model.UnrecognisedGroup,
        "ratings_by_event": report_model.RatingRow,
        "ratings_by_step": report_model.RatingRow,
        "complaints_by_agency": report_model.CountRow,
        "complaints_by_level": report_model.CountRow,
        "remarks": report_model.RemarkRow,
        "conversations_to_read": report_model.ConversationToRead,
        "handoff_reasons": report_model.CountRow,
    }
    if name == "demand_totals":
        return ["life_event", "conversations"]
    columns = [f.name for f in dataclasses.fields(row_types[name])]
    return [c for c in columns if not (name == "ratings_by_event" and c == "step_id")]
