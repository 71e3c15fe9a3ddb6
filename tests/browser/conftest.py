"""Browser tests: real headless Chromium (Debian's package) driven by Playwright's Python API.

One Rasa server and action server run for the whole package, on free loopback ports with a
temporary SQLite database and a known staff account. Playwright's own browser download is
not used: the tests launch /usr/bin/chromium. Missing pieces skip the tests with the reason.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.settings import REPO_ROOT
from devtools.servers import running_assistant
from tests.browser.helpers import STAFF_ACCOUNTS, THIRD_PARTY_PORT, Assistant, say

CHROMIUM = Path(os.environ.get("WEGWIJZER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_ENV = "WEGWIJZER_SCREENSHOT_DIR"
RUNNING_SERVER_ENV = "WEGWIJZER_BROWSER_TEST_SERVER"


def _require_browser() -> Any:
    if not CHROMIUM.exists():
        pytest.skip(
            f"Debian's chromium is not installed at {CHROMIUM}: `make test` installs it when run as root "
            "(apt-get install -y chromium); otherwise install it yourself."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("The playwright Python package is missing: run `make install` (it is in the test extra).")
    return sync_playwright


@pytest.fixture(scope="package")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """Both servers for this package; yields their base URL and database.

    To iterate quickly on the front end, point the tests at servers you already run (started
    with WEGWIJZER_STAFF_ACCOUNTS set to helpers.STAFF_ACCOUNTS):
    WEGWIJZER_BROWSER_TEST_SERVER="http://127.0.0.1:5005 sqlite:////path/to/wegwijzer.db".
    """
    _require_browser()
    running = os.environ.get(RUNNING_SERVER_ENV, "").split()
    if len(running) == 2:
        yield Assistant(running[0].rstrip("/"), running[1])
        return
    env = {
        "WEGWIJZER_STAFF_ACCOUNTS": STAFF_ACCOUNTS,
        "WEGWIJZER_ENV": "development",
        # The one other site allowed to embed the widget (test_widget_also_works_inline_...).
        "WEGWIJZER_ALLOWED_ORIGINS": f"http://127.0.0.1:{THIRD_PARTY_PORT}",
        # Every browser test comes from 127.0.0.1: the per-address limit is tested in tests/e2e.
        "WEGWIJZER_WEB_RATE_LIMIT": "100000",
    }
    with running_assistant(tmp_path_factory.mktemp("browser-servers"), env) as (base, settings):
        yield Assistant(base, settings.database_url)


@pytest.fixture(scope="package")
def browser(assistant: Assistant) -> Iterator[Any]:
    sync_playwright = _require_browser()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """Factory for pages in fresh contexts (own localStorage); records page errors and dialogs."""
    contexts: list[Any] = []

    def make(**context_options: Any) -> Any:
        options = {"viewport": {"width": 1280, "height": 900}, "locale": "nl-BE", **context_options}
        context = browser.new_context(**options)
        context.set_default_timeout(30_000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: page.errors.append(str(error)))

        def on_dialog(dialog: Any) -> None:
            page.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="package")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $WEGWIJZER_SCREENSHOT_DIR (e.g. docs/screenshots) or a temporary folder."""
    configured = os.environ.get(SCREENSHOT_ENV)
    if configured:
        path = Path(configured)
        path = path if path.is_absolute() else REPO_ROOT / path
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="package")
def axe_script() -> Path:
    if not AXE_JS.exists():
        reason = "npm is not installed" if shutil.which("npm") is None else "run `npm ci` in tests/browser"
        pytest.skip(f"axe-core is missing ({reason}; `make test` does it).")
    return AXE_JS


@pytest.fixture(scope="package")
def birth_conversation(assistant: Assistant) -> str:
    """A conversation (sender id) that went through the birth questions up to step 2, over HTTP."""
    sender = uuid.uuid4().hex
    say(assistant, sender, "We hebben een baby gekregen")
    say(assistant, sender, '/provide_answer{"answer_value":"ja"}', "Ja, mijn eerste kind")
    say(assistant, sender, '/provide_answer{"answer_value":"werknemer"}', "Werknemer")
    say(assistant, sender, '/provide_answer{"answer_value":"moeder"}', "Ik ben de moeder die bevalt")
    replies = say(assistant, sender, "op 26 november 2026")
    assert any(r.get("custom", {}).get("type") == "step_card" for r in replies), replies
    replies = say(assistant, sender, "/next_step", "Volgende stap")
    assert any(r.get("custom", {}).get("number") == 2 for r in replies), replies
    return sender
