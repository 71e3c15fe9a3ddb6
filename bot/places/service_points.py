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

Validation: ``bot.places.service_point_validation``; the fallback: ``bot.places.fallback``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.knowledge.texts import load_texts
from bot.knowledge.validation import Problem
from bot.knowledge.yaml_lines import load_with_lines
from bot.places.fallback import FLEMISH_INFO_LINE, KINDS, fallback_contact
from bot.places.municipalities import load_places
from bot.places.service_point_validation import validate_service_points

__all__ = [
    "DEFAULT_PATH",
    "FLEMISH_INFO_LINE",
    "KINDS",
    "ServicePoint",
    "ServicePointsError",
    "contacts_for",
    "fallback_contact",
    "kind_label",
    "load_service_points",
    "service_points_for",
    "validate_service_points",
]

from bot.places.service_point_validation import DEFAULT_PATH  # noqa: E402  (one definition)


class ServicePointsError(Exception):
    """The service-point file is invalid; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        listing = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"The service points have {len(problems)} problem(s):\n{listing}")


def kind_label(kind: str) -> str:
    """The short Dutch label of a kind, e.g. "Huis van het Kind"."""
    return str(load_texts()["service_point_kinds"][kind])


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
        return kind_label(self.kind)

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


def load_service_points(
    path: Path | str = DEFAULT_PATH, municipalities_path: Path | str | None = None
) -> tuple[ServicePoint, ...]:
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


def service_points_for(
    nis_code: str, kind: str | None = None, path: Path | str = DEFAULT_PATH
) -> list[ServicePoint]:
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
    found = [
        (index, point)
        for index, point in enumerate(points)
        if point.serves(code) and (kind is None or point.kind == kind)
    ]
    found.sort(key=lambda item: (KINDS.index(item[1].kind), item[1].nis_code != code, item[0]))
    return [point for _, point in found]


def contacts_for(nis_code: str, kind: str | None = None, path: Path | str = DEFAULT_PATH) -> dict[str, Any]:
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
