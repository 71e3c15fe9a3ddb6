"""More room, less noise: compact header and composer, a modal dialog on small screens, and no
keyboard popping up on touch screens after a button tap."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import Assistant, open_widget, run_axe, serious, use_conversation, wait_js

pytestmark = pytest.mark.slow

INSIDE_PANEL = "() => document.getElementById('wgw-panel').contains(document.activeElement)"


def test_on_a_320px_screen_the_panel_is_a_modal_dialog_that_keeps_focus(
    assistant: Assistant, new_page: Callable[..., Any], birth_conversation: str, axe_script: Path
) -> None:
    page = new_page(viewport={"width": 320, "height": 568}, bypass_csp=True, reduced_motion="reduce")
    use_conversation(page, birth_conversation)
    open_widget(page, assistant)
    page.wait_for_selector(".wgw-card")
    panel = page.locator("#wgw-panel")
    assert panel.get_attribute("role") == "dialog" and panel.get_attribute("aria-modal") == "true"
    assert panel.get_attribute("aria-labelledby") == "wgw-title"
    box = {key: round(value) for key, value in panel.bounding_box().items()}
    assert box == {"x": 0, "y": 0, "width": 320, "height": 568}
    # the header and the composer leave most of the screen to the conversation
    log = page.locator(".wgw-log").bounding_box()
    assert log["height"] >= 0.6 * 568, log
    assert page.evaluate("document.documentElement.classList.contains('wgw-modal-open')")

    seen = set()
    for _ in range(40):  # Tab goes round inside the dialog, never to the page behind it
        page.keyboard.press("Tab")
        assert page.evaluate(INSIDE_PANEL), page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        seen.add(page.evaluate("document.activeElement.className"))
    assert "wgw-close" in seen and "wgw-send" in seen
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(INSIDE_PANEL)

    violations = run_axe(page, axe_script, ".wgw-root")
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)

    page.keyboard.press("Escape")
    assert page.is_hidden("#wgw-panel")
    assert page.evaluate("document.activeElement.classList.contains('wgw-launcher')")
    assert not page.evaluate("document.documentElement.classList.contains('wgw-modal-open')")


def test_on_a_wide_screen_the_panel_is_not_modal(assistant: Assistant, new_page: Callable[..., Any]) -> None:
    page = new_page()
    open_widget(page, assistant)
    assert page.get_attribute("#wgw-panel", "aria-modal") == "false"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # the page behind a non-modal panel stays reachable
    wait_js(page, "() => !document.getElementById('wgw-panel').contains(document.activeElement)")


def test_composer_is_one_line_that_grows_with_the_text(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    open_widget(page, assistant)
    one_line = page.locator("#wgw-input").bounding_box()["height"]
    assert one_line <= 48
    assert page.is_hidden("#wgw-counter") and page.get_attribute("#wgw-input", "rows") == "1"
    page.keyboard.type("Wij zijn verhuisd en ik heb ook mijn job verloren. " * 4)
    grown = page.locator("#wgw-input").bounding_box()["height"]
    assert grown > one_line + 20
    page.keyboard.press("Enter")
    wait_js(page, "() => document.getElementById('wgw-input').value === ''")
    assert page.locator("#wgw-input").bounding_box()["height"] == one_line


def test_a_tap_on_an_answer_button_does_not_open_the_keyboard(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page.goto(assistant.demo_page)
    page.tap(".wgw-launcher")
    page.wait_for_selector("#wgw-panel:visible")
    assert page.evaluate("document.activeElement.id") != "wgw-input"
    assert page.evaluate(INSIDE_PANEL)
    page.tap("#wgw-input")
    page.keyboard.type("We hebben een baby gekregen")
    page.keyboard.press("Enter")
    page.wait_for_selector(".wgw-turn-bot:not(.wgw-welcome), .wgw-input-error:not(:empty), .wgw-alert-on")
    assert page.locator(".wgw-reply:has-text('Ja, mijn eerste kind')").count(), page.inner_text(".wgw-chat")
    page.tap(".wgw-reply:has-text('Ja, mijn eerste kind')")
    page.wait_for_selector(".wgw-reply:has-text('Werknemer')")
    assert page.evaluate("document.activeElement.id") != "wgw-input"
    assert page.evaluate(INSIDE_PANEL)
