"""The dialogue: one function decides what a message means in this conversation and what to say.

Answer first: while the assistant waits for an answer, the message is first read as that answer
(:mod:`bot.understanding.answers`, dates, places). Only when it is clearly not an answer is it
something new: another life event is offered, never switched to silently; "stop", "opnieuw" and
"iets anders" mean what they say; a crisis always gets the Zelfmoordlijn and Tele-Onthaal first.
Rasa only supplies the NLU parse; every intent reaches this function (``actions/turn.py``).
"""

from __future__ import annotations

from dataclasses import replace

from bot.dialogue import journeys as moves
from bot.dialogue.answering import AnsweringTurn
from bot.dialogue.complaint import answer_complaint
from bot.dialogue.context import DialogueContext
from bot.dialogue.controls import ControlTurn
from bot.dialogue.event_choice import EventChoiceTurn
from bot.dialogue.fallback_turn import FallbackTurn
from bot.dialogue.faq_turn import ROUTE_SURE_SCORE, ROUTE_TOP_SCORE, FaqTurn
from bot.dialogue.journey_dates import starts_correction
from bot.dialogue.on_behalf import OnBehalfTurn
from bot.dialogue.presenting import (
    plan_of,
    state_summary,
    understood_sentence,
)
from bot.dialogue.reading import (
    FALLBACK_INTENTS,
    NAVIGATION,
    SMALL_TALK,
    asks_nearby,
    is_question,
    other_language_reply,
)
from bot.dialogue.referral import offer_person, person_way
from bot.dialogue.safety_turn import SafetyTurn
from bot.dialogue.state import (
    DONE,
    EVENT_DATE,
    MUNICIPALITY,
    PLAN,
    QUESTIONS,
    SWITCH,
    ConversationState,
)
from bot.dialogue.step_choice import choose_step, is_step_choice
from bot.dialogue.step_search import answer_from_plan
from bot.dialogue.turn import Message, TurnResult
from bot.journeys.journey import plan_questions
from bot.knowledge.texts import text
from bot.normalize import normalise
from bot.understanding.event_scorer import FALLBACK_THRESHOLD, reranked_intent
from bot.understanding.fact_scan import scan_facts
from bot.understanding.language import detect_language, has_dutch_clause
from bot.understanding.lexicon import load_lexicon, starts_with_phrase
from bot.understanding.signals import (
    HOPELESSNESS,
    asks_for_person,
    contains_any,
    control_first,
    control_word,
    distress_kind,
    mentions_helpline,
    mentions_loss,
    mistyped_first,
    only_accepts_help,
    signals_child_loss,
    signals_complaint,
    signals_crisis,
    signals_crisis_after_loss,
    signals_homeless,
    signals_pregnancy_loss,
    signals_violence,
)
from bot.understanding.step_navigation import asked_step, polite_navigation

DEADLINE_QUESTION_WORDS = 14
"""A deadline question about the step shown is short; a long story with "tegen wanneer" is more."""


class _Turn(AnsweringTurn, ControlTurn, EventChoiceTurn, FaqTurn, SafetyTurn, OnBehalfTurn, FallbackTurn):
    def __init__(self, state: ConversationState, message: Message, ctx: DialogueContext) -> None:
        if message.intent == "other_language" and not message.is_payload and has_dutch_clause(message.text):
            # "hello i just moved to kortrik from poland, ik werk in een fabriek hier": read the Dutch
            ranking = tuple(item for item in message.ranking if item[0] != "other_language")
            message = replace(message, intent="nlu_fallback", confidence=FALLBACK_THRESHOLD, ranking=ranking)
        self.state, self.message, self.ctx = state, message, ctx
        self.out = TurnResult()
        self.text = message.text.strip()
        self.distressed = False
        # A door given or offered counts for the very next message only (a follow-up on it).
        self.last_door, state.door = state.door, None
        self.last_suggested, state.suggested = state.suggested, []
        # A story answered with "which situation?" waits for this turn only.
        self.story, self.story_for = state.unplaced, state.unplaced_for
        state.unplaced, state.unplaced_for = None, []

    # -- entry -----------------------------------------------------------------------------------
    def run(self) -> TurnResult:
        if self.is_faq_choice():
            self.answer_faq()
            return self.out
        if is_step_choice(self.message):
            choose_step(self.out, self.state, self.ctx, self.message)
            return self.out
        if not self.message.is_payload:
            if mentions_loss(self.text):
                self.state.bereaved = True  # no congratulations from now on in this conversation
            if signals_crisis(self.text) or (self.state.bereaved and signals_crisis_after_loss(self.text)):
                self.crisis()
                return self.out
            if mentions_helpline(self.text) and (is_question(self.text) or "?" in self.text):
                self.helpline_question()  # "kan ik da 106 ook snachts bellen?"
                return self.out
            language = (
                detect_language(self.text, dutch_so_far=self.state.journey is not None)
                if self.state.pending is None
                else None
            )
            if language:  # with a question open, the answer is read first ("ja hij was ...")
                # Clearly another language: answer in it (the Dutch classifier cannot read it).
                self.out.say(other_language_reply(language))
                return self.out
            if signals_child_loss(self.text):
                self.state.bereaved = self.state.child_lost = True
            for signal, key in ((signals_child_loss, "child_loss"), (signals_violence, "violence")):
                if signal(self.text):
                    # Condolences or the helpline and a person first: no "proficiat", no questions.
                    self.say_with_person(key)
                    if (
                        key == "child_loss"
                        and self.state.journey is None
                        and not signals_pregnancy_loss(self.text)
                    ):
                        # the papers, when the parents want them ("wat moeten we doen met die papieren")
                        self.out.say(
                            text("child_loss_steps_offer"),
                            [{"title": text("button_child_loss_steps"), "payload": "/death"}],
                        )
                    return self.out
            if signals_homeless(self.text):
                self.say_with_person("homeless")
                return self.out
            if signals_complaint(self.text):
                answer_complaint(self.out, self.text)
                return self.out
            kind = distress_kind(self.text)
            if kind is not None:
                self.distressed = True
                self.state.handoff_reason = "distress"
                # After the crisis lines, every new sign of distress gets them again.
                self.out.say(text("distress_after_crisis" if self.state.crisis else f"distress_{kind}"))
                self.state.crisis = self.state.crisis or kind == HOPELESSNESS  # it got the crisis lines
            if asks_for_person(self.text) and control_word(self.text) is None:
                asked_before = self.state.handoff_reason == "asked_for_human"
                self.state.handoff_reason = self.state.handoff_reason or "asked_for_human"
                way = person_way(self.text, self.ctx.live_open, asked_before)
                if way == "handoff_live":
                    self.out.effect("live_handoff")  # "chatten met een medewerker", typed
                elif way == "handoff_physical":
                    self.physical_referral()
                else:
                    offer_person(self.out, self.ctx.live_open)
                return self.out
            control, first = control_word(self.text), control_first(self.text)
            if control == "later" and self.state.pending is not None and self.state.pending.kind == SWITCH:
                control = first = None  # "straks" to an offer: this situation first, the other later
            if control is None and mistyped_first(self.text) and self.names_a_situation():
                control = first = "not_this"  # "sorry verkeerd getypt. ik zoek mijn eerste job"
            if control == "not_this" and self.not_about_the_situation():
                # "nee dat bedoel ik niet. wie doet de aangifte ...?" after the suggested questions:
                # none of them was it; the situation stands and the rest is read as usual
                control = first = None
                rest = self.rest_after_control()
                if not rest:
                    self.out.say(text("faq_none_of_these"))
                    return self.out
                self.text = rest  # "... ik werk zelf nog, krijg ik verlof?" is a question of its own
            pending = self.state.pending
            if (
                control == "not_this"
                and pending is not None
                and pending.kind != SWITCH
                and not self.names_a_situation()
                and self.answer_pending(fall_back=False)
            ):
                return self.out  # "nee, dat is het niet, het is ons tweede" answers "Is dit uw eerste kind?"
            # "stop" alone is control; "terug iets huren" may answer the open question first.
            if control is not None and (self.state.pending is None or first):
                self.state.fallbacks = 0
                self.control(control)
                self.after_control(control)
                return self.out
            if self.helper_said():
                return self.out  # "ik ben de baliemedewerker": the questions are about the person helped
            if (self.state.pending is None or self.points_at_suggestion()) and self.pick_suggestion():
                return self.out  # "ja die eerste" after the suggested questions, not step 1
            step = asked_step(self.text)
            if step is not None and self.in_plan():
                self.state.fallbacks = 0
                self.go_to_step(step)
                return self.out
            if self.takes_up_help():
                return self.out
            self.unpark_question()
            if self.state.pending is not None and self.answer_pending(fall_back=control is None):
                return self.out
            if control is not None:
                self.state.fallbacks = 0
                self.control(control)
                return self.out
        elif self.state.pending is not None and self.answer_pending():
            return self.out
        self.by_intent()
        return self.out

    def takes_up_help(self) -> bool:
        """ "ja, help me daar alstublieft mee" with a question open (or parked after the crisis
        lines or a pause): the question is asked (again), the "ja" answers nothing."""
        state, journey = self.state, self.state.journey
        if self.message.is_payload or journey is None:
            return False
        parked = state.pending is None and journey.pending is not None and journey.phase == QUESTIONS
        if parked and starts_with_phrase(normalise(self.text), load_lexicon().back_phrases):
            # "ik ben terug van mijn werk. hoofdberoep had ik al gezegd he": back, with facts
            event = self.ctx.kb.events[journey.event_id]
            clauses = moves.absorb_facts(state, journey, event, self.text, self.ctx)
            if journey.pending is not None and journey.pending.kind in journey.answers:
                journey.pending = None  # the parked question is answered by what was just said
            lead = " ".join(c for c in (understood_sentence(clauses), text("help_taken_up")) if c)
            moves.resume_question(self.out, state, self.ctx, lead=lead)
            return True
        if not only_accepts_help(self.text):
            return False
        if state.pending is not None and state.pending.kind != SWITCH:
            self.ask_again(state.pending, text("help_taken_up"))
            return True
        if state.pending is None and journey.pending is not None and journey.phase == QUESTIONS:
            moves.resume_question(self.out, state, self.ctx, lead=text("help_taken_up"))
            return True
        return False

    # -- reading the message --------------------------------------------------------------------
    def by_intent(self) -> None:
        intent, state, journey = self.message.intent, self.state, self.state.journey
        if not self.message.is_payload and asks_nearby(self.text):
            self.physical_referral()
            return
        if not self.message.is_payload and self.asks_step_deadline():
            self.navigate("ask_deadline")  # "tot wanneer heb ik nu juist?": the date is in the step
            return
        if (
            not self.message.is_payload
            and journey is not None
            and journey.phase != QUESTIONS
            and starts_correction(self.text)
            and moves.correct_plan(self.out, state, self.ctx, self.text)
        ):
            return  # "Mevrouw, u vergist zich. Ik verhuis pas op 15 januari ... hoop ik?"
        if (
            not self.message.is_payload
            and journey is not None
            and is_question(self.text)
            and intent not in NAVIGATION  # "wat moet ik meebrengen?" is about the step shown
        ):
            # A question the plan's FAQ answers is answered, unless a trigger phrase names another
            # situation ("de bank heeft onze rekening geblokkeerd, hoe betaal ik de rekeningen?" is
            # no debt problem to a widow, however sure the classifier is).
            named = self.ctx.keywords.events_in(self.text)
            others = [
                e for e in self.life_events() if e != journey.event_id and e in named and self.named_event(e)
            ]
            if not others and self.offer_faq():
                return
            if not others and answer_from_plan(self.out, state, self.ctx, self.text):
                return  # "hebben we een verzekering nodig?" with "Verzeker uw vrijwilligers" in the plan
        if self.door_named():
            return  # a stolen identity card is not a move, nor business support
        events = self.life_events()
        if not (events and events[0] in self.ctx.keywords.events_in(self.text)) and self.follow_door():
            return
        if (
            events
            and not self.message.is_payload
            and events[0] not in self.ctx.keywords.events_in(self.text)
            and self.offer_routes(
                top=ROUTE_SURE_SCORE if self.ctx.sees(events[0], self.text) else ROUTE_TOP_SCORE
            )
        ):
            return  # a stolen identity card is not a move: the door for it first
        if events:
            self.state.fallbacks = 0
            self.on_life_events(events)
            return
        if self.ask_which_situation():
            self.state.fallbacks = 0
            return
        if intent not in FALLBACK_INTENTS:
            self.state.fallbacks = 0
        if (
            journey is not None
            and not self.message.is_payload
            and intent
            in ("provide_answer", "provide_date", "provide_municipality", "affirm", "deny", *FALLBACK_INTENTS)
        ) and moves.correct_plan(self.out, state, self.ctx, self.text):
            return
        if intent in NAVIGATION or intent == "affirm" and journey is not None and journey.phase == PLAN:
            self.navigate(intent or "")
        elif intent == "resume_journey":
            if not state.suspended and journey is not None and journey.phase != DONE:
                moves.resume_question(self.out, state, self.ctx)
            else:
                moves.resume_suspended(self.out, state, self.ctx)
        elif intent == "start_over":
            self.control("restart_all")
        elif intent == "greet" and self.greet_again():
            return
        elif intent in SMALL_TALK:
            self.out.say(text(SMALL_TALK[intent]))
        elif intent == "goodbye":
            self.out.say(text("goodbye"))
        elif (
            intent == "affirm"
            and journey is not None
            and journey.phase == QUESTIONS
            and state.pending is None
        ):
            moves.resume_question(
                self.out, state, self.ctx
            )  # "ja, verder" after a pause (a crisis, a question)
        elif intent in ("affirm", "deny"):
            self.out.say(text("ok_anything_else") if journey is None or journey.phase == DONE else text("ok"))
        elif intent == "request_human":
            state.handoff_reason = state.handoff_reason or "asked_for_human"
            offer_person(self.out, self.ctx.live_open)
        elif intent == "handoff_live":
            state.handoff_reason = state.handoff_reason or "asked_for_human"
            self.out.effect("live_handoff")
        elif intent in ("handoff_physical", "provide_municipality"):
            self.physical_referral()
        elif intent == "other_language" and (
            journey is None or detect_language(self.text, dutch_so_far=True) is not None
        ):
            self.out.say(other_language_reply(detect_language(self.text)))
        elif intent in ("provide_answer", "provide_date") and journey is None:
            self.out.say(text("no_journey"))
        else:
            self.fallback()

    def on_life_events(self, events: list[str]) -> None:
        journey = self.state.journey
        if journey is None or journey.phase == DONE:
            if journey is not None:
                self.state.journey = None
            self.state.later = [e for e in self.state.later if e not in events[:1]]
            moves.start_journey(
                self.out, self.state, self.ctx, events, self.story_text(events[0]), distressed=self.distressed
            )
            return
        if events[0] == journey.event_id:
            if moves.correct_plan(self.out, self.state, self.ctx, self.text):
                return
            other = next(
                (
                    e
                    for e in [*events[1:], *sorted(self.ctx.keywords.events_in(self.text))]
                    if e != journey.event_id and self.asks_about_situation(e) and self.named_event(e)
                ),
                None,
            )
            if other is not None:  # "door die ziekte heb ik nu ook schulden": the debts are new
                moves.offer_switch(self.out, self.state, self.ctx, other, self.text)
                return
            title = self.ctx.kb.events[journey.event_id].title
            if journey.phase == PLAN and (is_question(self.text) or "?" in self.text):
                if self.offer_faq() or answer_from_plan(self.out, self.state, self.ctx, self.text):
                    return  # "ik werk zelf nog, krijg ik verlof voor de begrafenis?"
                # a question about this situation that no step or FAQ answers: say so, and who can
                # answer it, instead of showing step 1 again (citizen test K)
                self.out.say(
                    text("question_without_answer", title=title),
                    [{"title": text("button_human"), "payload": "/request_human"}],
                )
                return
            self.out.say(text("already_in_journey", title=title))
            moves.resume_question(self.out, self.state, self.ctx)
            return
        if not self.message.is_payload and not self.named_event(events[0]):
            self.fallback()
            return
        if self.message.is_payload:
            # An explicit button press for another event: put the current one aside and start it.
            if self.state.pending is not None and self.state.pending.kind != SWITCH:
                journey.pending = self.state.pending
            self.state.suspended.append(journey)
            self.state.journey = None
            self.state.later = [e for e in self.state.later if e != events[0]]
            moves.start_journey(self.out, self.state, self.ctx, events[:1], "")
            return
        if self.corrects_this_journey() and moves.correct_plan(self.out, self.state, self.ctx, self.text):
            return  # "ze was al lang op pensioen" corrects the plan; it is not about retiring oneself
        moves.offer_switch(self.out, self.state, self.ctx, events[0], self.text)

    def greet_again(self) -> bool:
        """ "Hallo? Is er iemand?" in a conversation under way: not the first greeting again, but
        "I am still here" and the open question, the step or an offer to go on."""
        state, journey = self.state, self.state.journey
        pending = state.pending
        if pending is not None and journey is not None:
            event = self.ctx.event(journey.event_id)
            if pending.kind in (EVENT_DATE, MUNICIPALITY) or (
                event is not None and event.question(pending.kind) is not None
            ):
                self.ask_again(pending, text("still_here"))
                return True
        if journey is not None and journey.phase != DONE and pending is None:
            moves.resume_question(self.out, state, self.ctx, lead=text("still_here"))
            return True
        if journey is not None or state.finished or state.handoff_reason or state.suspended:
            self.out.say(text("still_here_anything_else"))
            return True
        return False

    def asks_step_deadline(self) -> bool:
        """A short question about the deadline of the step shown, when that step has one."""
        journey = self.state.journey
        if journey is None or journey.phase == QUESTIONS or self.state.pending is not None:
            return False
        if len(normalise(self.text).split()) > DEADLINE_QUESTION_WORDS:
            return False
        if not contains_any(self.text, load_lexicon().deadline_questions):
            return False
        steps = plan_of(self.ctx.kb.events[journey.event_id], journey).steps
        return bool(steps) and steps[min(journey.step_index, len(steps) - 1)].due_date is not None

    def story_text(self, event_id: str) -> str:
        """What a new journey reads its facts from: the message, after the story that asked
        "which situation?" when this situation was one of those offered."""
        typed = "" if self.message.is_payload else self.text
        if self.story and event_id in self.story_for:
            return f"{self.story.rstrip(' .')}. {typed}" if typed else self.story
        return typed

    def corrects_this_journey(self) -> bool:
        """The message states another option for a question of the current journey outright."""
        journey = self.state.journey
        if journey is None or self.message.is_payload:
            return False
        event = self.ctx.kb.events[journey.event_id]
        return any(
            (value := scan_facts(question, self.text)) is not None
            and journey.answers.get(question.id) not in (None, value)
            for question in plan_questions(event)
        )


def handle_turn(state: ConversationState, message: Message, ctx: DialogueContext) -> TurnResult:
    """Decides what ``message`` means in this conversation; updates ``state`` and returns the replies.

    The last reply carries a machine-readable summary of what the assistant knows
    (``custom.state``), so rich channels can show it and the benchmark can check it.
    """
    if ctx.events is not None and not message.is_payload and message.ranking:
        disputed = ctx.events.disputed(message.text, message.ranking)
        ranking = ctx.events.rerank(message.text, message.ranking)
        intent, confidence = reranked_intent(message.intent, ranking)
        message = replace(message, intent=intent, confidence=confidence, ranking=ranking, disputed=disputed)
    navigation = None if message.is_payload else polite_navigation(message.text)
    if navigation is not None:  # "volgende alstublieft"
        message = replace(message, intent=navigation, confidence=1.0)
    result = _Turn(state, message, ctx).run()
    if result.replies:
        last = result.replies[-1]
        last.custom = {**(last.custom or {"type": "state"}), "state": state_summary(state, ctx.today)}
    return result
