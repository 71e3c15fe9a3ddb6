"""Negation around an option phrase: "niet getrouwd", "ik werk nog nie", "een auto hebben we nie"."""

from __future__ import annotations


def negated_before(words: list[str], start: int, negations: frozenset[str]) -> bool:
    """True when "geen", "niet", ... stands just before the phrase at ``start`` ("niet getrouwd")."""
    before = words[max(0, start - 2) : start]
    return bool(before) and (
        before[-1] in negations
        or (len(before) == 2 and before[0] in negations and before[1] in ("meer", "echt", "nog", "zo"))
        # "niemand is gestorven", "er is niemand overleden"
        or (before[-1] in NOBODY or (len(before) == 2 and before[0] in NOBODY and before[1] in AUXILIARIES))
    )


NOBODY = ("niemand", "niets", "niks")
"""A negated subject: what follows did not happen to anyone ("niemand is gestorven")."""
AUXILIARIES = ("is", "werd", "wordt", "heeft", "gaat", "zal")


_CLAUSE_STARTS = (
    "ik",
    "we",
    "wij",
    "ze",
    "zij",
    "hij",
    "het",
    "maar",
    "want",
    "en",
    "dus",
    "hoor",
    "he",
    "mijn",
    "ons",
    "onze",
)


_CLAUSE_BREAKS = ("maar", "en", "want", "dus", "of", "omdat")
MAX_INVERSION_GAP = 4
"""Words between a phrase said first and its negation: "eens zijn we het zeker nie"."""


def negated_after(words: list[str], end: int, negations: frozenset[str]) -> bool:
    """True when a negation closes the clause of the phrase that ends before ``end`` ("ik werk nog
    nie, ik zoek werk"; with the phrase said first: "sociale woning, da wil ik nie", "een auto hebben
    we nie"); not in "getrouwd, niet samenwonend", where it negates what follows."""
    index = end
    while (
        index < len(words)
        and index - end < MAX_INVERSION_GAP
        and words[index] not in negations
        and words[index] not in _CLAUSE_BREAKS
    ):
        index += 1
    if index >= len(words) or words[index] not in negations or words[index] in ("geen", "gene", "zonder"):
        return False
    index += 1
    while index < len(words) and words[index] in ("meer", "echt", "hoor", "he"):
        index += 1  # "ik werk niet meer, ..."
    return index >= len(words) or words[index] in _CLAUSE_STARTS


def unfeasible_after(words: list[str], end: int, phrases: tuple[str, ...]) -> bool:
    """True when the phrase ending before ``end`` is followed by words saying it cannot be ("kopen
    lukt niet met mijn loon", "kopen is te duur voor mij")."""
    following = " ".join(words[end : end + 5])
    return any(f"{following} ".startswith(f"{phrase} ") for phrase in phrases)
