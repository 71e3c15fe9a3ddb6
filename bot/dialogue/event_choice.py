"""The part of a dialogue turn that decides which life events a typed message names, and in
which order they are taken up."""

from __future__ import annotations

import re

from bot.dialogue.context import DialogueContext
from bot.dialogue.journey_dates import read_event_date
from bot.dialogue.journeys import CHILD_PLANS
from bot.dialogue.other_events import asked_first
from bot.dialogue.reading import (
    AFTER_LOSS_NEEDS_TRIGGER,
    FALLBACK_INTENTS,
    HUMAN,
    MAX_CLARIFY_OPTIONS,
    NAVIGATION,
    OTHER_EVENT_MIN_CONFIDENCE,
    RESCUE_MIN_CONFIDENCE,
    SURE_EVENT_CONFIDENCE,
    URGENT_EVENTS,
)
from bot.dialogue.state import DONE, ConversationState
from bot.dialogue.step_search import named_by_own_plan
from bot.dialogue.story_dates import CLAUSE_BOUNDARY
from bot.dialogue.turn import LIFE_EVENT_MIN_CONFIDENCE, Message, TurnResult
from bot.knowledge.texts import text
from bot.normalize import normalise
from bot.understanding.event_detection import PRIORITY, detect_events
from bot.understanding.event_scorer import settle_dispute
from bot.understanding.lexicon import load_lexicon
from bot.understanding.signals import arrives_from_abroad, contains_any, mentions_loss
from bot.understanding.someone_else import someone_else_ill, someone_elses_pension

ILLNESS = "illness"
DEATH = "death"
LONG_AGO_DAYS = 180
_YEARS_AGO = re.compile(
    r"\b(?:vorig|vorige|verleden) jaar\b|\bjaar geleden\b|\bjaren geleden\b|\blang geleden\b"
)
"""A death told this long ago, beside another situation, starts no death plan of its own (its
deadlines have passed); the person can still ask for it."""
RETIREMENT = "retirement"
START_BUSINESS, STOP_BUSINESS = "start_business", "stop_business"
DIVORCE, UNION = "divorce", "cohabitation_marriage"
CAREGIVING, DISABILITY = "caregiving", "disability"
SPECIFIC_TRIGGER_WORDS = 3
"""A trigger phrase this long names its situation even when neither model sees it."""
RESCUE_TOP_EVENTS = 5
"""A situation a trigger phrase names is also rescued from a fallback when it is among the
classifier's first five situations ("ik word zelfstandige" in an excited story)."""


class EventChoiceTurn:
    """Mixed into ``engine._Turn``."""

    state: ConversationState
    message: Message
    ctx: DialogueContext
    text: str
    out: TurnResult

    def life_events(self) -> list[str]:
        """Life events the message names, the one to start with first (see :meth:`_life_events`);
        a birth told by a grandparent ("ik ben opa geworden") is no birth plan of theirs, and a
        situation the message denies ("niemand is gestorven") is none."""
        ruled_out = self._ruled_out()
        found = self._life_events()
        events = [e for e in found if e not in ruled_out]
        if events[:1] == ["moving"] and not self.message.is_payload and arrives_from_abroad(self.text):
            # "ik ben net van Spanje naar Gent verhuisd": arriving in Belgium, not a move within it
            events = ["newcomer", *(e for e in events if e != "newcomer")]
        if (
            {CAREGIVING, DISABILITY} <= set(events[:2])
            and events[0] == DISABILITY
            and CAREGIVING in self.ctx.keywords.events_in(self.text)
        ):
            # "ik zorg voor mijn zoon met een handicap": the writer is the carer; the son's
            # disability plan comes after
            events = [CAREGIVING, DISABILITY, *events[2:]]
        if found and found[0] in ruled_out and len(events) >= 2:
            # the first pick is ruled out ("mijn moeder is terminaal ziek"): the classifier's next best
            confidence = dict(self.message.ranking)
            events.sort(key=lambda e: -confidence.get(e, 0.0))
        if not self.message.is_payload:
            later = [e for e in events if self._named_for_later(e)]
            if later:  # "ik start een zaak en later wil ik iemand aanwerven": the start first
                named = self.ctx.keywords.events_in(self.text)
                now = [e for e in named if e not in later and e not in ruled_out]
                events = [*sorted(set(now) - set(events)), *(e for e in events if e not in later), *later]
            # "... en wil hier studeren. Kunnen we eerst over de studies praten?": that one first,
            # even when the models saw only the other situation in the story
            named = self.ctx.keywords.events_in(self.text) - ruled_out
            candidates = [*events, *sorted(named - set(events))] if events else []
            wanted = asked_first(self.text, self.ctx, candidates) if events else set()
            first = [e for e in candidates if e in wanted]
            if len(first) == 1:  # asked first: the other situations the story names come after it
                events = [
                    first[0],
                    *(e for e in events if e != first[0]),
                    *sorted(named - set(events) - {first[0]}),
                ]
            elif len(events) >= 2 and self._named_as_status(events[0]):
                events = [*events[1:], events[0]]  # "ik ben werkloos en nu ziek": the illness first
            elif not later:  # neither "later" nor "eerst" said which comes first
                events = self._prerequisites_first(events)
            if len(events) >= 2 and DEATH in events and self._long_ago(DEATH):
                # "mijn man is vorig jaar overleden en ik ga verhuizen": the move is the question now
                events = [e for e in events if e != DEATH]
        return events

    def _long_ago(self, event_id: str) -> bool:
        """The story dates the event more than LONG_AGO_DAYS back ("vorig jaar overleden")."""
        event = self.ctx.kb.events[event_id]
        # only the clauses that name the event date it: "hij was lang geleden gescheiden" does not
        named = [
            clause
            for clause in CLAUSE_BOUNDARY.split(self.text)
            if clause and self.ctx.keywords.phrases_in(clause, event_id)
        ]
        if not named:
            return False
        dating = " ".join(named)
        reading = read_event_date(event, dating, self.ctx.today)
        if reading is not None:
            return (self.ctx.today - reading.end).days > LONG_AGO_DAYS
        return bool(_YEARS_AGO.search(normalise(dating)))

    def _prerequisites_first(self, events: list[str]) -> list[str]:
        """A situation comes after the ones it needs ("ik start een frituur en wil direct iemand
        aannemen": the business first), when the story names both."""
        if len(events) < 2:
            return events
        first = events[0]
        needed = [e for e in self.ctx.kb.events[first].comes_after if e in events[1:]]
        if not needed:
            return events
        return [*needed, *(e for e in events if e not in needed)]

    def _named_as_status(self, event_id: str) -> bool:
        """The story names the event only as the person's standing status ("ik ben werkzoekende",
        "mijn werkloosheidsuitkering houden"), not as something that happens to them now."""
        lexicon = load_lexicon()
        phrases = lexicon.status_phrases.get(event_id, ())
        padded = f" {normalise(self.text)} "
        if not contains_any(self.text, phrases) or self._status_broken(event_id, phrases):
            return False
        for phrase in phrases:
            padded = padded.replace(f" {phrase} ", " ")
        return event_id not in self.ctx.keywords.events_in(padded)

    def _status_broken(self, event_id: str, phrases: tuple[str, ...]) -> bool:
        """Words of the event itself in a clause about it ("ik ben werkloos geworden"); in a clause
        about another situation they say nothing ("... en ben nu ziek geworden")."""
        broken_by = load_lexicon().status_broken_by
        return any(
            contains_any(clause, broken_by)
            and (contains_any(clause, phrases) or event_id in self.ctx.keywords.events_in(clause))
            # "sinds mijn scheiding ben ik net verhuisd": "net" tells about the move
            and not self.ctx.keywords.events_in(clause) - {event_id}
            for clause in CLAUSE_BOUNDARY.split(self.text)
            if clause and clause.strip()
        )

    def _named_for_later(self, event_id: str) -> bool:
        """Every clause that names the event says it comes later ("later", "daarna", "nadien")."""
        later_words = set(load_lexicon().later_words)
        owning = [
            clause
            for clause in re.split(r"[,.;!?]|\b(?:en|maar)\b", self.text)
            if clause.strip() and event_id in self.ctx.keywords.events_in(clause)
        ]
        return bool(owning) and all(set(normalise(clause).split()) & later_words for clause in owning)

    def _life_events(self) -> list[str]:
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
        unsure = self.message.intent in known and self.message.confidence < LIFE_EVENT_MIN_CONFIDENCE
        if self.message.intent in FALLBACK_INTENTS or (
            no_journey
            and (self.message.intent not in known or unsure)  # "we verhuizen op 15 januari" read 0.5 divorce
            and self.message.intent not in HUMAN
            and self.message.intent not in NAVIGATION
            and (len(normalise(self.text).split()) >= 3 or unsure)
        ):
            # Not placed at once ("we hebben een kindje gekregen" read as an answer): a trigger
            # phrase of an event the classifier also considers settles it.
            floor = (
                RESCUE_MIN_CONFIDENCE
                if self.message.intent in FALLBACK_INTENTS
                else OTHER_EVENT_MIN_CONFIDENCE
            )
            top_events = [n for n, _ in self.message.ranking if n in known][:RESCUE_TOP_EVENTS]
            rescued = [
                n
                for n, c in self.message.ranking
                if n in known and n in named and (c >= floor or n in top_events)
            ]
            if not rescued:
                return []
            top = rescued[0]
        elif self.message.intent in known and self.message.confidence >= LIFE_EVENT_MIN_CONFIDENCE:
            top = str(self.message.intent)
            if no_journey and self.message.disputed:
                # The two models each put another situation first: a trigger phrase naming one
                # of them settles it; named by none, the person is asked (ask_which_situation).
                settled = settle_dispute(self.message.disputed, named, top)
                if settled is None:
                    # Neither is named, but one other situation is, and the second opinion clearly
                    # sees it ("mijne vriend is gestorven. we woonden samen maar ..." is a death).
                    seen = [e for e in named if self.ctx.sees(e, self.text)]
                    if len(seen) != 1:
                        return []
                    settled = seen[0]
                top = settled
        else:
            return []
        if (
            (self.state.crisis or self.state.bereaved)
            and top in AFTER_LOSS_NEEDS_TRIGGER
            and top not in named
        ):
            return []  # "we waren getrouwd, 40 jaar" from a widower is no wedding to plan
        order = {event: index for index, event in enumerate(PRIORITY)}
        # A trigger phrase names the event ("stoppen met mijn zaak" read as a start), unless the
        # classifier is sure of its pick and gives the named event next to nothing ("ik stop met
        # mijn eenmanszaak": "eenmanszaak" is also a trigger of starting one).
        confidence = dict(self.message.ranking)
        sure = confidence.get(top, 0.0) >= SURE_EVENT_CONFIDENCE
        specific = {
            e
            for e in named
            if any(
                len(p.split()) >= SPECIFIC_TRIGGER_WORDS for p in self.ctx.keywords.phrases_in(self.text, e)
            )
        }
        considered = specific | {
            e for e in named if not sure or confidence.get(e, 0.0) >= OTHER_EVENT_MIN_CONFIDENCE
        }
        overruling, unseen = considered, set()
        if self.ctx.events is not None:  # the second opinion must see the named event too
            overruling = set(self.ctx.events.supported(self.text, sorted(considered), ()))
            # A phrase of three words or more names its situation on its own ("mijn vriendin komt
            # bij mij inwonen" read by both models as hiring someone who starts on 1 January).
            overruling |= specific
            # Named by a word only, seen by neither model: no situation of its own.
            unseen = {
                e
                for e in named - overruling
                if confidence.get(e, 0.0) < OTHER_EVENT_MIN_CONFIDENCE
                and not self.ctx.events.supported(self.text, [e], ())
            }
        overruled = None
        if overruling and top not in named:
            overruled = top
            top = min(
                overruling,
                key=lambda e: (ranked.index(e) if e in ranked else len(ranked), order.get(e, 99)),
            )
        ranking = [{"name": n, "confidence": c} for n, c in self.message.ranking] or [
            {"name": top, "confidence": 1.0}
        ]
        detected = detect_events(ranking, self.text, self.ctx.keywords, known_events=known)
        # Overruled by a long phrase alone, the classifier's pick is no second situation either.
        by_phrase_alone = top in specific and not (
            self.ctx.events is not None and self.ctx.events.supported(self.text, [top], ())
        )
        dropped = overruled if by_phrase_alone else None
        others = [e for e in detected.events if e not in (top, dropped) and e not in unseen]
        others += sorted(named - set(detected.events) - unseen - {top})
        others = sorted(dict.fromkeys(others), key=lambda e: order.get(e, len(order)))
        if self.ctx.events is not None:  # "we waren getrouwd" in a death story is no wedding to plan
            others = self.ctx.events.supported(self.text, others, named)
        if self.message.intent in FALLBACK_INTENTS or unsure:  # rescued by a trigger: only triggers add more
            others = [e for e in others if e in named]
        # A more urgent situation a trigger names comes first, even when the classifier is sure of
        # the other ("mijn man is dinsdag gestorven ... en gisteren kreeg ik mijn ontslag").
        urgent = [
            e
            for e in others
            if e in URGENT_EVENTS
            and (e in considered or e in named)
            and order.get(e, 99) < order.get(top, 99)
        ]
        if urgent:
            return [urgent[0], top, *(e for e in others if e != urgent[0])]
        return [top, *others]

    def _ruled_out(self) -> set[str]:
        """Situations the message itself rules out: a grandparent's or one's own birth ("ik ben opa
        geworden", "ik ben geboren in 1963"), denied ones ("nee niemand is gestorven") and the
        illness or pension of someone else ("mijn moeder is terminaal ziek", "zijn pensioen")."""
        lexicon = load_lexicon()
        ruled_out: set[str] = set()
        if contains_any(self.text, lexicon.grandparent) or contains_any(self.text, lexicon.own_birth):
            ruled_out |= CHILD_PLANS
        if not self.message.is_payload:
            ruled_out |= self.ctx.keywords.negated_in(self.text)
            ill_other, rest = someone_else_ill(self.text)
            if ill_other and ILLNESS not in self.ctx.keywords.events_in(rest):
                ruled_out.add(ILLNESS)  # "mijn moeder is terminaal ziek": her illness, not the writer's
            named = self.ctx.keywords.events_in(self.text)
            if {STOP_BUSINESS, START_BUSINESS} <= named and not contains_any(self.text, lexicon.start_words):
                # "hoe sluit ik mijn ondernemingsnummer af? ik had een webshop in bijberoep": the
                # business being closed, not a new one
                ruled_out.add(START_BUSINESS)
            if {DIVORCE, UNION} <= named and not contains_any(self.text, lexicon.new_union):
                # "uit elkaar na 9 jaar samenwonen, nooit getrouwd": the union that ends, no new one
                ruled_out.add(UNION)
            after_loss = self.state.bereaved or mentions_loss(self.text)
            if after_loss and someone_elses_pension(self.text):
                ruled_out.add(RETIREMENT)  # "krijgt mijn mama nu zijn pensioen?"
        return ruled_out

    def ask_which_situation(self) -> bool:
        """The two models disagree on a first story and no trigger phrase settles it: "Gaat het
        over ...?" with both situations as buttons; the story is kept for the choice."""
        journey = self.state.journey
        ruled_out = self._ruled_out()
        disputed = [
            e
            for e in self.message.disputed
            if e in self.ctx.kb.events
            and not (self.state.child_lost and e in CHILD_PLANS)
            and e not in ruled_out
        ]
        if self.message.is_payload or len(disputed) < 2 or (journey is not None and journey.phase != DONE):
            return False
        # A situation the story names by its own words is among the choices, first ("ik heb mijn
        # arm gebroken" read as a lost job or a start by the two models).
        named = sorted(self.ctx.keywords.events_in(self.text) - ruled_out - set(disputed))
        disputed = [*named, *disputed][:MAX_CLARIFY_OPTIONS]
        buttons = [{"title": self.ctx.kb.events[e].title, "payload": f"/{e}"} for e in disputed]
        buttons.append({"title": text("button_something_else"), "payload": "/ask_capabilities"})
        self.out.say(text("clarify"), buttons)
        self.state.keep_unplaced(self.text, disputed)
        return True

    def named_event(self, event_id: str) -> bool:
        """Strong enough to offer a switch: named by a trigger phrase, or a long message the
        classifier is sure about (a short misread answer never is)."""
        if event_id in self.ctx.keywords.events_in(self.text):
            # "we waren getrouwd" to a widow states her marriage; it is no wedding to plan
            return not named_by_own_plan(self.state, self.ctx, event_id, self.text)
        if (self.state.bereaved or self.state.crisis) and event_id in AFTER_LOSS_NEEDS_TRIGGER:
            return False  # after a loss, a wedding or a birth only when the person names it
        sure = self.message.confidence >= SURE_EVENT_CONFIDENCE and len(normalise(self.text).split()) >= 6
        # ... and the second opinion agrees ("getrouwd waren we nie he, het is mijne broer").
        return sure and (self.ctx.events is None or self.ctx.events.best(self.text) == event_id)
