"""Situations a story tells about someone else: "mijn moeder is terminaal ziek" is the illness of
the person cared for, not of the one who writes (who may need the caregiving plan instead)."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.normalize import normalise
from bot.understanding.lexicon import load_lexicon

_PRONOUNS = frozenset({"hij", "zij", "ze"})


@lru_cache(maxsize=1)
def _ill_other() -> re.Pattern[str]:
    lexicon = load_lexicon()
    people = sorted(
        {p for p in (*lexicon.other_people, *lexicon.partners) if p not in _PRONOUNS}, key=len, reverse=True
    )
    names = "|".join(re.escape(p) for p in people)
    return re.compile(
        rf"\b(?:(?:{names})(?:\s+\w+){{0,2}}?\s+(?:is|ligt|werd|wordt|was|zijn|waren)\s+(?:\w+\s+){{0,2}}?ziek"
        rf"|zieke\s+(?:\w+\s+)?(?:{names}))\b"
    )


def someone_else_ill(text: str) -> tuple[bool, str]:
    """Whether the text says another person is ill, and the text without those words."""
    normalised = normalise(text)
    rest, found = _ill_other().subn(" ", normalised)
    return found > 0, rest
