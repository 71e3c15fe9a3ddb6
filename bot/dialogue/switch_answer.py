"""Reading the reply to "shall we look at X first?" (the switch offer): keep, switch, or the open
question answered instead."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.dialogue.context import DialogueContext
from bot.dialogue.reading import MAX_ATTEMPTS, is_question
from bot.dialogue.state import ConversationState, Pending
from bot.dialogue.turn import Message, TurnResult
from bot.journeys.journey import plan_questions
from bot.knowledge.texts import text
from bot.normalize import normalise
from bot.understanding.answers import Reading, read_answer
from bot.understanding.dates import read_date
from bot.understanding.fact_scan import scan_facts
from bot.understanding.lexicon import load_lexicon, starts_with_phrase

REFUSAL_WORDS = frozenset({"niet", "geen", "nooit", "niemand", "niks", "niets", "nie", "gene"})
"""In an answer to "shall we look at X first?" that is not a plain yes or no, these words refuse."""

HELPLINE_WORDS = ("zelfmoordlijn", "1813", "106", "tele onthaal", "teleonthaal", "112", "bellen", "bel")
"""A question about the helplines just given is no request for the offered help."""

PLAIN_REPLIES = frozenset({"yes_no", "unknown"})
"""Readings of the open question that a bare "ja" / "nee" / "weet ik niet" would also give: those
answer the offer, not the question."""


class SwitchAnswerTurn:
    """The part of a dialogue turn that reads the reply to a switch offer (mixed into ``AnsweringTurn``)."""

    state: ConversationState
    message: Message
    ctx: DialogueContext
    text: str
    distressed: bool
    out: TurnResult

    story: str | None
    story_for: list[str]
    apply: Callable[..., bool]  # defined by AnsweringTurn
    answer_pending: Callable[..., bool]  # defined by AnsweringTurn

    def states_fact_of(self, event_id: str | None) -> bool:
        """Whether the message states an answer to a question of the offered situation, while no
        other journey runs (after the crisis lines, the person goes on about the death)."""
        event = self.ctx.event(event_id)
        if self.state.journey is not None or event is None:
            return False
        if event.event_date_label and read_date(self.text, self.ctx.today) is not None:
            return True  # "sinds begin deze maand": when the illness began
        return any(scan_facts(question, self.text) is not None for question in plan_questions(event))

    def waiting_answer(self) -> Reading | None:
        """The message read as the answer to the journey question the offer interrupted, if it is one."""
        journey = self.state.journey
        waiting = journey.pending if journey else None
        if waiting is None or journey is None:
            return None
        question = self.ctx.kb.events[journey.event_id].question(waiting.kind)
        if question is None:
            return None
        reading = read_answer(question, self.text)
        return reading if reading.value is not None else None

    def take_waiting_answer(self, pending: Pending) -> bool:
        """Keeps the offered situation for later and answers the interrupted question."""
        journey = self.state.journey
        assert journey is not None and journey.pending is not None
        if pending.target_event and pending.target_event not in self.state.later:
            self.state.later.append(pending.target_event)
        self.state.pending, journey.pending = journey.pending, None
        return self.answer_pending()

    def denies(self, event_id: str) -> bool:
        """The message says the situation is not the person's ("nee, geldproblemen heb ik niet"): it
        names it and negates it, besides a leading "nee"."""
        lexicon = load_lexicon()
        padded = f" {normalise(self.text)} "
        if any(f" {p} " in padded for p in lexicon.switch_keep):
            return False  # "nee, niet nu. de geldproblemen bekijken we straks"
        if event_id in self.ctx.keywords.negated_in(self.text):
            return True
        negations = set(lexicon.negations)
        for clause in re.split(r"[,.;:!?]", self.text):
            words = normalise(clause).split()
            for phrase in self.ctx.keywords.phrases_in(clause, event_id):
                start = " ".join(words).find(phrase)
                after = " ".join(words)[start + len(phrase) :].split()
                if set(after) & negations:  # "geldproblemen heb ik niet"
                    return True
        return False

    def answer_switch(self, pending: Pending) -> bool:
        """Reads the reply to the switch offer ``pending``; False when it is no reply to it."""
        normalised = normalise(self.text)
        lexicon = load_lexicon()
        padded = f" {normalised} "
        sentences = [part for part in re.split(r"(?<=[.!?])\s+", self.text.strip()) if part.strip()]
        if (
            self.state.journey is None
            and len(sentences) > 1
            and is_question(sentences[-1])
            and not starts_with_phrase(normalised, lexicon.no)
        ):
            # "ik weet het, ik zal straks bellen. maar wat moet ik regelen voor haar pensioen?": the
            # question after it is about the offered help ("straks" was about the phone call); a
            # question about the helplines is not ("nee, nog niet. wanneer is de zelfmoordlijn bereikbaar?")
            last = f" {normalise(sentences[-1])} "
            if not any(f" {p} " in last for p in (*lexicon.switch_keep, *HELPLINE_WORDS)):
                return self.apply(pending, "ja", typed=True)
        if any(f" {p} " in padded for p in lexicon.switch_keep):
            return self.apply(pending, "nee", typed=True)
        led_by_no = bool(starts_with_phrase(normalised, lexicon.no)) and not starts_with_phrase(
            normalised, lexicon.yes
        )
        if not led_by_no and any(f" {p} " in padded for p in load_lexicon().switch_now):
            # ("nee nee, eerst da van mijn zoon afwerken": "eerst dat" after a no keeps this one)
            return self.apply(pending, "ja", typed=True)
        yes = starts_with_phrase(normalised, lexicon.yes)
        no = starts_with_phrase(normalised, lexicon.no)
        if not (yes or no) and {"nee", "neen"} & set(normalised.split()[:2]):
            no = "nee"  # "no, nee" (the English "no" reads as the dialect "nog")
        # The person ignored the offer and answered the question that was open: take the answer
        # ("ja ik moet nog 8 weken opzeg doen" answers the notice question, not the offer).
        answer = self.waiting_answer()
        # A bare "nee hoor" answers the offer, the last thing asked, even when the open question's
        # options are themselves "Ja" and "Nee" (read as their labels, not as a plain yes or no).
        bare = normalised in (yes, no)
        if answer is not None and not bare and (answer.how not in PLAIN_REPLIES or not (yes or no)):
            return self.take_waiting_answer(pending)
        if yes or no:
            return self.apply(pending, "ja" if len(yes or "") >= len(no or "") and yes else "nee", typed=True)
        if self.state.journey is None and (is_question(self.text) or self.text.rstrip().endswith("?")):
            return self.apply(pending, "ja", typed=True)  # the offered help, asked in own words
        if self.states_fact_of(pending.target_event):
            return self.apply(
                pending, "ja", typed=True
            )  # "we waren 40 jaar getrouwd": about the offered help
        unsure = starts_with_phrase(normalised, lexicon.unknown)  # "ik weet het nie, alles is zo zwaar"
        if self.state.crisis and (unsure or self.distressed):
            # After the crisis lines, doubt or despair neither refuses nor accepts the offered help:
            # it stays open, nobody is hurried ("ik weet het nie", "het heeft toch allemaal geen zin").
            offered = self.ctx.event(pending.target_event)
            if self.story:
                self.state.keep_unplaced(self.story, self.story_for)  # the offer and its story stay
            if not self.distressed and offered is not None:  # distress already got the crisis lines
                self.out.say(
                    text("switch_unsure_after_crisis", title=offered.title),
                    [
                        {"title": text("button_human"), "payload": "/request_human"},
                        {
                            "title": text("button_crisis_event_yes", title=offered.title),
                            "payload": '/provide_answer{"answer_value": "ja", "question_id": "switch"}',
                        },
                    ],
                )
            return True
        # "ziek?? niemand is ziek" refuses the offer; "alles is zo zwaar, ik kan da nie alleen" does not
        if set(normalised.split()) & REFUSAL_WORDS and not unsure and not self.distressed:
            return self.apply(pending, "nee", typed=True)
        if self.message.intent in self.ctx.kb.events and self.message.intent == pending.target_event:
            return self.apply(pending, "ja", typed=True)
        pending.attempts += 1
        if pending.attempts >= MAX_ATTEMPTS:
            return self.apply(pending, "nee", typed=True)
        return False
