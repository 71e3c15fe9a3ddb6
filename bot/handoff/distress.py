"""Recognises messages that signal distress, so a human is offered with priority."""

from __future__ import annotations

from bot.understanding.signals import distress_kind, signals_crisis


def signals_distress(text: str) -> bool:
    """True when the message shows distress or a crisis (phrases in ``data/lexicon/nl.yml``)."""
    return signals_crisis(text) or distress_kind(text) is not None
