"""The embeddable chat widget on the demo page, in real headless Chromium."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from bot.settings import REPO_ROOT
from tests.browser.helpers import (
    Assistant,
    bot_turns,
    feedback_rows,
    open_widget,
    tab_to,
    type_and_send,
    use_conversation,
    wait_for_new_bot_turn,
    wait_js,
)

pytestmark = pytest.mark.slow


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
    page.wait_for_selector(".wgw-reply:has-text('Ik ben de moeder die bevalt')")
    wait_js(page, "() => document.activeElement.id === 'wgw-input'")
    tab_to(page, "Ik ben de moeder die bevalt", backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Wat is de geboortedatum?")
    wait_js(page, "() => document.activeElement.id === 'wgw-input'")
    type_and_send(page, "op 26 november 2026")
    page.wait_for_selector(".wgw-card")
    first_card = page.locator(".wgw-card").first
    first = first_card.inner_text()
    assert "Stap 1 van 6" in first and "Geef de geboorte aan bij de gemeente" in first  # most urgent first
    assert "uiterlijk op vrijdag 11 december 2026" in first
    assert "Wie" in first and "(lokaal bestuur (gemeente, OCMW of politie))" in first
    assert "Bron" in first and "nagekeken op" not in first  # nobody confirmed it

    before = bot_turns(page)
    type_and_send(page, "volgende stap")
    wait_for_new_bot_turn(page, before)
    card = page.locator(".wgw-card").last
    text = card.inner_text()
    assert "Stap 2 van 6" in text and "Vraag het startbedrag aan" in text
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
        "Ik ben de moeder die bevalt",
        "Stap 2 van 6",
        "uiterlijk op vrijdag 11 december 2026",
    ):
        assert shown in log
    assert "/provide_answer" not in log
    assert page.locator(".wgw-reply:has-text('Volgende stap')").count() == 1
    assert page.errors == [] and page.dialogs == []


def test_a_step_card_can_be_rated_and_a_remark_left_and_both_are_stored(
    assistant: Assistant, new_page: Callable[..., Any], birth_conversation: str
) -> None:
    page = new_page()
    use_conversation(page, birth_conversation)
    open_widget(page, assistant)
    page.wait_for_selector(".wgw-rate-button:has-text('Nuttig')")
    stored_before = len(feedback_rows(assistant, "rating"))

    tab_to(page, "Nuttig", backwards=True)
    with page.expect_response(lambda r: r.url.endswith("/webhooks/web/feedback")) as response:
        page.keyboard.press("Enter")
    assert response.value.status == 201
    page.wait_for_selector("text=Bedankt voor uw reactie")
    useful = page.locator(".wgw-rate-button", has_text=re.compile(r"^Nuttig$")).last
    assert useful.get_attribute("aria-pressed") == "true"
    ratings = feedback_rows(assistant, "rating")
    assert len(ratings) == stored_before + 1
    assert ratings[-1].rating == "up" and ratings[-1].life_event == "birth" and ratings[-1].step_id

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
    assistant: Assistant, new_page: Callable[..., Any], birth_conversation: str
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
    use_conversation(page, birth_conversation)
    open_widget(page, assistant)
    page.wait_for_selector(".wgw-rate-button:has-text('Niet nuttig')")
    page.click(".wgw-rate-button:has-text('Niet nuttig') >> nth=-1")
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
    page.click(".wgw-menu-button")
    page.click(".wgw-menu button:has-text('Klacht of melding')")
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
    first.click(".wgw-menu-button")
    first.click(".wgw-menu button:has-text('Nieuw gesprek')")  # no plan yet: no confirmation
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
