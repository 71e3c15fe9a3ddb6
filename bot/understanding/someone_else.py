"""Situations a story tells about someone else: "mijn moeder is terminaal ziek" is the illness of
the person cared for, not of the one who writes (who may need the caregiving plan instead)."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.normalize import normalise
from bot.understanding.lexicon import load_lexicon
from bot.understanding.signals import contains_any

_PRONOUNS = frozenset({"hij", "zij", "ze"})
_ILLNESSES = (
    r"(?:in\s+(?:het\s+)?ziekenhuis|\w*kanker|longontsteking|tumor|chemo|dementie|alzheimer|opgenomen\s+in)"
    r"(?:\s+met\s+(?:een\s+|zware\s+|een\s+zware\s+)?\w+)?"
)
"""What makes another person's story an illness: "mijn moeder ligt in het ziekenhuis met ..."."""


@lru_cache(maxsize=1)
def _people_pattern() -> str:
    """Other people and partners ("mijn moeder", "mijn man"), longest first, as a regex alternation."""
    lexicon = load_lexicon()
    people = sorted(
        {p for p in (*lexicon.other_people, *lexicon.partners) if p not in _PRONOUNS}, key=len, reverse=True
    )
    return "|".join(re.escape(p) for p in people)


@lru_cache(maxsize=1)
def _ill_other() -> re.Pattern[str]:
    names = _people_pattern()
    return re.compile(
        rf"\b(?:(?:{names})(?:\s+\w+){{0,2}}?\s+(?:is|ligt|werd|wordt|was|zijn|waren)\s+(?:\w+\s+){{0,2}}?ziek"
        rf"|(?:{names})(?:\s+\w+){{0,2}}?\s+(?:ligt|lag|heeft|had|kreeg|is|werd)\s+(?:(?!ik\b|k\b)\w+\s+){{0,4}}?"
        rf"(?:{_ILLNESSES})"
        rf"|(?:{_ILLNESSES})(?:\s+\w+){{0,2}}?\s+bij\s+(?:mijn\s+|m\s+n\s+|men\s+|onze\s+|ons\s+)?(?:{names})"
        rf"|zieke\s+(?:\w+\s+)?(?:{names}))\b"
    )


def someone_else_ill(text: str) -> tuple[bool, str]:
    """Whether the text says another person is ill, and the text without those words."""
    normalised = normalise(text)
    rest, found = _ill_other().subn(" ", normalised)
    return found > 0, rest


_OWN_PENSION = re.compile(
    r"\b(?:mijn|men|m n)\s+(?:eigen\s+)?pensioen|\b(?:ik|k|we|wij)\b(?:\s+\w+){0,6}?\s+(?:met|op)\s+pensioen"
)
"""One's own retirement: "mijn pensioen", "ik wil volgend jaar met pensioen" (not "krijg ik zijn
pensioen?")."""


@lru_cache(maxsize=1)
def _pension_of_other() -> re.Pattern[str]:
    names = _people_pattern()
    return re.compile(
        rf"\b(?:zijn|haar|hun)\s+(?:\w+\s+)?pensioen|\b(?:{names})\b[^.?!]{{0,40}}\bpensioen"
        r"|\b(?:weduwe|weduwnaar|overlevings)pensioen"
    )


def someone_elses_pension(text: str) -> bool:
    """ "krijgt mijn mama nu zijn pensioen?", "ze had haar pensioen al": the pension of the person who
    died or of a relative, not the writer's own retirement ("ik ga volgend jaar met pensioen")."""
    normalised = normalise(text)
    return bool(_pension_of_other().search(normalised)) and not _OWN_PENSION.search(normalised)


def about_someone_else(event_id: str, text: str, after_loss: bool) -> bool:
    """Whether the only mention of ``event_id`` in the text is about another person. A pension is
    only taken as someone else's after a loss ("krijgt mijn mama nu zijn pensioen?"): a daughter
    who arranges her father's retirement ("mijn vader gaat met pensioen") asks about his plan."""
    if event_id == "illness":
        return someone_else_ill(text)[0]
    if event_id == "retirement":
        return after_loss and someone_elses_pension(text)
    return False


def helped_persons_spouse_died(text: str) -> bool:
    """Written for someone else, a sentence tells the death of that person's spouse ("Haar man, mijn
    schoonvader, is vannacht overleden"), not of the writer's relative."""
    lexicon = load_lexicon()
    if contains_any(text, lexicon.loss) and contains_any(text, lexicon.helped_married):
        return True  # "mijn vader is overleden. ik help mijn moeder ... zij waren getrouwd"
    return any(
        contains_any(sentence, lexicon.loss) and contains_any(sentence, lexicon.helped_partner)
        for sentence in re.split(r"[.!?;]+", text)
    )
