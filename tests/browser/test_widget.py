"""The embeddable chat widget on the demo page, in real headless Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select

from bot.insights.feedback import FeedbackRecord
from bot.settings import REPO_ROOT
from bot.store import session_scope
from tests.browser.helpers import THIRD_PARTY_PORT, Assistant, run_axe, serious, tab_to, wait_js

pytestmark = pytest.mark.slow

XSS = "<img src=x onerror=alert(1)>"
UNREACHABLE = "We kunnen u nu niet bereiken. Bel gratis 1700 of probeer het opnieuw."


def open_widget(page: Any, assistant: Assistant) -> None:
    page.goto(assistant.demo_page)
    page.click(".wgw-launcher")
    page.wait_for_selector("#wgw-input:focus")


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


def test_demo_page_embeds_the_widget_with_one_script_tag_and_a_strict_csp(assistant: Assistant) -> None:
    response = requests.get(assistant.demo_page, timeout=30)
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    scripts = re.findall(r"<script\b[^>]*>", response.text)
    assert len(scripts) == 1, scripts
    assert f'src="{assistant.base}/webhooks/web/static/widget/main.js"' in scripts[0]
    assert 'type="module"' in scripts[0]
    assert f'data-server="{assistant.base}"' in scripts[0] and 'data-title="Wegwijzer"' in scripts[0]
    assert "<style" not in response.text and " style=" not in response.text
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", response.text), "no inline event handlers"
    static = REPO_ROOT / "channels" / "static"
    modules = ["widget.js"] + [
        str(p.relative_to(static))
        for p in sorted(static.glob("*/*.js"))
        if p.parent.name in ("widget", "shared")
    ]
    assert len(modules) >= 10
    for name in modules:
        script = requests.get(f"{assistant.base}/webhooks/web/static/{name}", timeout=30)
        assert script.status_code == 200, name
        assert script.headers["Content-Type"].startswith("application/javascript"), name
        assert not re.search(
            r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(", script.text
        ), name


def test_birth_journey_by_keyboard_only_and_history_after_reload(
    assistant: Assistant, new_page: Callable[..., Any], screenshot_dir: Path
) -> None:
    page = new_page(viewport={"width": 1280, "height": 1000})
    page.add_init_script("""document.addEventListener('securitypolicyviolation',
        e => (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI));""")
    requests_seen: list[str] = []
    page.on("request", lambda request: requests_seen.append(request.url))
    page.goto(assistant.demo_page)

    tab_to(page, "Vragen? Chat met Wegwijzer")
    assert page.get_attribute(".wgw-launcher", "aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_selector("#wgw-input:focus")
    assert page.get_attribute(".wgw-launcher", "aria-expanded") == "true"
    assert page.get_attribute(".wgw-log", "aria-live") == "polite"

    type_and_send(page, "We hebben een baby gekregen")
    page.wait_for_selector(".wgw-reply:has-text('Ja, mijn eerste kind')")
    tab_to(page, "Ja, mijn eerste kind", backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_selector(".wgw-reply:has-text('Werknemer')")
    wait_js(page, "() => document.activeElement.id === 'wgw-input'")
    tab_to(page, "Werknemer", backwards=True)
    page.keyboard.press("Space")
    page.wait_for_selector("text=Wat is de geboortedatum?")
    wait_js(page, "() => document.activeElement.id === 'wgw-input'")
    type_and_send(page, "op 26 november 2026")
    page.wait_for_selector(".wgw-card")
    first_card = page.locator(".wgw-card").first
    assert "Stap 1 van 6" in first_card.inner_text()
    assert "Bron" in first_card.inner_text() and "nagekeken op 28 november 2026" in first_card.inner_text()

    before = bot_turns(page)
    type_and_send(page, "volgende stap")
    wait_for_new_bot_turn(page, before)
    card = page.locator(".wgw-card").last
    text = card.inner_text()
    assert "Stap 2 van 6" in text and "Geef de geboorte aan bij de gemeente" in text
    assert "uiterlijk op vrijdag 11 december 2026" in text
    assert "Wie" in text and "(gemeente of OCMW)" in text
    assert page.locator(".wgw-card a[href^='http'][rel='noopener noreferrer']").count() >= 2

    wait_js(
        page,
        """() => new Promise(done => { const log = document.querySelector('.wgw-log');
        const top = log.scrollTop; setTimeout(() => done(log.scrollTop === top), 250); })""",
    )  # scrolling ended
    card.evaluate("""card => { const log = card.closest('.wgw-log');
        log.scrollTop += card.getBoundingClientRect().top - log.getBoundingClientRect().top - 8; }""")
    page.locator(".wgw-panel").screenshot(path=str(screenshot_dir / "widget-step-card.png"))
    page.screenshot(path=str(screenshot_dir / "widget-on-demo-page.png"))

    assert page.evaluate("window.__csp || []") == []
    assert all(url.startswith(assistant.base) or url.startswith("data:") for url in requests_seen), (
        requests_seen
    )

    page.reload()
    page.wait_for_selector(".wgw-card")  # the panel stays open in this tab and history is back
    log = page.inner_text(".wgw-log")
    for shown in (
        "We hebben een baby gekregen",
        "Ja, mijn eerste kind",
        "Werknemer",
        "Stap 2 van 6",
        "uiterlijk op vrijdag 11 december 2026",
    ):
        assert shown in log
    assert "/provide_answer" not in log
    assert page.locator(".wgw-reply:has-text('Volgende stap')").count() == 1
    assert page.errors == [] and page.dialogs == []


def test_an_answer_can_be_rated_and_a_remark_left_and_both_are_stored(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    open_widget(page, assistant)
    type_and_send(page, "We hebben een baby gekregen")
    page.wait_for_selector(".wgw-rate-button:has-text('Nuttig')")
    stored_before = len(feedback_rows(assistant, "rating"))

    tab_to(page, "Nuttig", backwards=True)
    with page.expect_response(lambda r: r.url.endswith("/webhooks/web/feedback")) as response:
        page.keyboard.press("Enter")
    assert response.value.status == 201
    page.wait_for_selector("text=Bedankt voor uw reactie")
    assert page.get_attribute(".wgw-rate-button:has-text('Nuttig') >> nth=0", "aria-pressed") == "true"
    ratings = feedback_rows(assistant, "rating")
    assert len(ratings) == stored_before + 1
    assert ratings[-1].rating == "up" and "Is dit uw eerste kind?" in ratings[-1].bot_message_redacted

    page.click(".wgw-remark-toggle")
    page.wait_for_selector(".wgw-remark textarea:focus")
    page.keyboard.type("Duidelijke vraag, bel me op 0470 12 34 56")
    with page.expect_response(lambda r: r.url.endswith("/webhooks/web/feedback")) as response:
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    assert response.value.status == 201
    page.wait_for_selector("text=Bedankt voor uw opmerking")
    remark = feedback_rows(assistant, "remark")[-1]
    assert remark.comment_redacted.startswith("Duidelijke vraag") and "0470" not in remark.comment_redacted


def test_feedback_is_retried_when_the_server_answers_503(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    calls: list[int] = []

    def flaky(route: Any) -> None:
        calls.append(1)
        if len(calls) == 1:
            route.fulfill(
                status=503,
                content_type="application/json",
                body='{"error": "feedback_unavailable", "detail": "retry"}',
            )
        else:
            route.continue_()

    page.route("**/webhooks/web/feedback", flaky)
    open_widget(page, assistant)
    type_and_send(page, "hallo")
    page.wait_for_selector(".wgw-rate-button:has-text('Niet nuttig')")
    page.click(".wgw-rate-button:has-text('Niet nuttig')")
    page.wait_for_selector("text=Bedankt voor uw reactie", timeout=15_000)
    assert len(calls) == 2


def test_the_end_of_a_journey_can_be_rated(
    assistant: Assistant, new_page: Callable[..., Any], birth_conversation: str
) -> None:
    page = new_page()
    use_conversation(page, birth_conversation)
    open_widget(page, assistant)
    page.wait_for_selector(".wgw-card")
    for _ in range(10):
        if page.locator(".wgw-journey-rate").count():
            break
        before = bot_turns(page)
        page.click(".wgw-reply:has-text('Volgende stap')")
        wait_for_new_bot_turn(page, before)
    journey = page.locator(".wgw-journey-rate")
    assert "Hoe vond u de uitleg over 'Een kind krijgen'?" in journey.inner_text()
    stored_before = len(feedback_rows(assistant, "journey_rating"))
    with page.expect_response(lambda r: r.url.endswith("/webhooks/web/feedback")) as response:
        journey.locator("button:has-text('Goed')").first.click()
    assert response.value.status == 201
    rows = feedback_rows(assistant, "journey_rating")
    assert len(rows) == stored_before + 1 and rows[-1].life_event == "birth" and rows[-1].rating == "up"


def test_complaint_path_validates_and_stores_a_complaint(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    open_widget(page, assistant)
    page.click("button:has-text('Klacht of melding')")
    page.wait_for_selector("h3:has-text('Klacht of melding'):focus")
    page.click("button:has-text('Verstuur melding')")
    assert page.get_attribute("#wgw-complaint-service", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "wgw-complaint-service"
    assert "Vul de dienst of de overheid in" in page.inner_text(".wgw-complaint")

    page.fill("#wgw-complaint-service", "Aangifte van een geboorte")
    page.fill("#wgw-complaint-agency", "Gemeente Voorbeeld")
    page.select_option("#wgw-complaint-level", "lokaal")
    page.fill("#wgw-complaint-message", "Het loket was drie keer gesloten tijdens de openingsuren.")
    with page.expect_response(lambda r: r.url.endswith("/webhooks/web/feedback")) as response:
        page.click("button:has-text('Verstuur melding')")
    assert response.value.status == 201
    page.wait_for_selector("text=Bedankt. We hebben uw melding goed ontvangen.")
    complaint = feedback_rows(assistant, "complaint")[-1]
    assert complaint.complaint_level == "lokaal" and complaint.complaint_agency == "Gemeente Voorbeeld"
    page.click("button:has-text('Terug naar het gesprek')")
    page.wait_for_selector("#wgw-input:visible")


def test_html_typed_by_the_user_is_shown_as_text_and_never_runs(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    page.add_init_script("window.alert = function () { window.__xss = true; };")
    open_widget(page, assistant)
    type_and_send(page, XSS)
    wait_for_new_bot_turn(page, 0)
    page.wait_for_timeout(300)
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
    page.wait_for_timeout(300)
    assert sent == []
    page.fill("#wgw-input", "a" * 2000)
    assert page.get_attribute("#wgw-input", "aria-invalid") is None


def test_escape_closes_the_panel_and_focus_returns_to_the_launcher(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    open_widget(page, assistant)
    assert page.get_attribute("#wgw-panel", "role") == "dialog"
    page.keyboard.press("Escape")
    assert page.is_hidden("#wgw-panel")
    assert page.evaluate("document.activeElement.classList.contains('wgw-launcher')")
    assert page.get_attribute(".wgw-launcher", "aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_selector("#wgw-input:focus")
    page.click("button[aria-label='Chat sluiten']")
    assert page.is_hidden("#wgw-panel")


def test_new_conversation_and_other_tabs_stay_in_sync(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    first = new_page()
    open_widget(first, assistant)
    second = first.context.new_page()
    second.goto(assistant.demo_page)
    second.click(".wgw-launcher")
    type_and_send(first, "We hebben een baby gekregen")
    first.wait_for_selector(".wgw-reply")
    second.wait_for_selector(".wgw-turn-user:has-text('We hebben een baby gekregen')")
    second.wait_for_selector(".wgw-reply:has-text('Ja, mijn eerste kind')")

    old_sender = first.evaluate("localStorage.getItem('wegwijzer-sender')")
    first.click("button:has-text('Nieuw gesprek')")
    new_sender = first.evaluate("localStorage.getItem('wegwijzer-sender')")
    assert new_sender != old_sender and re.fullmatch(r"[0-9a-f]{32}", new_sender)
    assert first.locator(".wgw-turn-user").count() == 0
    assert first.evaluate("document.activeElement.id") == "wgw-input"
    wait_js(second, "() => document.querySelectorAll('.wgw-turn-user').length === 0")


def test_caseworker_messages_pushed_live_are_shown_as_medewerker(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    events = [
        {"type": "handoff", "status": "started", "text": "Een medewerker neemt het gesprek over."},
        {
            "recipient_id": "x",
            "text": "Dag, ik ben An van het Sociaal Huis. Hoe kan ik helpen?",
            "caseworker": True,
        },
    ]
    body = "retry: 600000\n\n" + "".join(f"data: {json.dumps(e)}\n\n" for e in events)
    page.route(
        lambda url: "/webhooks/web/events?" in url,
        lambda route: route.fulfill(
            status=200, headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}, body=body
        ),
    )
    open_widget(page, assistant)
    turn = page.locator(".wgw-turn-caseworker")
    turn.wait_for()
    assert turn.locator(".wgw-who").inner_text() == "Medewerker"
    assert "Dag, ik ben An" in turn.inner_text()
    assert "Een medewerker neemt het gesprek over." in page.inner_text(".wgw-turn-notice")


def test_real_event_stream_is_open_without_the_conversation_id_in_any_url(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    with page.expect_request(lambda r: "/webhooks/web/events?ticket=" in r.url):
        page.goto(assistant.demo_page)
    sender = page.evaluate("localStorage.getItem('wegwijzer-sender')")
    assert sender and not any(sender in url for url in urls)


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

    page.click("button:has-text('Klacht of melding')")
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
