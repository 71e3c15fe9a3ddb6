"""Detectors of street addresses and person names in free text (Dutch street suffixes with a house
number; names after mijn"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.insights.detectors import Span

STREET_SUFFIXES: tuple[str, ...] = (
    "steenweg",
    "straat",
    "laan",
    "lei",
    "weg",
    "plein",
    "dreef",
    "kaai",
    "markt",
    "baan",
    "singel",
    "vest",
    "dijk",
    "pad",
    "wegel",
    "steeg",
    "hof",
    "plaats",
    "kouter",
    "berg",
    "veld",
)

# Common words ending in a street suffix that are not streets ("mijn loopbaan 30 jaar").
NOT_STREETS: frozenset[str] = frozenset(
    {
        "onderweg",
        "halfweg",
        "uitweg",
        "omweg",
        "zijweg",
        "snelweg",
        "autosnelweg",
        "loopbaan",
        "rijbaan",
        "supermarkt",
        "arbeidsmarkt",
        "woningmarkt",
        "huurmarkt",
        "kerstmarkt",
        "jobmarkt",
        "rechtbank",
        "gerechtshof",
        "voetpad",
        "fietspad",
        "werkplaats",
        "standplaats",
        "woonplaats",
        "geboorteplaats",
        "parkeerplaats",
        "schuldenberg",
        "ijsberg",
        "werkveld",
        "speelplaats",
        "zwembad",
        "binnenplaats",
        "tegenweg",
        "hoofdplaats",
    }
)

_SUFFIX_ALT = "|".join(STREET_SUFFIXES)

_CAP_WORD = r"[A-ZÀ-Ý][a-zà-ÿ'-]+"

# Units after a number that show it is not a house number.
_NOT_HOUSE_NUMBER = (
    r"(?!\s*(?:jaar|jaren|euro|eur|€|%|maand|maanden|week|weken|dag|dagen|uur|u\b|km|m\b|keer|"
    r"kinderen|kind|minuten|procent|stuks|personen|ste\b))"
)

# After the street name: the house number (not a count of years, euros, ...), an optional box and
# an optional postcode with municipality. Every quantifier is bounded, so matching it at one
# position costs a bounded amount of work.
_AFTER_STREET_RE = re.compile(
    r"\s{0,3},?\s{1,3}(?:nr\.?\s{0,3}|nummer\s{1,3})?\d{1,4}(?!\d)(?:\s?[A-Za-z](?![A-Za-z]))?"
    + _NOT_HOUSE_NUMBER
    + r"(?:\s{0,3},?\s{0,3}(?:bus|bte|box|b\.)\s{0,3}[A-Za-z0-9]{1,5}(?![\w])|/[A-Za-z0-9]{1,4}(?![\w]))?"
    r"(?:\s{0,3},?\s{0,3}(?:in\s{1,3})?\d{4}\s{1,3}[A-ZÀ-Ý][a-zà-ÿ'-]{1,40}(?:[\s-][A-ZÀ-Ý][a-zà-ÿ'-]{1,40})?)?",
    re.UNICODE,
)

_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ'-]+")

_CAPITALISED = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ'-]+$")

_SUFFIXES_BY_LENGTH = tuple(sorted(STREET_SUFFIXES, key=len, reverse=True))

MAX_STREET_WORD = 60


def _street_suffix(word: str) -> str | None:
    lowered = word.lower()
    return next((suffix for suffix in _SUFFIXES_BY_LENGTH if lowered.endswith(suffix)), None)


def _find_addresses(text: str) -> list[Span]:
    """Street addresses: a word ending in a street suffix ("Kerkstraat", "Grote Markt") followed by
    a house number. Linear in the length of the text: words are found once, and the part after a
    street is matched at one position with bounded quantifiers (a regex that searched for the
    suffix inside every word took quadratic time on input such as "'a" * n)."""
    spans: list[Span] = []
    words = list(_WORD_RE.finditer(text))
    for index, word in enumerate(words):
        token = word.group()
        if len(token) > MAX_STREET_WORD:
            continue
        suffix = _street_suffix(token.strip("'-"))
        if suffix is None:
            continue
        bare = token.strip("'-")
        compound = len(bare) > len(suffix) and len(bare) >= len(suffix) + 2
        two_words = (
            not compound
            and bare.lower() == suffix
            and bare[:1].isupper()
            and index > 0
            and _CAPITALISED.match(words[index - 1].group()) is not None
            and text[words[index - 1].end() : word.start()] == " "
        )
        if not compound and not two_words:
            continue
        if compound and (bare.lower() in NOT_STREETS):
            continue
        tail = _AFTER_STREET_RE.match(text, word.end())
        if tail is None:
            continue
        start = word.start()
        # Up to two capitalised words before it belong to the street name ("Sint-Jan Kerkstraat").
        for back in range(index - 1, max(index - 3, -1), -1):
            previous = words[back]
            gap = text[previous.end() : start]
            if gap in (" ", "-") and _CAPITALISED.match(previous.group()):
                start = previous.start()
            else:
                break
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            continue
        spans.append((start, tail.end()))
    return spans


_NAME_WORD = r"[A-ZÀ-Ý][a-zà-ÿ'-]+(?:[A-ZÀ-Ý][a-zà-ÿ'-]+)*(?![\w])"

_PARTICLE = r"(?:van|de|der|den|ter|ten|te|'t|le|la|du|di|da|el|al|vanden|vander)"

_FULL_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{0,3}}"

_TWO_WORD_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{1,3}}"

_NAME_RES: tuple[re.Pattern[str], ...] = (
    re.compile(
        rf"\b(?i:mijn\s+(?:volledige\s+)?(?:voor|achter|familie)?naam\s+is|ik\s+heet|naam\s*:)\s+"
        rf"(?P<name>{_FULL_NAME})"
    ),
    re.compile(rf"\b(?i:ik\s+ben|dit\s+is|hier\s+is)\s+(?P<name>{_TWO_WORD_NAME})"),
)

NAME_LABELS = frozenset({"PER", "PERSON"})


def _find_names(text: str, nlp: Callable[[str], Any] | None) -> list[Span]:
    spans: list[Span] = []
    if nlp is not None:
        doc = nlp(text)
        spans.extend((ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in NAME_LABELS)
    for pattern in _NAME_RES:
        spans.extend(match.span("name") for match in pattern.finditer(text))
    return spans
