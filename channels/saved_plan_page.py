"""The page behind a saved link: the plan read-only (all steps, then the explanation of each) and
a button to chat on about it; or a clear page when the link is unknown or expired.

Rendered here from the knowledge base, escaped, with no inline script or style; every word comes
from data/texts/nl.yml. The page carries the widget like the demo page, so "Verder chatten"
opens the chat with this plan in it (``static/saved.js``).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from sanic import response
from sanic.response import HTTPResponse

from bot.journeys.journey import JourneyPlan, PlannedStep
from bot.journeys.render import step_text
from bot.keeping.mail import html_lines
from bot.keeping.saved import SavedPlan
from bot.knowledge.texts import format_date, load_texts, text

PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
}


def _tools() -> dict[str, Any]:
    return dict(load_texts()["ui"]["widget_tools"])


def most_urgent_first(steps: tuple[PlannedStep, ...]) -> list[PlannedStep]:
    """As the widget's overview: dated steps by date, then undated ones, automatic steps last."""

    def rank(planned: PlannedStep) -> tuple[int, str, int]:
        if planned.step.automatic:
            return (2, "", planned.number)
        if planned.due_date:
            return (0, planned.due_date.isoformat(), planned.number)
        return (1, "", planned.number)

    return sorted(steps, key=rank)


def _overview_item(planned: PlannedStep, today: dt.date, words: dict[str, Any]) -> str:
    step = planned.step
    tag, kind = (
        (words["tag_automatic"], "auto")
        if step.automatic
        else (words["tag_maybe"], "maybe")
        if planned.conditional
        else (words["tag_self"], "self")
    )
    meta = f'<span class="tag tag-{kind}">{html.escape(tag)}</span>'
    if planned.due_date and not step.automatic:
        date = format_date(planned.due_date)
        passed = planned.due_date < today
        due = (words["due_passed"] if passed else words["due"]).format(date=date)
        meta += f' <span class="due{" due-passed" if passed else ""}">{html.escape(due)}</span>'
    return (
        f'<li><a href="#stap-{planned.number}">{html.escape(step.title)}</a>'
        f'<span class="meta">{meta}</span></li>'
    )


def _step_section(planned: PlannedStep) -> str:
    """One step as the other channels show it (the same plain text), with live links."""
    heading, _, rest = step_text(planned).partition("\n")
    anchor = f"stap-{planned.number}"
    return (
        f'<section class="step" id="{anchor}" aria-labelledby="{anchor}-titel">'
        f'<h3 id="{anchor}-titel">{html.escape(heading)}</h3><p>{html_lines(rest)}</p></section>'
    )


def _page(title: str, body: str, origin: str) -> HTTPResponse:
    server = html.escape(origin, quote=True)
    page = f"""<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <link rel="icon" href="data:,">
  <title>{html.escape(title)}</title>
  <link rel="stylesheet" href="{server}/webhooks/web/static/saved.css">
</head>
<body>
<main id="main" class="saved">
{body}
</main>
<script type="module" src="{server}/webhooks/web/static/widget/main.js"
        data-server="{server}" data-title="Wegwijzer"></script>
<script type="module" src="{server}/webhooks/web/static/saved.js"></script>
</body>
</html>
"""
    return response.html(page, headers=PAGE_HEADERS)


def saved_plan_page(plan: JourneyPlan, stored: SavedPlan, today: dt.date, origin: str) -> HTTPResponse:
    """The saved plan: title, when it was saved and until when the link works, the steps."""
    words = _tools()
    title = text("saved_plan_page_title", event=plan.event.title)
    note = text(
        "saved_plan_note",
        date=format_date(stored.created_at.date()),
        until=format_date(stored.expires_at.date()),
    )
    items = "\n".join(_overview_item(p, today, words) for p in most_urgent_first(plan.steps))
    details = "\n".join(_step_section(p) for p in plan.steps)
    body = f"""<h1>{html.escape(title)}</h1>
<p class="intro">{html.escape(plan.event.description)}</p>
<p class="note">{html.escape(note)}</p>
<div class="continue">
  <p>{html.escape(text("saved_plan_readonly"))}</p>
  <button type="button" id="saved-continue" class="primary" hidden>
    {html.escape(text("saved_plan_continue"))}</button>
</div>
<h2>{html.escape(text("saved_plan_steps"))}</h2>
<ol class="tasks">
{items}
</ol>
<h2>{html.escape(text("saved_plan_details"))}</h2>
{details}"""
    return _page(title, body, origin)


def gone_page(days: int, origin: str) -> HTTPResponse:
    """An unknown or expired link: what happened and how to make the plan again (status 404)."""
    title = text("saved_plan_gone_title")
    body = f"""<h1>{html.escape(title)}</h1>
<p>{html.escape(text("saved_plan_gone", days=days))}</p>
<p><button type="button" id="saved-start" class="primary" hidden>
  {html.escape(text("saved_plan_start"))}</button></p>"""
    page = _page(title, body, origin)
    page.status = 404
    return page
