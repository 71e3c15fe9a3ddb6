"""Municipalities as people type them, typos included ("heist op de berg", "Oostend", "9000").

The whole answer is compared first, so "Heist-op-den-Berg" with a small typo is no longer read
as the deelgemeente Heist of Knokke-Heist; then the word-by-word scan of
:mod:`bot.places.municipalities`; then
fuzzy windows of one to four words.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.places.municipalities import PlaceIndex, Resolution, load_places, normalize

WHOLE_ANSWER_MIN_SCORE = 86
WINDOW_MIN_SCORE = 88
_FILLERS = (
    "ik woon in",
    "ik woon te",
    "wij wonen in",
    "we wonen in",
    "ik woon",
    "we wonen",
    "in de gemeente",
    "gemeente",
    "stad",
    "in",
    "te",
    "bij",
    "uit",
    "naar",
    "het is",
    "dat is",
    "in de buurt van",
    "de",
    "postcode",
)


@lru_cache(maxsize=2)
def _keys(index_id: int, index: PlaceIndex) -> tuple[str, ...]:
    return tuple(k for k in index.name_keys() if len(k) >= 3)


def _strip_fillers(key: str) -> str:
    words = key.split()
    changed = True
    while changed and words:
        changed = False
        for filler in _FILLERS:
            parts = filler.split()
            if words[: len(parts)] == parts and len(words) > len(parts):
                words = words[len(parts) :]
                changed = True
    return " ".join(words)


def resolve_place_answer(text: str, index: PlaceIndex | None = None) -> Resolution | None:
    """The municipality a typed answer names, tolerating typos; None when nothing fits."""
    index = index or load_places()
    key = normalize(text)
    if not key:
        return None
    exact = index.resolve(text) if key in index.name_keys() or key.isdigit() else None
    if exact is not None:
        return exact
    keys = _keys(id(index), index)
    whole = _strip_fillers(key)
    if len(whole) >= 3:
        found = process.extractOne(whole, keys, scorer=fuzz.ratio, score_cutoff=WHOLE_ANSWER_MIN_SCORE)
        if found:
            return index.resolve_key(found[0])
    scanned = index.resolve(text)
    if scanned is not None:
        return scanned
    words = key.split()
    best: tuple[float, str] | None = None
    for size in range(min(4, len(words)), 0, -1):
        for start in range(0, len(words) - size + 1):
            window = " ".join(words[start : start + size])
            if len(window) < 6:
                continue
            found = process.extractOne(window, keys, scorer=fuzz.ratio, score_cutoff=WINDOW_MIN_SCORE)
            if found and (best is None or found[1] > best[0]):
                best = (found[1], found[0])
    return index.resolve_key(best[1]) if best else None
