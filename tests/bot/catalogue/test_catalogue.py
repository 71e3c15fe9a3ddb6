"""IPDC/LPDC catalogue import (LDES pages in JSON-LD) and the small JSON-LD processor. Offline only."""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select

from bot.catalogue import (
    DEFAULT_TIMEOUT,
    CatalogueError,
    CatalogueServiceRecord,
    clear_context_cache,
    get_service,
    import_catalogue,
    map_level,
    parse_datetime,
)
from bot.catalogue import linked_data as jsonld
from bot.settings import REPO_ROOT
from bot.store import session_scope

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "ipdc"
STUB_CONTEXT_URL = "http://instancesnapshot-ldes-stub/InstanceJsonLdContext.jsonld"
IM_CONTEXT_URL = "https://data.vlaanderen.be/context/ipdc-lpdc-im.jsonld"
CONCEPT_CONTEXT_URL = "https://ipdc.tni-vlaanderen.be/ConceptJsonLdContext.jsonld"
CONTEXTS = {
    STUB_CONTEXT_URL: FIXTURES / "contexts" / "InstanceJsonLdContext.jsonld",
    IM_CONTEXT_URL: FIXTURES / "contexts" / "ipdc-lpdc-im.jsonld",
    CONCEPT_CONTEXT_URL: FIXTURES / "contexts" / "ConceptJsonLdContext.jsonld",
}

PS = "http://data.lblod.info/id/public-service/"
SERVICE_A = PS + "5c7a3e1e-1f0b-4c2d-9a61-2f4f0c1a0a01"
SERVICE_B = PS + "b6d2f0c4-7e1a-4c55-8f0e-1d2a3b4c5d02"
SERVICE_C = PS + "c3e4f5a6-2b1c-4d8e-9f70-6a5b4c3d2e03"
SERVICE_D = PS + "d9a8b7c6-5e4f-4a3b-8c2d-1e0f9a8b7c04"
CONCEPT_E = "https://ipdc.tni-vlaanderen.be/id/concept/705d401c-1a41-4802-a863-b22499f71b84"
CONCEPT_F = "https://ipdc.tni-vlaanderen.be/id/concept/9a69eb39-c6c2-4244-aedd-1847d4f72586"
FIRST_RUN = dt.datetime(2026, 1, 1, 12, 0)
SECOND_RUN = dt.datetime(2026, 1, 2, 12, 0)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the network: any real HTTP request fails loudly."""
    clear_context_cache()

    def refuse(self: requests.Session, url: str, **kwargs: Any) -> None:
        raise AssertionError(f"unexpected network request to {url}")

    monkeypatch.setattr(requests.Session, "get", refuse)


def db_url(tmp_path: Path, name: str = "app") -> str:
    return f"sqlite:///{tmp_path / f'{name}.db'}"


def run(source: Path | str, url: str, **kwargs: Any):  # type: ignore[no-untyped-def]
    kwargs.setdefault("contexts", CONTEXTS)
    kwargs.setdefault("fetch_remote_contexts", False)
    kwargs.setdefault("now", lambda: FIRST_RUN)
    return import_catalogue(str(source), url, **kwargs)


def rows(url: str) -> dict[str, dict[str, Any]]:
    names = [column.name for column in CatalogueServiceRecord.__table__.columns]
    with session_scope(url) as session:
        records = session.execute(select(CatalogueServiceRecord)).scalars().all()
        return {r.ipdc_id: {name: getattr(r, name) for name in names} for r in records}


# --------------------------------------------------------------------------------------------------
# Field extraction


def test_instance_fields_are_extracted_by_iri(tmp_path: Path) -> None:
    url = db_url(tmp_path)
    run(FIXTURES / "stub" / "page-0.json", url)
    service = get_service(url, SERVICE_A)
    assert service is not None
    assert service.kind == "instance"
    assert service.product_number == "2085"
    assert service.title_nl == "Bewonerskaart aanvragen of verlengen"  # the newer snapshot, Dutch not French
    assert service.description_nl == (
        "Met een bewonerskaart parkeert u in uw eigen straat.\n- voor inwoners van de gemeente\n"
        "- één kaart per voertuig"
    )
    assert service.competent_levels == ("lokaal",) and service.executing_level == "lokaal"
    # requirements sorted by sh:order (Woonplaats has order 0), evidence included
    assert service.conditions_text == (
        "Woonplaats\nU woont in de gemeente.\n"
        "Bewijs: Uw identiteitskaart en het inschrijvingsbewijs van het voertuig.\n\n"
        "Voertuig\nHet voertuig staat op uw naam."
    )
    assert service.procedure_text == (
        "Aanvraag\nVraag de kaart aan via het e-loket (https://www.gemeente.example/e-loket) "
        "of aan het loket.\n"
        "Website: E-loket: https://www.gemeente.example/e-loket"
    )
    assert service.costs_text == "Prijs\nDe eerste kaart is gratis. Een tweede kaart kost 50 euro per jaar."
    assert service.phones == ("+32 9 123 45 67",)
    assert service.emails == ("mobiliteit@gemeente.example",)
    assert service.addresses == ("Marktplein 1 bus A, 9000 Gent",)
    assert service.websites == (
        {"url": "https://www.gemeente.example/parkeren", "title": "Parkeren in de gemeente"},
        {"url": "https://www.gemeente.example/mobiliteit", "title": None},
    )
    assert service.themes == ("MobiliteitOpenbaarVervoer",) and service.target_audiences == ("Burger",)
    assert service.service_type == "Toelating"
    assert service.generated_at == dt.datetime(2024, 2, 20, 7, 32, 10, 377123)  # nanoseconds truncated
    assert service.source_page.endswith("page-1.json")
    assert service.imported_at == FIRST_RUN
    assert not service.withdrawn


def test_flemish_language_variant_wins_over_french(tmp_path: Path) -> None:
    url = db_url(tmp_path)
    run(FIXTURES / "stub" / "page-0.json", url)
    service = get_service(url, SERVICE_B)
    assert service is not None
    assert service.title_nl == "Groeipakket: je startbedrag aanvragen"  # tagged nl-BE-x-informal; fr ignored
    assert service.description_nl == "Je krijgt een startbedrag bij de geboorte van je kind."
    assert (service.competent_level, service.executing_level) == ("vlaams", "derden")
    assert service.phones == ("1700",) and service.addresses == ()


def test_concept_snapshots(tmp_path: Path) -> None:
    url = db_url(tmp_path)
    report = run(FIXTURES / "concept" / "page-0.json", url)
    assert (
        report.members == 4
        and report.created == 2
        and report.pages == [str(FIXTURES / "concept" / "page-0.json")]
    )
    concept = get_service(url, CONCEPT_E)
    assert concept is not None and concept.kind == "concept"
    assert concept.title_nl == "Akte van Belgische nationaliteit"  # plain "nl" beats the generated variants
    assert concept.product_number == "1502"
    assert concept.competent_levels == ("federaal", "europees")
    assert concept.executing_levels == ("lokaal", "derden")
    assert concept.conditions_text.startswith("Wie kan een afschrift aanvragen?\n- uzelf\n- uw wettelijke")
    assert (
        "Website: Mijn Burgerprofiel: https://www.vlaanderen.be/mijn-burgerprofiel" in concept.procedure_text
    )
    assert concept.costs_text == "Bedrag\nDe aanvraag en het attest zijn gratis."
    assert concept.websites[0]["title"] == "Belgische nationaliteit"
    # snapshotType Delete withdraws the concept; the Update listed after it is older and ignored
    deleted = get_service(url, CONCEPT_F)
    assert deleted is not None and deleted.withdrawn and deleted.title_nl == "Concept 1 edited"
    assert report.older == 1 and report.withdrawn == 1


# --------------------------------------------------------------------------------------------------
# Context-driven key resolution


def test_stub_and_model_key_names_import_identically(tmp_path: Path) -> None:
    stub_text = (FIXTURES / "stub" / "page-0.json").read_text(encoding="utf-8")
    model_text = (FIXTURES / "model" / "page-0.json").read_text(encoding="utf-8")
    # The two fixtures really use different local key names ...
    for stub_key, model_key in (
        ("contactPunten", "contactgegevens"),
        ("telefoon", "telefoonnummer"),
        ("adressen", "adres"),
        ("titel", "naam"),
        ("meerInfo", "websites"),
    ):
        assert f'"{stub_key}"' in stub_text and f'"{stub_key}"' not in model_text
        assert f'"{model_key}"' in model_text
    # ... but their contexts map them to the same IRIs, so the stored services are identical.
    stub_url, model_url = db_url(tmp_path, "stub"), db_url(tmp_path, "model")
    stub_report = run(FIXTURES / "stub" / "page-0.json", stub_url)
    model_report = run(FIXTURES / "model" / "page-0.json", model_url)
    ignore = {"id", "source_page", "imported_at"}
    stub_rows = {k: {c: v for c, v in row.items() if c not in ignore} for k, row in rows(stub_url).items()}
    model_rows = {k: {c: v for c, v in row.items() if c not in ignore} for k, row in rows(model_url).items()}
    assert set(stub_rows) == {SERVICE_A, SERVICE_B, SERVICE_C, SERVICE_D}
    assert stub_rows == model_rows
    assert json.loads(stub_rows[SERVICE_A]["phones"]) == ["+32 9 123 45 67"]
    assert json.loads(model_rows[SERVICE_A]["addresses"]) == ["Marktplein 1 bus A, 9000 Gent"]
    counts = ("members", "created", "updated", "withdrawn", "unchanged", "older", "skipped")
    assert [getattr(stub_report, c) for c in counts] == [getattr(model_report, c) for c in counts]


def test_unknown_remote_context_is_never_fetched_when_disabled(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="InstanceJsonLdContext.jsonld is not available locally"):
        run(FIXTURES / "stub" / "page-0.json", db_url(tmp_path), contexts={})


# --------------------------------------------------------------------------------------------------
# Paging, idempotency, ordering, withdrawal


def test_paging_follows_relations_once(tmp_path: Path) -> None:
    report = run(FIXTURES / "stub" / "page-0.json", db_url(tmp_path))
    # page-1 links back to page-0 (LessThanRelation, as in the real stub): read once, no loop
    assert report.pages == [str(FIXTURES / "stub" / "page-0.json"), str(FIXTURES / "stub" / "page-1.json")]
    assert report.members == 8 and report.skipped == 0 and not report.truncated
    assert (report.created, report.updated, report.withdrawn, report.older) == (4, 1, 2, 1)


def test_max_pages_bounds_the_walk(tmp_path: Path) -> None:
    url = db_url(tmp_path)
    report = run(FIXTURES / "stub" / "page-0.json", url, max_pages=1)
    assert report.pages == [str(FIXTURES / "stub" / "page-0.json")]
    assert report.truncated and any("Stopped after 1 page" in w for w in report.warnings)
    assert get_service(url, SERVICE_A).title_nl == "Bewonerskaart aanvragen"
    with pytest.raises(CatalogueError, match="max_pages"):
        run(FIXTURES / "stub" / "page-0.json", url, max_pages=0)


def test_reimport_is_idempotent(tmp_path: Path) -> None:
    url = db_url(tmp_path)
    run(FIXTURES / "stub" / "page-0.json", url)
    before = rows(url)
    again = run(FIXTURES / "stub" / "page-0.json", url, now=lambda: SECOND_RUN)
    assert (again.created, again.updated, again.withdrawn) == (0, 0, 0)
    assert again.unchanged == 4 and again.older == 4
    assert rows(url) == before  # nothing rewritten, not even imported_at


def test_older_snapshot_does_not_overwrite_newer(tmp_path: Path) -> None:
    url = db_url(tmp_path)
    run(FIXTURES / "stub" / "page-0.json", url)
    # within one import: B's older snapshot on page-1 lost against page-0's newer one
    assert get_service(url, SERVICE_B).title_nl == "Groeipakket: je startbedrag aanvragen"
    before = rows(url)
    report = run(FIXTURES / "stub" / "older.json", url, now=lambda: SECOND_RUN)
    assert report.older == 2 and report.updated == 0 and report.created == 0
    assert rows(url) == before
    service_a = get_service(url, SERVICE_A)
    assert service_a.title_nl == "Bewonerskaart aanvragen of verlengen"
    # an older live snapshot does not resurrect a service withdrawn by a newer tombstone
    assert get_service(url, SERVICE_D).withdrawn


def test_archived_and_tombstoned_services_are_withdrawn(tmp_path: Path) -> None:
    url = db_url(tmp_path)
    run(FIXTURES / "stub" / "page-0.json", url)
    archived = get_service(url, SERVICE_C)  # "gearchiveerd": "true" (ipdc-lpdc#isArchived)
    assert archived.withdrawn and archived.title_nl == "Evenementenvergunning aanvragen"
    assert archived.competent_level == "provinciaal"
    tombstone = get_service(url, SERVICE_D)  # @type as:Delete, no content: earlier content is kept
    assert tombstone.withdrawn
    assert tombstone.title_nl == "Identiteitskaart aanvragen"
    assert (tombstone.competent_level, tombstone.executing_level) == ("federaal", "lokaal")
    assert tombstone.generated_at == dt.datetime(2024, 3, 5, 11, 0)  # +01:00 normalised to UTC
    assert tombstone.snapshot_id.endswith("d2000000-0000-4000-8000-000000000008")


def test_withdrawn_service_comes_back_with_a_newer_live_snapshot(tmp_path: Path) -> None:
    url = db_url(tmp_path)
    run(FIXTURES / "stub" / "page-0.json", url)
    page = json.loads((FIXTURES / "stub" / "older.json").read_text(encoding="utf-8"))
    revived = page["member"][1]
    revived["generatedAtTime"] = "2024-04-01T00:00:00Z"
    revived["@id"] += "-revived"
    page["member"] = [revived]
    path = tmp_path / "revived.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    report = run(path, url, now=lambda: SECOND_RUN)
    assert report.updated == 1
    service = get_service(url, SERVICE_D)
    assert not service.withdrawn and service.title_nl.startswith("Identiteitskaart (oude versie")
    assert service.imported_at == SECOND_RUN


def test_get_service_lookups(tmp_path: Path) -> None:
    url = db_url(tmp_path)
    assert get_service(url, SERVICE_A) is None  # empty database, table created on demand
    run(FIXTURES / "stub" / "page-0.json", url)
    assert get_service(url, "5c7a3e1e-1f0b-4c2d-9a61-2f4f0c1a0a01").ipdc_id == SERVICE_A  # bare UUID
    assert get_service(url, PS + "unknown") is None
    assert get_service(url, "") is None


# --------------------------------------------------------------------------------------------------
# Level mapping, dates


@pytest.mark.parametrize(
    ("value", "level"),
    [
        ("https://productencatalogus.data.vlaanderen.be/id/concept/BevoegdBestuursniveau/Vlaams", "vlaams"),
        (
            "https://productencatalogus.data.vlaanderen.be/id/concept/UitvoerendBestuursniveau/Derden",
            "derden",
        ),
        (
            "https://productencatalogus.data.vlaanderen.be/id/concept/BevoegdBestuursniveau/Europees",
            "europees",
        ),
        ("Federaal", "federaal"),
        ("Lokaal", "lokaal"),
        ("provinciaal", "provinciaal"),
        ("Vlaamse overheid", "vlaams"),
        ("https://example.org/levels#Lokaal", "lokaal"),
        ("https://productencatalogus.data.vlaanderen.be/id/concept/BevoegdBestuursniveau/Gemeentelijk", None),
        ("", None),
    ],
)
def test_level_mapping(value: str, level: str | None) -> None:
    assert map_level(value) == level


def test_all_levels_seen_in_fixtures(tmp_path: Path) -> None:
    url = db_url(tmp_path)
    run(FIXTURES / "stub" / "page-0.json", url)
    run(FIXTURES / "concept" / "page-0.json", url)
    seen = set()
    for row in rows(url).values():
        for column in ("competent_level", "executing_level"):
            seen.update((row[column] or "").split(","))
    assert seen - {""} == {"lokaal", "provinciaal", "vlaams", "federaal", "europees", "derden"}


def test_parse_datetime() -> None:
    assert parse_datetime("2023-07-12T11:40:20.026205561Z") == dt.datetime(2023, 7, 12, 11, 40, 20, 26205)
    assert parse_datetime("2024-03-05T12:00:00+01:00") == dt.datetime(2024, 3, 5, 11, 0)
    assert parse_datetime("2024-03-05") == dt.datetime(2024, 3, 5)
    assert parse_datetime("gisteren") is None and parse_datetime(None) is None


# --------------------------------------------------------------------------------------------------
# File errors and link policy


def test_malformed_json_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as error:
        run(FIXTURES / "broken" / "malformed.json", db_url(tmp_path))
    message = str(error.value)
    assert "malformed.json" in message and "invalid JSON at line" in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="Catalogue file not found: .*nope.json"):
        run(tmp_path / "nope.json", db_url(tmp_path))


def test_broken_linked_page_keeps_earlier_pages(tmp_path: Path) -> None:
    folder = tmp_path / "stream"
    folder.mkdir()
    shutil.copy(FIXTURES / "stub" / "page-0.json", folder / "page-0.json")
    (folder / "page-1.json").write_text('{"member": [', encoding="utf-8")
    url = db_url(tmp_path)
    with pytest.raises(CatalogueError, match=r"page-1\.json: invalid JSON") as error:
        run(folder / "page-0.json", url)
    assert error.value.report is not None and error.value.report.pages == [str(folder / "page-0.json")]
    assert get_service(url, SERVICE_A).title_nl == "Bewonerskaart aanvragen"  # page-0 was committed


def test_file_import_does_not_follow_remote_or_outside_links(tmp_path: Path) -> None:
    folder = tmp_path / "stream"
    folder.mkdir()
    page = json.loads((FIXTURES / "stub" / "page-0.json").read_text(encoding="utf-8"))
    page["view"]["relation"] = [
        {"node": "http://instancesnapshot-ldes-stub/doc/instancesnapshot?pageNumber=1"},
        {"node": "../outside.json"},
    ]
    (folder / "page-0.json").write_text(json.dumps(page), encoding="utf-8")
    (tmp_path / "outside.json").write_text("{}", encoding="utf-8")
    report = run(folder / "page-0.json", db_url(tmp_path))  # the autouse fixture fails on any HTTP request
    assert len(report.pages) == 1
    assert any("only follows links to files" in w for w in report.warnings)
    assert any("outside the folder" in w for w in report.warnings)


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


def fixture_json(*parts: str) -> Any:
    return json.loads(FIXTURES.joinpath(*parts).read_text(encoding="utf-8"))


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


# --------------------------------------------------------------------------------------------------
# The JSON-LD processor itself


def test_jsonld_vocab_aliases_curies_lists_and_language_values() -> None:
    document = {
        "@context": {
            "@vocab": "http://example.org/vocab#",
            "@language": "nl",
            "ex": "http://example.org/ns#",
            "id": "@id",
            "type": "@type",
            "naam": {"@id": "ex:name", "@container": "@language"},
            "stappen": {"@id": "ex:steps", "@container": "@list"},
            "genegeerd": None,
        },
        "id": "http://example.org/a",
        "type": "ex:Thing",
        "kleur": "rood",
        "naam": {"nl": "Hallo", "FR": "Bonjour"},
        "stappen": ["een", "twee"],
        "ex:extra": [{"@value": "Salut", "@language": "FR"}, {"@value": 3}],
        "genegeerd": "weg",
    }
    [node] = jsonld.expand(document)
    assert node["@id"] == "http://example.org/a"
    assert node["@type"] == ["http://example.org/ns#Thing"]
    assert node["http://example.org/vocab#kleur"] == [{"@value": "rood", "@language": "nl"}]
    assert node["http://example.org/ns#name"] == [
        {"@value": "Bonjour", "@language": "fr"},
        {"@value": "Hallo", "@language": "nl"},
    ]
    assert node["http://example.org/ns#steps"] == [
        {"@list": [{"@value": "een", "@language": "nl"}, {"@value": "twee", "@language": "nl"}]}
    ]
    assert node["http://example.org/ns#extra"] == [{"@value": "Salut", "@language": "fr"}, {"@value": 3}]
    assert not any("genegeerd" in key for key in node)
    assert jsonld.values(node, "http://example.org/ns#steps")[1] == {"@value": "twee", "@language": "nl"}


def test_jsonld_scoped_contexts_base_and_type_scope_propagation() -> None:
    document = {
        "@context": {
            "ex": "http://example.org/ns#",
            "naam": "ex:name",
            "bewoner": "ex:resident",
            "niveau": {
                "@id": "ex:level",
                "@type": "@id",
                "@context": {"@base": "http://example.org/levels/"},
            },
            "kinderen": {"@id": "ex:children", "@context": {"naam": "ex:childName"}},
            "Adres": {"@id": "ex:Address", "@context": {"naam": "ex:street"}},
        },
        "@type": "Adres",
        "naam": "Markt",
        "niveau": ["Lokaal"],
        "bewoner": {"naam": "Jan", "kinderen": [{"naam": "Mia", "kinderen": {"naam": "Lou"}}]},
    }
    [node] = jsonld.expand(document, base_url="file:///tmp/page.json")
    assert node["http://example.org/ns#street"] == [{"@value": "Markt"}]  # type-scoped term
    assert node["http://example.org/ns#level"] == [
        {"@id": "http://example.org/levels/Lokaal"}
    ]  # scoped @base
    [resident] = node["http://example.org/ns#resident"]
    assert resident["http://example.org/ns#name"] == [{"@value": "Jan"}]  # type scope does not propagate
    [child] = resident["http://example.org/ns#children"]
    assert child["http://example.org/ns#childName"] == [{"@value": "Mia"}]  # property scope does propagate
    assert child["http://example.org/ns#children"][0]["http://example.org/ns#childName"] == [
        {"@value": "Lou"}
    ]


def test_jsonld_remote_contexts_go_through_the_loader() -> None:
    documents = {
        "https://ctx.example/a.jsonld": {"@context": ["b.jsonld", {"naam": "ex:name"}]},
        "https://ctx.example/b.jsonld": {"@context": {"ex": "http://example.org/ns#"}},
        "https://ctx.example/loop.jsonld": {"@context": "loop.jsonld"},
    }
    loaded: list[str] = []

    def loader(url: str) -> Any:
        loaded.append(url)
        return copy.deepcopy(documents[url])

    [node] = jsonld.expand({"@context": "https://ctx.example/a.jsonld", "naam": "x"}, loader=loader)
    assert node == {"http://example.org/ns#name": [{"@value": "x"}]}
    assert loaded == ["https://ctx.example/a.jsonld", "https://ctx.example/b.jsonld"]
    with pytest.raises(jsonld.JsonLdError, match="Cyclical @context"):
        jsonld.expand({"@context": "https://ctx.example/loop.jsonld", "a": 1}, loader=loader)
    with pytest.raises(jsonld.JsonLdError, match="no context loader"):
        jsonld.expand({"@context": "https://ctx.example/a.jsonld"})


def test_jsonld_invalid_context_becomes_catalogue_error(tmp_path: Path) -> None:
    page = fixture_json("stub", "page-0.json")
    page["@context"] = {"naam": {"@id": 42}}
    path = tmp_path / "bad-context.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"bad-context\.json: JSON-LD problem: invalid IRI mapping"):
        run(path, db_url(tmp_path))
