"""The part of a dialogue turn that answers the person's own questions from the FAQ: up to three
matching questions as buttons, then the chosen answer with its source, then back to where we were."""

from __future__ import annotations

import json
from collections.abc import Callable

from bot.dialogue.context import DialogueContext
from bot.dialogue.state import DONE, QUESTIONS, ConversationState, Pending
from bot.dialogue.turn import Message, TurnResult
from bot.knowledge.faq import FaqEntry
from bot.knowledge.routes import ROUTE_EVENT, route_named
from bot.knowledge.texts import text
from bot.normalize import normalise
from bot.understanding.lexicon import load_lexicon, starts_with_phrase

FAQ_CHOICE = "faq"
"""``question_id`` of the buttons that pick a FAQ entry (``answer_value`` is the entry id)."""
ROUTE_CHOICE = "route"
"""``question_id`` of the buttons that pick a door outside the life events (a route id)."""
MAX_PICK_WORDS = 8
"""A suggestion picked by its place is said in a few words ("ja die eerste, heb ik recht op dop")."""
ROUTE_MIN_SCORE = 0.3
"""Below this, a route is not among the buttons (bench/route_eval.py)."""
ROUTE_TOP_SCORE = 0.45
"""Routes are offered only when the best one reaches this: a vague "wat moet ik doen?" gets none."""
ROUTE_CLEAR_MARGIN = 0.2
"""A door this far ahead of the next one is answered at once, without buttons to choose from."""
ROUTE_SURE_SCORE = 0.55
"""From this, a door outside the life events wins over a life event that no trigger phrase names
("identiteitskaart gestolen, moet ik naar de politie?" is not a move); no dev conversation's first
message reaches it (measured 2026-11-30)."""
YES_PICK_WORDS = 3
"""A short yes ("ja da", "ja die") picks the only question suggested."""


def faq_payload(entry_id: str, choice: str = FAQ_CHOICE) -> str:
    return "/provide_answer" + json.dumps({"answer_value": entry_id, "question_id": choice})


STATEMENT_VERBS = frozenset({"is", "was", "heeft", "had", "zit", "gaat", "werkt", "woont", "komt"})
"""A verb right after "die eerste" makes it a statement about someone, not a pick."""
POINTING_WORDS = frozenset({"da", "dat", "die", "diene"})
"""Words that point at one of the buttons ("da eerste"), unlike "ons eerste", "mijn tweede" or "de eerste
keer"."""


class FaqTurn:
    """Mixed into ``engine._Turn``."""

    state: ConversationState
    message: Message
    ctx: DialogueContext
    out: TurnResult
    text: str
    last_door: str | None
    last_suggested: list[str]

    ask_again: Callable[[Pending, str], None]  # defined by another part of the turn

    def is_faq_choice(self) -> bool:
        return self.message.is_payload and self.message.entities.get("question_id") in (
            FAQ_CHOICE,
            ROUTE_CHOICE,
        )

    def offer_routes(self, top: float = ROUTE_TOP_SCORE) -> bool:
        """For a question outside the life events: the doors it may be about, as buttons."""
        journey = self.state.journey
        if (
            self.ctx.routes is None
            or self.message.is_payload
            or (journey is not None and journey.phase != DONE)
        ):
            return False  # within a journey, a question is about the journey
        hits = self.ctx.routes.suggest(self.text, ROUTE_EVENT, min_score=ROUTE_MIN_SCORE)
        if not hits or hits[0].score < top:
            return False
        clear = hits[0].score >= ROUTE_SURE_SCORE and (
            len(hits) == 1 or hits[0].score - hits[1].score >= ROUTE_CLEAR_MARGIN
        )
        if clear or normalise(hits[0].entry.questions[0]) == normalise(self.text):
            self.say_door(hits[0].entry)  # one clear door, or the title of a button typed
            return True
        self.state.door = hits[0].entry.id  # a typed follow-up is most likely about this one
        buttons = [
            {"title": hit.entry.questions[0], "payload": faq_payload(hit.entry.id, ROUTE_CHOICE)}
            for hit in hits
        ]
        buttons.append({"title": text("button_none_of_these"), "payload": "/ask_capabilities"})
        self.out.say(
            text("route_suggest"), buttons, {"type": "route_suggestions", "ids": [h.entry.id for h in hits]}
        )
        return True

    def door_named(self) -> bool:
        """A door the message names outright ("ze hebben mijn portefeuille gepikt, mijn eid zat erin"),
        when no life event is named by a trigger phrase and no questions are open: its answer."""
        journey = self.state.journey
        if (
            self.ctx.routes is None
            or self.message.is_payload
            or (journey is not None and journey.phase == QUESTIONS)
            or self.ctx.keywords.events_in(self.text)
        ):
            return False
        route_id = route_named(self.text)
        entry = self.ctx.routes.by_id.get(route_id) if route_id else None
        if entry is None:
            return False
        self.say_door(entry)
        return True

    def follow_door(self) -> bool:
        """A follow-up on the door just given ("moet ik eerst naar de politie?" after a stolen
        identity card) gets that door's answer again, not a life event the classifier guesses."""
        journey = self.state.journey
        if (
            self.last_door is None
            or self.ctx.routes is None
            or self.message.is_payload
            or (journey is not None and journey.phase != DONE)
        ):
            return False
        hits = self.ctx.routes.suggest(self.text, ROUTE_EVENT, min_score=ROUTE_MIN_SCORE)
        door = next((hit.entry for hit in hits if hit.entry.id == self.last_door), None)
        if door is None and hits:
            # "hoelang duurt da voor ik een nieuwe kaart heb?" after a stolen identity card: still
            # a question about doors, so the best one, not a life event guessed from a few words
            door = hits[0].entry
        if door is None:
            return False
        self.say_door(door)
        return True

    def say_door(self, entry: FaqEntry) -> None:
        self.state.door = entry.id
        if entry.id == self.last_door and not self.message.is_payload:
            # the same door a second time in a row: its text again helps no one ("gaat da nog lukken
            # binnen de 3 weken?" after a stolen passport); say where more can be asked instead
            self.out.say(text("door_repeat"), custom={"type": "faq_answer", "id": entry.id, "repeat": True})
            return
        self.say_entry(entry)

    def offer_faq(self) -> bool:
        """Offers the FAQ questions that may be what the person asks (the journey's event only)."""
        journey = self.state.journey
        if self.ctx.faq is None or journey is None:
            return False
        hits = self.ctx.faq.suggest(self.text, journey.event_id)
        if not hits:
            return False
        typed = normalise(self.text)
        same = next((h for h in hits if any(normalise(q) == typed for q in h.entry.questions)), None)
        if same is None and hits[0].entry.id in self.last_suggested:
            same = hits[0]  # the question suggested last turn, now asked in the person's own words
        if same is not None:  # a suggestion typed over (or a phrasing of it): its answer, not the list again
            self.say_entry(same.entry)
            if self.state.pending is not None:
                self.ask_again(self.state.pending, text("faq_back_to_question"))
            return True
        buttons = [{"title": hit.entry.questions[0], "payload": faq_payload(hit.entry.id)} for hit in hits]
        self.out.say(
            text("faq_suggest"), buttons, {"type": "faq_suggestions", "ids": [h.entry.id for h in hits]}
        )
        self.state.suggested = [h.entry.id for h in hits]
        return True

    def pick_suggestion(self) -> bool:
        """ "ja die eerste", "dat tweede": one of the questions suggested in the last turn, by its place."""
        if self.ctx.faq is None or not self.last_suggested or self.message.is_payload:
            return False
        words = normalise(self.text).split()
        if len(words) > MAX_PICK_WORDS:
            return False
        lexicon = load_lexicon()
        if set(lexicon.step_words) & set(words):
            return False  # "de eerste stap" is about the plan
        last = len(self.last_suggested)
        places = [
            last if w in lexicon.last_words else lexicon.ordinals[w]  # "dat laatste"
            for w in words
            if w in lexicon.ordinals or w in lexicon.last_words
        ]
        if (
            not places
            and last == 1
            and len(words) <= YES_PICK_WORDS
            and starts_with_phrase(" ".join(words), lexicon.yes)
        ):
            places = [1]  # "ja da" to "Bedoelt u een van deze vragen?" with one question
        if len(places) != 1 or not 1 <= places[0] <= last:
            return False
        entry = self.ctx.faq.by_id.get(self.last_suggested[places[0] - 1])
        if entry is None:
            return False
        self.say_entry(entry)
        if self.state.pending is not None:
            self.ask_again(self.state.pending, text("faq_back_to_question"))
        return True

    def points_at_suggestion(self) -> bool:
        """ "ja da eerste", "die laatste" right after the suggested questions, while a question of the
        journey is open: the suggestion is meant ("ons eerste" answers "Is dit uw eerste kind?")."""
        if not self.last_suggested:
            return False
        words = normalise(self.text).split()
        lexicon = load_lexicon()
        for index, (word, after) in enumerate(zip(words, words[1:])):
            if word in POINTING_WORDS and (after in lexicon.ordinals or after in lexicon.last_words):
                # "nee, die eerste is al 5" tells about a child, it points at no button
                return not set(words[index + 2 : index + 4]) & STATEMENT_VERBS
        return False

    def say_entry(self, entry: FaqEntry) -> None:
        self.out.say(
            f"{entry.answer}\n{text('faq_source', url=entry.source_url)}",
            custom={"type": "faq_answer", "id": entry.id},
        )

    def answer_faq(self) -> None:
        """The chosen entry's answer and source; then the open question again, if there is one."""
        entry_id = str(self.message.entities.get("answer_value") or "")
        index = self.ctx.routes if self.message.entities.get("question_id") == ROUTE_CHOICE else self.ctx.faq
        entry = index.by_id.get(entry_id) if index is not None else None
        if entry is None:
            self.out.say(text("default"))
            return
        if index is self.ctx.routes:
            self.say_door(entry)
        else:
            self.say_entry(entry)
        if self.state.pending is not None:
            self.ask_again(self.state.pending, text("faq_back_to_question"))
