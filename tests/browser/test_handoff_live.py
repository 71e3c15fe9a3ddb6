"""A caseworker takes over, seen from both sides in three browsers: the citizen who asked the bot
for a person, the caseworker An (a display name) who claims the case, and a colleague who sees the
case but cannot answer or close it. Typing signals go both ways; every message carries its time."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.handoff.cases import CaseContext, create_case, get_case, list_cases
from tests.browser.helpers import (
    CASEWORKER_PASSWORD,
    CASEWORKER_USER,
    STAFF_PASSWORD,
    STAFF_USER,
    Assistant,
    log_in,
    open_widget,
    run_axe,
    serious,
    type_and_send,
    wait_js,
)

pytestmark = pytest.mark.slow

CLOCK = re.compile(r"\b\d{1,2}\.\d{2}$")
RAW_CODES = re.compile(
    r"\b(claimed|closed|cancelled|asked_for_human|not_yours|unanswered|birth|null|undefined|NaN)\b"
    r"|Invalid Date|\{\w+\}"
)
"""What the console must never show: codes, ids, empty placeholders."""
FOCUS_RING_CONTRAST = """() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const el = document.activeElement;
  if (!el || el === document.body) return null;  // past the last control
  const style = getComputedStyle(el);
  let bg = el.parentElement, colour = 'rgb(255, 255, 255)';
  for (; bg; bg = bg.parentElement) {
    const c = getComputedStyle(bg).backgroundColor, parts = rgb(c);
    if (parts.length === 3 || parts[3] > 0) { colour = c; break; }
  }
  const [a, b] = [lum(rgb(style.outlineColor)), lum(rgb(colour))].sort((x, y) => y - x);
  return { id: el.id || el.textContent.trim().slice(0, 30), style: style.outlineStyle,
           width: parseFloat(style.outlineWidth), ratio: (a + 0.05) / (b + 0.05) };
}"""
"""The focused element's outline and its contrast with the background around it."""
REPLY_AS_COLLEAGUE = """async (id) => (await fetch(`api/cases/${id}/messages`, { method: 'POST',
    credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-Wegwijzer-Request': '1' },
    body: JSON.stringify({ text: 'Ik neem het over' }) })).status"""


def console_as(new_page: Callable[..., Any], assistant: Assistant, user: str, password: str) -> Any:
    page = new_page(bypass_csp=True)  # axe is injected as an inline script
    log_in(page, f"{assistant.base}/webhooks/console/", user, password)
    return page


def open_case(page: Any, case_id: int) -> None:
    page.locator(f"#cases button:has-text('Gesprek {case_id} ')").click()
    page.wait_for_selector("#case-title:focus")


def citizen_asks_for_a_person(page: Any, assistant: Assistant) -> str:
    """Types to the bot as a person does, then chooses to chat with a caseworker; the sender id."""
    open_widget(page, assistant)
    type_and_send(page, "We hebben een baby gekregen")
    page.wait_for_selector(".wgw-reply:has-text('Ja, mijn eerste kind')")
    page.click("#wgw-input")
    type_and_send(page, "kan ik met iemand spreken?")
    page.click(".wgw-reply:has-text('Chatten met een medewerker')")
    page.wait_for_selector(".wgw-handoff:not([hidden])")
    return str(page.evaluate("localStorage.getItem('wegwijzer-sender')"))


def test_a_caseworker_takes_over_and_both_sides_see_names_times_and_typing(
    assistant: Assistant, new_page: Callable[..., Any], axe_script: Path, screenshot_dir: Path
) -> None:
    citizen = new_page()
    sender = citizen_asks_for_a_person(citizen, assistant)
    [case] = [c for c in list_cases(assistant.database_url) if c["conversation_id"] == sender]
    citizen.click("#wgw-input")
    type_and_send(citizen, "Welke premie moet ik aanvragen?")
    citizen.wait_for_selector(".wgw-turn-notice:has-text('Uw bericht is doorgegeven aan de medewerker')")
    assert citizen.is_visible(".wgw-handoff-stop") and "1700" in citizen.inner_text(".wgw-handoff")
    citizen.locator("#wgw-panel").screenshot(path=str(screenshot_dir / "widget-waiting-for-caseworker.png"))

    # The caseworker sees how long the citizen waits and the whole conversation, with times.
    an = console_as(new_page, assistant, CASEWORKER_USER, CASEWORKER_PASSWORD)
    item = an.locator(f"#cases button:has-text('Gesprek {case['id']} ')")
    item.wait_for()
    assert re.search(r"wacht al (minder dan 1 min|\d+ min)", item.inner_text()), item.inner_text()
    open_case(an, case["id"])
    assert re.search(r"Gestart om \d{1,2}\.\d{2} · wacht al ", an.inner_text("#case-facts"))
    transcript = an.inner_text("#transcript")
    for said in ("We hebben een baby gekregen", "Is dit uw eerste kind?", "kan ik met iemand spreken?"):
        assert said in transcript, transcript
    assert "Welke premie" not in transcript  # typed while waiting: among the live messages only
    metas = an.locator("#transcript .meta").all_inner_texts()
    assert {m.split(" · ")[0] for m in metas} == {"Burger", "Wegwijzer"}, metas
    assert all(CLOCK.search(m) for m in metas), metas
    waiting_message = an.locator("#messages li.citizen:has-text('Welke premie moet ik aanvragen?') .meta")
    assert CLOCK.search(waiting_message.inner_text()) and waiting_message.inner_text().startswith("Burger · ")

    colleague = console_as(new_page, assistant, STAFF_USER, STAFF_PASSWORD)
    open_case(colleague, case["id"])
    assert re.fullmatch(r"\d+ gesprekken|1 gesprek", colleague.inner_text("#queue-status"))
    assert colleague.is_enabled("#claim")

    an.click("#claim")
    an.wait_for_selector("#owner:has-text('U hebt dit gesprek')")
    an.wait_for_selector("#case-facts li:has-text('Overgenomen om')")
    # One owner: the colleague's console follows and locks reply and close; the server refuses too.
    colleague.wait_for_selector("#owner:has-text('An heeft dit gesprek overgenomen')")
    for control in ("#claim", "#close", "#send", "#reply-text"):
        assert colleague.is_disabled(control), control
    colleague.wait_for_selector(f"#cases button:has-text('Gesprek {case['id']} (overgenomen) · bij An')")
    assert colleague.evaluate(REPLY_AS_COLLEAGUE, case["id"]) == 409

    # The citizen learns who took over; the waiting panel becomes one line that says a person answers.
    citizen.wait_for_selector(".wgw-turn-notice:has-text('U praat nu met An, een medewerker.')")
    citizen.wait_for_selector(".wgw-handoff-claimed .wgw-handoff-title:text-is('U praat met een medewerker')")
    assert citizen.is_hidden(".wgw-handoff-stop") and citizen.is_hidden(".wgw-handoff-where")

    # Typing, both ways, and the caseworker's display name on the reply.
    an.click("#reply-text")
    an.keyboard.type("Dag, ik ben An. Ik kijk het na.")
    citizen.wait_for_selector(".wgw-handoff-typing:has-text('An typt een bericht')")
    an.click("#send")
    reply = citizen.locator(".wgw-turn-caseworker:has-text('Ik kijk het na.')")
    reply.wait_for()
    assert reply.locator(".wgw-who").inner_text() == "An, medewerker"
    citizen.wait_for_selector(".wgw-handoff-typing", state="hidden")  # the reply ends the signal
    citizen.locator("#wgw-panel").screenshot(path=str(screenshot_dir / "widget-caseworker-answers.png"))
    an.wait_for_selector("#messages li.caseworker:has-text('Ik kijk het na.')")
    citizen.click("#wgw-input")
    # Typed like a person, a key at a time: the page sends a typing signal at most every 3 s, so a
    # signal that a busy machine delays is followed by the next one (CI once missed a single one).
    typing = an.locator("#citizen-typing:has-text('De burger typt een bericht')")
    message = "Dank u, ik wacht"
    typed = 0
    while typed < len(message) and not typing.is_visible():
        citizen.keyboard.type(message[typed])
        typed += 1
        an.wait_for_timeout(400)
    typing.wait_for(timeout=15000)
    citizen.keyboard.type(message[typed:])
    an.screenshot(path=str(screenshot_dir / "console-claimed-case.png"), full_page=True)
    citizen.keyboard.press("Enter")
    an.wait_for_selector("#messages li.citizen:has-text('Dank u, ik wacht')")

    # Dutch everywhere: no code, id or placeholder reaches the caseworker's screen.
    for page in (an, colleague):
        shown = page.inner_text("body")
        assert not RAW_CODES.search(shown), RAW_CODES.search(shown)
    violations = run_axe(an, axe_script)
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)
    an.focus("#reply-text")
    seen = set()
    for _ in range(9):  # the reply box, send, then round to the top: every ring at least 3:1
        ring = an.evaluate(FOCUS_RING_CONTRAST)
        an.keyboard.press("Tab")
        if ring is None:
            continue
        assert ring["style"] == "solid" and ring["width"] >= 2 and ring["ratio"] >= 3, ring
        seen.add(ring["id"])
    assert {"reply-text", "send"} <= seen, seen

    # Closing with the citizen's last message unanswered asks first; then the bot takes over again.
    an.click("#close")
    an.wait_for_selector("#close-warning:not([hidden])")
    assert an.evaluate("document.activeElement.id") == "close-anyway"
    an.click("#close-anyway")
    citizen.wait_for_selector(".wgw-turn-notice:has-text('De medewerker heeft het gesprek afgesloten')")
    citizen.wait_for_selector(".wgw-handoff", state="hidden")
    assert get_case(assistant.database_url, case["id"])["status"] == "closed"


def test_the_queue_refresh_keeps_the_keyboard_focus_and_marks_the_open_case(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    case_id = create_case(
        assistant.database_url,
        CaseContext(conversation_id=uuid.uuid4().hex, reason="asked_for_human", life_events=["job_loss"]),
    )
    page = console_as(new_page, assistant, CASEWORKER_USER, CASEWORKER_PASSWORD)
    open_case(page, case_id)
    item = f"#cases button[data-case='{case_id}']"
    page.focus(item)
    page.evaluate("window.wgwBefore = document.activeElement")
    wait_js(page, "() => !document.body.contains(window.wgwBefore)")  # the list was rebuilt (every 5 s)
    assert page.evaluate("document.activeElement.getAttribute('data-case')") == str(case_id)
    assert page.get_attribute(item, "aria-current") == "true"
    page.click("#claim")  # the case is rendered again after the claim: still marked as the open one
    page.wait_for_selector("#owner:has-text('U hebt dit gesprek')")
    wait_js(
        page,
        "(s) => document.querySelector(s) && document.querySelector(s).innerText.includes('bij u')",
        item,
    )
    assert page.get_attribute(item, "aria-current") == "true"


def test_the_console_counts_the_waiting_time_on(assistant: Assistant, new_page: Callable[..., Any]) -> None:
    case_id = create_case(
        assistant.database_url,
        CaseContext(conversation_id=uuid.uuid4().hex, reason="asked_for_human", life_events=["birth"]),
    )
    page = new_page()
    page.clock.install()  # the page's own clock, moved on below
    log_in(page, f"{assistant.base}/webhooks/console/", CASEWORKER_USER, CASEWORKER_PASSWORD)
    open_case(page, case_id)
    assert "wacht al minder dan 1 min" in page.inner_text("#case-facts")
    page.clock.fast_forward("03:10")
    page.wait_for_selector("#case-facts li:has-text('wacht al 3 min')")
    page.wait_for_selector(f"#cases button[data-case='{case_id}']:has-text('wacht al 3 min')")
