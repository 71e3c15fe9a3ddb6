"""IPDC/LPDC catalogue import (LDES pages in JSON-LD) and the small JSON-LD processor. Offline only."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from bot.catalogue import (
    CatalogueError,
    get_service,
    map_level,
    parse_datetime,
)
from tests.bot.catalogue.catalogue_fixtures import (
    CONCEPT_E,
    CONCEPT_F,
    FIRST_RUN,
    FIXTURES,
    PS,
    SECOND_RUN,
    SERVICE_A,
    SERVICE_B,
    SERVICE_C,
    SERVICE_D,
    db_url,
    rows,
    run,
)

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
