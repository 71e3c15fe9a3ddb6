"""The content editors' report on the knowledge base's sources: per step or right whether its page
is gone, unreachable, moved, changed since a person confirmed it, never confirmed, or unchanged;
what needs a look first on top. Same page style as the designers' report."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from string import Template

from bot.insights.report import PAGE_STYLE
from bot.knowledge.source_records import SourceCheckRecord, SourceConfirmationRecord
from bot.knowledge.source_watch import STATUSES, CitedSource, item_status
from bot.knowledge.texts import format_date, load_texts


@dataclass(frozen=True)
class SourceRow:
    status: str
    source: CitedSource
    check: SourceCheckRecord | None
    confirmation: SourceConfirmationRecord | None


def source_rows(
    sources: list[CitedSource],
    checks: dict[str, SourceCheckRecord],
    confirmations: dict[tuple[str, str], SourceConfirmationRecord],
) -> list[SourceRow]:
    """One row per step or right, the most urgent first."""
    rows = [
        SourceRow(
            item_status(checks.get(s.url), confirmations.get((s.event_id, s.item_id)), s.url),
            s,
            checks.get(s.url),
            confirmations.get((s.event_id, s.item_id)),
        )
        for s in sources
    ]
    return sorted(rows, key=lambda r: (STATUSES.index(r.status), r.source.event_id, r.source.item_id))


def summary(rows: list[SourceRow]) -> dict[str, int]:
    counts = Counter(row.status for row in rows)
    return {status: counts.get(status, 0) for status in STATUSES}


def _labels() -> dict:
    return load_texts()["source_report"]


def _remark(row: SourceRow) -> str:
    labels = _labels()
    if row.check is not None and row.check.final_url and row.status == "moved":
        return labels["moved_to"].format(url=row.check.final_url)
    if row.check is not None and row.check.error:
        return row.check.error
    return ""


def render_html(rows: list[SourceRow]) -> str:
    labels = _labels()
    esc = html.escape
    checked = [row.check.checked_at for row in rows if row.check is not None]
    when = (
        labels["checked_at"].format(when=max(checked).strftime("%Y-%m-%d %H:%M UTC"))
        if checked
        else labels["never_checked"]
    )
    counts = summary(rows)
    summary_rows = "".join(
        f"<tr><td>{esc(labels['statuses'][status])}</td><td class='num'>{counts[status]}</td></tr>"
        for status in STATUSES
    )
    head = "".join(f"<th>{esc(column)}</th>" for column in labels["columns"])
    body = []
    for row in rows:
        confirmed = (
            labels["confirmed_by"].format(
                date=format_date(row.confirmation.confirmed_on), person=row.confirmation.confirmed_by
            )
            if row.confirmation is not None
            else ""
        )
        url = esc(row.source.url)
        cells = [
            esc(labels["statuses"][row.status]),
            esc(row.source.event_id),
            esc(f"{row.source.kind} {row.source.item_id}"),
            esc(row.source.title),
            f"<a href='{url}' rel='noopener noreferrer'>{url}</a>",
            esc(confirmed),
            esc(_remark(row)),
        ]
        body.append(f"<tr class='{row.status}'>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return _PAGE.substitute(
        title=esc(labels["title"]),
        intro=esc(labels["intro"]),
        when=esc(when),
        how=esc(labels["how_to_confirm"]),
        summary_heading=esc(labels["summary_heading"]),
        summary_rows=summary_rows,
        items_heading=esc(labels["items_heading"]),
        head=head,
        body="\n".join(body),
    )


def write_html(rows: list[SourceRow], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(rows), encoding="utf-8")
    return path


_PAGE = Template(
    """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>$title</title>
<style>"""
    + PAGE_STYLE.replace("$", "$$")
    + """
tr.gone td:first-child, tr.unreachable td:first-child,
tr.moved td:first-child { color: #c62828; font-weight: bold; }
tr.changed td:first-child { color: #b45309; font-weight: bold; }
</style>
</head>
<body>
<h1>$title</h1>
<p>$intro</p>
<p>$when</p>
<p class="note">$how</p>
<h2>$summary_heading</h2>
<table><tbody>$summary_rows</tbody></table>
<h2>$items_heading</h2>
<table><thead><tr>$head</tr></thead>
<tbody>
$body
</tbody></table>
</body>
</html>
"""
)
