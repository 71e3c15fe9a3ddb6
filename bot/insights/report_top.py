"""The first screen of the designers' report: the key figures with their trend ("In één oogopslag")
and what to fix next ("Eerst aanpakken"); plus the readable names of steps and conversations."""

from __future__ import annotations

from string import Template

from bot.insights.priorities import FixNext, KeyFigure
from bot.insights.report_html_parts import Markup, _esc, _labels, _Names, _p, _section, _share
from bot.insights.report_model import FunnelRow
from bot.insights.transcript import conversation_label

_ARROWS = {"up": "▲", "down": "▼", "same": "="}


def _value(kind: str, value: float | None) -> str:
    if value is None:
        return _labels()["unknown"]
    return _share(value) if kind == "share" else str(int(value))


def _figure(figure: KeyFigure) -> str:
    labels = _labels()
    trend = figure.trend
    if trend is None:
        trend_text = labels["trend_none"]
    else:
        trend_text = Template(labels[f"trend_{trend}"]).substitute(
            previous=_value(figure.kind, figure.previous)
        )
    verdict = figure.verdict
    css = f"trend trend-{verdict}" if verdict else "trend"
    arrow = f'<span aria-hidden="true">{_ARROWS[trend]} </span>' if trend else ""
    verdict_text = f" ({_esc(labels['verdict_' + verdict])})" if verdict else ""
    return (
        f'<div class="figure"><dt>{_esc(labels["figure_" + figure.key])}</dt>'
        f'<dd class="value">{_esc(_value(figure.kind, figure.value))}</dd>'
        f'<dd class="{css}">{arrow}{_esc(trend_text)}{verdict_text}</dd></div>'
    )


def top_box(figures: tuple[KeyFigure, ...], compared_with: str | None) -> str:
    """The key figures as a definition list, each with its trend against the previous period."""
    intro = _p(compared_with, "note") if compared_with else ""
    items = "".join(_figure(figure) for figure in figures)
    return _section("section_top", intro, f'<dl class="figures">{items}</dl>')


def _dropoff_step(row: FunnelRow, names: _Names) -> str:
    if row.stage == "started":
        return _labels()["before_first_step"]
    return names.step(row.life_event, row.step_id)


def fix_next_section(fix: FixNext, names: _Names) -> str:
    """Three short lists: questions not understood, worst-rated steps, biggest drop-offs."""
    labels = _labels()
    if fix.empty:
        return _section("section_fix", _p(labels["fix_nothing"], "note"))
    parts = [_p(labels["fix_intro"], "note")]

    def block(key: str, items: list[str]) -> None:
        parts.append(f"<h3>{_esc(labels[key])}</h3>")
        if not items:
            parts.append(_p(labels["no_data"], "note"))
            return
        parts.append("<ol>" + "".join(f"<li>{_esc(item)}</li>" for item in items) + "</ol>")

    block(
        "fix_unrecognised",
        [
            Template(labels["fix_unrecognised_item"]).substitute(
                example=g.example, messages=g.messages, conversations=g.conversations
            )
            for g in fix.unrecognised
        ],
    )
    block(
        "fix_worst_steps",
        [
            Template(labels["fix_rating_item"]).substitute(
                step=names.step(r.life_event, r.step_id),
                event=names(r.life_event),
                down=r.down,
                total=r.total,
                share=_share(r.share_up),
            )
            for r in fix.worst_steps
        ],
    )
    block(
        "fix_dropoffs",
        [
            Template(labels["fix_dropoff_item"]).substitute(
                step=_dropoff_step(r, names), event=names(r.life_event), stopped=r.stopped
            )
            for r in fix.dropoffs
        ],
    )
    return _section("section_fix", *parts)


def conversation_link(pseudonym: str | None, transcript_base: str | None) -> Markup | str:
    """A short label for a conversation, linked to its redacted transcript when the page can open it."""
    if not pseudonym:
        return ""
    label = conversation_label(pseudonym)
    if transcript_base is None:
        return label
    text = Template(_labels()["open_transcript"]).substitute(label=label)
    href = _esc(f"{transcript_base}{pseudonym}")
    return Markup(f'<a href="{href}">{_esc(text)}</a>')
