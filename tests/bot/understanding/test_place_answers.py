"""Municipalities typed with typos, deelgemeenten and postcodes."""

from __future__ import annotations

import pytest

from bot.understanding.place_answers import resolve_place_answer


@pytest.mark.parametrize(
    ("typed", "municipality"),
    [
        ("heist op de berg", "Heist-op-den-Berg"),  # not the deelgemeente Heist of Knokke-Heist
        ("heist op den berk", "Heist-op-den-Berg"),
        ("Oostend", "Oostende"),
        ("9000", "Gent"),
        ("ik woon in gent", "Gent"),
        ("Wilrijk", "Antwerpen"),
        ("kessel lo", "Leuven"),
        ("mechlen", "Mechelen"),
        ("sintniklaas", "Sint-Niklaas"),
    ],
)
def test_typed_municipalities(typed: str, municipality: str) -> None:
    found = resolve_place_answer(typed)
    assert found is not None and found.municipality.name_nl == municipality


@pytest.mark.parametrize("typed", ["ik weet het niet", "geen idee", "ja", "hij is 8"])
def test_no_municipality_is_invented(typed: str) -> None:
    assert resolve_place_answer(typed) is None
