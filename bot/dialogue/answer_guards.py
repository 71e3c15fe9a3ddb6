"""Guards around reading an answer: a question the crisis lines parked is opened again by a stated
answer, and a yes or no that confirms another fact does not answer the open question."""

from __future__ import annotations

import re

from bot.dialogue.context import DialogueContext
from bot.dialogue.state import QUESTIONS, ConversationState
from bot.journeys.journey import plan_questions
from bot.normalize import normalise
from bot.understanding.answers import read_answer
from bot.understanding.fact_scan import scan_facts
from bot.understanding.lexicon import load_lexicon, starts_with_phrase

STATED = frozenset({"label", "synonym", "number"})
"""Readings that state an answer outright (not a bare yes, no or a guess from a typo)."""
SHORT_REPLY_WORDS = 4
"""A reply this short that names another question's option ("getrouwd ja") is about that option."""


class AnswerGuards:
    """Mixed into ``AnsweringTurn``."""

    state: ConversationState
    ctx: DialogueContext
    text: str

    def confirms_other_fact(self, pending_kind: str) -> bool:
        """A yes or no said after a fact of another question ("getrouwd ja" while the question is
        whether the deceased was retired): it confirms that fact, it does not answer this question."""
        journey = self.state.journey
        normalised = normalise(self.text)
        lexicon = load_lexicon()
        if journey is not None and any(f" {p} " in f" {normalised} " for p in lexicon.already_said):
            # "ja ik ben zijn vrouw he, dat heb ik toch gezegd"; but "ja ons zoontje van 4, da zei
            # ik toch" to "Heeft u samen kinderen?" does answer it
            pending = self.ctx.kb.events[journey.event_id].question(pending_kind)
            return pending is None or scan_facts(pending, self.text) is None
        if (
            journey is None
            or starts_with_phrase(normalised, lexicon.yes)
            or starts_with_phrase(normalised, lexicon.no)
        ):
            return False
        event = self.ctx.kb.events[journey.event_id]
        bare = (*lexicon.yes, *lexicon.no)
        first_clause = re.split(r"[,.;!?]", self.text, maxsplit=1)[0]  # "getrouwd ja, da zei ik toch al"
        short = len(normalise(first_clause).split()) <= SHORT_REPLY_WORDS
        for question in plan_questions(event):
            if question.id == pending_kind:
                continue
            if scan_facts(question, self.text) is not None:
                return True
            reading = read_answer(question, first_clause) if short else None
            if reading is not None and reading.how in STATED and reading.matched not in bare:
                return True  # "getrouwd ja"
        return False

    def unpark_question(self) -> None:
        """After the crisis lines the open question is parked; a message that answers it outright
        ("we waren veertig jaar getrouwd") opens it again, so the answer is taken."""
        journey = self.state.journey
        parked = journey.pending if journey is not None else None
        if self.state.pending is not None or parked is None or journey is None or journey.phase != QUESTIONS:
            return
        question = self.ctx.kb.events[journey.event_id].question(parked.kind)
        reading = read_answer(question, self.text) if question is not None else None
        bare = (*load_lexicon().yes, *load_lexicon().no)
        if reading is not None and reading.how in STATED and reading.matched not in bare:
            self.state.pending, journey.pending = parked, None
