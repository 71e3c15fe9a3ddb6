"""Someone who writes for another person: a social worker, a counter clerk, a son for his father.

The questions are then about the person helped, and the opening has no condolences or
congratulations for the writer (``state.on_behalf``)."""

from __future__ import annotations

from collections.abc import Callable

from bot.dialogue.context import DialogueContext
from bot.dialogue.state import SWITCH, ConversationState, Pending
from bot.dialogue.turn import Message, TurnResult
from bot.knowledge.texts import text
from bot.normalize import normalise
from bot.understanding.answers import read_answer
from bot.understanding.lexicon import load_lexicon
from bot.understanding.signals import contains_any

HELPER_NOTE_WORDS = 8
"""A message this short that says the writer helps someone else is that statement, not an answer."""


def asks_for_someone_else(event_id: str, message_text: str) -> bool:
    """A helper by role ("ik ben maatschappelijk werker", "ik schrijf voor mijn man"), or a story
    that starts with a child's first job or a parent's retirement ("onze zoon begint te werken")."""
    lexicon = load_lexicon()
    if contains_any(message_text, lexicon.on_behalf):
        return True
    opening = " ".join(normalise(message_text).split()[:2])
    return opening in lexicon.relative_subjects.get(event_id, ())


class OnBehalfTurn:
    """Mixed into ``engine._Turn``."""

    state: ConversationState
    message: Message
    ctx: DialogueContext
    out: TurnResult
    text: str

    ask_again: Callable[[Pending, str], None]  # defined by another part of the turn

    def helper_said(self) -> bool:
        """A short message in a journey that says the writer helps someone else ("ik ben de
        baliemedewerker"): noted, and the open question is asked again (it is no answer)."""
        pending, journey = self.state.pending, self.state.journey
        if (
            self.state.on_behalf
            or journey is None
            or pending is None
            or pending.kind == SWITCH
            or len(normalise(self.text).split()) > HELPER_NOTE_WORDS
            or not contains_any(self.text, load_lexicon().on_behalf)
        ):
            return False
        question = self.ctx.kb.events[journey.event_id].question(pending.kind)
        if question is not None and read_answer(question, self.text).value is not None:
            self.state.on_behalf = True
            return False  # an answer said with it is still read
        self.state.on_behalf = True
        self.ask_again(pending, text("on_behalf_noted"))
        return True
