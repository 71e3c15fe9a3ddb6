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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.insights.detectors import (
    Span,
    _find_cards,
    _find_emails,
    _find_ibans,
    _find_phones,
    _find_rrns,
)
from bot.insights.street_and_name_detectors import _find_addresses, _find_names
from bot.settings import is_production, setting

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


# ---------------------------------------------------------------------------------------------
# Detectors: each returns (start, end) spans in the text it is given
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


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
    salt = setting(SALT_ENV, env)
    if salt:
        return salt
    if is_production(env):
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
