"""Writes a ``Report`` as one self-contained HTML file or as CSV files.

The HTML page has Dutch headings for service designers, inline CSS, plots drawn with
matplotlib's Agg canvas and embedded as base64 PNG, and no external resources or scripts.
The report only holds redacted text (see ``bot.insights.analytics``); every value is HTML-escaped.
All designer-facing Dutch wording of the report is in ``LABELS`` and ``PAGE_TEMPLATE``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from string import Template
from typing import Any

from matplotlib.figure import Figure

from bot.insights.priorities import fix_next, key_figures
from bot.insights.report_html_parts import (
    _DOWN_COLOUR,
    _UP_COLOUR,
    _barh,
    _count_table,
    _esc,
    _labels,
    _Names,
    _p,
    _png,
    _section,
    _share,
    _table,
)
from bot.insights.report_model import FunnelRow, RatingRow, Report
from bot.insights.report_top import conversation_link, fix_next_section, top_box
from bot.knowledge.texts import format_date, level_name

PAGE_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 2px solid #ddd; } h3 { margin-top: 1.5em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; max-width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th, td { overflow-wrap: anywhere; }
th { background: #f2f2f2; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
img { max-width: 100%; height: auto; display: block; margin: 0.5em 0; }
.note { color: #555; } code { font-size: 0.85em; } a { color: #0050b3; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(12em, 1fr)); gap: 0.75em; }
.figure { border: 1px solid #ccc; border-top: 4px solid #1f5f99; padding: 0.5em 0.75em; }
.figure dt { font-weight: bold; } .figure dd { margin: 0; }
.figure .value { font-size: 1.8em; font-weight: bold; font-variant-numeric: tabular-nums; }
.trend { color: #444; font-size: 0.9em; } .trend-better { color: #1e6b2e; } .trend-worse { color: #a4001d; }
@media (max-width: 40em) { body { margin: 1em auto; } table { font-size: 0.8em; } }
"""
"""The report's one inline style block; the page's Content-Security-Policy allows exactly it by hash."""

PAGE_TEMPLATE = Template(
    """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>"""
    + PAGE_STYLE.replace("$", "$$")
    + """</style>
</head>
<body>
<main>
<h1>$title</h1>
<p>$period</p>
<p class="note">$privacy_note</p>
$sections
</main>
</body>
</html>
"""
)


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------


def write_html(
    report: Report,
    path: str | Path,
    titles: Mapping[str, str] | None = None,
    *,
    previous: Report | None = None,
    step_titles: Mapping[tuple[str, str], str] | None = None,
) -> Path:
    """Writes the report as one self-contained HTML file.

    Args:
        report: the report from ``bot.insights.analytics.build_report``.
        path: the file to write (parent folders are created).
        titles: optional ``{life_event_id: Dutch title}`` (for example from the knowledge base)
            used instead of the ids.
        previous: the report of the previous period of equal length, for the trends.
        step_titles: optional ``{(life_event_id, step_id): title}`` used instead of step ids.

    Returns:
        The path written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report, titles, previous=previous, step_titles=step_titles), encoding="utf-8")
    return path


def render_html(
    report: Report,
    titles: Mapping[str, str] | None = None,
    *,
    previous: Report | None = None,
    step_titles: Mapping[tuple[str, str], str] | None = None,
    transcript_base: str | None = None,
) -> str:
    """The report as a self-contained HTML page (see ``write_html``).

    ``transcript_base``: where a conversation's redacted transcript opens (the pseudonym is
    appended); without it conversations get their short label only."""
    names = _Names(titles or {}, step_titles)
    compared_with = None
    if previous is not None:
        compared_with = Template(_labels()["top_intro"]).substitute(
            date_from=format_date(previous.date_from), date_to=format_date(previous.date_to)
        )
    sections = [
        top_box(key_figures(report, previous), compared_with),
        fix_next_section(fix_next(report), names),
        _demand_section(report, names),
        _funnel_section(report, names),
        _fallback_section(report),
        _handoff_section(report),
        _ratings_section(report, names),
        _complaints_section(report),
        _remarks_section(report, names, transcript_base),
        _read_section(report, transcript_base),
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


def _funnel_label(row: FunnelRow, names: _Names) -> str:
    if row.stage == "step":
        return f"{row.label or row.position}. {names.step(row.life_event, row.step_id)}"
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
        parts.append(_barh([_funnel_label(r, names) for r in rows], [r.conversations for r in rows], title))
        parts.append(
            _table(
                ["step_id", "conversations", "eligible", "share", "stopped"],
                [
                    (
                        _funnel_label(r, names),
                        r.conversations,
                        r.eligible if r.eligible is not None else "",
                        _share(r.share),
                        r.stopped if r.stage != "completed" else "",
                    )
                    for r in rows
                ],
                numeric_text=(2, 3, 4),
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
        first = (
            (names(row.life_event), names.step(row.life_event, row.step_id))
            if with_step
            else (names(row.life_event),)
        )
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


def _remarks_section(report: Report, names: _Names, transcript_base: str | None) -> str:
    rows = [
        (
            r.created_at.strftime("%Y-%m-%d %H:%M"),
            _labels().get(r.kind, r.kind),
            names(r.life_event) if r.life_event else "",
            names.step(r.life_event, r.step_id) if r.step_id else "",
            r.comment,
            conversation_link(r.conversation, transcript_base),
        )
        for r in report.remarks
    ]
    return _section(
        "section_remarks",
        _table(["created_at", "kind", "life_event", "step_id", "comment", "conversation"], rows),
    )


def _read_section(report: Report, transcript_base: str | None) -> str:
    reason_labels = {
        "complaint": _labels()["complaint"],
        "down_rating": _labels()["down_rating"],
        "fallbacks": _labels()["fallbacks_reason"],
    }
    rows = [
        (
            conversation_link(c.pseudonym, transcript_base),
            c.fallbacks,
            c.down_ratings,
            c.complaints,
            ", ".join(reason_labels[r] for r in c.reasons.split(",") if r),
        )
        for c in report.conversations_to_read
    ]
    table = _table(["conversation", "fallbacks", "down_ratings", "complaints", "reasons"], rows)
    return _section("section_read", _p(_labels()["read_intro"], "note"), table)
