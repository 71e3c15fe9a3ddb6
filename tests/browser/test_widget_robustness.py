"""The widget under hostile or unusual conditions: typed HTML, an unreachable server, too-long
messages, zoom, accessibility checks and embedding on a third-party page (headless Chromium)."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.browser.helpers import (
    THIRD_PARTY_PORT,
    UNREACHABLE,
    XSS,
    Assistant,
    open_widget,
    run_axe,
    serious,
    type_and_send,
    use_conversation,
    wait_for_new_bot_turn,
)

pytestmark = pytest.mark.slow


def test_html_typed_by_the_user_is_shown_as_text_and_never_runs(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    page.add_init_script("window.alert = function () { window.__xss = true; };")
    # Every element ever added to the page is recorded, so an <img> that was inserted and removed
    # again (or whose onerror has not fired yet) is still caught without waiting for it.
    page.add_init_script(
        "window.__added = [];"
        "new MutationObserver(function (records) { records.forEach(function (r) {"
        " r.addedNodes.forEach(function (n) { if (n.querySelectorAll) {"
        " window.__added.push(n.tagName);"
        " n.querySelectorAll('*').forEach(function (c) { window.__added.push(c.tagName); }); } });"
        " }); }).observe(document, {childList: true, subtree: true});"
    )
    open_widget(page, assistant)
    type_and_send(page, XSS)
    wait_for_new_bot_turn(page, 0)
    added = page.evaluate("window.__added")
    assert "DIV" in added  # the observer saw the conversation being drawn
    assert "IMG" not in added and "IFRAME" not in added
    user_bubble = page.locator(".wgw-turn-user .wgw-msg").last
    assert user_bubble.inner_text() == XSS
    assert page.locator(".wgw-log img").count() == 0
    assert page.evaluate("window.__xss === true") is False

    page.reload()
    page.wait_for_selector(".wgw-turn-user")
    assert page.locator(".wgw-turn-user .wgw-msg").last.inner_text() == XSS
    assert page.locator(".wgw-root img").count() == 0
    assert page.evaluate("window.__xss === true") is False
    assert page.dialogs == [] and page.errors == []


def test_server_unreachable_shows_1700_and_retry_works(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    open_widget(page, assistant)
    page.route("**/webhooks/web/webhook", lambda route: route.abort("connectionrefused"))
    type_and_send(page, "hallo")
    alert = page.locator(".wgw-alert[role=alert]")
    alert.locator("text=" + UNREACHABLE).wait_for()
    page.unroute("**/webhooks/web/webhook")
    alert.locator("button:has-text('Opnieuw proberen')").click()
    page.wait_for_selector(".wgw-turn-bot:not(.wgw-welcome)")
    assert alert.inner_text().strip() == ""
    assert page.locator(".wgw-turn-user").count() == 1  # the retry did not repeat the message


def test_messages_over_2000_characters_are_not_sent(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    open_widget(page, assistant)
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url) if request.url.endswith("/webhook") else None)
    page.fill("#wgw-input", "a" * 2001)
    assert page.inner_text("#wgw-counter") == "2001 van 2000 tekens"
    assert page.get_attribute("#wgw-input", "aria-invalid") == "true"
    page.press("#wgw-input", "Enter")
    assert "Uw bericht is te lang" in page.inner_text("#wgw-input-error")
    page.fill("#wgw-input", "a" * 2000)
    assert page.get_attribute("#wgw-input", "aria-invalid") is None
    # A valid message after it: requests leave in order, so once its answer is drawn, the long one
    # would have been sent before it.
    page.fill("#wgw-input", "hallo")
    page.press("#wgw-input", "Enter")
    wait_for_new_bot_turn(page, 0)
    assert len(sent) == 1


def test_at_200_percent_zoom_the_panel_fills_the_screen_without_horizontal_scrolling(
    assistant: Assistant, new_page: Callable[..., Any], birth_conversation: str
) -> None:
    page = new_page(viewport={"width": 640, "height": 450}, device_scale_factor=2, reduced_motion="reduce")
    use_conversation(page, birth_conversation)
    open_widget(page, assistant)
    page.wait_for_selector(".wgw-card")
    box = page.locator("#wgw-panel").bounding_box()
    assert box["width"] == 640 and box["height"] == 450
    overflow = page.evaluate("""() => [...document.querySelectorAll('.wgw-panel, .wgw-log, .wgw-card')]
        .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className)""")
    assert overflow == []
    input_box = page.locator("#wgw-input").bounding_box()
    assert input_box["y"] + input_box["height"] <= 450 and input_box["width"] > 200
    assert page.evaluate("getComputedStyle(document.querySelector('.wgw-panel')).animationName") == "none"


def test_axe_finds_no_serious_violations_on_the_demo_page_with_the_widget_open(
    assistant: Assistant, new_page: Callable[..., Any], birth_conversation: str, axe_script: Path
) -> None:
    page = new_page(bypass_csp=True)  # axe is injected as an inline script
    use_conversation(page, birth_conversation)
    open_widget(page, assistant)
    page.wait_for_selector(".wgw-card")
    page.click(".wgw-remark-toggle >> nth=-1")  # open one remark form too
    violations = run_axe(page, axe_script)
    print("axe violations on the demo page with the widget open:", json.dumps(violations, indent=1))
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)

    page.click(".wgw-menu-button")
    page.click(".wgw-menu button:has-text('Klacht of melding')")
    page.click("button:has-text('Verstuur melding')")  # show the error state
    violations = run_axe(page, axe_script, ".wgw-root")
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)


def test_widget_also_works_inline_on_a_third_party_page(
    assistant: Assistant, new_page: Callable[..., Any], tmp_path: Path
) -> None:
    """An allowed site (another origin) embeds the widget inline; CORS is granted to it, without
    credentials."""
    (tmp_path / "index.html").write_text(
        f"""<!doctype html><html lang="nl"><head><meta charset="utf-8">
        <title>Gemeente</title></head><body><main><h1>Contact</h1><div id="hulp"></div></main>
        <script src="{assistant.base}/webhooks/web/static/widget.js" data-server="{assistant.base}"
                data-title="Hulp van de gemeente" data-mode="inline" data-target="#hulp"></script>
        </body></html>""",
        encoding="utf-8",
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", THIRD_PARTY_PORT), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page = new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        page.wait_for_selector("#hulp .wgw-panel:visible")
        assert page.inner_text("#hulp h2") == "Hulp van de gemeente"
        assert page.locator(".wgw-launcher").count() == 0
        page.fill("#wgw-input", "We hebben een baby gekregen")
        page.press("#wgw-input", "Enter")
        page.wait_for_selector(".wgw-reply:has-text('Ja, mijn eerste kind')")
        sender = page.evaluate("localStorage.getItem('wegwijzer-sender')")
        history = requests.get(
            f"{assistant.base}/webhooks/web/history", headers={"X-Wegwijzer-Conversation": sender}, timeout=30
        ).json()
        assert history[0] == {"from": "user", "text": "We hebben een baby gekregen"}
        assert page.errors == []
    finally:
        server.shutdown()
        server.server_close()
