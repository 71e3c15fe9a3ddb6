"""Which first words fit the person's state: no congratulations after a loss, nothing light after
the crisis lines."""

from __future__ import annotations

import re

CONGRATULATIONS = re.compile(r"\b(proficiat|gefeliciteerd|gelukwensen|hoera)\b", re.IGNORECASE)
"""Openings that congratulate: never said to someone who just told about a death or a loss."""

LIGHT = re.compile(
    r"\b(proficiat|gefeliciteerd|gelukwensen|hoera|fijn|goed nieuws|wat vervelend|welkom)\b", re.IGNORECASE
)
"""Openings too light for someone who was just given the crisis lines."""


def fits(opening: str, bereaved: bool, crisis: bool) -> bool:
    """Whether an opening or acknowledgement may be said to this person."""
    if crisis and LIGHT.search(opening):
        return False
    return not (bereaved and CONGRATULATIONS.search(opening))
