"""The source watch against a local site whose pages change, move and disappear."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from bot.insights.source_report import render_html, source_rows
from bot.knowledge.source_confirm import ConfirmError, confirm
from bot.knowledge.source_records import confirmations, last_checks, save_check
from bot.knowledge.source_watch import PoliteFetcher, check_all, cited_sources, main_text
from devtools.knowledge_fixtures import make_valid_event, write_event
from devtools.page_server import Page, Site, page_server

TODAY = dt.date(2026, 11, 30)


def page(text: str, nav: str = "Menu") -> str:
    return (
        f"<html><head><script>var t={len(nav)}</script></head><body><nav>{nav}</nav>"
        f"<main><h1>Regel</h1><p>{text}</p></main><footer>cookies</footer></body></html>"
    )


@pytest.fixture
def site() -> Site:
    with page_server() as running:
        running.pages.update(
            {
                "/same": Page(body=page("U hebt 15 dagen.")),
                "/edit": Page(body=page("U hebt 8 werkdagen.")),
                "/etag": Page(body=page("Vaste tekst."), etag='"v1"'),
                "/old": Page(status=301, location="/new"),
                "/new": Page(body=page("Nieuwe plek.")),
                "/gone": Page(status=410),
                "/down": Page(status=503, body="maintenance"),
            }
        )
        yield running


@pytest.fixture
def kb(tmp_path: Path, site: Site) -> Path:
    event = make_valid_event()
    for step, path in zip(event["steps"], ("/same", "/edit", "/etag", "/old")):
        step["source_url"] = site.base + path
    event["rights"] = [
        {
            "id": "gone_right",
            "title": "Weg",
            "description": "x",
            "automatic": False,
            "where_to_request": "x",
            "source_url": site.base + "/gone",
        },
        {
            "id": "down_right",
            "title": "Plat",
            "description": "x",
            "automatic": False,
            "where_to_request": "x",
            "source_url": site.base + "/down",
        },
    ]
    for step in event["steps"]:
        step.pop("checked_on", None)
    write_event(tmp_path / "kb", event)
    return tmp_path / "kb"


def run_check(kb: Path, url: str) -> dict[str, str]:
    fetcher = PoliteFetcher(delay=0, timeout=5)
    for record in check_all([s.url for s in cited_sources(kb)], last_checks(url), fetcher):
        save_check(url, record)
    rows = source_rows(cited_sources(kb), last_checks(url), confirmations(url))
    return {row.source.item_id: row.status for row in rows}


def test_the_main_text_leaves_out_scripts_navigation_and_footer() -> None:
    assert main_text(page("U hebt 15 dagen.", nav="Anders")) == "Regel U hebt 15 dagen."
    assert main_text("<body><p>Geen  main</p><script>x</script></body>") == "Geen main"


def test_first_check_then_confirmations_then_changes(tmp_path: Path, kb: Path, site: Site) -> None:
    url = f"sqlite:///{tmp_path / 'watch.db'}"
    first = run_check(kb, url)
    assert first == {
        "step_0": "unconfirmed",
        "step_1": "unconfirmed",
        "step_2": "unconfirmed",
        "step_3": "moved",
        "gone_right": "gone",
        "down_right": "unreachable",
    }
    assert last_checks(url)[site.base + "/old"].final_url == site.base + "/new"

    for item in ("step_0", "step_1", "step_2"):
        confirm(kb, "birth", item, "An Editor", TODAY, url)
    with pytest.raises(ConfirmError, match="gone"):
        confirm(kb, "birth", "gone_right", "An Editor", TODAY, url)
    with pytest.raises(ConfirmError, match="who confirms"):
        confirm(kb, "birth", "step_0", "  ", TODAY, url)
    data = yaml.safe_load((kb / "birth.yml").read_text(encoding="utf-8"))
    assert [s.get("checked_on") for s in data["steps"]] == [TODAY, TODAY, TODAY, None]

    site.pages["/same"] = Page(body=page("U hebt 15 dagen.", nav="Nieuw menu"))  # only the menu changed
    site.pages["/edit"] = Page(body=page("U hebt 10 werkdagen."))
    site.pages["/down"] = Page(body=page("Terug."))
    second = run_check(kb, url)
    assert second["step_0"] == "unchanged"
    assert second["step_1"] == "changed"
    assert second["step_2"] == "unchanged"
    assert second["down_right"] == "unconfirmed"
    etag_requests = [headers for path, headers in site.requests if path == "/etag"]
    assert etag_requests[-1].get("If-None-Match") == '"v1"'  # answered 304: not downloaded again

    html = render_html(source_rows(cited_sources(kb), last_checks(url), confirmations(url)))
    order = [html.index(label) for label in ("verhuisd naar", "gewijzigd sinds", "ongewijzigd sinds")]
    assert order == sorted(order)
    assert "An Editor" in html and f"{site.base}/new" in html


def test_a_confirmation_changes_only_the_checked_on_line(tmp_path: Path, kb: Path) -> None:
    url = f"sqlite:///{tmp_path / 'watch.db'}"
    run_check(kb, url)
    before = (kb / "birth.yml").read_text(encoding="utf-8").splitlines()
    confirm(kb, "birth", "step_0", "An", TODAY, url)
    confirm(kb, "birth", "step_0", "An", TODAY + dt.timedelta(days=1), url)  # replaces, never adds twice
    after = (kb / "birth.yml").read_text(encoding="utf-8").splitlines()
    added = [line for line in after if line not in before]
    assert added == ["  checked_on: 2026-12-01"] or added == ["    checked_on: 2026-12-01"]
    assert len(after) == len(before) + 1


def test_the_fetcher_waits_between_two_requests_to_one_host() -> None:
    clock = [100.0]
    slept: list[float] = []

    class FakeSession:
        headers: dict[str, str] = {}

        def get(self, url: str, **kwargs: object) -> str:
            return url

    fetcher = PoliteFetcher(
        FakeSession(),
        delay=2.0,
        clock=lambda: clock[0],
        sleep=slept.append,  # type: ignore[arg-type]
    )
    fetcher.get("https://a.example/1", {})
    clock[0] += 0.5
    fetcher.get("https://a.example/2", {})
    fetcher.get("https://b.example/1", {})
    assert slept == [1.5]
