"""Writes a ``Report`` as one self-contained HTML file or as CSV files.

The HTML page has Dutch headings for service designers, inline CSS, plots drawn with
matplotlib's Agg canvas and embedded as base64 PNG, and no external resources or scripts.
The report only holds redacted text (see ``bot.insights.analytics``); every value is HTML-escaped.
All designer-facing Dutch wording of the report is in ``LABELS`` and ``PAGE_TEMPLATE``.
"""

from __future__ import annotations

import base64
import csv
import dataclasses
import datetime as dt
import html
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from string import Template
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.insights import analytics
from bot.insights.analytics import CountRow, FunnelRow, RatingRow, Report
from bot.knowledge.texts import format_date, level_name, load_texts


def _labels() -> dict[str, str]:
    """Headings, column labels and notes of the report (data/texts/nl.yml, ``report``)."""
    return load_texts()["report"]


PAGE_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 2px solid #ddd; } h3 { margin-top: 1.5em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
img { max-width: 100%; height: auto; display: block; margin: 0.5em 0; }
.note { color: #555; } code { font-size: 0.85em; }
"""
"""The report's one inline style block; the page's Content-Security-Policy allows exactly it by hash."""

PAGE_TEMPLATE = Template(
    """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>$title</title>
<style>"""
    + PAGE_STYLE.replace("$", "$$")
    + """</style>
</head>
<body>
<h1>$title</h1>
<p>$period</p>
<p class="note">$privacy_note</p>
$sections
</body>
</html>
"""
)

_UP_COLOUR, _DOWN_COLOUR, _BAR_COLOUR = "#2e7d32", "#c62828", "#1f5f99"


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


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
        "demand_per_week": analytics.DemandRow,
        "funnel": analytics.FunnelRow,
        "unrecognised_messages": analytics.UnrecognisedGroup,
        "ratings_by_event": analytics.RatingRow,
        "ratings_by_step": analytics.RatingRow,
        "complaints_by_agency": analytics.CountRow,
        "complaints_by_level": analytics.CountRow,
        "remarks": analytics.RemarkRow,
        "conversations_to_read": analytics.ConversationToRead,
        "handoff_reasons": analytics.CountRow,
    }
    if name == "demand_totals":
        return ["life_event", "conversations"]
    columns = [f.name for f in dataclasses.fields(row_types[name])]
    return [c for c in columns if not (name == "ratings_by_event" and c == "step_id")]


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------


def write_html(report: Report, path: str | Path, titles: Mapping[str, str] | None = None) -> Path:
    """Writes the report as one self-contained HTML file.

    Args:
        report: the report from ``bot.insights.analytics.build_report``.
        path: the file to write (parent folders are created).
        titles: optional ``{life_event_id: Dutch title}`` (for example from the knowledge base)
            used instead of the ids.

    Returns:
        The path written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report, titles), encoding="utf-8")
    return path


def render_html(report: Report, titles: Mapping[str, str] | None = None) -> str:
    """The report as a self-contained HTML page (see ``write_html``)."""
    names = _Names(titles or {})
    sections = [
        _summary(report),
        _demand_section(report, names),
        _funnel_section(report, names),
        _fallback_section(report),
        _handoff_section(report),
        _ratings_section(report, names),
        _complaints_section(report),
        _remarks_section(report, names),
        _read_section(report),
    ]
    period = Template(_labels()["period"]).substitute(
        date_from=_esc(format_date(report.date_from)),
        date_to=_esc(format_date(report.date_to)),
        generated_at=_esc(report.generated_at.strftime("%Y-%m-%d %H:%M")),
    )
    return PAGE_TEMPLATE.substitute(
        title=_esc(_labels()["title"]),
        period=period,
        privacy_note=_esc(_labels()["privacy_note"]),
        sections="\n".join(sections),
    )


class _Names:
    """Display names of life events."""

    def __init__(self, titles: Mapping[str, str]) -> None:
        self.titles = titles

    def __call__(self, event_id: str | None) -> str:
        if event_id is None:
            return _labels()["none"]
        return self.titles.get(event_id, event_id)


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _section(heading_key: str, *parts: str) -> str:
    return (
        f"<section>\n<h2>{_esc(_labels()[heading_key])}</h2>\n"
        + "\n".join(p for p in parts if p)
        + "\n</section>"
    )


def _p(text: str, css: str = "") -> str:
    attr = f' class="{css}"' if css else ""
    return f"<p{attr}>{_esc(text)}</p>"


def _share(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.1f} %".replace(".", ",")


def _cell(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return f"<td>{_esc(_labels()['none'] if value is None else value)}</td>"
    if isinstance(value, (int, float)):
        return f'<td class="num">{_esc(value)}</td>'
    return f"<td>{_esc(value)}</td>"


def _table(columns: Sequence[str], rows: Iterable[Sequence[Any]], numeric_text: Sequence[int] = ()) -> str:
    rows = list(rows)
    if not rows:
        return _p(_labels()["no_data"], "note")
    head = "".join(f"<th>{_esc(_labels().get(column, column))}</th>" for column in columns)
    body = []
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            if index in numeric_text:
                cells.append(f'<td class="num">{_esc(value)}</td>')
            else:
                cells.append(_cell(value))
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"


def _png(figure: Figure, alt: str) -> str:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="{_esc(alt)}" src="data:image/png;base64,{encoded}">'


def _barh(labels: list[str], values: list[float], title: str, colour: str = _BAR_COLOUR) -> str:
    figure = Figure(figsize=(8, 0.45 * len(labels) + 1.2))
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    axes.barh(positions, values, color=colour)
    axes.set_yticks(positions)
    axes.set_yticklabels(labels)
    axes.invert_yaxis()
    axes.set_title(title)
    axes.xaxis.get_major_locator().set_params(integer=True)
    return _png(figure, title)


def _summary(report: Report) -> str:
    started = sum(report.demand_totals.values())
    completed = sum(row.conversations for row in report.funnel if row.stage == "completed")
    up = sum(row.up for row in report.ratings_by_event)
    total = sum(row.total for row in report.ratings_by_event)
    complaints = sum(row.count for row in report.complaints_by_agency)
    rate = (
        _share(report.fallback.rate)
        if report.fallback.rate is not None
        else _labels()["fallback_rate_unknown"]
    )
    rows = [
        (_labels()["summary_started"], started),
        (_labels()["summary_completed"], completed),
        (_labels()["summary_fallback"], rate),
        (_labels()["summary_ratings"], f"{total} ({_share(up / total if total else None)})"),
        (_labels()["summary_complaints"], complaints),
    ]
    return _section("section_summary", _table(["label", "count"], rows, numeric_text=(1,)))


def _demand_section(report: Report, names: _Names) -> str:
    if not report.demand:
        return _section("section_demand", _p(_labels()["no_data"], "note"))
    weeks = sorted({row.week for row in report.demand})
    top = list(report.demand_totals)[:8]
    series: dict[str, list[int]] = {event: [0] * len(weeks) for event in top}
    others = [0] * len(weeks)
    for row in report.demand:
        target = series.get(row.life_event, others)
        target[weeks.index(row.week)] += row.conversations
    figure = Figure(figsize=(9, 4.5))
    axes = figure.add_subplot()
    x = list(range(len(weeks)))
    for event, values in series.items():
        axes.plot(x, values, marker="o", label=names(event))
    if any(others):
        axes.plot(x, others, marker="o", linestyle="--", color="grey", label=_labels()["other"])
    axes.set_xticks(x)
    axes.set_xticklabels([week.isoformat() for week in weeks], rotation=45, ha="right")
    axes.set_ylabel(_labels()["conversations"])
    axes.set_title(_labels()["demand_plot"])
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    totals = list(report.demand_totals.items())
    return _section(
        "section_demand",
        _png(figure, _labels()["demand_plot"]),
        _barh([names(k) for k, _ in totals], [v for _, v in totals], _labels()["demand_totals_plot"]),
        _table(["life_event", "conversations"], [(names(k), v) for k, v in totals]),
        _table(
            ["week", "life_event", "conversations"],
            [(row.week.isoformat(), names(row.life_event), row.conversations) for row in report.demand],
        ),
    )


def _funnel_label(row: FunnelRow) -> str:
    if row.stage == "step":
        return f"{row.position}. {row.step_id or _labels()['unknown']}"
    return _labels()[row.stage]


def _funnel_section(report: Report, names: _Names) -> str:
    events = list(dict.fromkeys(row.life_event for row in report.funnel))
    if not events:
        return _section("section_funnel", _p(_labels()["no_data"], "note"))
    parts = [_p(_labels()["funnel_intro"], "note")]
    for event in sorted(events, key=lambda e: -report.demand_totals.get(e, 0)):
        rows = report.funnel_for(event)
        title = Template(_labels()["funnel_plot"]).substitute(event=names(event))
        parts.append(f"<h3>{_esc(names(event))}</h3>")
        parts.append(_barh([_funnel_label(r) for r in rows], [r.conversations for r in rows], title))
        parts.append(
            _table(
                ["stage", "step_id", "conversations", "share"],
                [(_labels()[r.stage], r.step_id or "", r.conversations, _share(r.share)) for r in rows],
                numeric_text=(3,),
            )
        )
    return _section("section_funnel", *parts)


def _fallback_section(report: Report) -> str:
    stats = report.fallback
    rate = _share(stats.rate) if stats.rate is not None else _labels()["fallback_rate_unknown"]
    summary = _table(
        ["label", "count"],
        [
            (_labels()["unrecognised_messages"], stats.unrecognised_messages),
            (
                _labels()["user_messages"],
                stats.user_messages if stats.user_messages is not None else _labels()["unknown"],
            ),
            (_labels()["rate"], rate),
            (_labels()["conversations_with_fallback"], stats.conversations_with_fallback),
        ],
        numeric_text=(1,),
    )
    groups = _table(
        ["example", "messages", "conversations", "variants", "annotation"],
        [
            (g.example, g.messages, g.conversations, g.variants, g.annotation or "")
            for g in report.unrecognised
        ],
    )
    return _section("section_fallback", _p(_labels()["fallback_intro"], "note"), summary, groups)


def _handoff_section(report: Report) -> str:
    if report.handoff_reasons is None:
        return _section("section_handoff", _p(_labels()["handoff_missing"], "note"))
    rows = [(row.label or _labels()["unknown"], row.count) for row in report.handoff_reasons]
    return _section("section_handoff", _table(["label", "count"], rows))


def _rating_rows(rows: Sequence[RatingRow], names: _Names, with_step: bool) -> list[tuple[Any, ...]]:
    result = []
    for row in rows:
        first = (names(row.life_event), row.step_id or "") if with_step else (names(row.life_event),)
        result.append(first + (row.up, row.down, row.total, _share(row.share_up)))
    return result


def _ratings_section(report: Report, names: _Names) -> str:
    rows = report.ratings_by_event
    parts = []
    if rows:
        labels = [names(row.life_event) for row in rows]
        figure = Figure(figsize=(8, 0.45 * len(rows) + 1.2))
        axes = figure.add_subplot()
        positions = list(range(len(rows)))
        axes.barh(positions, [r.up for r in rows], color=_UP_COLOUR, label=_labels()["up"])
        axes.barh(
            positions,
            [r.down for r in rows],
            left=[r.up for r in rows],
            color=_DOWN_COLOUR,
            label=_labels()["down"],
        )
        axes.set_yticks(positions)
        axes.set_yticklabels(labels)
        axes.invert_yaxis()
        axes.set_title(_labels()["ratings_plot"])
        axes.legend(fontsize="small")
        axes.xaxis.get_major_locator().set_params(integer=True)
        parts.append(_png(figure, _labels()["ratings_plot"]))
    parts.append(f"<h3>{_esc(_labels()['ratings_by_event'])}</h3>")
    parts.append(
        _table(
            ["life_event", "up", "down", "total", "share_up"],
            _rating_rows(rows, names, False),
            numeric_text=(4,),
        )
    )
    parts.append(f"<h3>{_esc(_labels()['ratings_by_step'])}</h3>")
    parts.append(
        _table(
            ["life_event", "step_id", "up", "down", "total", "share_up"],
            _rating_rows(report.ratings_by_step, names, True),
            numeric_text=(5,),
        )
    )
    return _section("section_ratings", *parts)


def _count_table(rows: Sequence[CountRow], label=lambda value: value) -> str:  # type: ignore[no-untyped-def]
    return _table(
        ["label", "count"],
        [(label(row.label) if row.label else _labels()["unknown"], row.count) for row in rows],
    )


def _complaints_section(report: Report) -> str:
    parts = []
    levels = report.complaints_by_level
    if levels:
        parts.append(
            _barh(
                [level_name(r.label) if r.label else _labels()["unknown"] for r in levels],
                [r.count for r in levels],
                _labels()["complaints_plot"],
            )
        )
    parts += [
        f"<h3>{_esc(_labels()['complaints_by_agency'])}</h3>",
        _count_table(report.complaints_by_agency),
        f"<h3>{_esc(_labels()['complaints_by_level'])}</h3>",
        _count_table(levels, level_name),
    ]
    return _section("section_complaints", *parts)


def _remarks_section(report: Report, names: _Names) -> str:
    rows = [
        (
            r.created_at.strftime("%Y-%m-%d %H:%M"),
            _labels().get(r.kind, r.kind),
            names(r.life_event) if r.life_event else "",
            r.step_id or "",
            r.comment,
        )
        for r in report.remarks
    ]
    return _section(
        "section_remarks", _table(["created_at", "kind", "life_event", "step_id", "comment"], rows)
    )


def _read_section(report: Report) -> str:
    reason_labels = {
        "complaint": _labels()["complaint"],
        "down_rating": _labels()["down_rating"],
        "fallbacks": _labels()["fallbacks_reason"],
    }
    rows = [
        (
            c.pseudonym,
            c.fallbacks,
            c.down_ratings,
            c.complaints,
            ", ".join(reason_labels[r] for r in c.reasons.split(",") if r),
        )
        for c in report.conversations_to_read
    ]
    table = _table(["pseudonym", "fallbacks", "down_ratings", "complaints", "reasons"], rows)
    return _section("section_read", _p(_labels()["read_intro"], "note"), table)
