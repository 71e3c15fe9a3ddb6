"""How place names are compared: folded to lower-case ASCII words ("Sint-Niklaas", "st niklaas"
and "ST.-NIKLAAS" become the same key), and the common words that are not place names even when a
municipality carries them ("Zele" is a municipality, "zelf" is not)."""

from __future__ import annotations

import re
import unicodedata

# Abbreviations folded into one form, in the index and in queries alike, so
# "Sint-Niklaas", "St.-Niklaas" and "sint niklaas" all become "st niklaas".
_TOKEN_MAP = {"sint": "st", "saint": "st", "sankt": "st", "sainte": "ste"}

_PHRASES = ((re.compile(r"\b(?:o l v|olv)\b"), "onze lieve vrouw"),)

# Place names that are also everyday Dutch words. When scanning a longer text
# they only count when capitalised and not at the start of a sentence
# ("ik woon in Boom" yes, "de boom in de tuin" no).
COMMON_WORDS = frozenset(
    [
        "as",
        "beek",
        "berg",
        "bergen",
        "bevel",
        "bever",
        "boom",
        "doel",
        "essen",
        "geel",
        "graven",
        "haren",
        "hal",
        "halen",
        "ham",
        "heffen",
        "hees",
        "heks",
        "herten",
        "kapellen",
        "kluizen",
        "landen",
        "lauw",
        "leest",
        "lens",
        "lessen",
        "lier",
        "linden",
        "lint",
        "lot",
        "luik",
        "mal",
        "meer",
        "melden",
        "mol",
        "muizen",
        "namen",
        "paal",
        "peer",
        "perk",
        "reet",
        "ruien",
        "sluizen",
        "spa",
        "voeren",
        "voort",
        "vorst",
        "wakken",
        "wellen",
        "werken",
        "wortel",
        "zolder",
    ]
)

# Words after which a 4-digit number in a longer text is read as a postcode.
_POSTCODE_CUES = frozenset({"postcode", "postnummer", "pc", "b", "be"})

# Words after which a 4-digit number is read as a postcode unless it looks like a year.
_PLACE_CUES = frozenset({"in", "te", "uit", "naar", "van", "gemeente", "stad", "regio"})

_WORD = re.compile(r"[^\W_]+")


def _fold(text: str) -> list[str]:
    """Lowercase, strip accents and split on anything but ASCII letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", " ", stripped).split()


def normalize(text: str) -> str:
    """Fold a place name or query to its lookup key.

    Lowercases, strips accents, turns hyphens, dots, apostrophes and other
    punctuation into single spaces and folds Sint/Saint/Sankt/St into "st".

    Args:
        text: Any text.

    Returns:
        The key, e.g. ``"st niklaas"`` for ``"St.-Niklaas"``.
    """
    key = " ".join(_TOKEN_MAP.get(t, t) for t in _fold(text))
    for pattern, replacement in _PHRASES:
        key = pattern.sub(replacement, key)
    return key


def _compact_keys(text: str) -> tuple[str, ...]:
    """Keys without spaces, for queries like "Sintniklaas" or "Merelbekemelle"."""
    return tuple(dict.fromkeys((normalize(text).replace(" ", ""), "".join(_fold(text)))))
