"""What to say about contacts where no service point is known: only facts that hold in every
Flemish municipality (the free information line 1700 of the Flemish government, the national
overview of the Huizen van het Kind), never an invented address, phone number or website."""

from __future__ import annotations

from typing import Any

from bot.knowledge.texts import load_texts, text

KINDS: tuple[str, ...] = ("sociaal_huis", "gemeentehuis", "huis_van_het_kind", "energiehuis")
"""The kinds of local service point, in the order answers list them."""

# Each fact below is stated by the page next to it (read on FALLBACK_CHECKED_ON).
FLEMISH_INFO_LINE = "1700"
# "1700, het gratis informatienummer van de Vlaamse overheid":
FLEMISH_INFO_LINE_SOURCE = (
    "https://overheid.vlaanderen.be/personeel/integriteit/1700-meldpunt-burgers-verenigingen-en-bedrijven"
)
FLEMISH_INFO_LINE_HOURS_SOURCE = "https://www.vlaanderen.be/een-klacht-over-een-vlaamse-overheidsdienst"
HUIZEN_VAN_HET_KIND_URL = "https://www.huizenvanhetkind.be"
# "Het overzicht van alle Huizen met contactgegevens is terug te vinden via www.huizenvanhetkind.be":
HUIZEN_VAN_HET_KIND_SOURCE = (
    "https://www.opgroeien.be/kennis/themas/huizen-van-het-kind/"
    "huis-van-het-kind-als-een-lokale-basisvoorziening"
)
FALLBACK_CHECKED_ON = "2026-11-28"


def fallback_contact(municipality_name: str, kind: str | None = None) -> dict[str, Any]:
    """Contact advice for a municipality without sourced service points.

    Args:
        municipality_name: The municipality's name, e.g. "Aartselaar".
        kind: The kind of service point that was asked for (see :data:`KINDS`), or None.

    Returns:
        ``municipality``, ``kind``, ``text`` (a Dutch answer), ``phone`` ("1700"), ``phone_label``,
        ``phone_hours``, ``huizen_van_het_kind_url``, ``source_url``, ``more_source_urls`` and
        ``checked_on`` (ISO date).

    Raises:
        ValueError: if the name is empty or ``kind`` is unknown.
    """
    name = (municipality_name or "").strip()
    if not name:
        raise ValueError("municipality_name must not be empty")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    hours = text("fallback_phone_hours")
    what = load_texts()["service_point_kind_phrases"][kind or "any"]
    answer = text("fallback_contact", municipality=name, what=what, phone=FLEMISH_INFO_LINE, hours=hours)
    if kind in (None, "huis_van_het_kind"):
        answer += text("fallback_huizen_van_het_kind")
    return {
        "municipality": name,
        "kind": kind,
        "text": answer,
        "phone": FLEMISH_INFO_LINE,
        "phone_label": text("fallback_phone_label", phone=FLEMISH_INFO_LINE),
        "phone_hours": hours,
        "huizen_van_het_kind_url": HUIZEN_VAN_HET_KIND_URL,
        "source_url": FLEMISH_INFO_LINE_SOURCE,
        "more_source_urls": [FLEMISH_INFO_LINE_HOURS_SOURCE, HUIZEN_VAN_HET_KIND_SOURCE],
        "checked_on": FALLBACK_CHECKED_ON,
    }
