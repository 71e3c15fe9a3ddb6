"""Local service points per municipality, with a truthful fallback for all others.

The data lives in ``data/places/service_points.yml``: for the 13 Flemish
centrumsteden (and a few regional points) the sociaal huis / OCMW, the
gemeentehuis or stadskantoor, the Huis van het Kind and the Energiehuis, each
with only the facts a source states and the ``source_url`` that states them.

For every other municipality :func:`fallback_contact` gives the one contact
that is true everywhere in Flanders: the free information line 1700 of the
Flemish government. It never invents an address, phone number or website.

Typical use::

    from bot.places.service_points import service_points_for, fallback_contact

    service_points_for("44021", kind="sociaal_huis")   # [ServicePoint(id='gent_ocmw', ...)]
    service_points_for("11001")                        # [] -> use fallback_contact("Aartselaar")

Only the standard library and PyYAML are used; nothing here imports Rasa.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.places.municipalities import DEFAULT_PATH as MUNICIPALITIES_PATH
from bot.places.municipalities import Municipality, PlaceIndex, load_places
from bot.knowledge.validation import Problem
from bot.knowledge.yaml_lines import Path_, YamlFileError, format_path, load_with_lines

__all__ = [
    "DEFAULT_PATH",
    "FLEMISH_INFO_LINE",
    "KIND_LABELS",
    "KINDS",
    "ServicePoint",
    "ServicePointsError",
    "contacts_for",
    "fallback_contact",
    "load_service_points",
    "service_points_for",
    "validate_service_points",
]

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "places" / "service_points.yml"

KINDS: tuple[str, ...] = ("sociaal_huis", "gemeentehuis", "huis_van_het_kind", "energiehuis")
"""Allowed values of ``kind``, in the order answers list them."""

KIND_LABELS: dict[str, str] = {
    "sociaal_huis": "Sociaal Huis / OCMW",
    "gemeentehuis": "Gemeentehuis / stadskantoor",
    "huis_van_het_kind": "Huis van het Kind",
    "energiehuis": "Energiehuis",
}
"""Short Dutch label per kind, for answers."""

FIELDS = frozenset({
    "id", "nis_code", "municipality", "kind", "name", "address", "phone", "url",
    "opening_hours", "note", "serves_nis_codes", "source_url", "more_source_urls", "checked_on",
})
TOP_LEVEL_KEYS = frozenset({"service_points"})

# --- The fallback: facts that hold for every Flemish municipality -------------
# Each fact below is stated by the page next to it (read on FALLBACK_CHECKED_ON).
FLEMISH_INFO_LINE = "1700"
FLEMISH_INFO_LINE_SOURCE = (
    "https://overheid.vlaanderen.be/personeel/integriteit/1700-meldpunt-burgers-verenigingen-en-bedrijven"
)  # "1700, het gratis informatienummer van de Vlaamse overheid"
FLEMISH_INFO_LINE_HOURS = "elke werkdag van 9 tot 19 uur"
FLEMISH_INFO_LINE_HOURS_SOURCE = "https://www.vlaanderen.be/een-klacht-over-een-vlaamse-overheidsdienst"
HUIZEN_VAN_HET_KIND_URL = "https://www.huizenvanhetkind.be"
HUIZEN_VAN_HET_KIND_SOURCE = (
    "https://www.opgroeien.be/kennis/themas/huizen-van-het-kind/huis-van-het-kind-als-een-lokale-basisvoorziening"
)  # "Het overzicht van alle Huizen met contactgegevens is terug te vinden via www.huizenvanhetkind.be"
FALLBACK_CHECKED_ON = "2026-11-28"

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_NIS_RE = re.compile(r"^\d{5}$")
_URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/\S*)?$")


class ServicePointsError(Exception):
    """The service-point file is invalid; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        listing = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"The service points have {len(problems)} problem(s):\n{listing}")


@dataclass(frozen=True)
class ServicePoint:
    """One local service point, with only the facts its sources state.

    Attributes:
        id: Unique snake_case id, e.g. "gent_ocmw".
        nis_code: 2025 NIS code of the municipality where it is located.
        municipality: Dutch name of that municipality.
        kind: One of :data:`KINDS`.
        name: Name of the service point.
        source_url: Page that states the facts.
        checked_on: Date the source was read.
        address: Address as the source writes it, if a source gives it.
        phone: Phone number as the source writes it, if a source gives it.
        url: Website of the service point, if a source gives it.
        opening_hours: Opening hours in short Dutch, if a source gives them.
        note: Short Dutch clarification taken from the sources.
        serves_nis_codes: Municipalities served, when a source names them
            (regional points such as an Energiehuis).
        more_source_urls: Further pages that state some of the fields.
    """

    id: str
    nis_code: str
    municipality: str
    kind: str
    name: str
    source_url: str
    checked_on: dt.date
    address: str | None = None
    phone: str | None = None
    url: str | None = None
    opening_hours: str | None = None
    note: str | None = None
    serves_nis_codes: tuple[str, ...] = ()
    more_source_urls: tuple[str, ...] = ()

    @property
    def kind_label(self) -> str:
        """The Dutch label of :attr:`kind`, e.g. "Huis van het Kind"."""
        return KIND_LABELS[self.kind]

    def serves(self, nis_code: str) -> bool:
        """Whether this point is for residents of ``nis_code``.

        Args:
            nis_code: A 2025 NIS code.

        Returns:
            True for the municipality where it is located and for every
            municipality in :attr:`serves_nis_codes`.
        """
        return nis_code == self.nis_code or nis_code in self.serves_nis_codes

    @property
    def sources(self) -> tuple[str, ...]:
        """All source pages, the main one first."""
        return (self.source_url, *self.more_source_urls)


# --- Validation ---------------------------------------------------------------


class _Report:
    """Collects problems for one file, each with the line of the offending value."""

    def __init__(self, file: Path, lines: dict[Path_, int]) -> None:
        self.file, self.lines = file, lines
        self.problems: list[Problem] = []

    def add(self, path: Path_, reason: str) -> None:
        line = self.lines.get(path)
        probe = path
        while line is None and probe:
            probe = probe[:-1]
            line = self.lines.get(probe)
        self.problems.append(Problem(self.file, line, format_path(path), reason))

    def text(self, entry: dict, path: Path_, key: str, required: bool) -> None:
        value = entry.get(key)
        if value is None:
            if required:
                self.add(path + (key,), "is required")
        elif not isinstance(value, str) or not value.strip():
            self.add(path + (key,), f"{value!r} must be a non-empty text (quote numbers)")

    def url(self, value: Any, path: Path_) -> None:
        if not isinstance(value, str) or not _URL_RE.match(value):
            self.add(path, f"{value!r} is not a well-formed http(s) URL")

    def url_list(self, entry: dict, path: Path_, key: str) -> None:
        value = entry.get(key)
        if value is None:
            return
        if not isinstance(value, list) or not value:
            self.add(path + (key,), "must be a non-empty list of URLs")
            return
        for index, item in enumerate(value):
            self.url(item, path + (key, index))


def validate_service_points(path: Path | str = DEFAULT_PATH,
                            municipalities_path: Path | str | None = None) -> list[Problem]:
    """Checks a service-point file and returns every problem found.

    Checked: the file is a mapping with a ``service_points`` list; every entry
    has a unique snake_case id, a known kind, a quoted 2025 NIS code that exists
    in ``municipalities.json`` and a municipality name that matches it, a name,
    well-formed http(s) URLs, a ``source_url`` and a ``checked_on`` date; no
    unknown keys; optional texts are non-empty texts.

    Args:
        path: The YAML file, by default ``data/places/service_points.yml``.
        municipalities_path: The municipalities JSON, by default the vendored one.

    Returns:
        The problems, each rendered by ``str()`` as "file:line: path: reason";
        empty when the file is valid.
    """
    file = Path(path)
    try:
        data, lines = load_with_lines(file)
    except YamlFileError as error:
        return [Problem(error.file, error.line, "(root)", error.reason)]
    report = _Report(file, lines)
    places = load_places(Path(municipalities_path) if municipalities_path else MUNICIPALITIES_PATH)
    if not isinstance(data, dict):
        report.add((), "the file must contain a mapping with the key 'service_points'")
        return report.problems
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            report.add((key,), f"unknown top-level key {key!r}")
    entries = data.get("service_points")
    if not isinstance(entries, list) or not entries:
        report.add(("service_points",), "must be a non-empty list of service points")
        return report.problems
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        _check_entry(report, places, entry, ("service_points", index), seen)
    return report.problems


def _check_entry(report: _Report, places: PlaceIndex, entry: Any, path: Path_,
                 seen: dict[str, int]) -> None:
    if not isinstance(entry, dict):
        report.add(path, "must be a mapping with id, nis_code, kind, name, source_url, ...")
        return
    for key in entry:
        if key not in FIELDS:
            report.add(path + (key,), f"unknown key {key!r}")
    point_id = entry.get("id")
    if not isinstance(point_id, str) or not _ID_RE.match(point_id):
        report.add(path + ("id",), f"{point_id!r} is not a snake_case id")
    elif point_id in seen:
        report.add(path + ("id",), f"duplicate id {point_id!r} (also service_points[{seen[point_id]}])")
    else:
        seen[point_id] = path[-1]
    municipality = _check_nis_code(report, places, entry.get("nis_code"), path + ("nis_code",))
    report.text(entry, path, "municipality", required=True)
    name = entry.get("municipality")
    if municipality is not None and isinstance(name, str) and name.strip() \
            and name.strip() != municipality.name_nl:
        report.add(path + ("municipality",),
                   f"{name!r} does not match nis_code {municipality.nis_code} "
                   f"({municipality.name_nl!r})")
    kind = entry.get("kind")
    if kind is None:
        report.add(path + ("kind",), "is required")
    elif kind not in KINDS:
        report.add(path + ("kind",), f"{kind!r} is not one of {', '.join(KINDS)}")
    report.text(entry, path, "name", required=True)
    for key in ("address", "phone", "opening_hours", "note"):
        report.text(entry, path, key, required=False)
    if entry.get("url") is not None:
        report.url(entry["url"], path + ("url",))
    _check_serves(report, places, entry.get("serves_nis_codes"), path + ("serves_nis_codes",))
    if entry.get("source_url") is None:
        report.add(path + ("source_url",), "is required: every fact needs a source")
    else:
        report.url(entry["source_url"], path + ("source_url",))
    report.url_list(entry, path, "more_source_urls")
    checked_on = entry.get("checked_on")
    if checked_on is None:
        report.add(path + ("checked_on",), "is required: the date the source was read")
    elif not isinstance(checked_on, dt.date):
        try:
            dt.date.fromisoformat(str(checked_on))
        except ValueError:
            report.add(path + ("checked_on",), f"{checked_on!r} is not a date (YYYY-MM-DD)")


def _check_nis_code(report: _Report, places: PlaceIndex, value: Any,
                    path: Path_) -> Municipality | None:
    """Reports a bad NIS code and returns the municipality when it is valid."""
    if value is None:
        report.add(path, "is required")
        return None
    if not isinstance(value, str):
        report.add(path, f"{value!r} must be a quoted text such as \"44021\"")
        return None
    if not _NIS_RE.match(value):
        report.add(path, f"{value!r} is not a 5-digit NIS code")
        return None
    municipality = places.get(value)
    if municipality is None:
        report.add(path, f"{value!r} is not a municipality in municipalities.json (2025 NIS codes)")
    return municipality


def _check_serves(report: _Report, places: PlaceIndex, value: Any, path: Path_) -> None:
    if value is None:
        return
    if not isinstance(value, list) or not value:
        report.add(path, "must be a non-empty list of quoted NIS codes")
        return
    seen: set[str] = set()
    for index, code in enumerate(value):
        if _check_nis_code(report, places, code, path + (index,)) is None:
            continue
        if code in seen:
            report.add(path + (index,), f"duplicate NIS code {code!r}")
        seen.add(code)


# --- Loading and look-up -------------------------------------------------------


def load_service_points(path: Path | str = DEFAULT_PATH,
                        municipalities_path: Path | str | None = None) -> tuple[ServicePoint, ...]:
    """Validates and loads a service-point file.

    Args:
        path: The YAML file, by default ``data/places/service_points.yml``.
        municipalities_path: The municipalities JSON, by default the vendored one.

    Returns:
        The service points in file order.

    Raises:
        ServicePointsError: with every problem found, if anything is invalid.
    """
    file = Path(path)
    problems = validate_service_points(file, municipalities_path)
    if problems:
        raise ServicePointsError(problems)
    data, _ = load_with_lines(file)
    return tuple(_point(entry) for entry in data["service_points"])


def _point(entry: dict) -> ServicePoint:
    checked_on = entry["checked_on"]
    if not isinstance(checked_on, dt.date):
        checked_on = dt.date.fromisoformat(str(checked_on))
    return ServicePoint(
        id=entry["id"],
        nis_code=entry["nis_code"],
        municipality=entry["municipality"].strip(),
        kind=entry["kind"],
        name=entry["name"].strip(),
        source_url=entry["source_url"],
        checked_on=checked_on,
        address=_clean(entry.get("address")),
        phone=_clean(entry.get("phone")),
        url=entry.get("url"),
        opening_hours=_clean(entry.get("opening_hours")),
        note=_clean(entry.get("note")),
        serves_nis_codes=tuple(entry.get("serves_nis_codes") or ()),
        more_source_urls=tuple(entry.get("more_source_urls") or ()),
    )


def _clean(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else None


@lru_cache(maxsize=4)
def _cached(path: Path) -> tuple[ServicePoint, ...]:
    return load_service_points(path)


def service_points_for(nis_code: str, kind: str | None = None,
                       path: Path | str = DEFAULT_PATH) -> list[ServicePoint]:
    """The service points for residents of one municipality.

    Includes the points located in the municipality and regional points whose
    ``serves_nis_codes`` name it. Ordered by kind (see :data:`KINDS`), local
    points before regional ones, then in file order.

    Args:
        nis_code: 2025 NIS code, e.g. "44021" for Gent.
        kind: Only this kind (one of :data:`KINDS`); None for all kinds.
        path: The YAML file; the default file is loaded once and cached.

    Returns:
        The matching points; empty when the data has none (then use
        :func:`fallback_contact`).

    Raises:
        ValueError: if ``kind`` is not one of :data:`KINDS`.
        ServicePointsError: if the data file is invalid.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    code = str(nis_code).strip()
    points = _cached(Path(path).resolve())
    found = [(index, point) for index, point in enumerate(points)
             if point.serves(code) and (kind is None or point.kind == kind)]
    found.sort(key=lambda item: (KINDS.index(item[1].kind), item[1].nis_code != code, item[0]))
    return [point for _, point in found]


def fallback_contact(municipality_name: str, kind: str | None = None) -> dict[str, Any]:
    """Contact advice for a municipality without sourced service points.

    Only facts that hold everywhere in Flanders: the free information line 1700
    of the Flemish government and the national overview of the Huizen van het
    Kind. No address, phone number or website of the municipality is given,
    because none has been checked.

    Args:
        municipality_name: The municipality's name, e.g. "Aartselaar".
        kind: The kind of service point that was asked for (see :data:`KINDS`),
            or None when nothing at all is known for the municipality.

    Returns:
        A mapping with ``municipality``, ``kind``, ``text`` (a Dutch answer for
        the user), ``phone`` ("1700"), ``phone_label``, ``phone_hours``,
        ``huizen_van_het_kind_url``, ``source_url``, ``more_source_urls`` and
        ``checked_on`` (ISO date).

    Raises:
        ValueError: if the name is empty or ``kind`` is unknown.
    """
    name = (municipality_name or "").strip()
    if not name:
        raise ValueError("municipality_name must not be empty")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    what = _KIND_PHRASES[kind] if kind else "lokale diensten"
    text = (
        f"Voor {name} heb ik geen nagekeken adres of telefoonnummer van {what}. "
        f"Bel gratis {FLEMISH_INFO_LINE}, het informatienummer van de Vlaamse overheid "
        f"({FLEMISH_INFO_LINE_HOURS}), of neem contact op met uw gemeente."
    )
    if kind in (None, "huis_van_het_kind"):
        text += " Alle Huizen van het Kind met hun contactgegevens vindt u op www.huizenvanhetkind.be."
    return {
        "municipality": name,
        "kind": kind,
        "text": text,
        "phone": FLEMISH_INFO_LINE,
        "phone_label": f"{FLEMISH_INFO_LINE}, het gratis informatienummer van de Vlaamse overheid",
        "phone_hours": FLEMISH_INFO_LINE_HOURS,
        "huizen_van_het_kind_url": HUIZEN_VAN_HET_KIND_URL,
        "source_url": FLEMISH_INFO_LINE_SOURCE,
        "more_source_urls": [FLEMISH_INFO_LINE_HOURS_SOURCE, HUIZEN_VAN_HET_KIND_SOURCE],
        "checked_on": FALLBACK_CHECKED_ON,
    }


_KIND_PHRASES = {
    "sociaal_huis": "het Sociaal Huis of OCMW",
    "gemeentehuis": "het gemeentehuis",
    "huis_van_het_kind": "het Huis van het Kind",
    "energiehuis": "het Energiehuis",
}


def contacts_for(nis_code: str, kind: str | None = None,
                 path: Path | str = DEFAULT_PATH) -> dict[str, Any]:
    """Everything the assistant can say about contacts in one municipality.

    Args:
        nis_code: 2025 NIS code of the municipality.
        kind: Only this kind of service point (see :data:`KINDS`), or None.
        path: The service-point file.

    Returns:
        A mapping with ``nis_code``, ``municipality`` (Dutch name),
        ``service_points`` (possibly empty list) and ``fallback``: the result
        of :func:`fallback_contact` when no service point matches, else None.

    Raises:
        KeyError: if ``nis_code`` is not a known municipality.
        ValueError: if ``kind`` is not one of :data:`KINDS`.
    """
    code = str(nis_code).strip()
    municipality = load_places().get(code)
    if municipality is None:
        raise KeyError(f"unknown NIS code {code!r}")
    points = service_points_for(code, kind, path)
    return {
        "nis_code": code,
        "municipality": municipality.name_nl,
        "service_points": points,
        "fallback": None if points else fallback_contact(municipality.name_nl, kind),
    }
