"""The designers' report channel: the report page and the redacted transcript it links to, for
designers only (in-process Sanic)."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sanic import Sanic
from sqlalchemy import insert

from bot.insights.privacy import pseudonymise
from bot.insights.retention import tracker_events
from bot.store import get_engine
from channels.reports import ReportsInput
from devtools.servers import free_port
from tests.channels.test_frontdesk import _call

SENDER = "report-channel-conversation-01"
EMAIL = "an.peeters@example.be"


def _basic(login: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode()}


DESIGNER = _basic("ontwerper", "geheim2")
FRONTDESK_ONLY = _basic("an", "geheim3")


@pytest.fixture
async def reports_base(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AsyncIterator[str]:
    url = f"sqlite:///{tmp_path / 'reports.db'}"
    monkeypatch.setenv(
        "WEGWIJZER_STAFF_ACCOUNTS", "ontwerper:geheim2:designer,an:geheim3:frontdesk,baas:geheim4:admin"
    )
    monkeypatch.setenv("WEGWIJZER_DATABASE_URL", url)
    monkeypatch.delenv("WEGWIJZER_ENV", raising=False)
    tracker_events.create(get_engine(url), checkfirst=True)
    with get_engine(url).begin() as connection:
        connection.execute(
            insert(tracker_events).values(
                sender_id=SENDER,
                type_name="user",
                timestamp=1_772_000_000.0,
                data=json.dumps({"text": f"mijn mail is {EMAIL}"}),
            )
        )
    monkeypatch.setattr(Sanic, "test_mode", True)
    app = Sanic(f"reports_test_{uuid.uuid4().hex[:8]}")
    app.blueprint(ReportsInput().blueprint(lambda message: None), url_prefix="/webhooks/reports")
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    await server.start_serving()
    try:
        yield f"http://127.0.0.1:{port}/webhooks/reports/"
    finally:
        server.close()
        await server.wait_closed()


async def test_a_designer_reads_the_redacted_transcript(reports_base: str) -> None:
    status, page, headers = await _call(
        "GET", reports_base + "transcript/" + pseudonymise(SENDER), headers=DESIGNER
    )
    assert status == 200 and "mijn mail is [E-MAIL]" in page
    assert EMAIL not in page and SENDER not in page
    assert (
        headers["Cache-Control"] == "no-store"
        and "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    )
    assert "style-src 'self' 'sha256-" in headers["Content-Security-Policy"]  # the page's style, by hash
    status, page, _ = await _call(
        "GET", reports_base + "transcript/" + pseudonymise("gone-0001"), headers=DESIGNER
    )
    assert status == 404 and "niet (meer)" in page
    status, data, _ = await _call("GET", reports_base + "transcript/" + SENDER, headers=DESIGNER)
    assert status == 404 and SENDER not in json.dumps(data)


async def test_the_transcript_needs_a_designer_login(reports_base: str) -> None:
    url = reports_base + "transcript/" + pseudonymise(SENDER)
    status, data, _ = await _call("GET", url)
    assert status == 401 and data["error"] == "unauthorized"
    status, _, headers = await _call("GET", url, headers={"Accept": "text/html"}, allow_redirects=False)
    assert status == 303 and headers["Location"].startswith("/webhooks/staff/login?next=")
    status, data, _ = await _call("GET", url, headers=FRONTDESK_ONLY)
    assert status == 403 and data["error"] == "forbidden"
    status, page, _ = await _call("GET", url, headers=_basic("baas", "geheim4"))
    assert status == 200 and "[E-MAIL]" in page


async def test_the_transcript_is_refused_to_other_origins(reports_base: str) -> None:
    url = reports_base + "transcript/" + pseudonymise(SENDER)
    for extra in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        status, data, headers = await _call("GET", url, headers={**DESIGNER, **extra})
        assert status == 403 and data["error"] == "cross_origin", extra
        assert "Access-Control-Allow-Origin" not in headers
    status, _, headers = await _call(
        "OPTIONS", url, headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    )
    assert status in (403, 405) and "Access-Control-Allow-Origin" not in headers


async def test_the_report_page_links_conversations_by_label(reports_base: str) -> None:
    status, page, _ = await _call("GET", reports_base, headers=DESIGNER)
    assert status == 200 and "In één oogopslag" in page and "Eerst aanpakken" in page
    assert '<meta name="viewport"' in page and "<main>" in page
    status, _, _ = await _call("GET", reports_base, headers=FRONTDESK_ONLY)
    assert status == 403
