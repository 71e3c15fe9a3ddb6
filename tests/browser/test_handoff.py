"""The hand-off in headless Chromium: the citizen waiting for a caseworker (state, a message typed
while waiting, stopping the wait) and the caseworker console (Dutch labels, transcript, one owner,
the warning before closing with an unanswered question, the typing signal, axe)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from bot.handoff.cases import CaseContext, create_case, get_case
from bot.settings import Settings
from channels.handoff_citizen import waiting_info
from tests.browser.helpers import (
    Assistant,
    log_in,
    open_widget,
    run_axe,
    say,
    serious,
    tab_to,
    type_and_send,
)

pytestmark = pytest.mark.slow


def waiting_citizen(page: Any, assistant: Assistant) -> tuple[str, int]:
    """A widget whose conversation waits for a caseworker (the case made as the bot makes it)."""
    open_widget(page, assistant)
    sender = page.evaluate("localStorage.getItem('wegwijzer-sender')")
    case_id = create_case(
        assistant.database_url,
        CaseContext(
            conversation_id=sender,
            reason="asked_for_human",
            life_events=["birth"],
            life_event_titles=["Een kind krijgen"],
        ),
    )
    page.reload()
    page.wait_for_selector(".wgw-handoff:not([hidden])")
    return sender, case_id


def test_a_waiting_citizen_sees_where_they_stand_and_can_stop(
    assistant: Assistant, new_page: Callable[..., Any], axe_script: Path
) -> None:
    page = new_page(bypass_csp=True)  # axe is injected as an inline script
    sender, case_id = waiting_citizen(page, assistant)
    panel = page.locator(".wgw-handoff")
    assert panel.locator("h3").inner_text() == "U wacht op een medewerker"
    text = panel.inner_text()
    assert "U bent de volgende." in text or "voor u." in text
    assert "Medewerkers chatten" in text or "Onze medewerkers zijn nu niet online" in text
    assert "1700, het gratis informatienummer van de Vlaamse overheid, elke werkdag van 9 tot 19 uur" in text
    violations = run_axe(page, axe_script, ".wgw-root")
    print("axe violations while waiting:", json.dumps(violations, indent=1))
    assert serious(violations) == []

    # A typed question while waiting goes to the caseworker, not to the bot.
    page.click("#wgw-input")
    type_and_send(page, "hallo? is er iemand?")
    page.wait_for_selector(".wgw-turn-notice:has-text('Uw bericht is doorgegeven aan de medewerker')")
    assert page.locator(".wgw-turn-bot:not(.wgw-welcome)").count() == 0  # no greeting, no fallback
    assert [m["text"] for m in get_case(assistant.database_url, case_id)["messages"]] == [
        "hallo? is er iemand?"
    ]

    page.click("button:has-text('Stop met wachten')")
    page.wait_for_selector(".wgw-turn-bot:has-text('U wacht niet meer op een medewerker')")
    assert page.is_hidden(".wgw-handoff")
    assert get_case(assistant.database_url, case_id)["status"] == "cancelled"
    # The assistant answers again.
    page.click("#wgw-input")
    type_and_send(page, "We hebben een baby gekregen")
    page.wait_for_selector(".wgw-reply:has-text('Ja, mijn eerste kind')")


COVERS_POINT = """(el) => { const r = el.getBoundingClientRect();
    const points = [[r.left + r.width / 2, r.top + r.height / 2], [r.left + 3, r.top + 3],
      [r.right - 3, r.top + 3], [r.left + 3, r.bottom - 3], [r.right - 3, r.bottom - 3]];
    return points.every(([x, y]) => { const hit = document.elementFromPoint(x, y);
      return el === hit || el.contains(hit); }); }"""
"""The whole element can be hit: nothing clips it (a scrolling panel) or lies on top of it."""
SHOWN_SOMEWHERE = """(el) => { const r = el.getBoundingClientRect();
    return [r.top + 4, r.top + r.height / 2, r.bottom - 4].some((y) => {
      const hit = document.elementFromPoint(r.left + 8, y); return el === hit || el.contains(hit); }); }"""
"""Some line of the element is on screen and not hidden under something else (a sticky row)."""
SCROLL_TO_PHONE = """(box) => { const row = box.querySelector('.wgw-handoff-actions');
    box.scrollTop = box.querySelector('.wgw-handoff-phone').offsetTop - row.offsetHeight; }"""


def inside_viewport(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    return (
        bool(box)
        and box["x"] >= 0
        and box["y"] >= 0
        and (box["x"] + box["width"] <= size["width"] and box["y"] + box["height"] <= size["height"])
    )


@pytest.mark.parametrize(
    "viewport, scale",
    [({"width": 320, "height": 256}, 1), ({"width": 640, "height": 360}, 2)],  # 2: 1280x720 at 200 %
    ids=["320x256", "200-percent-zoom"],
)
def test_on_a_tiny_screen_the_waiting_panel_keeps_stop_1700_and_the_conversation(
    assistant: Assistant,
    new_page: Callable[..., Any],
    axe_script: Path,
    screenshot_dir: Path,
    viewport: dict[str, int],
    scale: int,
) -> None:
    page = new_page(viewport=viewport, device_scale_factor=scale, bypass_csp=True, reduced_motion="reduce")
    _, case_id = waiting_citizen(page, assistant)
    stop = ".wgw-handoff-stop"
    assert page.inner_text(".wgw-handoff-title") == "U wacht op een medewerker"
    assert "voor u." in page.inner_text(".wgw-handoff-where") or "volgende" in page.inner_text(
        ".wgw-handoff-where"
    )
    for selector in (stop, ".wgw-handoff-where", "#wgw-input", ".wgw-send"):
        assert inside_viewport(page, selector), (selector, page.locator(selector).bounding_box())
    assert page.locator(stop).evaluate(COVERS_POINT)  # nothing lies on top of it
    assert page.locator(".wgw-log").bounding_box()["height"] >= 40  # at least two lines of conversation

    if viewport["width"] == 320:
        page.screenshot(path=str(screenshot_dir / "widget-waiting-small-screen.png"))
    violations = run_axe(page, axe_script, ".wgw-root")
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)

    # Opening hours and 1700 are one tap away; the stop button stays in view while they show.
    toggle = page.locator(".wgw-handoff-toggle")
    assert toggle.inner_text() == "Openingsuren en andere manieren"
    assert toggle.get_attribute("aria-expanded") == "false" and page.is_hidden(".wgw-handoff-phone")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    phone = page.locator(".wgw-handoff-phone")
    assert "1700" in phone.inner_text()
    assert page.locator(".wgw-handoff-hours").evaluate(SHOWN_SOMEWHERE)  # scrolled up under the stop row
    page.locator(".wgw-handoff").evaluate(SCROLL_TO_PHONE)
    assert phone.evaluate(SHOWN_SOMEWHERE)
    assert inside_viewport(page, stop) and page.locator(stop).evaluate(COVERS_POINT)
    assert page.locator(".wgw-log").bounding_box()["height"] >= 30
    assert inside_viewport(page, "#wgw-input")
    violations = run_axe(page, axe_script, ".wgw-root")
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)

    # Keyboard only: from the message box, Tab (inside the modal panel) reaches the stop button.
    page.focus("#wgw-input")
    tab_to(page, "Stop met wachten", backwards=True)
    assert inside_viewport(page, stop)
    page.keyboard.press("Enter")
    page.wait_for_selector(".wgw-turn-bot:has-text('U wacht niet meer op een medewerker')")
    assert get_case(assistant.database_url, case_id)["status"] == "cancelled"


def staff_console(new_page: Callable[..., Any], assistant: Assistant) -> Any:
    page = new_page(bypass_csp=True)  # axe is injected as an inline script
    log_in(page, f"{assistant.base}/webhooks/console/")
    return page


def test_the_console_speaks_dutch_shows_the_story_and_has_one_owner(
    assistant: Assistant, new_page: Callable[..., Any], axe_script: Path
) -> None:
    sender = "e" * 32
    say(assistant, sender, "We hebben een baby gekregen")
    case_id = create_case(
        assistant.database_url,
        CaseContext(
            conversation_id=sender,
            reason="asked_for_human",
            life_events=["birth"],
            life_event_titles=["Een kind krijgen"],
        ),
    )
    page = staff_console(new_page, assistant)
    item = page.locator(f"#cases button:has-text('Gesprek {case_id} ')")
    item.wait_for()
    label = item.inner_text()
    assert "Een kind krijgen" in label and "vroeg zelf om een medewerker" in label and "wacht al" in label
    for code in ("birth", "asked_for_human", "claimed", "open"):
        assert code not in label
    item.click()
    page.wait_for_selector("#case-title:focus")
    assert page.inner_text("#case-title") == f"Gesprek {case_id} (wacht)"
    transcript = page.inner_text("#transcript")
    assert "We hebben een baby gekregen" in transcript and "Wegwijzer" in transcript
    assert page.is_disabled("#reply-text") and page.is_disabled("#send")

    violations = run_axe(page, axe_script)
    print("axe violations in the console:", json.dumps(violations, indent=1))
    assert serious(violations) == []
    page.keyboard.press("Tab")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert ring == "rgb(29, 29, 27)"  # 16:1 on white (was orange, 2.4:1)

    page.click("#claim")
    page.wait_for_selector("#owner:has-text('U hebt dit gesprek')")
    page.wait_for_selector("#case-facts li:has-text('Overgenomen om')")
    assert page.is_disabled("#claim") and page.is_enabled("#send")
    page.fill("#reply-text", "Dag, ik help u verder.")
    page.click("#send")
    page.wait_for_selector("#messages li.caseworker:has-text('Dag, ik help u verder.')")
    assert page.locator("#messages li.caseworker .meta").inner_text().startswith("U · ")
    # A refusal of the server is explained in Dutch, never as a code.
    refusal = json.dumps({"error": "not_yours", "detail": "case belongs to another caseworker"})
    page.route(
        "**/messages", lambda route: route.fulfill(status=409, content_type="application/json", body=refusal)
    )
    page.fill("#reply-text", "Nog iets")
    page.click("#send")
    page.wait_for_selector("#case-status:has-text('Dit gesprek is van een andere medewerker.')")
    page.unroute("**/messages")

    # The citizen types and asks; the console shows it and warns before closing.
    headers = {"X-Wegwijzer-Conversation": sender}
    requests.post(f"{assistant.base}/webhooks/web/handoff/typing", headers=headers, timeout=10)
    page.wait_for_selector("#citizen-typing:has-text('De burger typt')")
    say(assistant, sender, "Moet ik nog iets doen?")
    page.wait_for_selector("#messages li.citizen:has-text('Moet ik nog iets doen?')")
    page.click("#close")
    page.wait_for_selector("#close-warning:not([hidden])")
    assert get_case(assistant.database_url, case_id)["status"] == "claimed"
    page.click("#close-anyway")
    page.wait_for_selector("#owner:has-text('Dit gesprek is afgelopen')")
    assert page.is_disabled("#claim") and page.is_disabled("#close") and page.is_disabled("#send")
    assert get_case(assistant.database_url, case_id)["status"] == "closed"


def test_the_citizen_sees_the_caseworkers_name_and_typing(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    events = [
        {
            "type": "handoff",
            "status": "started",
            "text": "U praat nu met An, een medewerker.",
            "caseworker_name": "An",
        },
        {"type": "typing", "caseworker_name": "An"},
    ]
    body = "retry: 600000\n\n" + "".join(f"data: {json.dumps(e)}\n\n" for e in events)
    page.route(
        lambda url: "/webhooks/web/events?" in url,
        lambda route: route.fulfill(
            status=200, headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}, body=body
        ),
    )
    open_widget(page, assistant)
    page.wait_for_selector(".wgw-handoff-typing:has-text('An typt een bericht')")
    assert page.locator(".wgw-turn-bot:has-text('typt')").count() == 0  # a signal, not a message
    page.route(
        lambda url: "/webhooks/web/history" in url,
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Type": "application/json"},
            body=json.dumps(
                [
                    {"from": "user", "text": "ik wil iemand spreken"},
                    {"from": "bot", "text": "Dag, ik ben An.", "caseworker": True, "caseworker_name": "An"},
                ]
            ),
        ),
    )
    page.reload()
    turn = page.locator(".wgw-turn-caseworker")
    turn.wait_for()
    assert turn.locator(".wgw-who").inner_text() == "An, medewerker"  # the display name, never the login


@pytest.mark.parametrize("open_now", [True, False], ids=["open", "closed"])
def test_the_waiting_panel_shows_the_expected_wait_or_when_caseworkers_are_back(
    assistant: Assistant, new_page: Callable[..., Any], open_now: bool
) -> None:
    settings = dataclasses.replace(Settings.from_env(), office_hours="mon-fri 09:00-17:00")
    moment = dt.datetime(2026, 12, 7 if open_now else 5, 10, tzinfo=dt.timezone.utc)  # a Monday, a Saturday
    info = waiting_info(settings, {"status": "open", "position": 3, "expected_minutes": 4}, moment)
    page = new_page()
    page.route(
        lambda url: url.endswith("/webhooks/web/handoff"),
        lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(info)),
    )
    open_widget(page, assistant)
    page.wait_for_selector(".wgw-handoff:not([hidden])")
    where = page.inner_text(".wgw-handoff-where")
    hours = page.inner_text(".wgw-handoff-hours")
    if open_now:
        assert where == "Er wachten nog 2 personen voor u. Verwachte wachttijd: ongeveer 4 minuten."
        assert hours == "Medewerkers chatten maandag tot vrijdag van 9 tot 17 uur."
    else:  # no promise of minutes while nobody is there; when they are back instead
        assert where == "Er wachten nog 2 personen voor u."
        assert hours.startswith(
            "Onze medewerkers zijn nu niet online. Ze zijn er opnieuw maandag 7 december 2026 om 09.00 uur."
        ), hours
    assert "1700" in page.inner_text(".wgw-handoff-phone")


def test_a_long_queue_text_on_a_tiny_screen_leaves_the_stop_button_in_view(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    """Where the panel must scroll (here 16 px less than 256), the stop row sticks to its bottom edge."""
    settings = dataclasses.replace(Settings.from_env(), office_hours="mon-fri 09:00-17:00")
    moment = dt.datetime(2026, 12, 7, 10, tzinfo=dt.timezone.utc)
    info = waiting_info(settings, {"status": "open", "position": 12, "expected_minutes": 25}, moment)
    page = new_page(viewport={"width": 320, "height": 240}, reduced_motion="reduce")
    page.route(
        lambda url: url.endswith("/webhooks/web/handoff"),
        lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(info)),
    )
    open_widget(page, assistant)
    page.wait_for_selector(".wgw-handoff:not([hidden])")
    stop = page.locator(".wgw-handoff-stop")
    assert inside_viewport(page, ".wgw-handoff-stop") and stop.evaluate(COVERS_POINT)
    assert inside_viewport(page, "#wgw-input")
    # The text under the sticky row is there when the panel is scrolled; the row stays in view.
    where = page.locator(".wgw-handoff-where")
    assert (
        where.inner_text() == "Er wachten nog 11 personen voor u. Verwachte wachttijd: ongeveer 25 minuten."
    )
    page.locator(".wgw-handoff").evaluate("(box) => { box.scrollTop = box.scrollHeight; }")
    assert inside_viewport(page, ".wgw-handoff-stop") and stop.evaluate(COVERS_POINT)
