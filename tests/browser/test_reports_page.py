"""The service designers' report and the redacted transcript it links to, in real headless Chromium."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.insights.feedback import record_feedback
from bot.insights.privacy import pseudonymise
from bot.insights.transcript import conversation_label
from tests.browser.helpers import STAFF_PASSWORD, STAFF_USER, Assistant, run_axe, say, serious

pytestmark = pytest.mark.slow

EMAIL = "griet.de.smet@example.be"
PHONE = "0470 12 34 56"


def designer_page(new_page: Callable[..., Any], assistant: Assistant, **options: Any) -> Any:
    page = new_page(**options)
    page.goto(f"{assistant.base}/webhooks/reports/")
    page.wait_for_selector("#login-form")
    page.fill("#login", STAFF_USER)
    page.fill("#password", STAFF_PASSWORD)
    page.click("button:has-text('Aanmelden')")
    page.wait_for_selector("h1:has-text('rapport voor dienstontwerpers')")
    return page


@pytest.fixture(scope="module")
def unhappy_conversation(assistant: Assistant) -> str:
    """A conversation with personal data in it and a negative rating with a remark."""
    sender = uuid.uuid4().hex
    say(assistant, sender, f"ik ben verhuisd, mijn mail is {EMAIL} en bel me op {PHONE}")
    record_feedback(
        assistant.database_url,
        {
            "conversation_id": sender,
            "kind": "rating",
            "rating": "down",
            "life_event": "moving",
            "step_id": "declare_address_change",
            "comment": f"Onduidelijk. Mail {EMAIL}",
        },
    )
    return sender


def test_what_to_fix_is_on_the_first_screen_and_a_conversation_opens_redacted(
    assistant: Assistant,
    new_page: Callable[..., Any],
    unhappy_conversation: str,
    screenshot_dir: Path,
    axe_script: Path,
) -> None:
    page = designer_page(new_page, assistant, bypass_csp=True)
    for heading in ("In één oogopslag", "Eerst aanpakken"):
        box = page.locator(f"h2:has-text('{heading}')").bounding_box()
        assert box is not None and box["y"] < 900, heading  # within the first screen (1280 × 900)
    assert page.locator(".figure").count() == 5
    assert page.locator("main h1").count() == 1
    assert page.evaluate("document.querySelector('meta[name=viewport]') !== null")
    step_title = "Geef uw nieuwe adres door aan de gemeente"
    assert step_title in page.inner_text("main")  # a step title instead of declare_address_change
    label = conversation_label(pseudonymise(unhappy_conversation))
    assert pseudonymise(unhappy_conversation) not in page.inner_text("main")
    assert EMAIL not in page.content()
    page.screenshot(path=str(screenshot_dir / "designer-report.png"))
    violations = run_axe(page, axe_script)
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)

    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator(f"a:has-text('Gesprek {label} lezen')").first.click()
    page.wait_for_selector(f"h1:has-text('Gesprek {label}')")
    transcript = page.inner_text("main")
    assert "[E-MAIL]" in transcript and "[TELEFOON]" in transcript
    assert EMAIL not in page.content() and PHONE not in page.content()
    assert unhappy_conversation not in page.content()
    violations = run_axe(page, axe_script)
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)
    page.click("a:has-text('Terug naar het rapport')")
    page.wait_for_selector("h2:has-text('Eerst aanpakken')")
    assert page.errors == []
