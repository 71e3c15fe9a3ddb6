"""Checks the one e-mail address a person types to receive their plan.

Strict on purpose: one plain address (``naam@voorbeeld.be``), no display name, no list, no
comments, no spaces or line breaks, so nothing typed can add a header or a second recipient.
"""

from __future__ import annotations

import re

MAX_ADDRESS_LENGTH = 254
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_TOP_LEVEL = re.compile(r"^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$")


def clean_address(raw: object) -> str | None:
    """The address, trimmed, when it is one valid address; else None.

    A domain with accents (``café.be``) is accepted and written in its ASCII form (IDNA).
    """
    if not isinstance(raw, str):
        return None
    address = raw.strip()
    if not address or len(address) > MAX_ADDRESS_LENGTH or address.count("@") != 1:
        return None
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in address):
        return None
    local, domain = address.split("@")
    if len(local) > 64 or not _LOCAL.match(local):
        return None
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return None
    if not _TOP_LEVEL.match(labels[-1]):
        return None
    return f"{local}@{domain.lower()}"
