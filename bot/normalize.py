"""Text normalisation shared by matching code: lower case, no accents, single spaces."""

from __future__ import annotations

import re
import unicodedata


def normalise(text: str) -> str:
    """``"Één  Kind!"`` -> ``"een kind"``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()
