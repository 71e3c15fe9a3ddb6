"""The one address a person types: plain addresses pass, anything that could add a header, a
second recipient or a display name is refused."""

from __future__ import annotations

import pytest

from bot.keeping.address import clean_address


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("an.peeters@voorbeeld.be", "an.peeters@voorbeeld.be"),
        ("  An+plan@Voorbeeld.BE ", "An+plan@voorbeeld.be"),
        ("jan@café.be", "jan@xn--caf-dma.be"),
        ("o'neil@mail.example.org", "o'neil@mail.example.org"),
    ],
)
def test_plain_addresses_are_accepted(typed: str, kept: str) -> None:
    assert clean_address(typed) == kept


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        None,
        42,
        "an.peeters",
        "an@",
        "@voorbeeld.be",
        "an@voorbeeld",
        "an@@voorbeeld.be",
        "an@voorbeeld.be\r\nBcc: iedereen@voorbeeld.be",
        "an@voorbeeld.be\nSubject: gratis",
        "an@voorbeeld.be, bert@voorbeeld.be",
        "an@voorbeeld.be;bert@voorbeeld.be",
        "An Peeters <an@voorbeeld.be>",
        "an peeters@voorbeeld.be",
        "an..peeters@voorbeeld.be",
        ".an@voorbeeld.be",
        "an@-voorbeeld.be",
        "an@voorbeeld.b",
        "an@voorbeeld.123",
        '"an"@voorbeeld.be',
        "an@[127.0.0.1]",
        "a" * 65 + "@voorbeeld.be",
        "an@" + "a" * 250 + ".be",
        "an\x00@voorbeeld.be",
    ],
)
def test_anything_else_is_refused(typed: object) -> None:
    assert clean_address(typed) is None
