"""Which first words fit the person's state: no congratulations after a loss, nothing light after
the crisis lines (the words: data/lexicon/nl.yml, ``congratulations`` and ``light_openings``)."""

from __future__ import annotations

from bot.understanding.lexicon import load_lexicon
from bot.understanding.signals import contains_any


def fits(opening: str, bereaved: bool, crisis: bool) -> bool:
    """Whether an opening or acknowledgement may be said to this person."""
    lexicon = load_lexicon()
    if crisis and contains_any(opening, lexicon.congratulations + lexicon.light_openings):
        return False
    return not (bereaved and contains_any(opening, lexicon.congratulations))
