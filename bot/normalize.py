"""Text normalisation shared by matching code: lower case, no accents, single spaces."""

from __future__ import annotations

import re
import unicodedata

# Flemish spellings of common words, written the standard way before anything is matched (both the
# person's text and the phrases it is matched against go through here): "mijne baas", "da weet ik nie".
_SPELLINGS = {"mijne": "mijn", "zijne": "zijn", "nie": "niet", "gene": "geen", "nen": "een", "da": "dat"}
_SPELLING = re.compile(r"\b(" + "|".join(_SPELLINGS) + r")\b")


def normalise(text: str) -> str:
    """``"Één  Kind!"`` -> ``"een kind"``; ``"mijne baas"`` -> ``"mijn baas"``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPELLING.sub(lambda m: _SPELLINGS[m.group(1)], re.sub(r"[^a-z0-9]+", " ", plain).strip())
