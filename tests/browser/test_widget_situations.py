"""Two situations in one chat: the overview of all steps together in the widget (issue 18)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
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
)

pytestmark = pytest.mark.slow


def _answer_until_plan(assistant: Assistant, sender: str, replies: list[dict]) -> list[dict]:
    """Presses "Ja, nu" on a switch offer and "Weet ik niet" on every question, until a plan."""
    for _ in range(8):
        if any(r.get("custom", {}).get("type") == "plan_overview" for r in replies):
            return replies
        buttons = [b for r in replies for b in r.get("buttons") or []]
        button = next((b for b in buttons if b["title"].startswith("Ja, nu")), None) or next(
            b for b in buttons if "weet_niet" in b["payload"] or "onbekend" in b["payload"]
        )
        replies = say(assistant, sender, button["payload"], button["title"])
    raise AssertionError("no plan")


def two_plans(assistant: Assistant) -> tuple[str, dict]:
    sender = uuid.uuid4().hex
    _answer_until_plan(assistant, sender, say(assistant, sender, "ik ben ontslagen door mijn werkgever"))
    replies = _answer_until_plan(assistant, sender, say(assistant, sender, "ik ben ook verhuisd naar Gent"))
    merged = next(r["custom"] for r in replies if r.get("custom", {}).get("merged"))
    return sender, merged


def test_the_overview_of_both_situations_lists_each_step_once_and_opens_the_earlier_plan(
    assistant: Assistant, new_page: Callable[..., Any], axe_script: Any
) -> None:
    sender, merged = two_plans(assistant)
    assert {e["id"] for e in merged["events"]} == {"job_loss", "moving"}
    page = new_page(viewport={"width": 1280, "height": 1000}, bypass_csp=True)  # axe runs inline
    use_conversation(page, sender)
    open_widget(page, assistant)
    page.wait_for_selector(".wgw-overview")
    box = page.locator(".wgw-overview").last
    assert "Uw job verliezen" in box.locator(".wgw-overview-title").inner_text()
    titles = box.locator(".wgw-task-title").all_inner_texts()
    assert len(titles) == len(merged["steps"]) == len(set(titles))
    assert box.locator(".wgw-task-events").count() == len(merged["steps"])  # which situation each is for
    # Mail and link keep one situation's plan; the single plans above still offer them.
    assert box.get_by_role("button", name="Bewaar een link").count() == 0
    assert page.locator(".wgw-overview").first.get_by_role("button", name="Bewaar een link").count() == 1
    job_step = next(s for s in merged["steps"] if "job_loss:" in s["payload"])
    before = bot_turns(page)
    box.locator(".wgw-task-button", has_text=job_step["title"]).first.click()
    wait_for_new_bot_turn(page, before)
    assert job_step["title"] in page.locator(".wgw-card").last.inner_text()
    assert serious(run_axe(page, axe_script, ".wgw-root")) == []
    assert page.errors == []
