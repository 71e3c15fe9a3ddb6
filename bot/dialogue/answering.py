"""Reading a message as the answer to the question the assistant asked (answer first): typed
options, yes/no, dates, places, the switch offer, and what to do when it is not an answer."""

from __future__ import annotations

from collections.abc import Callable

from bot.dialogue import journey_dates
from bot.dialogue import journeys as moves
from bot.dialogue.answer_guards import STATED, AnswerGuards
from bot.dialogue.context import DialogueContext
from bot.dialogue.corrections import correct_earlier_answers
from bot.dialogue.municipality import municipality_answer, no_municipality
from bot.dialogue.other_events import other_event_besides, rest_of
from bot.dialogue.presenting import ask_event_date, ask_question, understood_sentence
from bot.dialogue.reading import (
    HUMAN,
    HUMAN_MIN_CONFIDENCE,
    MAX_ATTEMPTS,
    NAVIGATION,
    SMALL_TALK,
    answer_before_question,
    asks_nearby,
    hedged_question,
    inside_question,
    is_question,
    other_language_reply,
)
from bot.dialogue.referral import refer
from bot.dialogue.state import DONE, EVENT_DATE, MUNICIPALITY, QUESTIONS, SWITCH, ConversationState, Pending
from bot.dialogue.step_place import step_place_answer
from bot.dialogue.story_dates import date_text_for
from bot.dialogue.switch_answer import SwitchAnswerTurn
from bot.dialogue.turn import LIFE_EVENT_MIN_CONFIDENCE, Message, TurnResult
from bot.journeys.journey import UNKNOWN
from bot.knowledge.texts import text
from bot.normalize import normalise
from bot.understanding.answers import read_answer
from bot.understanding.date_words import MONTHS
from bot.understanding.dates import read_date, tense
from bot.understanding.language import detect_language
from bot.understanding.lexicon import load_lexicon, starts_with_phrase
from bot.understanding.signals import asks_for_person, contains_any

NEW_SITUATION_WORDS = frozenset({"ook", "trouwens", "daarnaast", "bovendien", "eerst"})
"""Words that say a question is about a new situation, not the one of the journey."""


WEEK_DAYS = 7
"""A weekday read either way lies at most this far behind."""


class AnsweringTurn(SwitchAnswerTurn, AnswerGuards):
    """The part of a dialogue turn that answers the open question (mixed into ``engine._Turn``)."""

    state: ConversationState
    message: Message
    ctx: DialogueContext
    out: TurnResult
    text: str
    distressed: bool

    control: Callable[[str], None]  # defined by another part of the turn

    named_event: Callable[[str], bool]  # defined by another part of the turn

    on_life_events: Callable[[list[str]], None]  # defined by another part of the turn

    life_events: Callable[[], list[str]]  # defined by another part of the turn

    fallback: Callable[[], None]  # defined by another part of the turn
    physical_referral: Callable[[], None]  # defined by another part of the turn
    answer_step_place: Callable[[Pending, str], bool]  # defined by another part of the turn
    offer_faq: Callable[[], bool]  # defined by another part of the turn
    story_text: Callable[[str], str]  # defined by another part of the turn

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
            found = step_place_answer(self.text) if pending.place_for else municipality_answer(self.text)
            if found is not None:
                return self.apply(pending, found.municipality.name_nl, typed=True)
            if not pending.place_for and no_municipality(self.text):
                return self.without_municipality()  # "weet ik niet", "hij woont in Frankrijk"
            return self.not_an_answer(pending)
        journey = self.state.journey
        event = self.ctx.event(journey.event_id if journey else None)
        question = event.question(pending.kind) if event else None
        if question is None:
            self.state.pending = None
            return False
        reading = read_answer(question, self.text, tuple(pending.options) if pending.options else None)
        if reading.value is None and pending.options and journey is not None:
            outside = read_answer(question, self.text)
            if outside.value is not None and outside.how in STATED:
                # "ik ben zijn vader" where we took the person for the partner: our guess was wrong
                reading, pending.options = outside, None
                journey.narrowed.pop(question.id, None)
        if (
            self.message.intent in HUMAN
            and self.message.confidence >= HUMAN_MIN_CONFIDENCE
            and reading.how != "label"
            and not self.asks_how_done()
        ):
            return False  # "ik weet het niet meer, kan ik iemand spreken?" asks for a person
        asks = self.text.rstrip().endswith("?")
        if (
            hedged_question(self.text)
            or (
                is_question(self.text)
                and (not reading.understood or asks)
                and not answer_before_question(self.text, reading.matched)
            )
            or (
                inside_question(self.text, reading.matched)
                and not answer_before_question(self.text, reading.matched)
            )
        ):
            return self.not_an_answer(pending, own_question=True)
        plain_no_or_yes = reading.how == "yes_no" and starts_with_phrase(
            normalise(self.text), load_lexicon().yes + load_lexicon().no
        )
        if (
            self.distressed
            and reading.value is not None
            and reading.how not in STATED
            and not plain_no_or_yes
        ):
            # "ik weet nie hoe ik dit moet doen zonder hem" is no answer; "nee nooit, ik schaam mij" is
            return self.not_an_answer(pending)
        bare = reading.how == "yes_no" or reading.matched in load_lexicon().yes + load_lexicon().no
        if reading.value is None or bare:  # "nee, ik zei net dat we het NIET eens zijn"
            corrected = correct_earlier_answers(journey, event, self.text, pending.kind, self.ctx.today)  # type: ignore[arg-type]
            if corrected:
                self.ask_again(pending, f"{understood_sentence(corrected)} {text('answer_corrected')}")
                return True
            if reading.value is not None and self.confirms_other_fact(pending.kind):
                self.ask_again(pending, text("question_again"))  # "getrouwd ja" is no "ja, met pensioen"
                return True
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

    def story_only(self, told: str) -> str:
        """The story without the message itself: a button's payload or an answer not typed."""
        return told if self.message.is_payload else told.replace(self.text, "").strip(" .")

    def apply(self, pending: Pending, value: str, typed: bool, matched: str = "") -> bool:
        """Records an answer to what was pending and goes on (or first offers another event the
        same message names: "ik huur. En ik ga ook scheiden")."""
        self.state.fallbacks = 0
        if pending.kind == SWITCH:
            if value == "ja":
                # with the story told before the offer (the crisis message: "mijn vrouw is drie
                # weken geleden gestorven ..."), so nothing it said is asked again
                told = self.story_text(pending.target_event or "")
                moves.accept_switch(self.out, self.state, self.ctx, told if typed else self.story_only(told))
            else:
                # "nee, geldproblemen heb ik niet": not kept for later either
                denied = bool(typed and pending.target_event) and self.denies(str(pending.target_event))
                moves.decline_switch(self.out, self.state, self.ctx, denied=denied)
            return True
        if pending.kind == MUNICIPALITY and pending.place_for:
            return self.answer_step_place(pending, value)
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
                journey_dates.set_date(
                    journey, event, reading, self.ctx.today, clauses if typed else [], notes
                )
        else:
            journey.answers[pending.kind] = value
            journey_dates.drop_past_date(journey, event, self.ctx.today, notes)
            if typed:
                clause = moves.answer_clause(event, pending.kind, value)
                clauses.append(clause or "")
        self.state.pending = None
        known = dict(journey.answers)
        if typed:
            rest = self.rest_of(matched, moves.statements_of(self.text))  # no facts from questions after it
            # "ik weet nie of ik btw moet aanrekenen": what follows the doubt is no fact
            first_word = normalise(rest).split()[:1]
            doubted = value == UNKNOWN and bool(first_word) and first_word[0] in load_lexicon().doubt_scope
            if rest and not doubted:
                clauses += moves.absorb_facts(
                    self.state,
                    journey,
                    event,
                    rest,
                    self.ctx,
                    skip=pending.kind,
                    notes=notes,
                    corrections=True,  # "ja ze was gepensioneerd. en we waren getrouwd, nie samenwonend"
                    whole_text=self.text,
                )
        for note in notes:
            self.out.say(note)
        lead = understood_sentence([c for c in clauses if c])
        other = self.other_event_besides(matched, known) if typed else None
        if other is not None:
            if lead:
                self.out.say(lead)
            moves.offer_switch(self.out, self.state, self.ctx, other, self.text)
            return True
        moves.continue_journey(self.out, self.state, self.ctx, lead=lead)
        return True

    def rest_of(self, matched: str, text: str | None = None) -> str:
        """The message (or ``text``, a part of it) without the words that answered the question."""
        return rest_of(self.text if text is None else text, matched)

    def other_event_besides(self, matched: str, known: dict[str, str]) -> str | None:
        """Another life event the message goes on about, besides the answer (see other_events)."""
        return other_event_besides(self.state, self.ctx, self.message, self.text, matched, known)

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
        # "het compromis was al half september, de akte is volgende maand": the dating clause's tense
        direction = journey_dates.direction_for(event, date_text_for(event, self.text, self.ctx))
        if (
            direction == "either"
            and journey.tense
            and tense(self.text) is None
            # "haar laatste werkdag is 8 januari" states its own present: the nearest 8 January
            and not set(normalise(self.text).split()) & journey_dates.PRESENT_DATE_VERBS
        ):
            direction = journey.tense  # a bare "zaterdag" after "we hebben een zoontje gekregen"
        if journey_dates.event_later(journey, event):
            direction = "future"  # "eind januari" when the notice is still being worked
        reading = read_date(self.text, self.ctx.today, direction)  # type: ignore[arg-type]
        if reading is None:
            return self.not_an_answer(pending)
        if (
            direction == "either"
            and journey_dates.event_earlier(journey, event)
            and reading.day > self.ctx.today
        ):
            # "maandag" after a paid-out notice: the Monday just past, not the coming one
            behind = read_date(self.text, self.ctx.today, "past")
            if behind is not None and (self.ctx.today - behind.day).days <= WEEK_DAYS:
                reading = behind
        if (
            journey_dates.event_later(journey, event)
            # a day with its month is the end ("hij heeft gezegd dat mijn laatste dag 28 februari is")
            and not set(normalise(reading.phrase).split()) & set(MONTHS)
            and contains_any(self.text, load_lexicon().told_cues)
        ):
            # "ze hebben het mij maandag gezegd": the day of the news, not the end of the notice
            pending.attempts += 1
            if pending.attempts >= MAX_ATTEMPTS:
                return self.apply(pending, UNKNOWN, typed=True)
            ask_event_date(self.out, self.state, event, self.ctx.today, lead=text("date_told_not_end"))
            return True
        if reading.too_vague or (journey_dates.event_later(journey, event) and reading.day <= self.ctx.today):
            pending.attempts += 1
            if pending.attempts >= MAX_ATTEMPTS:
                return self.apply(pending, UNKNOWN, typed=True)
            lead = (
                text("date_too_vague") if reading.too_vague else journey_dates.later_note(event, reading.day)
            )
            ask_event_date(self.out, self.state, event, self.ctx.today, lead=lead)
            return True
        self.state.fallbacks = 0
        clauses: list[str] = []
        notes: list[str] = []
        journey_dates.set_date(journey, event, reading, self.ctx.today, clauses, notes)
        self.state.pending = None
        clauses += moves.absorb_facts(
            self.state, journey, event, self.text, self.ctx, skip=EVENT_DATE, notes=notes
        )
        for note in notes:
            self.out.say(note)
        moves.continue_journey(self.out, self.state, self.ctx, lead=understood_sentence(clauses))
        return True

    def not_an_answer(self, pending: Pending, own_question: bool = False) -> bool:
        """The message does not answer what was asked: maybe it is something else; else ask again."""
        intent = self.message.intent
        journey = self.state.journey
        events = [e for e in self.life_events() if not journey or e != journey.event_id]
        events = [e for e in events if self.named_event(e)]
        if not own_question:  # an answer typed again ("ik ben juf in de lagere school") is no new offer
            events = [e for e in events if e not in self.state.declined]
        if own_question:  # a question on the way is about this journey unless clearly not
            events = [
                e
                for e in events
                if (e == self.message.intent and self.message.confidence >= 0.8)
                or self.asks_about_situation(e)  # "ik wil ook iemand in dienst nemen, kan dat eerst?"
            ]
        if journey is not None and events and journey.phase != DONE:
            moves.offer_switch(self.out, self.state, self.ctx, events[0], self.text)
            return True
        if own_question and self.asks_how_done() and journey is not None and journey.phase == QUESTIONS:
            # "kan ik da online doen of moet ik ergens langsgaan?": every step of the plan says it
            self.ask_again(pending, text("question_first"))
            return True
        if intent in HUMAN or intent in ("goodbye", "start_over", "resume_journey"):
            return False
        if intent == "other_language" and detect_language(self.text, dutch_so_far=True):
            return False  # "weet ich nog nie" is Limburgish, not German: the question is asked again
        if own_question and pending.kind != SWITCH and intent not in NAVIGATION and self.offer_faq():
            # The answer is one click away; meanwhile the open question stays open and is asked again
            # (once: a question typed as it stands got its answer and the question already).
            if not any(r.custom and r.custom.get("type") == "question" for r in self.out.replies):
                self.ask_again(pending, text("question_again"))
            return True
        if asks_nearby(self.text) and pending.kind not in (SWITCH, MUNICIPALITY):
            self.physical_referral()
            return True
        language = detect_language(self.text, dutch_so_far=True)  # a question asked in Dutch is open
        if language:
            self.out.say(other_language_reply(language))
            return True
        if journey is not None and pending.kind not in (SWITCH, MUNICIPALITY) and not own_question:
            event = self.ctx.kb.events[journey.event_id]
            notes: list[str] = []
            clauses = moves.absorb_facts(
                self.state,
                journey,
                event,
                self.text,
                self.ctx,
                skip=pending.kind,
                notes=notes,
                corrections=True,
            )
            if clauses:
                for note in notes:
                    self.out.say(note)
                self.state.pending = None
                moves.continue_journey(self.out, self.state, self.ctx, lead=understood_sentence(clauses))
                return True
        if intent == "greet" and self.message.confidence >= LIFE_EVENT_MIN_CONFIDENCE:
            # "hallo? is er iemand?": not the first greeting, but the open question again
            still_here = text("still_here")
            if pending.kind == MUNICIPALITY and pending.place_for is None:
                still_here = f"{still_here}\n{text('ask_municipality')}"
            self.ask_again(pending, still_here)
            return True
        if intent in SMALL_TALK and self.message.confidence >= LIFE_EVENT_MIN_CONFIDENCE:
            self.out.say(text(SMALL_TALK[intent]))
            self.ask_again(pending, text("question_again"))
            return True
        pending.attempts += 1  # whatever the reason, the same question is asked at most MAX_ATTEMPTS times
        if pending.attempts >= MAX_ATTEMPTS and pending.kind not in (SWITCH, MUNICIPALITY):
            self.out.say(text("answer_given_up"))
            return self.apply(pending, UNKNOWN, typed=False)
        if (own_question or intent in NAVIGATION) and journey is not None and journey.phase == QUESTIONS:
            self.ask_again(pending, text("question_first"))
            return True
        lead = (
            text("question_again")  # after words of distress, no "I did not understand"
            if self.distressed
            else text("date_not_understood")
            if pending.kind == EVENT_DATE
            else (
                text("municipality_not_understood")
                if pending.kind == MUNICIPALITY
                else text("answer_not_understood")
            )
        )
        self.ask_again(pending, lead)
        return True

    def without_municipality(self) -> bool:
        """No Belgian municipality to give: no office nearby is looked up, and the journey goes on."""
        self.state.pending = None
        self.out.say(text("municipality_none"))
        journey = self.state.journey
        if journey is not None and journey.phase == QUESTIONS:
            moves.resume_question(self.out, self.state, self.ctx)
        return True

    def asks_how_done(self) -> bool:
        """A question about how things are done (online, or going somewhere), not a request for a
        counter nearby ("in mijn buurt") or a person."""
        return (
            not self.message.is_payload
            and is_question(self.text)
            and contains_any(self.text, load_lexicon().channel_questions)
            and not asks_nearby(self.text)
            and not asks_for_person(self.text)
            and self.message.intent != "handoff_live"
        )

    def asks_about_situation(self, event_id: str) -> bool:
        """A question that names another situation by its own words and that the second opinion
        also reads as that situation ("door die ziekte heb ik nu ook schulden, kunt ge helpen?")."""
        if event_id not in self.ctx.keywords.events_in(self.text) or not self.ctx.sees(event_id, self.text):
            return False
        # "ook", "eerst" or a phrase of several words names a new situation; "moet ik zijn
        # huurcontract opzeggen?" in a death journey is about this one
        words = set(normalise(self.text).split())
        specific = any(len(p.split()) >= 2 for p in self.ctx.keywords.phrases_in(self.text, event_id))
        return bool(words & NEW_SITUATION_WORDS) or specific

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
