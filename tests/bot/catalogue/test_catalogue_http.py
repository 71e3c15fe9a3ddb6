"""IPDC/LPDC catalogue import over HTTP (a fake web): retries, timeouts, clear errors, no other hosts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests

from bot.catalogue import (
    DEFAULT_TIMEOUT,
    CatalogueError,
    get_service,
)
from tests.bot.catalogue.catalogue_fixtures import SERVICE_A, STUB_CONTEXT_URL, db_url, fixture_json, run

# --------------------------------------------------------------------------------------------------
# HTTP (fake requests.Session.get; nothing leaves the machine)


class FakeResponse:
    def __init__(self, status: int, body: Any = None, reason: str = "") -> None:
        self.status_code = status
        self.reason = reason
        if isinstance(body, (bytes, str)):
            self.content = body.encode() if isinstance(body, str) else body
        else:
            self.content = json.dumps(body).encode()


class FakeWeb:
    """Serves canned responses per URL, in order; records every call with its keyword arguments."""

    def __init__(self, routes: dict[str, list[Any]]) -> None:
        self.routes = {url: list(responses) for url, responses in routes.items()}
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def get(self, session: requests.Session, url: str, **kwargs: Any) -> FakeResponse:
        self.calls.append((url, kwargs))
        responses = self.routes.get(url)
        if not responses:
            raise AssertionError(f"unexpected request to {url}")
        response = responses.pop(0) if len(responses) > 1 else responses[0]
        if isinstance(response, Exception):
            raise response
        return response

    def urls(self) -> list[str]:
        return [url for url, _ in self.calls]


BASE = "https://ipdc.example/doc/instancesnapshot/"


def install(monkeypatch: pytest.MonkeyPatch, web: FakeWeb) -> None:
    monkeypatch.setattr(requests.Session, "get", lambda self, url, **kwargs: web.get(self, url, **kwargs))


def test_http_retries_on_503_and_passes_timeouts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    web = FakeWeb(
        {
            BASE + "page-0.json": [
                FakeResponse(503, "busy", "Service Unavailable"),
                FakeResponse(200, fixture_json("stub", "page-0.json")),
            ],
            BASE + "page-1.json": [FakeResponse(200, fixture_json("stub", "page-1.json"))],
        }
    )
    install(monkeypatch, web)
    sleeps: list[float] = []
    url = db_url(tmp_path)
    report = run(BASE + "page-0.json", url, sleep=sleeps.append)
    assert web.urls() == [BASE + "page-0.json", BASE + "page-0.json", BASE + "page-1.json"]
    assert all(kwargs["timeout"] == DEFAULT_TIMEOUT for _, kwargs in web.calls)
    assert all("application/ld+json" in kwargs["headers"]["Accept"] for _, kwargs in web.calls)
    assert sleeps == [0.5]
    assert report.pages == [BASE + "page-0.json", BASE + "page-1.json"]
    service = get_service(url, SERVICE_A)
    assert (
        service.title_nl == "Bewonerskaart aanvragen of verlengen"
        and service.source_page == BASE + "page-1.json"
    )
    assert STUB_CONTEXT_URL not in web.urls()  # the vendored copy was used


def test_http_404_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    web = FakeWeb({BASE + "missing": [FakeResponse(404, "not here", "Not Found")]})
    install(monkeypatch, web)
    with pytest.raises(CatalogueError) as error:
        run(BASE + "missing", db_url(tmp_path), sleep=lambda _: None)
    assert str(error.value) == f"Could not fetch {BASE}missing: HTTP 404 Not Found."
    assert len(web.calls) == 1  # client errors are not retried


def test_http_gives_up_after_retries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    web = FakeWeb({BASE + "page-0.json": [requests.ConnectionError("connection refused")]})
    install(monkeypatch, web)
    sleeps: list[float] = []
    with pytest.raises(CatalogueError) as error:
        run(BASE + "page-0.json", db_url(tmp_path), sleep=sleeps.append, retries=3, backoff=0.25)
    assert f"Could not fetch {BASE}page-0.json after 3 attempt(s): ConnectionError" in str(error.value)
    assert len(web.calls) == 3 and sleeps == [0.25, 0.5]


def test_http_persistent_5xx_names_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    web = FakeWeb({BASE + "page-0.json": [FakeResponse(502, "", "Bad Gateway")]})
    install(monkeypatch, web)
    with pytest.raises(CatalogueError, match=r"after 3 attempt\(s\): HTTP 502 Bad Gateway"):
        run(BASE + "page-0.json", db_url(tmp_path), sleep=lambda _: None)


def test_http_invalid_json_names_the_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    web = FakeWeb({BASE + "page-0.json": [FakeResponse(200, "<html>Onderhoud</html>", "OK")]})
    install(monkeypatch, web)
    with pytest.raises(CatalogueError, match=rf"{BASE}page-0.json did not return valid JSON"):
        run(BASE + "page-0.json", db_url(tmp_path), sleep=lambda _: None)


def test_http_other_host_links_are_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = fixture_json("stub", "page-0.json")
    page["view"]["relation"] = [{"node": "https://elsewhere.example/page-1.json"}]
    web = FakeWeb({BASE + "page-0.json": [FakeResponse(200, page)]})
    install(monkeypatch, web)
    report = run(BASE + "page-0.json", db_url(tmp_path))
    assert web.urls() == [BASE + "page-0.json"]
    assert any("another host" in w for w in report.warnings)


def test_remote_context_is_fetched_once_and_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    context_url = "https://contexts.example/InstanceJsonLdContext.jsonld"
    page0, page1 = fixture_json("stub", "page-0.json"), fixture_json("stub", "page-1.json")
    page0["@context"] = context_url
    page1["@context"] = [context_url, {"as": "https://www.w3.org/ns/activitystreams#"}]
    web = FakeWeb(
        {
            BASE + "page-0.json": [FakeResponse(200, page0)],
            BASE + "page-1.json": [FakeResponse(200, page1)],
            context_url: [FakeResponse(200, fixture_json("contexts", "InstanceJsonLdContext.jsonld"))],
        }
    )
    install(monkeypatch, web)
    url = db_url(tmp_path)
    run(BASE + "page-0.json", url, contexts={}, fetch_remote_contexts=True)
    run(BASE + "page-0.json", db_url(tmp_path, "second"), contexts={}, fetch_remote_contexts=True)
    assert web.urls().count(context_url) == 1
    assert get_service(url, SERVICE_A).phones == ("+32 9 123 45 67",)
