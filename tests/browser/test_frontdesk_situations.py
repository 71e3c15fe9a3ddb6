"""The front desk with two situations at once, on screen and on paper, in real headless Chromium."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import Assistant, run_axe, serious
from tests.browser.test_frontdesk_page import A4_VIEWPORT, staff_page

pytestmark = pytest.mark.slow

A4_PRINTABLE_HEIGHT_PX = (297 - 15 - 16) * 96 / 25.4  # the @page margins of frontdesk.css


def show_moving_and_job_loss_plan(page: Any, assistant: Assistant) -> None:
    page.goto(assistant.frontdesk)
    page.fill("#situation-text", "mevrouw is net verhuisd naar Gent en heeft haar job verloren")
    page.click("button:has-text('Herken de situatie')")
    page.wait_for_selector("#keep-job_loss")
    assert page.is_checked("#keep-job_loss") and page.is_checked("#keep-moving")
    page.click("button:has-text('Maak één stappenplan')")
    page.wait_for_selector("#details-title:focus")
    page.wait_for_selector("#situation-job_loss h3")
    page.wait_for_selector("#situation-moving h3")
    assert page.input_value("#municipality") == "Gent"
    page.fill("#event-date-moving", "2026-11-25")
    page.fill("#event-date-job_loss", "2026-11-20")
    page.click("button:has-text('Toon het stappenplan')")
    page.wait_for_selector("#plan-title:focus")
    page.wait_for_selector(".plan-meta:has-text('woensdag 25 november 2026')")
    page.wait_for_selector(".plan-meta:has-text('vrijdag 20 november 2026')")


def test_two_situations_make_one_plan_with_an_overview_by_deadline_and_a_one_page_print(
    assistant: Assistant, new_page: Callable[..., Any], screenshot_dir: Path, tmp_path: Path
) -> None:
    page = staff_page(new_page, assistant)
    show_moving_and_job_loss_plan(page, assistant)
    title = page.inner_text("#plan-title")
    assert "Uw job verliezen" in title and "Verhuizen" in title
    step_ids = page.eval_on_selector_all("#plan .step", "nodes => nodes.map(n => n.id)")
    assert len(step_ids) == len(set(step_ids)) > 8  # one list, no step twice
    rows = page.eval_on_selector_all(
        ".overview-table tbody tr",
        "rows => rows.map(r => ({id: r.id, cells: Array.from(r.cells).map(c => c.innerText.trim())}))",
    )
    assert sorted(r["id"].removeprefix("overview-") for r in rows) == sorted(
        s.removeprefix("step-") for s in step_ids
    )
    assert {r["cells"][2] for r in rows} <= {"Zelf doen", "Automatisch", "Misschien"}
    assert {r["cells"][3] for r in rows} == {"Uw job verliezen", "Verhuizen"}
    dated = page.eval_on_selector_all(".overview-table .due-badge", "nodes => nodes.length")
    assert dated >= 2 and rows[0]["cells"][0].endswith("2026")  # the most urgent dated step comes first
    assert "Hoort bij: Verhuizen" in page.inner_text("#step-declare_address_change")
    page.click("#overview-declare_address_change a")
    page.wait_for_selector("#step-declare_address_change:focus")  # a step in the overview opens its card
    page.locator("#plan").evaluate("element => element.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(screenshot_dir / "frontdesk-two-situations.png"))

    page.set_viewport_size(A4_VIEWPORT)
    page.emulate_media(media="print")
    assert page.is_hidden("#situation") and page.is_hidden("#details")
    assert page.locator("#plan button:visible").count() == 0
    assert page.is_visible(".print-brand") and page.is_visible(".overview-table")
    printed = page.inner_text("#plan")
    assert "Uw persoonlijk stappenplan" in printed and "Overzicht: al uw stappen op een rij" in printed
    assert "de burger" not in printed.lower()  # the printout speaks to the citizen as "u"
    top = page.evaluate("document.querySelector('#plan').getBoundingClientRect().top")
    bottom = page.evaluate("document.querySelector('.overview').getBoundingClientRect().bottom")
    assert bottom - top <= A4_PRINTABLE_HEIGHT_PX, "the overview must fit on the first printed page"
    assert page.evaluate("getComputedStyle(document.querySelector('.overview')).breakAfter") == "page"
    pdf = page.pdf(path=str(tmp_path / "stappenplan-twee-situaties.pdf"), format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert page.errors == []


def test_a_situation_can_be_added_from_the_list_and_left_out_again(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = staff_page(new_page, assistant)
    page.goto(assistant.frontdesk)
    page.wait_for_selector("#event-select option[value=moving]", state="attached")
    page.select_option("#event-select", "moving")
    page.wait_for_selector("#plan-title:has-text('Verhuizen')")
    page.select_option("#add-select", "job_loss")
    page.wait_for_selector("#situation-title-job_loss:focus")
    page.wait_for_selector("#plan-title:has-text('Uw job verliezen en Verhuizen')")
    assert page.locator(".overview-table thead th").count() == 4  # "Hoort bij" with two situations
    page.select_option("#add-select", "moving")  # already in the plan: not twice
    page.wait_for_selector("#desk-status:has-text('staat al in het stappenplan')")
    assert page.locator(".situation-block").count() == 2
    page.click("button:has-text('Verhuizen weglaten')")
    page.wait_for_selector("#plan-title:text-is('Uw stappenplan: Uw job verliezen')")
    assert page.locator("#step-declare_address_change").count() == 0
    assert page.errors == []


def test_axe_finds_no_serious_violations_on_a_plan_for_two_situations(
    assistant: Assistant, new_page: Callable[..., Any], axe_script: Path
) -> None:
    page = staff_page(new_page, assistant, bypass_csp=True)
    show_moving_and_job_loss_plan(page, assistant)
    violations = run_axe(page, axe_script)
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)
