"""Redaction of personal data in free text typed by people, and conversation pseudonyms.

``redact`` replaces what it recognises with a placeholder such as ``[IBAN]`` and counts what it
replaced per kind. It is deliberately biased towards redacting: a false positive costs a bit of
analysis value, a false negative leaks personal data. See ``docs/privacy.md`` for what it cannot
catch.

Detectors run in a fixed order on the text produced by the previous one, so a placeholder never
contains digits or an ``@`` that a later detector could match:

1. e-mail addresses
2. IBANs (any country, ISO 7064 mod-97 check)
3. Belgian rijksregister/BIS numbers (mod-97 check digits, also the post-2000 rule)
4. payment card numbers (13-19 digits, Luhn check)
5. Belgian phone numbers (+32 / 0032 / 0 prefixes, length rules of the Belgian numbering plan)
6. street addresses with a Dutch street suffix and a house number
7. person names: spaCy PER/PERSON entities if a pipeline is passed, plus a conservative heuristic
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.be import bis as be_bis
from stdnum.be import nn as be_nn
from stdnum.be import vat as be_vat

logger = logging.getLogger(__name__)

SALT_ENV = "WEGWIJZER_PSEUDONYM_SALT"
DEV_SALT = "wegwijzer-dev-salt-change-me"

# Kind id -> placeholder. Placeholders contain no digits, '@' or street suffixes on purpose.
PLACEHOLDERS: dict[str, str] = {
    "email": "[E-MAIL]",
    "iban": "[IBAN]",
    "rrn": "[RIJKSREGISTERNUMMER]",
    "card": "[KAARTNUMMER]",
    "phone": "[TELEFOON]",
    "address": "[ADRES]",
    "name": "[NAAM]",
}
KINDS: tuple[str, ...] = tuple(PLACEHOLDERS)


@dataclass(frozen=True)
class Redaction:
    """The redacted text and how many items of each kind were replaced.

    Attributes:
        text: the text with personal data replaced by placeholders.
        counts: number of replacements per kind id (``email``, ``iban``, ``rrn``, ``phone``,
            ``address``, ``name``); kinds that were not found are absent.
    """

    text: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Total number of replacements."""
        return sum(self.counts.values())


# ---------------------------------------------------------------------------------------------
# Check-digit algorithms (public so tests and tools can build valid numbers)
# ---------------------------------------------------------------------------------------------


def rrn_is_valid(digits: str) -> bool:
    """True for an 11-digit Belgian rijksregister or BIS number with valid check digits
    (python-stdnum: ``stdnum.be.nn`` and ``stdnum.be.bis``, including the rule for people born
    in 2000 or later)."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    return be_nn.is_valid(digits) or be_bis.is_valid(digits)


def iban_is_valid(iban: str) -> bool:
    """ISO 13616 check of an IBAN, country format included (python-stdnum ``stdnum.iban``)."""
    return stdnum_iban.is_valid(iban, check_country=False)  # any real IBAN, also odd national formats


# IBAN lengths per country (SWIFT IBAN registry). Codes not listed are accepted with any length
# from 15 to 34 characters when written in capitals and the checksum is valid.
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24,
    "AE": 23,
    "AL": 28,
    "AT": 20,
    "AZ": 28,
    "BA": 20,
    "BE": 16,
    "BG": 22,
    "BH": 22,
    "BI": 27,
    "BR": 29,
    "BY": 28,
    "CH": 21,
    "CR": 22,
    "CY": 28,
    "CZ": 24,
    "DE": 22,
    "DJ": 27,
    "DK": 18,
    "DO": 28,
    "EE": 20,
    "EG": 29,
    "ES": 24,
    "FI": 18,
    "FK": 18,
    "FO": 18,
    "FR": 27,
    "GB": 22,
    "GE": 22,
    "GI": 23,
    "GL": 18,
    "GR": 27,
    "GT": 28,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IL": 23,
    "IQ": 23,
    "IS": 26,
    "IT": 27,
    "JO": 30,
    "KW": 30,
    "KZ": 20,
    "LB": 28,
    "LC": 32,
    "LI": 21,
    "LT": 20,
    "LU": 20,
    "LV": 21,
    "LY": 25,
    "MC": 27,
    "MD": 24,
    "ME": 22,
    "MK": 19,
    "MN": 20,
    "MR": 27,
    "MT": 31,
    "MU": 30,
    "NI": 28,
    "NL": 18,
    "NO": 15,
    "OM": 23,
    "PK": 24,
    "PL": 28,
    "PS": 29,
    "PT": 25,
    "QA": 29,
    "RO": 24,
    "RS": 22,
    "RU": 33,
    "SA": 24,
    "SC": 31,
    "SD": 18,
    "SE": 24,
    "SI": 19,
    "SK": 24,
    "SM": 27,
    "SO": 23,
    "ST": 25,
    "SV": 28,
    "TL": 23,
    "TN": 24,
    "TR": 26,
    "UA": 29,
    "VA": 22,
    "VG": 24,
    "XK": 20,
    "YE": 30,
}

# ---------------------------------------------------------------------------------------------
# Detectors: each returns (start, end) spans in the text it is given
# ---------------------------------------------------------------------------------------------

Span = tuple[int, int]

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}"
)


def _find_emails(text: str) -> list[Span]:
    return [match.span() for match in _EMAIL_RE.finditer(text)]


_IBAN_START_RE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2})(\d{2})")


def _find_ibans(text: str) -> list[Span]:
    spans: list[Span] = []
    position = 0
    while True:
        match = _IBAN_START_RE.search(text, position)
        if match is None:
            return spans
        country = match.group(1)
        if country.upper() in IBAN_LENGTHS:
            lengths: Iterable[int] = (IBAN_LENGTHS[country.upper()],)
        elif country.isupper():
            lengths = range(34, 14, -1)
        else:
            lengths = ()
        end = next((e for n in lengths if (e := _iban_end(text, match.start(), n)) is not None), None)
        if end is not None:
            spans.append((match.start(), end))
            position = end
        else:
            position = match.start() + 1


def _iban_end(text: str, start: int, length: int) -> int | None:
    """End index if ``length`` IBAN characters (single spaces allowed between) start at ``start``."""
    chars: list[str] = []
    index = start
    while index < len(text) and len(chars) < length:
        char = text[index]
        if char.isascii() and char.isalnum():
            chars.append(char)
        elif char == " " and chars and index + 1 < len(text) and text[index + 1].isalnum():
            pass
        else:
            break
        index += 1
    if len(chars) != length:
        return None
    if index < len(text) and text[index].isalnum():
        return None  # the IBAN would end inside a word or number
    return index if iban_is_valid("".join(chars)) else None


_RRN_RE = re.compile(
    r"(?<![\d+])(?<![\d][./-])(\d{2})[.\s]?(\d{2})[.\s]?(\d{2})\s?[-.\s]?\s?(\d{3})[.\s-]?(\d{2})"
    r"(?![\d])(?![./-]\d)"
)


def _find_rrns(text: str) -> list[Span]:
    spans = []
    for match in _RRN_RE.finditer(text):
        if rrn_is_valid("".join(match.groups())):
            spans.append(match.span())
    return spans


# Phone numbers: candidates are a prefix (+ or 00 with a country code, or a trunk 0) followed by
# digit groups separated by a single space, dot, slash or hyphen (linear-time pattern). The longest
# run of groups that libphonenumber (``phonenumbers``) accepts as a valid number wins: Belgian
# numbers in every usual format, and foreign ones written with their country code (+31, +33,
# +212, ...). Scanning the whole text with phonenumbers' own matcher was slower on adversarial
# input (130 ms for 16 KB, bench/redaction.py), so it only judges these bounded candidates.
_PHONE_RE = re.compile(
    r"(?<![\w+.,/-])"
    r"(?P<prefix>(?:\+|00)\s?(?=\d)|\(?0)"
    r"(?P<rest>\d+(?:(?:\)?\s?[./-]\s?|\)?\s|\s?\(0\)\s?)\d+)*)"
)
_GROUP_RE = re.compile(r"\d+")
MAX_PHONE_DIGITS = 15
"""E.164: no phone number has more digits (the search along a run of digit groups stops there)."""


def _valid_phone(digits: str, international: bool) -> bool:
    """A number libphonenumber knows as valid (an assigned range of its country), and for Belgium
    not a valid enterprise (KBO) number such as 0123.456.789."""
    try:
        number = phonenumbers.parse(("+" if international else "0") + digits, None if international else "BE")
    except phonenumbers.NumberParseException:
        return False
    if not phonenumbers.is_valid_number(number):
        return False
    return number.country_code != 32 or not be_vat.is_valid("0" + str(number.national_number))


def _find_phones(text: str) -> list[Span]:
    spans = []
    for match in _PHONE_RE.finditer(text):
        international = match.group("prefix").strip().startswith(("+", "00"))
        prefixes: list[tuple[str, int]] = []  # (digits so far, end of that group in the text)
        digits = ""
        for group in _GROUP_RE.finditer(match.group("rest")):
            digits += group.group()
            if len(digits) > MAX_PHONE_DIGITS:
                break
            prefixes.append((digits, match.start("rest") + group.end()))
        for candidate, end in reversed(prefixes):  # the longest valid run of groups wins
            if international and candidate.startswith("32") and candidate[2:3] == "0":
                candidate = "32" + candidate[3:]  # "+32 0470 ..." is a common mistake
            if len(candidate) >= 7 and _valid_phone(candidate, international):
                if not (end < len(text) and text[end].isalnum()):
                    spans.append((match.start(), end))
                break
    return spans


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


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


_CARD_RE = re.compile(r"(?<![\w.,/-])\d(?:[ -]?\d){12,18}(?![\w])")
"""13 to 19 digits, single spaces or hyphens allowed between them (bounded: linear time)."""


def luhn_is_valid(digits: str) -> bool:
    """The Luhn check of payment card numbers."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _find_cards(text: str) -> list[Span]:
    spans = []
    for match in _CARD_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 13 <= len(digits) <= 19 and luhn_is_valid(digits):
            spans.append(match.span())
    return spans


IDENTIFIER_KINDS = ("iban", "rrn", "card")
"""Numbers that identify a person or an account and that no journey needs: they are removed
even from the conversation store (``redact_identifiers``)."""


def redact_identifiers(text: str) -> Redaction:
    """Replaces only IBANs, rijksregister/BIS numbers and card numbers (cheap, no names or
    addresses), for the texts Rasa keeps in its tracker store."""
    counts: dict[str, int] = {}
    for kind, find in (("iban", _find_ibans), ("rrn", _find_rrns), ("card", _find_cards)):
        spans = _merge(find(text))
        if spans:
            text = _replace(text, spans, PLACEHOLDERS[kind])
            counts[kind] = len(spans)
    return Redaction(text=text, counts=counts)


def redact(text: str, nlp: Callable[[str], Any] | None = None) -> Redaction:
    """Replaces personal data in ``text`` with placeholders.

    Args:
        text: free text typed by a person (or a bot answer that may quote it).
        nlp: optional spaCy pipeline (any callable returning an object with ``ents`` whose
            items have ``label_``, ``start_char`` and ``end_char``). Entities labelled ``PER`` or
            ``PERSON`` are replaced by ``[NAAM]``. Without it, only the heuristic for "mijn naam
            is ...", "ik heet ..." and "ik ben <Voornaam Achternaam>" finds names.

    Returns:
        The redacted text and the number of replacements per kind.
    """
    if not isinstance(text, str):
        raise TypeError(f"redact() needs a str, got {type(text).__name__}")
    counts: dict[str, int] = {}
    detectors: tuple[tuple[str, Callable[[str], list[Span]]], ...] = (
        ("email", _find_emails),
        ("iban", _find_ibans),
        ("rrn", _find_rrns),
        ("card", _find_cards),
        ("phone", _find_phones),
        ("address", _find_addresses),
        ("name", lambda value: _find_names(value, nlp)),
    )
    for kind, find in detectors:
        spans = _merge(find(text))
        if spans:
            text = _replace(text, spans, PLACEHOLDERS[kind])
            counts[kind] = counts.get(kind, 0) + len(spans)
    return Redaction(text=text, counts=counts)


def _merge(spans: list[Span]) -> list[Span]:
    """Sorts spans and merges overlapping ones."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _replace(text: str, spans: list[Span], placeholder: str) -> str:
    parts, last = [], 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(placeholder)
        last = end
    parts.append(text[last:])
    return "".join(parts)


_warned_dev_salt = False


def pseudonym_salt(env: dict[str, str] | None = None) -> str:
    """The pseudonym salt from ``WEGWIJZER_PSEUDONYM_SALT`` (a development default otherwise)."""
    global _warned_dev_salt
    environment = os.environ if env is None else env
    salt = environment.get(SALT_ENV, "")
    if salt:
        return salt
    if environment.get("WEGWIJZER_ENV", "development").lower() == "production":
        raise RuntimeError(f"{SALT_ENV} must be set in production (see docs/security.md)")
    if not _warned_dev_salt:
        logger.warning("%s is not set: using the development salt; set it in production", SALT_ENV)
        _warned_dev_salt = True
    return DEV_SALT


def pseudonymise(conversation_id: str, salt: str | None = None) -> str:
    """Salted SHA-256 pseudonym of a conversation id (HMAC-SHA256, 64 hex characters).

    The same id and salt always give the same pseudonym, so feedback, unrecognised messages and
    journey events of one conversation can be linked without storing the id itself.
    """
    key = (salt if salt is not None else pseudonym_salt()).encode("utf-8")
    return hmac.new(key, conversation_id.encode("utf-8"), hashlib.sha256).hexdigest()
