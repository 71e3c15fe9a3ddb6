"""The service-point data validator on broken copies: every problem named with its file and line."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.places.municipalities import PlaceIndex, load_places
from bot.places.service_points import (
    DEFAULT_PATH,
    ServicePoint,
    ServicePointsError,
    load_service_points,
    validate_service_points,
)

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
    broken = text.replace('nis_code: "71016"', 'nis_code: "71022"', 1)  # Genk -> Hasselt's code before 2025
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
