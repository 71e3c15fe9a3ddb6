"""Helpers shared by the browser tests (no fixtures here; those live in conftest.py)."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select

from bot.insights.feedback import FeedbackRecord
from bot.store import session_scope
from devtools.servers import free_port

STAFF_USER, STAFF_PASSWORD = "balie", "test-wachtwoord-123"
CASEWORKER_USER, CASEWORKER_PASSWORD, CASEWORKER_NAME = "an", "test-wachtwoord-456", "An"
"""A second staff account (caseworker only) with a display name, for the hand-off tests."""
STAFF_ACCOUNTS = (
    f"{STAFF_USER}:{STAFF_PASSWORD},{CASEWORKER_USER}:{CASEWORKER_PASSWORD}:caseworker:{CASEWORKER_NAME}"
)
THIRD_PARTY_PORT = free_port()
"""Where the browser tests serve a page of "another site" that embeds the widget."""


@dataclasses.dataclass(frozen=True)
class Assistant:
    base: str
    database_url: str

    @property
    def demo_page(self) -> str:
        return f"{self.base}/webhooks/web/"

    @property
    def frontdesk(self) -> str:
        return f"{self.base}/webhooks/frontdesk/"


def say(assistant: Assistant, sender: str, message: str, display: str | None = None) -> list[dict]:
    body = {"sender": sender, "message": message, **({"display": display} if display else {})}
    response = requests.post(f"{assistant.base}/webhooks/web/webhook", json=body, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def run_axe(page: Any, axe_path: Path, context: str | None = None) -> list[dict]:
    """Runs axe-core (WCAG 2.0/2.1 A and AA rules) and returns the violations."""
    page.add_script_tag(path=str(axe_path))
    return page.evaluate(
        """async (context) => {
            const result = await axe.run(context ? document.querySelector(context) : document,
              { runOnly: { type: 'tag',
                           values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
                resultTypes: ['violations'] });
            return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary).slice(0, 5) }));
        }""",
        context,
    )


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def active_text(page: Any) -> str:
    """Text (or label) of the focused element."""
    return page.evaluate("""() => { const a = document.activeElement;
        return a ? (a.getAttribute('aria-label') || a.textContent || a.id || '').trim() : ''; }""")


def tab_to(page: Any, text: str, backwards: bool = False, limit: int = 60) -> None:
    """Presses Tab (or Shift+Tab) until the focused element's text starts with ``text``."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        current = active_text(page)
        seen.append(current[:40])
        if current.startswith(text):
            return
    raise AssertionError(f"{text!r} is not reachable with the keyboard; focus went through {seen}")


def wait_js(page: Any, expression: str, arg: Any = None, timeout: float = 30.0) -> Any:
    """Polls a JavaScript function until it returns something truthy.

    Unlike ``page.wait_for_function`` this works under the demo page's strict CSP (no eval).
    """
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(100)


XSS = "<img src=x onerror=alert(1)>"
UNREACHABLE = "We kunnen u nu niet bereiken. Bel gratis 1700 of probeer het opnieuw."


def open_widget(page: Any, assistant: Assistant) -> None:
    page.goto(assistant.demo_page)
    page.click(".wgw-launcher")
    page.wait_for_selector("#wgw-input:focus")


LOGIN_TIMEOUT_MS = 90_000
"""A generous wait for the first staff page after a cold start on a loaded 2-core CI machine. (The two
CI time-outs of 2026-12-02 were a race in login.js, fixed; see test_a_login_sent_before_the_texts_arrive.)"""


def log_in(page: Any, url: str, user: str = STAFF_USER, password: str = STAFF_PASSWORD) -> None:
    """Opens a staff page and signs in on its login form."""
    page.goto(url)
    page.wait_for_selector("#login-form")
    page.fill("#login", user)
    page.fill("#password", password)
    page.click("button:has-text('Aanmelden')")
    page.wait_for_url(url, timeout=LOGIN_TIMEOUT_MS)


def type_and_send(page: Any, text: str) -> None:
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def bot_turns(page: Any) -> int:
    return page.locator(".wgw-turn-bot:not(.wgw-welcome)").count()


def wait_for_new_bot_turn(page: Any, before: int) -> None:
    wait_js(page, "n => document.querySelectorAll('.wgw-turn-bot:not(.wgw-welcome)').length > n", before)


def feedback_rows(assistant: Assistant, kind: str) -> list[FeedbackRecord]:
    with session_scope(assistant.database_url) as session:
        rows = session.execute(select(FeedbackRecord).where(FeedbackRecord.kind == kind)).scalars().all()
        session.expunge_all()
        return list(rows)


def use_conversation(page: Any, sender: str) -> None:
    """Makes the next page load continue an existing conversation (as a returning visitor)."""
    page.add_init_script(
        f"window.localStorage.setItem('wegwijzer-sender', {json.dumps(sender)});"
        "window.localStorage.setItem('wegwijzer-seen', String(Date.now()));"
    )
