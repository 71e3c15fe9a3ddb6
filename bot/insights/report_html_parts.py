"""Building blocks of the designers' report page: its labels, escaping, sections, paragraphs, tables
and charts (PNG images inline, so the page needs nothing from elsewhere)."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.insights.report_model import CountRow
from bot.knowledge.texts import load_texts

_UP_COLOUR, _DOWN_COLOUR, _BAR_COLOUR = "#2e7d32", "#c62828", "#1f5f99"


def _labels() -> dict[str, str]:
    """Headings, column labels and notes of the report (data/texts/nl.yml, ``report``)."""
    return load_texts()["report"]


class _Names:
    """Display names of life events and of their steps (the knowledge base's titles, else the id)."""

    def __init__(
        self, titles: Mapping[str, str], step_titles: Mapping[tuple[str, str], str] | None = None
    ) -> None:
        self.titles = titles
        self.step_titles = step_titles or {}

    def __call__(self, event_id: str | None) -> str:
        if event_id is None:
            return _labels()["none"]
        return self.titles.get(event_id, event_id)

    def step(self, event_id: str | None, step_id: str | None) -> str:
        if step_id is None:
            return _labels()["none"]
        return self.step_titles.get((event_id or "", step_id), step_id)


class Markup(str):
    """HTML built by the report itself (a link); every other cell value is escaped."""


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
    if isinstance(value, Markup):
        return f"<td>{value}</td>"
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


def _count_table(rows: Sequence[CountRow], label=lambda value: value) -> str:  # type: ignore[no-untyped-def]
    return _table(
        ["label", "count"],
        [(label(row.label) if row.label else _labels()["unknown"], row.count) for row in rows],
    )
