"""The part of a dialogue turn that puts safety first: the crisis lines, and texts that need a
person close by (violence, homelessness, the loss of a child)."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.dialogue.answer_guards import STATED
from bot.dialogue.context import DialogueContext
from bot.dialogue.journeys import start_journey
from bot.dialogue.state import DONE, EVENT_DATE, MUNICIPALITY, SWITCH, ConversationState, Pending
from bot.dialogue.turn import Message, TurnResult
from bot.knowledge.texts import text
from bot.understanding.answers import read_answer
from bot.understanding.signals import distress_kind, signals_crisis, signals_crisis_after_loss


class SafetyTurn:
    """Mixed into ``engine._Turn``."""

    state: ConversationState
    message: Message
    ctx: DialogueContext
    out: TurnResult
    text: str

    life_events: Callable[[], list[str]]  # defined by another part of the turn
    ask_again: Callable[[Pending, str], None]

    def say_with_person(self, key: str) -> None:
        """A text that needs a person close by, with the button to reach one."""
        self.state.handoff_reason = "distress"
        self.out.say(text(key), [{"title": text("button_human"), "payload": "/request_human"}])

    def story_without_crisis(self) -> str:
        """The message without its crisis and distress clauses ("ik zou er beter nie meer zijn" is
        no "niet meer werken")."""
        return ". ".join(
            c
            for c in re.split(r"[.,;!?]|\b(?:en|maar|want|omdat|dus)\b", self.text)
            if c.strip() and not (signals_crisis(c) or signals_crisis_after_loss(c) or distress_kind(c))
        )

    def helpline_question(self) -> None:
        """A question about the crisis lines themselves: what they are, that they are free and
        anonymous; the open question stays open."""
        self.out.say(text("helpline_info"), [{"title": text("button_human"), "payload": "/request_human"}])
        pending = self.state.pending
        if pending is not None and pending.kind != SWITCH:
            self.ask_again(pending, text("question_again"))

    def crisis(self) -> None:
        """The crisis lines first, always; what else the message said is kept for later."""
        state, journey = self.state, self.state.journey
        state.handoff_reason, state.crisis = "distress", True
        self.out.say(
            text("crisis"), [{"title": text("button_human"), "payload": "/request_human"}], {"type": "crisis"}
        )
        pending = state.pending
        if (
            journey is not None
            and pending is not None
            and pending.kind not in (SWITCH, MUNICIPALITY, EVENT_DATE)
            and (
                signals_crisis(self.text) or signals_crisis_after_loss(self.text)
            )  # not a question about 1813
        ):
            event = self.ctx.kb.events[journey.event_id]
            question = event.question(pending.kind)
            # read what the message says besides the crisis words ("ik zou er beter nie meer zijn"
            # is no "niet meer werken")
            rest = self.story_without_crisis()
            reading = read_answer(question, rest) if question and rest.strip() else None
            # an answer stated outright, not "ik weet nie hoe ik dit moet doen" read as "weet ik niet"
            if reading is not None and reading.value is not None and reading.how in STATED:
                journey.answers[pending.kind] = reading.value
                state.pending = None
        if journey is not None and journey.phase != DONE:
            if state.pending is not None and state.pending.kind != SWITCH:
                journey.pending, state.pending = state.pending, None
            title = self.ctx.kb.events[journey.event_id].title
            self.out.say(
                text("crisis_later", title=title),
                [{"title": text("button_later_event", title=title), "payload": "/resume_journey"}],
            )
            return
        named = self.ctx.keywords.events_in(self.text)
        events = [e for e in self.life_events() if e in named]  # never a guess after a crisis message
        if events:
            # "mijn vrouw is zondag gestorven ... ik zie het nie meer zitten": the crisis lines come
            # first; the practical help the person came for starts at once, at their pace (one
            # question, nothing to accept first), with what the message already said
            self.out.say(text("crisis_then_help"))
            start_journey(self.out, self.state, self.ctx, events, self.story_without_crisis())
