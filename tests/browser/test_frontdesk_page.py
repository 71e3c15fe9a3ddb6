"""The front-desk page for counter staff, in real headless Chromium."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.browser.helpers import STAFF_PASSWORD, STAFF_USER, Assistant, log_in, run_axe, serious

CSRF = {"X-Wegwijzer-Request": "1"}
"""The header the staff scripts send with every change (CSRF protection)."""

pytestmark = pytest.mark.slow

A4_VIEWPORT = {"width": 794, "height": 1123}  # A4 at 96 dpi


def staff_page(new_page: Callable[..., Any], assistant: Assistant, **options: Any) -> Any:
    """A browser page logged in through the login form, as a staff member does."""
    page = new_page(**options)
    log_in(page, assistant.frontdesk)  # not logged in: sent to the login page, which remembers where to go
    return page


def show_birth_plan(page: Any, assistant: Assistant) -> None:
    page.goto(assistant.frontdesk)
    page.wait_for_selector("#event-select option[value=birth]", state="attached")
    page.select_option("#event-select", "birth")
    page.wait_for_selector("#answer-birth-first_child-ja")
    page.check("#answer-birth-first_child-ja")
    page.wait_for_selector("#question-badge-birth-first_child:has-text('beantwoord')")
    page.check("#answer-birth-employment_status-werknemer")
    page.wait_for_selector("#question-badge-birth-employment_status:has-text('beantwoord')")
    page.check("#answer-birth-parent_role-moeder")
    page.wait_for_selector("#question-badge-birth-parent_role:has-text('beantwoord')")
    page.fill("#event-date-birth", "2026-11-26")
    page.fill("#municipality", "Gent")
    page.click("button:has-text('Toon het stappenplan')")
    page.wait_for_selector("#plan-title:focus")
    page.wait_for_selector(".plan-meta:has-text('Gent')")


def test_front_desk_needs_a_staff_login(assistant: Assistant) -> None:
    for path in ("", "static/main.js", "api/events"):
        response = requests.get(assistant.frontdesk + path, timeout=30)
        assert response.status_code == 401, path
        assert "WWW-Authenticate" not in response.headers  # browsers never keep a Basic password
    wrong = requests.get(assistant.frontdesk, auth=(STAFF_USER, "fout"), timeout=30)
    assert wrong.status_code == 401
    plan = requests.post(
        assistant.frontdesk + "api/plan", json={"event_id": "birth"}, headers=CSRF, timeout=30
    )
    assert plan.status_code == 401
    page = requests.get(assistant.frontdesk, auth=(STAFF_USER, STAFF_PASSWORD), timeout=30)
    assert page.status_code == 200 and "Stappenplan maken" in page.text
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]


def test_front_desk_api_validates_input(assistant: Assistant) -> None:
    auth = (STAFF_USER, STAFF_PASSWORD)
    url = assistant.frontdesk + "api/"
    events = requests.get(url + "events", auth=auth, timeout=30).json()["events"]
    assert len(events) == 20 and {"id", "title", "audience"} <= set(events[0])
    bad = [
        ({"event_id": "unicorn"}, "event_id"),
        ({"event_id": "birth", "answers": {"first_child": "misschien"}}, "answers.first_child"),
        ({"event_id": "birth", "answers": {"shoe_size": "42"}}, "answers.shoe_size"),
        ({"event_id": "birth", "event_date": "26/11/2026"}, "event_date"),
        ({"event_id": "birth", "extra": 1}, "extra"),
    ]
    for body, field in bad:
        response = requests.post(url + "plan", json=body, auth=auth, headers=CSRF, timeout=30)
        assert response.status_code == 400 and response.json()["detail"].startswith(field), (
            body,
            response.text,
        )
    not_json = requests.post(
        url + "plan", data=b"{", auth=auth, headers={**CSRF, "Content-Type": "application/json"}, timeout=30
    )
    assert not_json.status_code == 400
    too_big = requests.post(url + "classify", json={"text": "x" * 20000}, auth=auth, headers=CSRF, timeout=30)
    assert too_big.status_code == 413
    empty = requests.post(url + "classify", json={"text": "  "}, auth=auth, headers=CSRF, timeout=30)
    assert empty.status_code == 400
    classified = requests.post(
        url + "classify",
        json={"text": "Mevrouw is gisteren bevallen in Gent"},
        auth=auth,
        headers=CSRF,
        timeout=60,
    ).json()
    assert classified["events"][0]["id"] == "birth" and classified["municipality"] == "Gent"


def test_staff_classify_a_situation_and_get_a_printable_birth_plan(
    assistant: Assistant, new_page: Callable[..., Any], screenshot_dir: Path, tmp_path: Path
) -> None:
    page = staff_page(new_page, assistant)
    page.goto(assistant.frontdesk)
    page.fill("#situation-text", "Mevrouw is gisteren bevallen van haar eerste kindje, ze woont in Gent")
    page.click("button:has-text('Herken de situatie')")
    page.wait_for_selector(".suggestions button:has-text('Kies: Een kind krijgen')")
    assert "gemeente Gent" in page.inner_text("#classify-result")
    page.click(".suggestions button:has-text('Kies: Een kind krijgen')")
    page.wait_for_selector("#details-title:focus")
    page.wait_for_selector(".step")
    assert page.input_value("#municipality") == "Gent" and page.input_value("#event-date-birth") != ""
    assert page.locator("#question-badge-birth-first_child").inner_text() == "nog te vragen"

    show_birth_plan(page, assistant)
    steps = page.locator("#plan .step")
    assert steps.count() == 6
    assert page.locator("#plan .step input[type=checkbox]").count() == 6
    assert page.locator("#plan .step-auto").count() == 1
    assert "Automatisch — u hoeft niets te doen" in page.locator("#plan .step-auto").first.inner_text()
    declare = page.locator("#step-declare_birth").inner_text()
    assert "uiterlijk op vrijdag 11 december 2026" in declare
    assert "nagekeken op" not in declare  # no person confirmed this step's page yet
    page.check("#done-declare_birth")
    assert page.is_checked("#done-declare_birth")
    rights = page.inner_text(".rights")
    assert "Startbedrag van het Groeipakket" in rights and "Automatisch" in rights and "Aanvragen" in rights
    contacts = page.inner_text(".contacts")
    assert "Gemeente: Gent" in contacts and "Bron" in contacts
    assert page.locator(".plan-meta").inner_text().count("donderdag 26 november 2026") == 1
    page.locator("#details").evaluate("element => element.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(screenshot_dir / "frontdesk-questions-and-plan.png"))

    page.set_viewport_size(A4_VIEWPORT)
    page.emulate_media(media="print")
    assert page.is_hidden("#situation") and page.is_hidden("#details")
    assert page.locator("#plan button:visible").count() == 0
    assert page.is_visible(".print-brand") and page.is_visible("#plan .step input[type=checkbox]")
    printed = page.inner_text("#plan")
    assert "Afgedrukt op" in printed and "https://www.groeipakket.be/hoe-aanvragen" in printed
    assert "Vragen? Bel gratis 1700" in printed
    pdf = page.pdf(path=str(tmp_path / "stappenplan.pdf"), format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.evaluate("document.body.style.padding = '15mm 14mm'")  # the A4 page margins, for the picture
    page.screenshot(path=str(screenshot_dir / "frontdesk-printable-plan.png"), full_page=True)
    assert page.errors == []


def test_municipality_without_service_points_gets_the_1700_fallback(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    page = staff_page(new_page, assistant)
    page.goto(assistant.frontdesk)
    page.wait_for_selector("#event-select option[value=birth]", state="attached")
    page.select_option("#event-select", "moving")
    page.wait_for_selector(".step")
    page.fill("#municipality", "2630")
    page.click("button:has-text('Toon het stappenplan')")
    page.wait_for_selector(".contacts:has-text('Aartselaar')")
    assert "Bel gratis 1700" in page.inner_text(".contacts")


def test_axe_finds_no_serious_violations_on_the_front_desk_with_a_plan(
    assistant: Assistant, new_page: Callable[..., Any], axe_script: Path
) -> None:
    page = staff_page(new_page, assistant, bypass_csp=True)
    show_birth_plan(page, assistant)
    violations = run_axe(page, axe_script)
    print("axe violations on the front desk with a plan:", json.dumps(violations, indent=1))
    assert serious(violations) == [], json.dumps(serious(violations), indent=1)


def test_staff_log_in_see_their_name_and_log_out(assistant: Assistant, new_page: Callable[..., Any]) -> None:
    page = staff_page(new_page, assistant)
    page.wait_for_selector("[data-staff-name]:has-text('Aangemeld als')")
    page.click("button:has-text('Afmelden')")
    page.wait_for_selector("#login-notice:has-text('U bent afgemeld')")
    page.goto(assistant.frontdesk)
    page.wait_for_selector("#login-form")  # the session is gone on the server, not only in this tab
    page.fill("#login", STAFF_USER)
    page.fill("#password", "fout-wachtwoord")
    page.click("button:has-text('Aanmelden')")
    page.wait_for_selector("#login-error:has-text('klopt niet')")


def test_a_login_sent_before_the_texts_arrive_still_works(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    """The shared texts never arrive (a cold or failing server): the form must still send JSON.

    Two clean-clone CI runs timed out here: the submit handler waited for the texts, so an early
    click submitted the form natively and the page never reached the front desk.
    """
    page = new_page()
    page.route("**/webhooks/web/strings.json", lambda route: route.abort())  # the texts never come
    log_in(page, assistant.frontdesk)
    assert page.url == assistant.frontdesk


def test_the_login_button_stays_off_until_its_script_runs(
    assistant: Assistant, new_page: Callable[..., Any]
) -> None:
    """Without the script, the form cannot be sent natively (which would put the password in a URL)."""
    page = new_page()
    page.route("**/webhooks/staff/static/login.js", lambda route: route.abort())
    page.goto(assistant.frontdesk)
    page.wait_for_selector("#login-form")
    page.fill("#password", STAFF_PASSWORD)
    assert page.is_disabled("button:has-text('Aanmelden')")
    page.press("#password", "Enter")  # implicit submission is blocked too
    page.wait_for_timeout(500)
    assert "password" not in page.url and "/webhooks/staff/login" in page.url
