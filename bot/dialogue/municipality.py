"""The municipality in what a person types: after "ik woon in", "verhuisd naar", ..., or as the
whole answer to "In welke gemeente woont u?" (typos tolerated)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

from bot.normalize import normalise
from bot.places.municipalities import load_places
from bot.settings import REPO_ROOT
from bot.understanding.lexicon import load_lexicon, starts_with_phrase
from bot.understanding.place_answers import resolve_place_answer

_RESIDENCE_CUE = re.compile(
    r"\b(woon|woont|wonen|woonde|verhuis|verhuisd|verhuizen|verhuist|verhuizing|postcode|"
    r"gemeente|afkomstig|ingeschreven|bij ons|bij mij)\b(\s+(in|te|naar|uit|sinds kort in|nu in|hier in))?",
    re.IGNORECASE,
)

PLACE_CONTEXT_WORDS = 3
"""How many words before "in <Place>" may say it is the place of something else."""

_PLACE_TO = re.compile(r"\bnaar\s+([A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)*)")
_PLACE_TO_ANY_CASE = re.compile(r"\bnaar\s+([\w'-]+)\s*$", re.IGNORECASE)
"""'naar <place>' ending the words before a cue ("van berchem naar mortsl verhuisd")."""
MIN_FUZZY_NAME = 5
"""A lower-case word after "naar" is matched with typos only from this length ("naar mortsl")."""
_PLACE_AFTER = re.compile(r"\b(?:in|uit|te)\s+([A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)*)")


def municipality_in(message_text: str) -> Any:
    """The municipality where the person says they live: after "ik woon in", "verhuisd naar", ...,
    or a capitalised place name after "in", "uit" or "te" ("ik ben ziek, ik woon in Genk")."""
    places = load_places()
    # "ik woon niet in Antwerpen maar in Gent": what comes after "maar" is meant.
    parts = re.split(r"\bmaar\b", message_text, flags=re.IGNORECASE)
    if len(parts) > 1 and re.search(r"\bniet\b", parts[0], re.IGNORECASE):
        message_text = parts[-1]
        found = (
            municipality_in(f"ik woon {message_text.strip()}")
            if not _RESIDENCE_CUE.search(message_text)
            else None
        )
        if found is not None:
            return found
    cue = _own_residence_cue(message_text)
    if cue:
        # up to the end of the clause: "ik woon in Boom, nie in Lier"
        clause = re.split(r"[,.;!?]", message_text[cue.end() :], maxsplit=1)[0]
        after = clause.split()[:4]
        # "verhuisd van Antwerpen naar Kapellen", "ik woon met de kinderen nog in Torhout"
        moved_to = _PLACE_TO.search(clause)
        if moved_to:
            # "verhuisd van Berchem naar Mortsl": the place moved to (typos tolerated), never the
            # place moved from; "naar Spanje" names no municipality here
            return places.resolve(moved_to.group(1)) or resolve_place_answer(moved_to.group(1))
        # "we zijn zaterdag van berchem naar mortsl verhuisd": "naar" before the cue, any case
        sentence = re.split(r"[.!?;]", message_text[: cue.start()])[-1]
        before_cue = _PLACE_TO_ANY_CASE.search(sentence)
        if before_cue:
            name = before_cue.group(1)
            found = places.resolve(name) or (
                resolve_place_answer(name) if len(name) >= MIN_FUZZY_NAME else None
            )
            if found is not None:
                return found
        target = None if cue.group(2) else _PLACE_AFTER.search(clause)
        found = places.resolve(target.group(1)) if target else None
        found = found or (places.resolve(" ".join(after)) if after else None)
        if found is None and after and after[0][:1].isupper():
            found = resolve_place_answer(after[0].strip(".,;!?"))  # a capitalised name with a typo
        if found is None and len(after) >= 2 and len(" ".join(after[:2])) >= MIN_FUZZY_NAME:
            found = resolve_place_answer(" ".join(after[:2]))  # "ik woon in sint niklass", no capitals
        return found or places.resolve(message_text)
    for match in _PLACE_AFTER.finditer(message_text):
        if _place_of_something_else(message_text[: match.start()]):
            continue  # "in het ziekenhuis in Aalst", "de firma in Zele": not where the person lives
        found = places.resolve(match.group(1))
        if found is not None and found.matched_text and found.match_kind != "postcode":
            return found
    return None


def _own_residence_cue(message_text: str) -> re.Match[str] | None:
    """The residence cue about the person: "ik woon zelf in Boom" wins over "hij woont in Lier"; a
    cue about someone else ("mijn moeder woont in Lier", "ze wonen in Gent") is no cue."""
    lexicon = load_lexicon()
    own: list[re.Match[str]] = []
    neutral: list[re.Match[str]] = []
    for cue in _RESIDENCE_CUE.finditer(message_text):
        before = set(normalise(message_text[: cue.start()]).split()[-PLACE_CONTEXT_WORDS - 1 :])
        if before & set(lexicon.first_person):
            own.append(cue)
        elif not (before & set(lexicon.other_people)):
            neutral.append(cue)
    found = own or neutral
    # "ik woon nu in Lokeren ... ik ga verhuizen naar een serviceflat in Sint-Niklaas": where the
    # person moves to is where they will live and register
    moving_to = [
        cue
        for cue in found
        if cue.group(1).lower().startswith("verhui")
        and re.search(r"\bnaar\b", re.split(r"[,.;!?]", message_text[cue.start() :], maxsplit=1)[0])
    ]
    chosen = moving_to or found
    return chosen[0] if chosen else None


def _place_of_something_else(before: str) -> bool:
    """Whether the words just before "in <Place>" name a place other than the person's home
    ("in het ziekenhuis in Aalst", "bij een transportfirma in Genk") or another person's."""
    words = normalise(before).split()[-PLACE_CONTEXT_WORDS:]
    lexicon = load_lexicon()
    return any(w.endswith(place) for w in words for place in lexicon.elsewhere_places) or bool(
        set(words) & set(lexicon.other_people)
    )


def municipality_answer(message_text: str) -> Any:
    """The municipality a typed answer names (typos tolerated), or None."""
    return resolve_place_answer(message_text)


MIN_DISTINCT_WORD = 4
"""Shorter words of a municipality's name ("op", "den", "aan") do not pick it."""
SHORT_NAMES_FILE = REPO_ROOT / "data" / "places" / "short_names.yml"


@lru_cache(maxsize=1)
def _short_names() -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(SHORT_NAMES_FILE.read_text(encoding="utf-8")) or {}
    return {normalise(str(name)): tuple(str(full) for full in fulls) for name, fulls in data.items()}


def ambiguous_short_name(message_text: str, found: Any) -> tuple[str, ...]:
    """The municipalities a short name may mean ("Heist": Heist-op-den-Berg or Knokke-Heist), when
    the message names the place only by it; empty when the full name is there."""
    choices = _short_names().get(normalise(found.matched_text)) if found is not None else None
    if not choices:
        return ()
    typed = f" {normalise(message_text)} "
    if any(f" {normalise(full)} " in typed for full in choices):
        return ()
    return choices


def chosen_place(message_text: str, choices: list[str]) -> str | None:
    """Which of the municipalities asked about the message names ("nee nie Knokke, Heist-op-den-Berg!"
    names the last one): by the words of each name beside the short name they share."""
    words = normalise(message_text).split()
    shared = set.intersection(*(set(normalise(c).split()) for c in choices)) if choices else set()
    best: tuple[int, str] | None = None
    for choice in choices:
        # "berg", "knokke": the words that tell the names apart ("op", "den" say nothing: "op 1 maart")
        own = [w for w in normalise(choice).split() if w not in shared and len(w) >= MIN_DISTINCT_WORD]
        positions = [i for i, w in enumerate(words) if w in own]
        if own and positions and (best is None or max(positions) > best[0]):
            best = (max(positions), choice)
    return best[1] if best else None


def no_municipality(text: str) -> bool:
    """The answer to "In welke gemeente woont u?" gives none: not known, or abroad ("weet ik niet",
    "hij woont in Frankrijk")."""
    lexicon = load_lexicon()
    normalised = normalise(text)
    return starts_with_phrase(normalised, lexicon.unknown) is not None or bool(
        set(normalised.split()) & set(lexicon.abroad)
    )
