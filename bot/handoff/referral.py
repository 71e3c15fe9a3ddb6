"""Physical referral: the service points near the person, with what to bring."""

from __future__ import annotations

from typing import Any

from bot.places.municipalities import load_places
from bot.places.service_points import contacts_for

# Which kind of service point fits which life event best (sociaal huis by default).
KIND_FOR_EVENT = {
    "birth": "huis_van_het_kind",
    "home": "energiehuis",
    "moving": "gemeentehuis",
    "cohabitation_marriage": "gemeentehuis",
    "death": "gemeentehuis",
    "newcomer": "gemeentehuis",
}
DEFAULT_KIND = "sociaal_huis"


def referral(municipality_text: str, life_event: str | None = None) -> dict[str, Any] | None:
    """Service points of the best kind for the event in that municipality (else all kinds, else
    the 1700 fallback). None when the municipality is unknown; ``in_flanders`` says if it is Flemish."""
    resolution = load_places().resolve(municipality_text)
    if resolution is None:
        return None
    municipality = resolution.municipality
    result: dict[str, Any] = {
        "municipality": municipality.name_nl,
        "in_flanders": resolution.in_flanders,
        "region": municipality.region,
    }
    if not resolution.in_flanders:
        result.update(service_points=[], fallback=None)
        return result
    kind = KIND_FOR_EVENT.get(life_event or "", DEFAULT_KIND)
    contacts = contacts_for(municipality.nis_code, kind)
    if not contacts["service_points"]:
        every_kind = contacts_for(municipality.nis_code)
        if every_kind["service_points"]:
            contacts = every_kind
    result.update(kind=kind, service_points=contacts["service_points"], fallback=contacts["fallback"])
    return result
