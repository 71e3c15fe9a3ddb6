"""Tests for the local service points (data/places/service_points.yml) and bot/places/service_points.py."""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.places.municipalities import PlaceIndex, load_places
from bot.places.service_points import (
    DEFAULT_PATH,
    KINDS,
    ServicePoint,
    ServicePointsError,
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
def test_every_centrumstad_has_a_sociaal_huis_or_gemeentehuis(city: str, nis_code: str) -> None:
    kinds = {p.kind for p in service_points_for(nis_code) if p.nis_code == nis_code}
    assert kinds & {"sociaal_huis", "gemeentehuis"}, f"{city} has no sociaal_huis or gemeentehuis"


def test_most_centrumsteden_have_both_basic_kinds() -> None:
    both = [
        city
        for city, code in CENTRUMSTEDEN.items()
        if {"sociaal_huis", "gemeentehuis"} <= {p.kind for p in service_points_for(code)}
    ]
    assert len(both) >= 12, both


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


def test_regional_point_serves_the_listed_municipalities() -> None:
    for code in ("36008", "36007", "36010", "37010", "37017"):
        assert [p.id for p in service_points_for(code, "energiehuis")] == ["izegem_energiehuis"]
    assert all(p.id != "izegem_energiehuis" for p in service_points_for("36015"))


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
    assert with_points >= 13


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


# -- the validator on broken copies ---------------------------------------------------


def _entry(**overrides: Any) -> dict[str, Any]:
    entry = {
        "id": "gent_ocmw",
        "nis_code": "44021",
        "municipality": "Gent",
        "kind": "sociaal_huis",
        "name": "OCMW Gent",
        "phone": "09 266 99 11",
        "url": "https://stad.gent/nl",
        "source_url": "https://stad.gent/nl/bron",
        "checked_on": CHECKED_ON,
    }
    entry.update(overrides)
    return entry


@pytest.fixture
def valid_doc() -> dict[str, Any]:
    return {
        "service_points": [
            _entry(),
            _entry(
                id="izegem_energiehuis",
                nis_code="36008",
                municipality="Izegem",
                kind="energiehuis",
                name="Energiehuis",
                serves_nis_codes=["36008", "37017"],
                more_source_urls=["https://kw.be/bron"],
            ),
        ]
    }


def write_doc(directory: Path, data: Any) -> Path:
    path = directory / "service_points.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems_for(tmp_path: Path, data: Any) -> list[str]:
    return [str(p) for p in validate_service_points(write_doc(tmp_path, data))]


def test_valid_copy_has_no_problems(tmp_path: Path, valid_doc: dict) -> None:
    assert problems_for(tmp_path, valid_doc) == []
    loaded = load_service_points(write_doc(tmp_path, valid_doc))
    assert [p.id for p in loaded] == ["gent_ocmw", "izegem_energiehuis"]
    assert loaded[1].serves("37017") and not loaded[0].serves("37017")


Breaker = Callable[[dict], Any]
BREAKS: list[tuple[Breaker, str]] = [
    (
        lambda d: d["service_points"][1].update(id="gent_ocmw"),
        "service_points[1].id: duplicate id 'gent_ocmw' (also service_points[0])",
    ),
    (
        lambda d: d["service_points"][0].update(id="Gent OCMW"),
        "service_points[0].id: 'Gent OCMW' is not a snake_case id",
    ),
    (
        lambda d: d["service_points"][0].update(kind="bibliotheek"),
        "service_points[0].kind: 'bibliotheek' is not one of sociaal_huis, gemeentehuis",
    ),
    (lambda d: d["service_points"][0].pop("kind"), "service_points[0].kind: is required"),
    (
        lambda d: d["service_points"][0].update(nis_code="99999"),
        "service_points[0].nis_code: '99999' is not a municipality in municipalities.json",
    ),
    (
        lambda d: d["service_points"][0].update(nis_code="71022", municipality="Hasselt"),
        "service_points[0].nis_code: '71022' is not a municipality",
    ),  # Hasselt's pre-2025 code
    (
        lambda d: d["service_points"][0].update(nis_code=44021),
        "service_points[0].nis_code: 44021 must be a quoted text",
    ),
    (
        lambda d: d["service_points"][0].update(nis_code="4402"),
        "service_points[0].nis_code: '4402' is not a 5-digit NIS code",
    ),
    (
        lambda d: d["service_points"][0].update(municipality="Antwerpen"),
        "service_points[0].municipality: 'Antwerpen' does not match nis_code 44021 ('Gent')",
    ),
    (lambda d: d["service_points"][0].pop("name"), "service_points[0].name: is required"),
    (
        lambda d: d["service_points"][0].update(phone=1700),
        "service_points[0].phone: 1700 must be a non-empty text",
    ),
    (
        lambda d: d["service_points"][0].update(address=""),
        "service_points[0].address: '' must be a non-empty text",
    ),
    (
        lambda d: d["service_points"][0].update(url="www.gent.be"),
        "service_points[0].url: 'www.gent.be' is not a well-formed http(s) URL",
    ),
    (
        lambda d: d["service_points"][0].update(url="ftp://gent.be/ocmw"),
        "service_points[0].url: 'ftp://gent.be/ocmw' is not a well-formed http(s) URL",
    ),
    (
        lambda d: d["service_points"][0].pop("source_url"),
        "service_points[0].source_url: is required: every fact needs a source",
    ),
    (
        lambda d: d["service_points"][0].update(source_url="stad.gent"),
        "service_points[0].source_url: 'stad.gent' is not a well-formed http(s) URL",
    ),
    (
        lambda d: d["service_points"][1].update(more_source_urls=["nope"]),
        "service_points[1].more_source_urls[0]: 'nope' is not a well-formed http(s) URL",
    ),
    (lambda d: d["service_points"][0].pop("checked_on"), "service_points[0].checked_on: is required"),
    (
        lambda d: d["service_points"][0].update(checked_on="gisteren"),
        "service_points[0].checked_on: 'gisteren' is not a date (YYYY-MM-DD)",
    ),
    (
        lambda d: d["service_points"][0].update(telefoon="09 123"),
        "service_points[0].telefoon: unknown key 'telefoon'",
    ),
    (
        lambda d: d["service_points"][1].update(serves_nis_codes=["36008", "99999"]),
        "service_points[1].serves_nis_codes[1]: '99999' is not a municipality",
    ),
    (
        lambda d: d["service_points"][1].update(serves_nis_codes=["36008", "36008"]),
        "service_points[1].serves_nis_codes[1]: duplicate NIS code '36008'",
    ),
    (
        lambda d: d["service_points"][1].update(serves_nis_codes="36008"),
        "service_points[1].serves_nis_codes: must be a non-empty list",
    ),
    (lambda d: d.update(gemeenten=[]), "gemeenten: unknown top-level key 'gemeenten'"),
    (lambda d: d.update(service_points=[]), "service_points: must be a non-empty list"),
    (lambda d: d["service_points"].append("OCMW Gent"), "service_points[2]: must be a mapping"),
]


@pytest.mark.parametrize("breaks, expected", BREAKS)
def test_each_kind_of_error_is_reported(
    tmp_path: Path, valid_doc: dict, breaks: Breaker, expected: str
) -> None:
    data = copy.deepcopy(valid_doc)
    breaks(data)
    problems = problems_for(tmp_path, data)
    assert any(expected in problem for problem in problems), problems


def test_several_errors_are_all_reported(tmp_path: Path, valid_doc: dict) -> None:
    valid_doc["service_points"][0].update(kind="bibliotheek", url="www.x.be")
    valid_doc["service_points"][1].pop("source_url")
    assert len(problems_for(tmp_path, valid_doc)) == 3


def test_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert any("must contain a mapping" in p for p in problems_for(tmp_path, ["a", "b"]))


def test_invalid_yaml_is_reported_with_line(tmp_path: Path) -> None:
    path = tmp_path / "service_points.yml"
    path.write_text("service_points:\n  - id: x\n    name: [unclosed\n", encoding="utf-8")
    [problem] = validate_service_points(path)
    assert problem.file == path and problem.line is not None
    assert "invalid YAML" in problem.reason


def test_problem_in_real_file_copy_names_file_and_line(tmp_path: Path) -> None:
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    broken = text.replace("    kind: energiehuis\n", "    kind: windmolen\n", 1)
    assert broken != text
    path = tmp_path / "service_points.yml"
    path.write_text(broken, encoding="utf-8")
    [problem] = validate_service_points(path)
    assert problem.file == path
    assert path.read_text(encoding="utf-8").splitlines()[problem.line - 1].strip() == "kind: windmolen"
    assert str(problem).startswith(f"{path}:{problem.line}: service_points[")
    assert str(problem).endswith(
        "kind: 'windmolen' is not one of sociaal_huis, gemeentehuis, huis_van_het_kind, energiehuis"
    )


def test_real_file_copy_with_wrong_nis_code_is_caught(tmp_path: Path) -> None:
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    broken = text.replace('nis_code: "71072"', 'nis_code: "71022"', 1)  # Hasselt before 2025
    path = tmp_path / "service_points.yml"
    path.write_text(broken, encoding="utf-8")
    [problem] = validate_service_points(path)
    assert "'71022' is not a municipality" in problem.reason
    assert path.read_text(encoding="utf-8").splitlines()[problem.line - 1].strip() == 'nis_code: "71022"'


def test_loading_a_broken_file_raises_with_every_problem(tmp_path: Path, valid_doc: dict) -> None:
    valid_doc["service_points"][0]["kind"] = "bibliotheek"
    valid_doc["service_points"][1]["checked_on"] = "ooit"
    with pytest.raises(ServicePointsError) as caught:
        load_service_points(write_doc(tmp_path, valid_doc))
    assert len(caught.value.problems) == 2
    assert "2 problem(s)" in str(caught.value)
