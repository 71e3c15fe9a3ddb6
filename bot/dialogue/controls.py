"""The control words and navigation of a dialogue turn: "stop", "opnieuw", "iets anders", "vorige
vraag", next and previous step, the way to a counter, and the reminder of the open question."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.dialogue import journeys as moves
from bot.dialogue import plan_walk
from bot.dialogue.context import DialogueContext
from bot.dialogue.municipality import municipality_answer
from bot.dialogue.presenting import (
    navigation_buttons,
    plan_of,
    present_plan,
    show_step,
)
from bot.dialogue.reading import HUMAN, NAVIGATION, QUESTION_WORDS, SMALL_TALK  # noqa: F401
from bot.dialogue.referral import refer
from bot.dialogue.state import (
    DONE,
    EVENT_DATE,
    MUNICIPALITY,
    PLAN,
    QUESTIONS,
    SWITCH,
    ConversationState,
    Pending,
)
from bot.dialogue.step_place import place_in_message, refer_to_step_place
from bot.dialogue.turn import Message, TurnResult
from bot.journeys.journey import PlannedStep, plan_questions
from bot.journeys.render import deadline_text, documents_text, location_text
from bot.knowledge.texts import step_heading, text
from bot.normalize import normalise
from bot.understanding.lexicon import load_lexicon, names_municipal_office
from bot.understanding.step_navigation import LAST


class ControlTurn:
    """The part of a dialogue turn that handles control words and navigation (mixed into
    ``engine._Turn``)."""

    state: ConversationState
    message: Message
    ctx: DialogueContext
    out: TurnResult
    text: str

    on_life_events: Callable[[list[str]], None]  # defined by another part of the turn

    ask_again: Callable[[Pending, str], None]  # defined by another part of the turn
    life_events: Callable[[], list[str]]  # defined by another part of the turn
    last_suggested: list[str]  # defined by the engine: the FAQ questions suggested last turn

    def control(self, kind: str) -> None:
        state, journey = self.state, self.state.journey
        title = self.ctx.kb.events[journey.event_id].title if journey else ""
        nothing_answered = (
            journey is not None
            and journey.phase == QUESTIONS
            and not journey.answers
            and journey.event_date is None
            and normalise(self.text).startswith("opnieuw")
        )
        if kind == "restart_all" or (kind == "restart_journey" and (journey is None or nothing_answered)):
            # "opnieuw" before any answer: the situation itself was the mistake, not the answers
            reason = state.handoff_reason
            self.state.__init__()  # type: ignore[misc]
            self.state.handoff_reason = reason
            self.out.say(text("restarted"))
        elif kind == "restart_journey" and journey is not None:
            if journey.phase == QUESTIONS:
                journey.answers, journey.event_date, journey.date_asked = {}, None, False
                state.pending = None
                moves.continue_journey(self.out, state, self.ctx, lead=text("restart_questions", title=title))
            else:
                present_plan(self.out, state, self.ctx.kb.events[journey.event_id], self.ctx.today)
                self.out.say(text("restart_plan_hint"))  # "opnieuw" may mean: my answers were wrong
        elif kind == "stop":
            state.pending = None
            if journey is not None and journey.phase != DONE:
                state.journey = None
                self.out.say(text("stopped_journey", title=title))
            else:
                self.out.say(text("ok_anything_else"))
        elif kind == "not_this":
            # the situation was misread: it is dropped, not kept for later, and the rest of the
            # message may name the right one (after_control)
            state.journey, state.pending = None, None
            state.later = [e for e in state.later if journey is None or e != journey.event_id]
            self.out.say(
                text("not_this") if self.names_a_situation() else f"{text('not_this')} {text('not_this_ask')}"
            )
        elif kind == "something_else":
            if journey is not None and journey.phase != DONE:
                if state.pending is not None and state.pending.kind != SWITCH:
                    journey.pending = state.pending
                state.suspended.append(journey)
            state.journey, state.pending = None, None
            self.out.say(text("something_else"))
        elif kind == "later":
            if journey is not None and journey.phase == QUESTIONS:
                if state.pending is not None and state.pending.kind != SWITCH:
                    journey.pending = state.pending  # asked again when the person comes back
                state.pending = None
                self.out.say(
                    text("crisis_later" if state.crisis else "paused_journey", title=title),
                    [{"title": text("button_later_event", title=title), "payload": "/resume_journey"}],
                )
            else:
                self.out.say(text("ok_anything_else"))
        elif kind == "back":
            previous = self.previous_question()
            if state.pending is not None and state.pending.options:
                state.pending.options = None
                self.ask_again(state.pending, text("question_again"))
            elif previous is not None and journey is not None:
                journey.answers.pop(previous, None)
                journey.narrowed.pop(previous, None)
                state.pending = Pending(previous)
                self.ask_again(state.pending, text("back_to_question"))
            elif journey is not None and journey.phase == PLAN:
                plan_walk.previous_step(self.out, state, self.ctx)
            elif state.suspended:
                moves.resume_suspended(self.out, state, self.ctx)
            elif state.pending is not None:
                self.ask_again(state.pending, text("question_again"))
            else:
                self.out.say(text("no_journey"))

    def after_control(self, kind: str) -> None:
        """After "laat maar" or "iets anders", a situation the rest of the message names outright is
        taken up ("laat maar, ik ben eigenlijk net nieuw in België")."""
        if kind not in ("stop", "something_else", "not_this"):
            return
        named = self._named_after_control()
        events = [e for e in self.life_events() if e in named] or sorted(named)
        # only a trigger word starts it: "stop, ik ga eerst met mijn boekhouder praten" starts nothing
        if events:
            self.on_life_events(events)

    def _named_after_control(self) -> set[str]:
        rest = self.rest_after_control()
        return self.ctx.keywords.events_in(rest) if rest else set()

    def not_about_the_situation(self) -> bool:
        """ "Dat bedoel ik niet" said of the questions suggested, or going on about the same
        situation ("nee dat bedoel ik niet. wie doet de aangifte van het overlijden?" in a death)."""
        journey = self.state.journey
        if journey is None:
            return False
        named = self._named_after_control()
        if named - {journey.event_id}:
            return False  # another situation is named: the one followed was misread
        return bool(self.last_suggested) or journey.event_id in named

    def rest_after_control(self) -> str:
        """What the message says after its first clause ("dat is het niet. ik ben mantelzorger")."""
        parts = re.split(r"[,.;!?]", self.text, maxsplit=1)
        return parts[1].strip() if len(parts) > 1 else ""

    def names_a_situation(self) -> bool:
        """The message goes on to name a situation ("dat is het niet. ik ben mantelzorger")."""
        return bool(self._named_after_control())

    def previous_question(self) -> str | None:
        """While questions are asked: the question answered just before the open one."""
        journey, pending = self.state.journey, self.state.pending
        if journey is None or journey.phase != QUESTIONS or pending is None:
            return None
        event = self.ctx.kb.events[journey.event_id]
        order = [q.id for q in plan_questions(event)]
        if pending.kind == EVENT_DATE:
            answered = [q for q in order if q in journey.answers]
        elif pending.kind in order:
            answered = [q for q in order[: order.index(pending.kind)] if q in journey.answers]
        else:
            return None
        return answered[-1] if answered else None

    # -- by intent ----------------------------------------------------------------------------------

    def navigate(self, intent: str) -> None:
        journey = self.state.journey
        if journey is None or journey.phase == QUESTIONS:
            if journey is not None and self.state.pending is not None:
                self.ask_again(self.state.pending, text("question_first"))
            elif journey is not None:
                moves.resume_question(self.out, self.state, self.ctx)  # back to the question put aside
            else:
                self.out.say(text("no_journey"))
            return
        event = self.ctx.kb.events[journey.event_id]
        plan = plan_of(event, journey)
        if intent in ("next_step", "affirm"):
            plan_walk.next_step(self.out, self.state, self.ctx)
        elif intent == "previous_step":
            plan_walk.previous_step(self.out, self.state, self.ctx)
        elif intent == "restart_journey":
            present_plan(self.out, self.state, event, self.ctx.today)
            self.out.say(text("restart_plan_hint"))  # "opnieuw" may mean: my answers were wrong
        elif plan.steps:
            planned = plan.steps[min(journey.step_index, len(plan.steps) - 1)]
            render = {
                "ask_documents": documents_text,
                "ask_location": location_text,
                "ask_deadline": deadline_text,
            }[intent]
            header = step_heading(planned.number, planned.total, planned.step.title)
            self.out.say(
                f"{header}\n{render(planned)}",
                navigation_buttons(planned.step.needs_counter, planned.number == planned.total),
            )

    def in_plan(self) -> bool:
        """The plan is shown and no question is open."""
        journey = self.state.journey
        return journey is not None and journey.phase in (PLAN, DONE) and self.state.pending is None

    def go_to_step(self, number: int) -> None:
        """A typed "ga naar stap 4": that step's card (1-based; ``LAST`` for the last step)."""
        journey = self.state.journey
        assert journey is not None
        plan = plan_of(self.ctx.kb.events[journey.event_id], journey)
        total = len(plan.steps)
        index = total - 1 if number == LAST else number - 1
        if not 0 <= index < total:
            self.out.say(text("step_number_unknown", total=total))
            return
        journey.phase, journey.step_index = PLAN, index
        show_step(self.out, plan, index, self.ctx.today)

    def plan_question(self) -> bool:
        """A question in the plan that nothing else answered ("hoeveel kost da?"): the sourced cost
        of the step on screen when it asks about cost, otherwise who can answer it; never "daar kan
        ik u niet mee helpen" in the middle of a plan (citizen test M)."""
        journey = self.state.journey
        words = normalise(self.text).split()
        if journey is None or not self.in_plan() or not words:
            return False
        if not (self.text.rstrip().endswith("?") or words[0] in QUESTION_WORDS):
            return False
        planned = self.current_step()
        if planned is not None and planned.step.costs and set(words) & set(load_lexicon().cost_words):
            self.out.say(text("step_costs", step=planned.step.title, costs=planned.step.costs.rstrip(". ")))
            return True
        title = self.ctx.kb.events[journey.event_id].title
        self.out.say(
            text("question_without_answer", title=title),
            [{"title": text("button_human"), "payload": "/request_human"}],
        )
        return True

    def current_step(self) -> PlannedStep | None:
        """The step on screen, when the plan is shown."""
        journey = self.state.journey
        if journey is None or journey.phase not in (PLAN, DONE):
            return None
        plan = plan_of(self.ctx.kb.events[journey.event_id], journey)
        return plan.steps[min(journey.step_index, len(plan.steps) - 1)] if plan.steps else None

    def step_place_referral(self, planned: PlannedStep) -> None:
        """A step done in another municipality than the person's own: ask which one, then its town hall."""
        journey = self.state.journey
        assert journey is not None
        name = journey.places.get(planned.step.id)
        if name is None and not self.message.is_payload:
            found = place_in_message(self.text)
            name = found.municipality.name_nl if found is not None else None
        if name is None or not refer_to_step_place(self.out, planned, name):
            self.state.pending = Pending(MUNICIPALITY, referral=True, place_for=planned.step.id)
            self.out.say(
                planned.step.counter_place_question or text("ask_municipality"),
                custom={"type": "question", "question_id": MUNICIPALITY, "options": []},
            )
            return
        journey.places[planned.step.id] = name
        if planned.step.counter_place_is_home:
            self.state.municipality = name

    def answer_step_place(self, pending: Pending, value: str) -> bool:
        """The answer to "In welke gemeente is uw kind geboren?": that town hall, not the home one."""
        planned = self.current_step()
        self.state.pending = None
        if planned is None or planned.step.id != pending.place_for or self.state.journey is None:
            return False
        if not refer_to_step_place(self.out, planned, value):
            self.out.say(text("municipality_not_understood"))
            self.state.pending = pending
            return True
        self.state.journey.places[planned.step.id] = value
        if planned.step.counter_place_is_home:
            self.state.municipality = value
        return True

    def physical_referral(self) -> None:
        planned = self.current_step()
        if planned is not None and planned.step.counter_place_question:
            self.step_place_referral(planned)
            return
        if (
            planned is not None
            and planned.step.executing_level != "lokaal"
            and not planned.step.needs_counter
            and not names_municipal_office(self.text)  # "waar is dat gemeentehuis?": the town hall
        ):
            # Not a municipal step: where it is done, not the person's town hall or OCMW.
            self.out.say(
                f"{text('referral_not_local', title=planned.step.title)}\n{location_text(planned)}",
                [{"title": text("button_human"), "payload": "/request_human"}],
            )
            return
        if self.state.municipality is None:
            found = (
                municipality_answer(self.text)
                if not self.message.is_payload and self.message.intent == "provide_municipality"
                else None
            )
            if found is None:
                if (
                    self.state.pending is not None
                    and self.state.pending.kind != MUNICIPALITY
                    and self.state.journey
                ):
                    self.state.journey.pending = self.state.pending
                self.state.pending = Pending(MUNICIPALITY, referral=True)
                self.out.say(
                    text("ask_municipality"),
                    custom={"type": "question", "question_id": MUNICIPALITY, "options": []},
                )
                return
            self.state.municipality = found.municipality.name_nl
        if not refer(self.out, self.state, self.ctx.kb):
            self.out.say(text("municipality_not_understood"))

    def remind(self) -> None:
        """After a side remark, the question that is still open (so the thread is not lost)."""
        if self.state.pending is not None and self.state.pending.kind not in (SWITCH, MUNICIPALITY):
            self.ask_again(self.state.pending, text("question_again"))
