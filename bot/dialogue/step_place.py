"""Where a step is done when that is not the person's own municipality: a birth is declared where
the child was born, a death where the person died, a move at the new municipality."""

from __future__ import annotations

import re
from typing import Any

from bot.dialogue.municipality import municipality_answer
from bot.dialogue.referral import point_line
from bot.dialogue.turn import TurnResult
from bot.journeys.journey import PlannedStep
from bot.knowledge.texts import text
from bot.places.municipalities import load_places
from bot.places.service_points import contacts_for

TOWN_HALL = "gemeentehuis"
"""The only kind of service point that can do a civil-registry step."""

_EVENT_PLACE_CUE = re.compile(
    r"\b(?:geboren?|bevallen|overleden|gestorven|(?:verhuis|verhoes)\w*\s+(?:naar|nao)|gaan?\s+naar|naar|nao)"
    r"\s+(?:in\s+|te\s+)?",
    re.IGNORECASE,
)
_WORDS_AFTER_CUE = 4
_WORDS_BEFORE_IN = 6
"""How far after the cue "in <place>" may come ("geboren in t UZ Brussel in Jette")."""


_OWN_EVENT_CUES = {
    "birth": re.compile(r"\b(?:geboren?|bevallen)\s+(?:in\s+|te\s+)?", re.IGNORECASE),
    "death": re.compile(r"\b(?:overleden|gestorven)\s+(?:in\s+|te\s+)?", re.IGNORECASE),
    "moving": re.compile(r"\b(?:verhui|verhoes)\w*\s+(?:\w+\s+){0,4}?(?:naar|nao)\s+", re.IGNORECASE),
}
"""For a story's first message: only the event's own verb dates its place ("ik moet morgen naar de
notaris in Lier" is no place of death)."""


def place_in_message(message_text: str, event_id: str | None = None) -> Any:
    """The municipality named right after "geboren in", "overleden in", "verhuizen naar", ... so that
    "we wonen in Wilrijk maar ze is geboren in Edegem" gives Edegem (None when there is no such cue).
    With ``event_id``, only that event's own verbs count (None for an event without them)."""
    places = load_places()
    cues = _OWN_EVENT_CUES.get(event_id) if event_id else _EVENT_PLACE_CUE
    if cues is None:
        return None
    for cue in cues.finditer(message_text):
        clause = re.split(r"[,.;:!?]", message_text[cue.end() :], maxsplit=1)[0].split()
        # "geboren in t UZ Brussel in Jette", "verhuizen naar een serviceflat in Sint-Niklaas": the
        # place after a later "in" is where it happened (the hospital's name is no municipality)
        inner = [
            found
            for index, word in enumerate(clause[:_WORDS_BEFORE_IN])
            if index > 0 and word.lower() in ("in", "te")
            for found in [_place_at(places, clause[index + 1 : index + 1 + _WORDS_AFTER_CUE])]
            if found is not None
        ]
        found = inner[-1] if inner else _place_at(places, clause[:_WORDS_AFTER_CUE])
        if found is not None:
            return found
    return None


def _place_at(places: Any, words: list[str]) -> Any:
    """The municipality the first words name (the longest that resolves), never a bare postcode."""
    for size in range(len(words), 0, -1):
        found = places.resolve(" ".join(words[:size]))
        if found is not None and found.match_kind != "postcode":
            return found
    return None


def step_place_answer(message_text: str) -> Any:
    """The municipality of the step in a typed answer: after an event cue first, else any name."""
    return place_in_message(message_text) or municipality_answer(message_text)


def refer_to_step_place(turn: TurnResult, planned: PlannedStep, municipality_text: str) -> bool:
    """The town hall of the municipality where the step is done (never the person's own OCMW);
    False when the municipality is unknown."""
    resolution = load_places().resolve(municipality_text)
    if resolution is None:
        return False
    name = resolution.municipality.name_nl
    lines = [text("step_place_header", municipality=name, title=planned.step.title)]
    if not resolution.in_flanders:
        lines.append(text("step_place_outside_flanders", municipality=name))
    else:
        points = contacts_for(resolution.municipality.nis_code, TOWN_HALL)["service_points"]
        lines += [point_line(point) for point in points]
        if not points:
            lines.append(text("step_place_no_points", municipality=name))
    if planned.step.documents:
        lines.append(text("referral_bring", documents=", ".join(planned.step.documents)))
    turn.say("\n".join(lines))
    return True
