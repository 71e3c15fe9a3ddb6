"""Numbers as people type them: digits, Dutch number words ("tweeëntwintig") and ordinals."""

from __future__ import annotations

import re

from bot.normalize import normalise
from bot.understanding.lexicon import load_lexicon

_DIGITS = re.compile(r"^(\d{1,3})(?:e|de|ste|ste|en)?$")


def word_value(word: str) -> int | None:
    """The value of one normalised word: ``8``, ``acht``, ``achtentachtig``, ``3de`` (None if none)."""
    lexicon = load_lexicon()
    match = _DIGITS.match(word)
    if match:
        return int(match.group(1))
    if word in lexicon.numbers:
        return lexicon.numbers[word]
    if word in lexicon.ordinals:
        return lexicon.ordinals[word]
    # Compounds: "eenentwintig", "achtentachtig", "honderdtwee" (accents already folded).
    for tens_word, tens in lexicon.numbers.items():
        if 20 <= tens <= 90 and tens % 10 == 0 and word.endswith(tens_word) and word != tens_word:
            head = word[: -len(tens_word)]
            if head.endswith("en"):
                unit = lexicon.numbers.get(head[:-2])
                if unit is not None and 1 <= unit <= 9:
                    return tens + unit
    if word.startswith("honderd") and len(word) > len("honderd"):
        rest = word_value(word[len("honderd") :])
        return 100 + rest if rest is not None and rest < 100 else None
    ordinal = re.sub(r"(ste|de)$", "", word)
    if ordinal != word and ordinal in lexicon.numbers:
        return lexicon.numbers[ordinal]
    return None


def numbers_in(text: str) -> list[int]:
    """Every number in the text, in order ("hij is acht en zij is 12" -> [8, 12])."""
    return [value for value in (word_value(word) for word in normalise(text).split()) if value is not None]
