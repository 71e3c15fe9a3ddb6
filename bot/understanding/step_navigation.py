"""Typed navigation in a plan: "ga naar stap 4", "toon stap drie", "de vijfde stap", "laatste stap"."""

from __future__ import annotations

from bot.normalize import normalise
from bot.understanding.lexicon import load_lexicon
from bot.understanding.numbers import word_value

LAST = -1
"""Returned for "de laatste stap"."""

MAX_WORDS = 10
"""A step request is short; a long story that mentions "stap 3" is something else."""


def asked_step(text: str) -> int | None:
    """The step number the person asks to see (1-based, or ``LAST``); None when the message does not
    ask for one step, or names two different steps ("stap 3 zegt dit en stap 4 dat")."""
    words = normalise(text).split()
    if not words or len(words) > MAX_WORDS:
        return None
    found: set[int] = set()
    for index, word in enumerate(words):
        if word not in ("stap", "stappen"):
            continue
        after = words[index + 1] if index + 1 < len(words) else ""
        before = words[index - 1] if index > 0 else ""
        number = word_value(after) if after else None
        if number is None and before:
            number = LAST if before == "laatste" else word_value(before) if _is_ordinal(before) else None
        if number is not None:
            found.add(number)
    return found.pop() if len(found) == 1 else None


def _is_ordinal(word: str) -> bool:
    """ "vierde", "4de", "3e", "eerste": a number before "stap" must be an ordinal ("2 stappen" is not)."""
    return word.endswith(("de", "ste", "e")) and word_value(word) is not None and not word.isdigit()


def polite_navigation(text: str) -> str | None:
    """``next_step`` or ``previous_step`` for "volgende alstublieft", "ok vorige stap graag"; None otherwise
    (a bare "volgende" is left to the classifier)."""
    lexicon = load_lexicon()
    words = normalise(text).split()
    kept = " ".join(w for w in words if w not in lexicon.polite_words)
    if len(kept.split()) == len(words):
        return None
    return lexicon.plain_navigation.get(kept)
