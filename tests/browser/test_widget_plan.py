"""The plan in the widget: one overview of all steps, a step opens its card, keeping the plan
(print, calendar file), a confirmation before a new conversation wipes it, and a real end."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import (
    Assistant,
    bot_turns,
    open_widget,
    run_axe,
    say,
    serious,
    use_conversation,
    wait_for_new_bot_turn,
    wait_js,
)

pytestmark = pytest.mark.slow


def birth_plan(assistant: Assistant) -> tuple[str, dict]:
    """A new conversation up to the plan of "Een kind krijgen" (birth on 26 November 2026)."""
    sender = uuid.uuid4().hex
    say(assistant, sender, "We hebben een baby gekregen")
    say(assistant, sender, '/provide_answer{"answer_value":"ja"}', "Ja, mijn eerste kind")
    say(assistant, sender, '/provide_answer{"answer_value":"werknemer"}', "Werknemer")
    say(assistant, sender, '/provide_answer{"answer_value":"moeder"}', "Ik ben de moeder die bevalt")
    replies = say(assistant, sender, "op 26 november 2026")
    overview = next(r["custom"] for r in replies if r.get("custom", {}).get("type") == "plan_overview")
    return sender, overview


def expected_order(steps: list[dict]) -> list[str]:
    """Dated steps to do first (earliest first), then undated ones, automatic steps last."""

    def key(step: dict) -> tuple:
        rank = 2 if step["automatic"] else 0 if step["due_date"] else 1
        return (rank, step["due_date"] or "" if rank == 0 else "", step["number"])

    return [s["title"] for s in sorted(steps, key=key)]


@pytest.fixture(scope="module")
def shared_plan(assistant: Assistant) -> tuple[str, dict]:
    """One plan for the tests that do not change it on the server (fewer requests: the public
    endpoints allow 120 a minute from one address)."""
    return birth_plan(assistant)


def open_plan(page: Any, assistant: Assistant, sender: str) -> None:
    use_conversation(page, sender)
    open_widget(page, assistant)
    page.wait_for_selector(".wgw-overview")


def test_overview_lists_every_step_by_deadline_and_a_step_opens_its_card(
    assistant: Assistant, new_page: Callable[..., Any], screenshot_dir: Path
) -> None:
    sender, overview = birth_plan(assistant)
    steps = overview["steps"]
    assert len(steps) == 6 and any(s["automatic"] for s in steps) and any(not s["due_date"] for s in steps)
    page = new_page(viewport={"width": 1280, "height": 1000})
    open_plan(page, assistant, sender)
    box = page.locator(".wgw-overview")
    titles = box.locator(".wgw-task-title").all_inner_texts()
    assert titles == expected_order(steps)
    assert titles[0] == "Geef de geboorte aan bij de gemeente"
    first = box.locator(".wgw-task").first.inner_text()
    assert "Zelf doen" in first and "Uiterlijk 11 december 2026" in first
    automatic = [s for s in steps if s["automatic"]]
    last = box.locator(".wgw-task").last.inner_text()
    assert automatic[-1]["title"] in last and "Automatisch" in last and "Uiterlijk" not in last
    # the list replaces the numbered text version in the widget
    assert "1. " + steps[0]["title"] not in box.inner_text()
    box.evaluate("""box => { const log = box.closest('.wgw-log');
        log.scrollTop += box.getBoundingClientRect().top - log.getBoundingClientRect().top - 8; }""")
    page.locator(".wgw-panel").screenshot(path=str(screenshot_dir / "widget-plan-overview.png"))

    target = next(s for s in steps if s["number"] == 5)
    before = bot_turns(page)
    box.locator(f".wgw-task-button[data-step='{target['number']}']").click()
    wait_for_new_bot_turn(page, before)
    card = page.locator(".wgw-card").last
    assert f"Stap {target['number']} van 6" in card.inner_text() and target["title"] in card.inner_text()
    assert page.locator(".wgw-turn-user").last.inner_text().endswith(target["title"])
    assert page.errors == []


def test_a_deadline_that_has_passed_is_marked(assistant: Assistant, new_page: Callable[..., Any]) -> None:
    sender = uuid.uuid4().hex
    say(assistant, sender, "We hebben een baby gekregen")
    say(assistant, sender, '/provide_answer{"answer_value":"ja"}', "Ja, mijn eerste kind")
    say(assistant, sender, '/provide_answer{"answer_value":"werknemer"}', "Werknemer")
    say(assistant, sender, '/provide_answer{"answer_value":"moeder"}', "Ik ben de moeder die bevalt")
    replies = say(assistant, sender, "op 1 september 2026")
    overview = next(r["custom"] for r in replies if r.get("custom", {}).get("type") == "plan_overview")
    passed = [s for s in overview["steps"] if s["due_date"] and s["due_date"] < overview["state"]["today"]]
    assert passed, overview  # the birth declaration (15 days) is long overdue
    page = new_page()
    open_plan(page, assistant, sender)
    first = page.locator(".wgw-overview .wgw-task").first
    assert first.locator(".wgw-due-passed").inner_text() == "Termijn voorbij: 16 september 2026"
    assert page.locator(".wgw-due-passed").count() == len(passed)


def test_the_last_step_ends_the_plan_without_a_next_button(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    sender, overview = birth_plan(assistant)
    page = new_page()
    open_plan(page, assistant, sender)
    last = max(overview["steps"], key=lambda s: s["number"])
    before = bot_turns(page)
    page.click(f".wgw-task-button[data-step='{last['number']}']")
    wait_for_new_bot_turn(page, before)
    turn = page.locator(".wgw-turn-bot").last
    text = turn.inner_text()
    assert "Stap 6 van 6" in text and "Dit was de laatste stap van 'Een kind krijgen'" in text
    assert "Doe eerst dit: Geef de geboorte aan bij de gemeente" in text
    assert turn.locator(".wgw-reply:has-text('Volgende stap')").count() == 0
    assert turn.locator(".wgw-reply:has-text('Vorige stap')").count() == 1
    assert turn.locator(".wgw-journey-rate").count() == 1 and turn.locator(".wgw-rate").count() == 1


def test_calendar_file_has_every_dated_step_as_an_all_day_event_with_a_reminder(
    assistant: Assistant, new_page: Callable[..., Any], shared_plan: tuple[str, dict]
) -> None:
    sender, overview = shared_plan
    page = new_page()
    open_plan(page, assistant, sender)
    with page.expect_download() as download:
        page.click(".wgw-overview button:has-text('Termijnen in mijn agenda')")
    assert download.value.suggested_filename == "stappenplan-birth.ics"
    raw = Path(download.value.path()).read_bytes()
    text = raw.decode("utf-8")
    lines = text.split("\r\n")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert "\n" not in text.replace("\r\n", "")
    unfolded = text.replace("\r\n ", "")
    dated = [s for s in overview["steps"] if s["due_date"] and not s["automatic"]]
    assert dated and unfolded.count("BEGIN:VEVENT") == len(dated) == unfolded.count("TRIGGER:-P3D")
    for step in dated:
        day = step["due_date"].replace("-", "")
        assert f"DTSTART;VALUE=DATE:{day}" in unfolded
        assert f"SUMMARY:Uiterlijk vandaag: {step['title']}" in unfolded.replace("\\,", ",")
    assert "DTSTART;VALUE=DATE:20261211" in unfolded and "DTEND;VALUE=DATE:20261212" in unfolded
    assert sender not in text and "26 november" not in text  # no conversation id, no birth date
    wait_js(
        page,
        """() => [...document.querySelectorAll('.wgw-panel > [role=status]')]
        .some(n => n.textContent.startsWith('Het agendabestand is gedownload'))""",
    )


def test_print_shows_only_the_overview_and_the_steps_seen(
    assistant: Assistant, new_page: Callable[..., Any], shared_plan: tuple[str, dict]
) -> None:
    sender, _ = shared_plan
    page = new_page()
    open_plan(page, assistant, sender)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.click(".wgw-overview button:has-text('Afdrukken of bewaren als pdf')")
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert page.is_hidden("#main") and page.is_hidden(".wgw-panel")
    printout = page.locator(".wgw-print")
    assert printout.is_visible()
    text = printout.inner_text()
    assert "Stappenplan: Een kind krijgen" in text and "Uiterlijk 11 december 2026" in text
    assert printout.locator(".wgw-task").count() == 6
    assert printout.locator(".wgw-card").count() == 1 and "Stap 1 van 6" in text
    page.emulate_media(media="screen")
    assert page.is_hidden(".wgw-print") and page.is_visible(".wgw-panel")


def test_new_conversation_asks_first_when_there_is_a_plan(
    assistant: Assistant, new_page: Callable[..., Any], shared_plan: tuple[str, dict]
) -> None:
    sender, _ = shared_plan
    page = new_page()
    open_plan(page, assistant, sender)
    page.click(".wgw-menu-button")
    page.click(".wgw-menu button:has-text('Nieuw gesprek')")
    confirm = page.locator(".wgw-confirm")
    assert confirm.is_visible() and "Wilt u echt een nieuw gesprek beginnen?" in confirm.inner_text()
    assert page.evaluate("document.activeElement.textContent") == "Nee, ga terug"
    assert page.evaluate("localStorage.getItem('wegwijzer-sender')") == sender
    page.keyboard.press("Enter")
    assert page.is_hidden(".wgw-confirm") and page.locator(".wgw-overview").count() == 1
    assert page.evaluate("localStorage.getItem('wegwijzer-sender')") == sender

    page.click(".wgw-menu-button")
    page.click(".wgw-menu button:has-text('Nieuw gesprek')")
    page.click(".wgw-confirm button:has-text('Ja, nieuw gesprek')")
    assert page.evaluate("localStorage.getItem('wegwijzer-sender')") != sender
    assert page.locator(".wgw-overview").count() == 0 and page.is_hidden(".wgw-confirm")
    assert page.dialogs == []


def test_feedback_only_under_step_cards_never_under_questions(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = new_page()
    open_widget(page, assistant)
    page.keyboard.type("We hebben een baby gekregen")
    page.keyboard.press("Enter")
    page.wait_for_selector(".wgw-reply:has-text('Ja, mijn eerste kind')")
    question = page.locator(".wgw-turn-bot:not(.wgw-welcome)").last
    assert "Is dit uw eerste kind?" in question.inner_text()
    assert question.locator(".wgw-rate").count() == 0
    page.click(".wgw-reply:has-text('Ja, mijn eerste kind')")
    page.wait_for_selector(".wgw-reply:has-text('Werknemer')")
    page.click(".wgw-reply:has-text('Werknemer')")
    page.wait_for_selector(".wgw-reply:has-text('Ik ben de moeder die bevalt')")
    page.click(".wgw-reply:has-text('Ik ben de moeder die bevalt')")
    page.wait_for_selector("text=Wat is de geboortedatum?")
    page.keyboard.type("op 26 november 2026")
    page.keyboard.press("Enter")
    page.wait_for_selector(".wgw-card")
    turns = page.locator(".wgw-turn-bot:not(.wgw-welcome)")
    rated = [turns.nth(i).locator(".wgw-rate").count() for i in range(turns.count())]
    with_card = [turns.nth(i).locator(".wgw-card").count() for i in range(turns.count())]
    assert rated == with_card and sum(rated) == 1


def test_axe_is_clean_with_the_overview_the_menu_and_the_confirmation(
    assistant: Assistant, new_page: Callable[..., Any], axe_script: Path, shared_plan: tuple[str, dict]
) -> None:
    sender, _ = shared_plan
    page = new_page(bypass_csp=True)  # axe is injected as an inline script
    open_plan(page, assistant, sender)
    violations = run_axe(page, axe_script)
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)
    page.click(".wgw-menu-button")
    page.wait_for_selector(".wgw-menu:visible")
    assert page.get_attribute(".wgw-menu-button", "aria-expanded") == "true"
    violations = run_axe(page, axe_script, ".wgw-root")
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)
    page.keyboard.press("Escape")  # closes the menu, not the panel
    assert page.is_hidden(".wgw-menu") and page.is_visible(".wgw-panel")
    assert page.evaluate("document.activeElement.classList.contains('wgw-menu-button')")
    page.click(".wgw-menu-button")
    page.click(".wgw-menu button:has-text('Nieuw gesprek')")
    violations = run_axe(page, axe_script, ".wgw-root")
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)
    wait_js(page, "() => document.querySelector('.wgw-confirm:not([hidden])')")
