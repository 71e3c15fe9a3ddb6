"""The dialogue: one function decides what a message means in this conversation and what to say.

Answer first: while the assistant waits for an answer, the message is first read as that answer
(:mod:`bot.understanding.answers`, dates, places). Only when it is clearly not an answer is it
something new: another life event is offered, never switched to silently; "stop", "opnieuw" and
"iets anders" mean what they say; a crisis always gets the Zelfmoordlijn and Tele-Onthaal first.
Rasa only supplies the NLU parse; every intent reaches this function (``actions/turn.py``).
"""

from __future__ import annotations

import re

from bot.dialogue import journeys as moves
from bot.dialogue.context import DialogueContext
from bot.dialogue.presenting import (
    ask_event_date,
    ask_question,
    navigation_buttons,
    plan_of,
    present_plan,
    state_summary,
    understood_sentence,
)
from bot.dialogue.referral import offer_person, refer
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
from bot.dialogue.turn import LIFE_EVENT_MIN_CONFIDENCE, Message, TurnResult
from bot.journeys.journey import UNKNOWN, plan_questions
from bot.journeys.render import deadline_text, documents_text, location_text
from bot.knowledge.texts import load_texts, step_heading, text
from bot.normalize import normalise
from bot.understanding.answers import read_answer
from bot.understanding.dates import read_date
from bot.understanding.event_detection import PRIORITY, detect_events
from bot.understanding.language import detect_language
from bot.understanding.lexicon import load_lexicon, starts_with_phrase
from bot.understanding.signals import control_word, distress_kind, signals_child_loss, signals_crisis

MAX_ATTEMPTS = 2
"""After this many answers that were not understood, the question counts as "weet ik niet"."""
NAVIGATION = {
    "next_step",
    "previous_step",
    "ask_documents",
    "ask_location",
    "ask_deadline",
    "restart_journey",
}
SMALL_TALK = {
    "greet": "greet",
    "thank": "you_are_welcome",
    "bot_challenge": "iamabot",
    "ask_capabilities": "capabilities",
}
HUMAN = {"request_human", "handoff_live", "handoff_physical"}
FALLBACK_INTENTS = ("nlu_fallback", "out_of_scope")
RESCUE_MIN_CONFIDENCE = 0.1
URGENT_EVENTS = frozenset({"death", "birth", "illness", "job_loss"})
HUMAN_MIN_CONFIDENCE = 0.7
SECOND_TOPIC_WORDS = frozenset(
    {"ook", "trouwens", "daarnaast", "bovendien", "verder", "daarbij", "tegelijk", "maar", "want"}
)
SURE_EVENT_CONFIDENCE = 0.9
NEARBY = re.compile(
    r"\b(in mijn buurt|in de buurt|dichtbij|in mijn gemeente|in mijn stad|bij mij in de buurt)\b",
    re.IGNORECASE,
)
OTHER_EVENT_MIN_CONFIDENCE = 0.05
MAX_CLARIFY_OPTIONS = 3
MIN_CLARIFY_CONFIDENCE = 0.05
QUESTION_WORDS = frozenset(
    {
        "wat",
        "hoe",
        "waar",
        "wanneer",
        "wie",
        "welke",
        "welk",
        "waarom",
        "hoeveel",
        "hoelang",
        "moet",
        "kan",
        "mag",
        "kunnen",
        "krijg",
        "krijgt",
        "bestaat",
        "wordt",
        "zal",
        "zou",
        "heb",
        "heeft",
        "is",
        "zijn",
        "wat's",
        "waarvoor",
        "waarmee",
    }
)


def is_question(text: str) -> bool:
    """A question of the person's own ("wat kost dat?", "moet ik me aansluiten bij ..."): not an answer."""
    words = normalise(text).split()
    if len(words) < 4:
        return False
    lexicon = load_lexicon()
    if starts_with_phrase(" ".join(words), lexicon.yes + lexicon.no + lexicon.unknown):
        return False
    return text.rstrip().endswith("?") or words[0] in QUESTION_WORDS


def answer_before_question(text: str, matched: str) -> bool:
    """ "eenmanszaak denk ik, wat is het verschil?" answers first and then asks: the answer counts.
    In "wat is het verschil tussen een vereffening en een faillissement?" the option words are
    part of the question: no answer."""
    if not matched:
        return False
    words = normalise(text).split()
    first_question = next((i for i, w in enumerate(words) if w in QUESTION_WORDS), len(words))
    target = matched.split()
    start = next(
        (i for i in range(len(words) - len(target) + 1) if words[i : i + len(target)] == target), None
    )
    return start is not None and start + len(target) <= first_question


def other_language_reply(language: str | None) -> str:
    """The short 'I only speak Dutch' answer in the person's language (Dutch + English if unknown)."""
    replies = load_texts()["other_language"]
    if language in replies and language != "nl":
        return replies[language]
    return f"{replies['nl']}\n\n{replies['en']}"


class _Turn:
    def __init__(self, state: ConversationState, message: Message, ctx: DialogueContext) -> None:
        self.state, self.message, self.ctx = state, message, ctx
        self.out = TurnResult()
        self.text = message.text.strip()
        self.distressed = False

    # -- entry -----------------------------------------------------------------------------------
    def run(self) -> TurnResult:
        if not self.message.is_payload:
            if signals_crisis(self.text):
                self.crisis()
                return self.out
            if signals_child_loss(self.text):
                # No "proficiat", no questions about pensions: condolences and a person first.
                self.state.handoff_reason = "distress"
                self.out.say(
                    text("child_loss"), [{"title": text("button_human"), "payload": "/request_human"}]
                )
                return self.out
            kind = distress_kind(self.text)
            if kind is not None:
                self.distressed = True
                self.state.handoff_reason = "distress"
                self.out.say(text(f"distress_{kind}"))
            control = control_word(self.text)
            # "stop" alone is control; "terug iets huren" may answer the open question first.
            if control is not None and (self.state.pending is None or control_word(self.text, exact=True)):
                self.state.fallbacks = 0
                self.control(control)
                return self.out
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

    def crisis(self) -> None:
        """The crisis lines first, always; what else the message said is kept for later."""
        state, journey = self.state, self.state.journey
        state.handoff_reason = "distress"
        self.out.say(
            text("crisis"), [{"title": text("button_human"), "payload": "/request_human"}], {"type": "crisis"}
        )
        pending = state.pending
        if (
            journey is not None
            and pending is not None
            and pending.kind not in (SWITCH, MUNICIPALITY, EVENT_DATE)
        ):
            event = self.ctx.kb.events[journey.event_id]
            question = event.question(pending.kind)
            reading = read_answer(question, self.text) if question else None
            if reading is not None and reading.value is not None:
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
            title = self.ctx.kb.events[events[0]].title
            state.pending = Pending(SWITCH, target_event=events[0])
            self.out.say(
                text("crisis_offer_event", title=title),
                [
                    {
                        "title": text("button_crisis_event_yes", title=title),
                        "payload": '/provide_answer{"answer_value": "ja", "question_id": "switch"}',
                    }
                ],
            )

    # -- reading the message --------------------------------------------------------------------
    def life_events(self) -> list[str]:
        """Life events the message names, the one to start with first.

        The classifier's pick comes first, unless the message names another event by a trigger
        phrase and not this one ("ik heb geldproblemen" read as business support), or names a
        more urgent event (a death, a birth, an illness, a lost job) beside it. A long story often
        leaves the classifier unsure (nlu_fallback); an event in its ranking that a trigger phrase
        names still counts.
        """
        known = self.ctx.kb.events
        if self.message.is_payload:
            return [self.message.intent] if self.message.intent in known else []  # type: ignore[list-item]
        named = self.ctx.keywords.events_in(self.text)
        ranked = [n for n, c in self.message.ranking if n in known]
        journey = self.state.journey
        no_journey = journey is None or journey.phase == DONE
        if self.message.intent in FALLBACK_INTENTS or (
            no_journey
            and self.message.intent not in known
            and self.message.intent not in HUMAN
            and self.message.intent not in NAVIGATION
            and len(normalise(self.text).split()) >= 3
        ):
            # Not placed at once ("we hebben een kindje gekregen" read as an answer): a trigger
            # phrase of an event the classifier also considers settles it.
            floor = (
                RESCUE_MIN_CONFIDENCE
                if self.message.intent in FALLBACK_INTENTS
                else OTHER_EVENT_MIN_CONFIDENCE
            )
            rescued = [n for n, c in self.message.ranking if n in known and n in named and c >= floor]
            if not rescued:
                return []
            top = rescued[0]
        elif self.message.intent in known and self.message.confidence >= LIFE_EVENT_MIN_CONFIDENCE:
            top = str(self.message.intent)
        else:
            return []
        order = {event: index for index, event in enumerate(PRIORITY)}
        if named and top not in named:
            top = min(
                named, key=lambda e: (ranked.index(e) if e in ranked else len(ranked), order.get(e, 99))
            )
        ranking = [{"name": n, "confidence": c} for n, c in self.message.ranking] or [
            {"name": top, "confidence": 1.0}
        ]
        detected = detect_events(ranking, self.text, self.ctx.keywords, known_events=known)
        others = [e for e in detected.events if e != top] + sorted(named - set(detected.events) - {top})
        others = sorted(dict.fromkeys(others), key=lambda e: order.get(e, len(order)))
        urgent = [
            e for e in others if e in URGENT_EVENTS and e in named and order.get(e, 99) < order.get(top, 99)
        ]
        if urgent:
            return [urgent[0], top, *(e for e in others if e != urgent[0])]
        return [top, *others]

    def named_event(self, event_id: str) -> bool:
        """Strong enough to offer a switch: named by a trigger phrase, or a long message the
        classifier is sure about (a short misread answer never is)."""
        return event_id in self.ctx.keywords.events_in(self.text) or (
            self.message.confidence >= SURE_EVENT_CONFIDENCE and len(normalise(self.text).split()) >= 4
        )

    def payload_answer(self, kind: str) -> str | None:
        entities = self.message.entities
        if self.message.intent not in ("provide_answer", "provide_date") or "answer_value" not in entities:
            return None
        if entities.get("question_id") not in (None, kind):
            return None
        return entities["answer_value"]

    # -- pending answers ----------------------------------------------------------------------------
    def answer_pending(self, fall_back: bool = True) -> bool:
        """Reads the message as the answer to what is pending. ``fall_back``: when it is not an
        answer, decide what else it is (False: leave that to the caller)."""
        pending = self.state.pending
        assert pending is not None
        if not fall_back:
            return self.answer_only(pending)
        if self.message.is_payload:
            value = self.payload_answer(pending.kind)
            return False if value is None else self.apply(pending, value, typed=False)
        if pending.kind == SWITCH:
            return self.answer_switch(pending)
        if pending.kind == EVENT_DATE:
            return self.answer_date(pending)
        if pending.kind == MUNICIPALITY:
            found = moves.municipality_answer(self.text)
            if found is not None:
                return self.apply(pending, found.municipality.name_nl, typed=True)
            return self.not_an_answer(pending)
        journey = self.state.journey
        event = self.ctx.event(journey.event_id if journey else None)
        question = event.question(pending.kind) if event else None
        if question is None:
            self.state.pending = None
            return False
        reading = read_answer(question, self.text, tuple(pending.options) if pending.options else None)
        if (
            self.message.intent in HUMAN
            and self.message.confidence >= HUMAN_MIN_CONFIDENCE
            and reading.how != "label"
        ):
            return False  # "ik weet het niet meer, kan ik iemand spreken?" asks for a person
        asks = self.text.rstrip().endswith("?")
        if (
            is_question(self.text)
            and (not reading.understood or asks)
            and not answer_before_question(self.text, reading.matched)
        ):
            return self.not_an_answer(pending, own_question=True)
        if reading.value is not None:
            return self.apply(pending, reading.value, typed=True, matched=reading.matched)
        if reading.candidates:
            pending.options = list(reading.candidates)
            assert event is not None
            ask_question(self.out, self.state, event, question, self.ctx.today, only=pending.options)
            return True
        return self.not_an_answer(pending)

    def answer_only(self, pending: Pending) -> bool:
        """True (and recorded) only when the message answers the pending question outright."""
        journey = self.state.journey
        event = self.ctx.event(journey.event_id if journey else None)
        question = event.question(pending.kind) if event else None
        if question is None:
            return False
        reading = read_answer(question, self.text, tuple(pending.options) if pending.options else None)
        return reading.value is not None and self.apply(
            pending, reading.value, typed=True, matched=reading.matched
        )

    def apply(self, pending: Pending, value: str, typed: bool, matched: str = "") -> bool:
        """Records an answer to what was pending and goes on (or first offers another event the
        same message names: "ik huur. En ik ga ook scheiden")."""
        self.state.fallbacks = 0
        if pending.kind == SWITCH:
            if value == "ja":
                moves.accept_switch(self.out, self.state, self.ctx)
            else:
                moves.decline_switch(self.out, self.state, self.ctx)
            return True
        if pending.kind == MUNICIPALITY:
            self.state.municipality, self.state.pending = value, None
            if not refer(self.out, self.state, self.ctx.kb):
                self.out.say(text("municipality_not_understood"))
                self.state.pending = pending
            elif self.state.journey is not None and self.state.journey.phase == QUESTIONS:
                moves.resume_question(self.out, self.state, self.ctx)
            return True
        journey = self.state.journey
        assert journey is not None
        event = self.ctx.kb.events[journey.event_id]
        clauses: list[str] = []
        notes: list[str] = []
        if pending.kind == EVENT_DATE:
            if value == UNKNOWN:
                journey.event_date = None
                notes.append(text("date_unknown_noted"))
            else:
                reading = read_date(value, self.ctx.today, "either")
                if reading is None:
                    return self.not_an_answer(pending)
                moves.set_date(journey, event, reading, self.ctx.today, clauses if typed else [], notes)
        else:
            journey.answers[pending.kind] = value
            if typed:
                clause = moves.answer_clause(event, pending.kind, value)
                clauses.append(clause or "")
        self.state.pending = None
        if typed:
            rest = self.rest_of(matched)
            if rest:
                clauses += moves.absorb_facts(
                    self.state, journey, event, rest, self.ctx, skip=pending.kind, notes=notes
                )
        for note in notes:
            self.out.say(note)
        lead = understood_sentence([c for c in clauses if c])
        other = self.other_event_besides(matched) if typed else None
        if other is not None:
            if lead:
                self.out.say(lead)
            moves.offer_switch(self.out, self.state, self.ctx, other, self.text)
            return True
        moves.continue_journey(self.out, self.state, self.ctx, lead=lead)
        return True

    def rest_of(self, matched: str) -> str:
        """The message without the words that answered the question ("de tweede" is no date then)."""
        normalised = normalise(self.text)
        if not matched or matched == normalised:
            return "" if matched else self.text
        if f" {matched} " not in f" {normalised} ":
            return self.text
        return f" {normalised} ".replace(f" {matched} ", " ", 1).strip()

    def other_event_besides(self, matched: str) -> str | None:
        """Another life event the message goes on about, besides the answer ("ik huur. En ik ga
        ook scheiden"): in a sentence of its own or after "ook", "trouwens", "maar", "want"."""
        journey = self.state.journey
        if journey is None:
            return None
        sentences = [normalise(part) for part in re.split(r"[.!?;]+", self.text) if normalise(part)]
        others = [s for s in sentences if not matched or f" {matched} " not in f" {s} "]
        rest = " ".join(others) if len(sentences) > 1 else self.rest_of(matched)
        words = set(rest.split())
        if len(words) < 2 or not (len(sentences) > 1 and others or words & SECOND_TOPIC_WORDS):
            return None
        confidences = dict(self.message.ranking)
        found = {
            e
            for e in self.ctx.keywords.events_in(rest) - {journey.event_id}
            if e in self.ctx.kb.events and confidences.get(e, 0.0) >= OTHER_EVENT_MIN_CONFIDENCE
        }
        top = self.message.intent
        if (
            not found
            and top in self.ctx.kb.events
            and top != journey.event_id
            and self.message.confidence >= LIFE_EVENT_MIN_CONFIDENCE
            and len(words) >= 3
        ):
            found = {top}  # type: ignore[arg-type]
        order = {event: index for index, event in enumerate(PRIORITY)}
        return min(found, key=lambda e: order.get(e, len(order))) if found else None

    def answer_date(self, pending: Pending) -> bool:
        journey = self.state.journey
        event = self.ctx.event(journey.event_id if journey else None)
        if journey is None or event is None:
            self.state.pending = None
            return False
        normalised = normalise(self.text)
        if (
            starts_with_phrase(normalised, load_lexicon().unknown)
            and read_date(self.text, self.ctx.today) is None
        ):
            return self.apply(pending, UNKNOWN, typed=True)
        reading = read_date(self.text, self.ctx.today, event.date_direction)  # type: ignore[arg-type]
        if reading is None:
            return self.not_an_answer(pending)
        if reading.too_vague:
            pending.attempts += 1
            if pending.attempts >= MAX_ATTEMPTS:
                return self.apply(pending, UNKNOWN, typed=True)
            ask_event_date(self.out, self.state, event, self.ctx.today, lead=text("date_too_vague"))
            return True
        self.state.fallbacks = 0
        clauses: list[str] = []
        notes: list[str] = []
        moves.set_date(journey, event, reading, self.ctx.today, clauses, notes)
        self.state.pending = None
        clauses += moves.absorb_facts(
            self.state, journey, event, self.text, self.ctx, skip=EVENT_DATE, notes=notes
        )
        for note in notes:
            self.out.say(note)
        moves.continue_journey(self.out, self.state, self.ctx, lead=understood_sentence(clauses))
        return True

    def answer_switch(self, pending: Pending) -> bool:
        normalised = normalise(self.text)
        lexicon = load_lexicon()
        padded = f" {normalised} "
        if any(f" {p} " in padded for p in load_lexicon().switch_keep):
            return self.apply(pending, "nee", typed=True)
        if any(f" {p} " in padded for p in load_lexicon().switch_now):
            return self.apply(pending, "ja", typed=True)
        yes = starts_with_phrase(normalised, lexicon.yes)
        no = starts_with_phrase(normalised, lexicon.no)
        if yes or no:
            return self.apply(pending, "ja" if len(yes or "") >= len(no or "") and yes else "nee", typed=True)
        # The person ignored the offer and answered the question that was open: take the answer.
        journey = self.state.journey
        waiting = journey.pending if journey else None
        if waiting is not None and journey is not None:
            event = self.ctx.kb.events[journey.event_id]
            question = event.question(waiting.kind)
            if question is not None and read_answer(question, self.text).value is not None:
                if pending.target_event and pending.target_event not in self.state.later:
                    self.state.later.append(pending.target_event)
                self.state.pending, journey.pending = waiting, None
                return self.answer_pending()
        if self.message.intent in self.ctx.kb.events and self.message.intent == pending.target_event:
            return self.apply(pending, "ja", typed=True)
        pending.attempts += 1
        if pending.attempts >= MAX_ATTEMPTS:
            return self.apply(pending, "nee", typed=True)
        return False

    def not_an_answer(self, pending: Pending, own_question: bool = False) -> bool:
        """The message does not answer what was asked: maybe it is something else; else ask again."""
        intent = self.message.intent
        journey = self.state.journey
        events = [e for e in self.life_events() if not journey or e != journey.event_id]
        events = [e for e in events if self.named_event(e)]
        if own_question:  # a question on the way is about this journey unless clearly not
            events = [e for e in events if e == self.message.intent and self.message.confidence >= 0.8]
        if journey is not None and events and journey.phase != DONE:
            moves.offer_switch(self.out, self.state, self.ctx, events[0], self.text)
            return True
        if intent in HUMAN or intent in ("goodbye", "start_over", "resume_journey", "other_language"):
            return False
        if NEARBY.search(self.text) and pending.kind not in (SWITCH, MUNICIPALITY):
            self.physical_referral()
            return True
        language = detect_language(self.text)
        if language:
            self.out.say(other_language_reply(language))
            return True
        if journey is not None and pending.kind not in (SWITCH, MUNICIPALITY) and not own_question:
            event = self.ctx.kb.events[journey.event_id]
            notes: list[str] = []
            clauses = moves.absorb_facts(
                self.state, journey, event, self.text, self.ctx, skip=pending.kind, notes=notes
            )
            if clauses:
                for note in notes:
                    self.out.say(note)
                self.state.pending = None
                moves.continue_journey(self.out, self.state, self.ctx, lead=understood_sentence(clauses))
                return True
        if intent in SMALL_TALK and self.message.confidence >= LIFE_EVENT_MIN_CONFIDENCE:
            self.out.say(text(SMALL_TALK[intent]))
            self.ask_again(pending, text("question_again"))
            return True
        if (own_question or intent in NAVIGATION) and journey is not None and journey.phase == QUESTIONS:
            self.ask_again(pending, text("question_first"))
            return True
        pending.attempts += 1
        if pending.attempts >= MAX_ATTEMPTS and pending.kind not in (SWITCH, MUNICIPALITY):
            self.out.say(text("answer_given_up"))
            return self.apply(pending, UNKNOWN, typed=False)
        lead = (
            text("date_not_understood")
            if pending.kind == EVENT_DATE
            else (
                text("municipality_not_understood")
                if pending.kind == MUNICIPALITY
                else text("answer_not_understood")
            )
        )
        self.ask_again(pending, lead)
        return True

    def ask_again(self, pending: Pending, lead: str) -> None:
        journey = self.state.journey
        event = self.ctx.event(journey.event_id if journey else None)
        if pending.kind == MUNICIPALITY or event is None:
            self.out.say(lead if pending.kind == MUNICIPALITY else f"{lead}\n{text('ask_municipality')}")
            return
        if pending.kind == EVENT_DATE:
            ask_event_date(self.out, self.state, event, self.ctx.today, lead=lead)
            return
        question = event.question(pending.kind)
        if question is not None:
            ask_question(
                self.out, self.state, event, question, self.ctx.today, only=pending.options, lead=lead
            )

    # -- control words ----------------------------------------------------------------------------
    def control(self, kind: str) -> None:
        state, journey = self.state, self.state.journey
        title = self.ctx.kb.events[journey.event_id].title if journey else ""
        if kind == "restart_all" or (kind == "restart_journey" and journey is None):
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
        elif kind == "stop":
            state.pending = None
            if journey is not None and journey.phase != DONE:
                state.journey = None
                self.out.say(text("stopped_journey", title=title))
            else:
                self.out.say(text("ok_anything_else"))
        elif kind == "something_else":
            if journey is not None and journey.phase != DONE:
                if state.pending is not None and state.pending.kind != SWITCH:
                    journey.pending = state.pending
                state.suspended.append(journey)
            state.journey, state.pending = None, None
            self.out.say(text("something_else"))
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
                moves.previous_step(self.out, state, self.ctx)
            elif state.suspended:
                moves.resume_suspended(self.out, state, self.ctx)
            elif state.pending is not None:
                self.ask_again(state.pending, text("question_again"))
            else:
                self.out.say(text("no_journey"))

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
    def by_intent(self) -> None:
        intent, state, journey = self.message.intent, self.state, self.state.journey
        if not self.message.is_payload and NEARBY.search(self.text):
            self.physical_referral()
            return
        events = self.life_events()
        if events:
            self.state.fallbacks = 0
            self.on_life_events(events)
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
        elif intent in SMALL_TALK:
            self.out.say(text(SMALL_TALK[intent]))
        elif intent == "goodbye":
            self.out.say(text("goodbye"))
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
        elif intent == "other_language":
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
                self.out,
                self.state,
                self.ctx,
                events,
                "" if self.message.is_payload else self.text,
                distressed=self.distressed,
            )
            return
        if events[0] == journey.event_id:
            if not moves.correct_plan(self.out, self.state, self.ctx, self.text):
                self.out.say(text("already_in_journey", title=self.ctx.kb.events[journey.event_id].title))
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
        moves.offer_switch(self.out, self.state, self.ctx, events[0], self.text)

    def navigate(self, intent: str) -> None:
        journey = self.state.journey
        if journey is None or journey.phase == QUESTIONS:
            if journey is not None and self.state.pending is not None:
                self.ask_again(self.state.pending, text("question_first"))
            else:
                self.out.say(text("no_journey"))
            return
        event = self.ctx.kb.events[journey.event_id]
        plan = plan_of(event, journey)
        if intent in ("next_step", "affirm"):
            moves.next_step(self.out, self.state, self.ctx)
        elif intent == "previous_step":
            moves.previous_step(self.out, self.state, self.ctx)
        elif intent == "restart_journey":
            present_plan(self.out, self.state, event, self.ctx.today)
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

    def physical_referral(self) -> None:
        if self.state.municipality is None:
            found = (
                moves.municipality_answer(self.text)
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

    def fallback(self) -> None:
        language = detect_language(self.text)
        if language:
            self.out.say(other_language_reply(language))
            return
        ranking = [(n, c) for n, c in self.message.ranking if n != "nlu_fallback"]
        if not self.message.is_payload and self.text:
            best = ranking[0] if ranking else (self.message.intent, self.message.confidence)
            self.out.effect("unrecognised", text=self.text, intent=best[0], confidence=best[1])
        if self.message.intent == "out_of_scope":
            self.out.say(text("out_of_scope"))
            self.remind()
            return
        self.state.fallbacks += 1
        if self.state.fallbacks >= 2:
            self.out.say(
                text("offer_human_after_fallback"),
                [{"title": text("button_human"), "payload": "/request_human"}],
            )
            return
        kb = self.ctx.kb
        candidates = [n for n, c in ranking if n in kb.events and c >= MIN_CLARIFY_CONFIDENCE][
            :MAX_CLARIFY_OPTIONS
        ]
        if candidates:
            buttons = [{"title": kb.events[e].title, "payload": f"/{e}"} for e in candidates]
            buttons.append({"title": text("button_something_else"), "payload": "/ask_capabilities"})
            self.out.say(text("clarify"), buttons)
        else:
            self.out.say(text("default"))
        self.remind()

    def remind(self) -> None:
        """After a side remark, the question that is still open (so the thread is not lost)."""
        if self.state.pending is not None and self.state.pending.kind not in (SWITCH, MUNICIPALITY):
            self.ask_again(self.state.pending, text("question_again"))


def handle_turn(state: ConversationState, message: Message, ctx: DialogueContext) -> TurnResult:
    """Decides what ``message`` means in this conversation; updates ``state`` and returns the replies.

    The last reply carries a machine-readable summary of what the assistant knows
    (``custom.state``), so rich channels can show it and the benchmark can check it.
    """
    result = _Turn(state, message, ctx).run()
    if result.replies:
        last = result.replies[-1]
        last.custom = {**(last.custom or {"type": "state"}), "state": state_summary(state, ctx.today)}
    return result
