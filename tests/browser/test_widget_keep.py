"""Keeping the plan beyond the chat window, in headless Chromium: "Mail mij dit plan" is hidden
without a mail server and sends the plan to a local SMTP sink with one; "Bewaar een link" gives a
link whose page shows the overview again and continues the chat with it; axe stays clean."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from devtools.servers import running_assistant
from devtools.smtp_sink import SmtpSink
from tests.browser.helpers import Assistant, open_widget, run_axe, say, serious, use_conversation, wait_js

pytestmark = pytest.mark.slow
ADDRESS = "an.peeters@voorbeeld.be"


def birth_plan(assistant: Assistant) -> str:
    """A new conversation up to the plan of "Een kind krijgen" (birth on 26 November 2026)."""
    sender = uuid.uuid4().hex
    say(assistant, sender, "We hebben een baby gekregen")
    say(assistant, sender, '/provide_answer{"answer_value":"ja"}', "Ja, mijn eerste kind")
    say(assistant, sender, '/provide_answer{"answer_value":"werknemer"}', "Werknemer")
    say(assistant, sender, '/provide_answer{"answer_value":"moeder"}', "Ik ben de moeder die bevalt")
    replies = say(assistant, sender, "op 26 november 2026")
    assert any(r.get("custom", {}).get("type") == "plan_overview" for r in replies), replies
    return sender


def open_plan(page: Any, assistant: Assistant, sender: str) -> None:
    use_conversation(page, sender)
    open_widget(page, assistant)
    page.wait_for_selector(".wgw-overview .wgw-plan-link")


@pytest.fixture(scope="module")
def mail_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Assistant, SmtpSink, Path]]:
    """Servers of their own with a mail server: the SMTP sink of this test process."""
    with SmtpSink() as sink:
        env = {
            "WEGWIJZER_ENV": "development",
            "WEGWIJZER_WEB_RATE_LIMIT": "100000",
            "WEGWIJZER_SMTP_HOST": "127.0.0.1",
            "WEGWIJZER_SMTP_PORT": str(sink.port),
            "WEGWIJZER_SMTP_SECURITY": "none",
            "WEGWIJZER_SMTP_FROM": "wegwijzer@gemeente.example",
        }
        folder = tmp_path_factory.mktemp("mail-servers")
        with running_assistant(folder, env) as (base, settings):
            yield Assistant(base, settings.database_url), sink, folder


def test_without_a_mail_server_there_is_no_mail_action(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    open_plan(page, assistant, birth_plan(assistant))
    wait_js(page, "() => window.WegwijzerWidget && document.querySelector('.wgw-plan-mail')")
    # print, calendar and (once the options arrived) the link: no mail item
    wait_js(page, "() => document.querySelectorAll('.wgw-menu-plan').length === 3")
    assert page.is_hidden(".wgw-overview .wgw-plan-mail")
    assert page.is_visible(".wgw-overview .wgw-plan-link")
    page.click(".wgw-menu-button")
    assert page.locator(".wgw-menu button:has-text('Mail mij dit plan')").count() == 0
    assert page.locator(".wgw-menu button:has-text('Bewaar een link')").is_visible()
    assert page.errors == []


def test_the_plan_is_mailed_after_a_checked_address(
    mail_site: tuple[Assistant, SmtpSink, Path], new_page: Callable[..., Any], axe_script: Path
) -> None:
    site, sink, folder = mail_site
    page = new_page(bypass_csp=True)  # axe is injected as an inline script
    open_plan(page, site, birth_plan(site))
    page.wait_for_selector(".wgw-overview .wgw-plan-mail:visible")
    page.click(".wgw-overview .wgw-plan-mail")
    field = page.get_by_label("Uw e-mailadres")
    assert page.evaluate("() => document.activeElement.type") == "email"

    page.click("button:has-text('Verstuur het plan')")
    assert page.text_content(".wgw-mail-form .wgw-field-error") == "Vul uw e-mailadres in."
    assert field.get_attribute("aria-invalid") == "true"
    field.fill("an.peeters@voorbeeld")
    page.keyboard.press("Enter")
    assert "naam@voorbeeld.be" in (page.text_content(".wgw-mail-form .wgw-field-error") or "")
    violations = run_axe(page, axe_script, ".wgw-root")
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)
    assert sink.received == []

    field.fill(ADDRESS)
    page.click("button:has-text('Verstuur het plan')")
    page.wait_for_selector(".wgw-mail-form .wgw-ok")
    assert (page.text_content(".wgw-mail-form .wgw-ok") or "").startswith("Het stappenplan is verstuurd.")
    assert field.get_attribute("aria-invalid") is None and field.input_value() == ""
    assert len(sink.received) == 1 and sink.received[0].recipients == [ADDRESS]
    assert sink.received[0].message["Subject"] == "Uw stappenplan: Een kind krijgen"
    body = sink.received[0].message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Geef de geboorte aan bij de gemeente" in body
    logs = "".join(path.read_text(errors="replace") for path in folder.glob("*.log"))
    assert logs  # what the servers wrote (their logs): never the address
    assert ADDRESS not in logs and "an.peeters" not in logs
    violations = run_axe(page, axe_script, ".wgw-root")
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)
    assert page.errors == []


def test_a_saved_link_shows_the_plan_and_continues_the_chat(
    assistant: Assistant, new_page: Callable[..., Any], axe_script: Path
) -> None:
    page = new_page()
    open_plan(page, assistant, birth_plan(assistant))
    page.click(".wgw-overview .wgw-plan-link")
    page.wait_for_selector(".wgw-link-field")
    url = page.input_value(".wgw-link-field")
    assert url.startswith(assistant.base + "/webhooks/web/saved/")
    assert page.evaluate("() => document.activeElement.classList.contains('wgw-link-field')")
    assert "Uw link werkt tot" in (page.text_content(".wgw-share-panel") or "")

    other = new_page(bypass_csp=True)  # another device: its own storage, no conversation
    other.goto(url)
    assert other.text_content("h1") == "Uw stappenplan: Een kind krijgen"
    steps = other.locator("ol.tasks li")
    assert steps.count() >= 5
    assert "Geef de geboorte aan bij de gemeente" in (steps.first.text_content() or "")
    violations = run_axe(other, axe_script)
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)
    other.wait_for_selector("#saved-continue:visible")
    other.click("#saved-continue")
    other.wait_for_selector(".wgw-panel .wgw-overview")
    assert "Een kind krijgen" in (other.text_content(".wgw-panel .wgw-overview h3") or "")
    other.click(".wgw-panel .wgw-task-button >> nth=0")  # the plan is this conversation's: a step opens
    other.wait_for_selector(".wgw-panel .wgw-card")
    assert other.errors == []

    gone = new_page()
    gone.goto(url[:-4] + "AAAA")
    assert gone.text_content("h1") == "Deze link werkt niet meer"
