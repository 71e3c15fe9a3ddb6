"""Detectors of personal data in free text, for the redaction in bot.insights.privacy: each returns
the (start, end) spans it found. Every pattern is bounded, so each runs in linear time on any input
(bench/redaction.py). Check digits come from python-stdnum, phone numbers from libphonenumber."""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.be import bis as be_bis
from stdnum.be import nn as be_nn
from stdnum.be import vat as be_vat


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
