"""Tests for the local service points (data/places/service_points.yml) and bot/places/service_points.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys

import pytest

from bot.places.municipalities import PlaceIndex, load_places
from bot.places.service_points import (
    DEFAULT_PATH,
    KINDS,
    ServicePoint,
    contacts_for,
    fallback_contact,
    load_service_points,
    service_points_for,
    validate_service_points,
)
from bot.settings import REPO_ROOT  # noqa: E402

CHECKED_ON = dt.date(2026, 11, 28)

# The 13 Flemish centrumsteden with their 2025 NIS codes (Hasselt changed to 71072 in 2025).
CENTRUMSTEDEN = {
    "Aalst": "41002",
    "Antwerpen": "11002",
    "Brugge": "31005",
    "Genk": "71016",
    "Gent": "44021",
    "Hasselt": "71072",
    "Kortrijk": "34022",
    "Leuven": "24062",
    "Mechelen": "12025",
    "Oostende": "35013",
    "Roeselare": "36015",
    "Sint-Niklaas": "46021",
    "Turnhout": "13040",
}


@pytest.fixture(scope="module")
def places() -> PlaceIndex:
    return load_places()


@pytest.fixture(scope="module")
def points() -> tuple[ServicePoint, ...]:
    return load_service_points()


# -- the shipped data -----------------------------------------------------------


def test_data_file_is_where_expected_and_valid() -> None:
    assert DEFAULT_PATH == REPO_ROOT / "data" / "places" / "service_points.yml"
    assert validate_service_points() == []


@pytest.mark.parametrize("city, nis_code", sorted(CENTRUMSTEDEN.items()))
def test_centrumstad_nis_code_matches_municipalities_json(
    places: PlaceIndex, city: str, nis_code: str
) -> None:
    resolved = places.resolve(city)
    assert resolved is not None and resolved.municipality.nis_code == nis_code
    assert resolved.in_flanders


@pytest.mark.parametrize("city, nis_code", sorted(CENTRUMSTEDEN.items()))
def test_every_centrumstad_gets_its_own_sourced_office_or_the_general_fallback(
    city: str, nis_code: str
) -> None:
    """Entries that rested only on news or party sites were dropped (issue 15): such a city gets
    the general "gemeentehuis / OCMW of uw gemeente, bel 1700" text instead of a stale address."""
    for kind in ("sociaal_huis", "gemeentehuis"):
        answer = contacts_for(nis_code, kind=kind)
        own = [p for p in answer["service_points"] if p.nis_code == nis_code]
        assert own or (answer["fallback"] and city in answer["fallback"]["text"]), (city, kind)


NEWS_AND_PARTY_SITES = (
    "hln.be",
    "nieuwsblad.be",
    "standaard.be",
    "gva.be",
    "hbvl.be",
    "vrt.be",
    "tijd.be",
    "knack.be",
    "demorgen.be",
    "focus-wtv.be",
    "tvl.be",
    "atv.be",
    "robtv.be",
    "n-va.be",
    "cdenv.be",
    "vooruit.org",
    "groen.be",
    "openvld.be",
    "vlaamsbelang.org",
    "pvda.be",
    "wordpress.com",
    "blogspot.com",
)


def test_no_service_point_rests_on_news_a_party_website_or_a_third_party_host(
    points: tuple[ServicePoint, ...],
) -> None:
    from urllib.parse import urlparse

    for point in points:
        for url in (point.source_url, *point.more_source_urls):
            host = (urlparse(url).hostname or "").removeprefix("www.")
            assert not any(host == site or host.endswith("." + site) for site in NEWS_AND_PARTY_SITES), (
                point.id,
                url,
            )


def test_every_entry_is_sourced_and_dated(points: tuple[ServicePoint, ...]) -> None:
    for point in points:
        assert point.source_url.startswith(("https://", "http://")), point.id
        assert all(url.startswith(("https://", "http://")) for url in point.more_source_urls), point.id
        assert point.checked_on == CHECKED_ON, point.id
        assert point.name.strip(), point.id


def test_nis_codes_and_names_match_municipalities_json(
    points: tuple[ServicePoint, ...], places: PlaceIndex
) -> None:
    for point in points:
        municipality = places.get(point.nis_code)
        assert municipality is not None, point.id
        assert municipality.name_nl == point.municipality, point.id
        assert municipality.in_flanders, point.id
        for code in point.serves_nis_codes:
            assert places.get(code) is not None and places.get(code).in_flanders, (point.id, code)


def test_ids_are_unique_and_kinds_known(points: tuple[ServicePoint, ...]) -> None:
    ids = [p.id for p in points]
    assert len(ids) == len(set(ids))
    assert {p.kind for p in points} <= set(KINDS)


def test_optional_fields_are_texts_when_present(points: tuple[ServicePoint, ...]) -> None:
    for point in points:
        for value in (point.address, point.phone, point.opening_hours, point.note):
            assert value is None or (isinstance(value, str) and value.strip()), point.id
        assert point.url is None or point.url.startswith("https://"), point.id


# -- look-up -----------------------------------------------------------------------


def test_service_points_for_filters_by_kind() -> None:
    [ocmw] = service_points_for("44021", kind="sociaal_huis")
    assert ocmw.id == "gent_ocmw" and ocmw.phone == "09 266 99 11"
    assert all(p.kind == "gemeentehuis" for p in service_points_for("44021", "gemeentehuis"))


def test_service_points_are_ordered_by_kind() -> None:
    kinds = [p.kind for p in service_points_for("71016")]
    assert kinds == sorted(kinds, key=KINDS.index)
    assert kinds[0] == "sociaal_huis"


def test_unknown_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown kind 'bibliotheek'"):
        service_points_for("44021", kind="bibliotheek")


def test_regional_point_serves_the_listed_municipalities(points: tuple[ServicePoint, ...]) -> None:
    regional = dataclasses.replace(points[0], nis_code="36008", serves_nis_codes=("36007", "36010"))
    assert regional.serves("36008") and regional.serves("36007") and regional.serves("36010")
    assert not regional.serves("36015")


def test_municipality_without_data_gets_no_points() -> None:
    assert service_points_for("11001") == []  # Aartselaar


# -- the fallback ------------------------------------------------------------------

FALLBACK_KEYS = {
    "municipality",
    "kind",
    "text",
    "phone",
    "phone_label",
    "phone_hours",
    "huizen_van_het_kind_url",
    "source_url",
    "more_source_urls",
    "checked_on",
}


def test_fallback_contains_only_general_true_facts() -> None:
    fallback = fallback_contact("Aartselaar")
    assert set(fallback) == FALLBACK_KEYS
    assert fallback["municipality"] == "Aartselaar"
    assert fallback["phone"] == "1700"
    assert "Bel gratis 1700" in fallback["text"] and "Aartselaar" in fallback["text"]
    assert "address" not in fallback and "url" not in fallback
    assert fallback["source_url"].startswith("https://")
    assert fallback["checked_on"] == CHECKED_ON.isoformat()


def test_fallback_for_a_kind_names_that_kind() -> None:
    text = fallback_contact("Gent", kind="energiehuis")["text"]
    assert "het Energiehuis" in text and "1700" in text
    assert "huizenvanhetkind.be" in fallback_contact("Gent", kind="huis_van_het_kind")["text"]


def test_fallback_rejects_empty_name_and_unknown_kind() -> None:
    with pytest.raises(ValueError):
        fallback_contact("  ")
    with pytest.raises(ValueError):
        fallback_contact("Gent", kind="zwembad")


def test_every_flemish_municipality_gets_an_answer(places: PlaceIndex) -> None:
    flemish = places.flemish_municipalities()
    assert len(flemish) == 285
    with_points = 0
    for municipality in flemish:
        answer = contacts_for(municipality.nis_code)
        assert answer["municipality"] == municipality.name_nl
        if answer["service_points"]:
            with_points += 1
            assert answer["fallback"] is None
        else:
            assert answer["fallback"]["phone"] == "1700"
            assert municipality.name_nl in answer["fallback"]["text"]
    assert with_points >= 10  # the 13 centrumsteden minus Oostende, Hasselt and Sint-Niklaas (no own source)


def test_contacts_for_falls_back_per_kind() -> None:
    answer = contacts_for("44021", kind="huis_van_het_kind")
    assert answer["service_points"] == []
    assert answer["fallback"]["kind"] == "huis_van_het_kind"
    assert contacts_for("44021", kind="sociaal_huis")["fallback"] is None


def test_contacts_for_unknown_nis_code() -> None:
    with pytest.raises(KeyError):
        contacts_for("99999")


def test_module_does_not_import_rasa() -> None:
    code = (
        "import sys, bot.places.service_points; "
        "sys.exit(any(m == 'rasa' or m.startswith('rasa.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT).returncode == 0
