"""Recognises messages that signal distress, so a human is offered with priority."""
from __future__ import annotations

from bot.normalize import normalise

DISTRESS_PHRASES = (
    "ik weet het niet meer", "ik kan niet meer", "ik zie het niet meer zitten", "ten einde raad",
    "wanhopig", "ik ben radeloos", "ik ben de wanhoop nabij", "het wordt me te veel", "het is me te veel",
    "ik heb niemand", "ik sta er alleen voor", "ik ben op", "ik verdrink in",
)


def signals_distress(text: str) -> bool:
    """True when the message contains a known distress phrase (accents and case ignored)."""
    padded = f" {normalise(text)} "
    return any(f" {normalise(phrase)} " in padded for phrase in DISTRESS_PHRASES)
