"""The part of a dialogue turn for a message nothing else understood: another language, a
correction of the plan, a door outside the life events, a choice of likely situations, and after
two misses the offer of a person."""

from __future__ import annotations

from collections.abc import Callable

from bot.dialogue import journeys as moves
from bot.dialogue.context import DialogueContext
from bot.dialogue.faq_turn import ROUTE_MIN_SCORE, ROUTE_TOP_SCORE
from bot.dialogue.journeys import CHILD_PLANS
from bot.dialogue.reading import MAX_CLARIFY_OPTIONS, MIN_CLARIFY_CONFIDENCE, other_language_reply
from bot.dialogue.state import DONE, ConversationState
from bot.dialogue.turn import Message, TurnResult
from bot.knowledge.texts import text
from bot.understanding.language import detect_language


class FallbackTurn:
    """Mixed into ``engine._Turn``."""

    state: ConversationState
    message: Message
    ctx: DialogueContext
    out: TurnResult
    text: str
    distressed: bool

    # defined by other parts of the turn
    remind: Callable[[], None]
    offer_routes: Callable[..., bool]
    plan_question: Callable[[], bool]
    _ruled_out: Callable[[], set[str]]

    def fallback(self) -> None:
        language = detect_language(self.text, dutch_so_far=self.state.journey is not None)
        if language:
            self.out.say(other_language_reply(language))
            return
        if self.distressed:
            # The feeling was acknowledged: no "Sorry, dat begreep ik niet" after it, but the
            # situations the story may be about ("ik schaam mij ... ik kan mijn huur nie meer betalen").
            journey = self.state.journey
            if journey is None or journey.phase == DONE:
                self.offer_candidates(self.clarify_candidates(), text("clarify_after_feeling"))
            self.remind()
            return
        if not self.message.is_payload and moves.correct_plan(self.out, self.state, self.ctx, self.text):
            return  # "we hebben nog 1 bediende in dienst" corrects the plan; it hires nobody
        ranking = [(n, c) for n, c in self.message.ranking if n != "nlu_fallback"]
        if not self.message.is_payload and self.text:
            best = ranking[0] if ranking else (self.message.intent, self.message.confidence)
            self.out.effect("unrecognised", text=self.text, intent=best[0], confidence=best[1])
        # The NLU sees no life event: a door is worth offering from a lower score ("mijn paspoort
        # is gestolen uit mijn auto" is better answered with buttons than with "Daar kan ik niet mee helpen").
        out_of_scope = self.message.intent == "out_of_scope"
        if self.offer_routes(top=ROUTE_MIN_SCORE if out_of_scope else ROUTE_TOP_SCORE):
            self.remind()
            return
        if self.plan_question():
            return
        if out_of_scope:
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
        journey = self.state.journey
        if not self.offer_candidates(self.clarify_candidates(), text("clarify")):
            if journey is not None:  # not "tell me what happened" while a plan is on the table
                self.out.say(text("default_in_journey", title=self.ctx.kb.events[journey.event_id].title))
            else:
                self.out.say(text("default"))
        self.remind()

    def clarify_candidates(self) -> list[str]:
        """The situations worth offering as buttons for a message nothing placed."""
        kb = self.ctx.kb
        ranking = [(n, c) for n, c in self.message.ranking if n != "nlu_fallback"]
        ruled_out = self._ruled_out()  # "niemand is overleden" offers no death
        candidates = [
            n
            for n, c in ranking
            if n in kb.events
            and c >= MIN_CLARIFY_CONFIDENCE
            and not (self.state.child_lost and n in CHILD_PLANS)
            and n not in ruled_out
        ]
        journey = self.state.journey
        if journey is None or journey.phase == DONE:
            # a situation the story names by its own words is among the choices, first
            named = self.ctx.keywords.events_in(self.text) - ruled_out
            if self.state.child_lost:
                named -= CHILD_PLANS
            candidates = [*sorted(named - set(candidates)), *candidates]
        candidates = candidates[:MAX_CLARIFY_OPTIONS]
        if journey is not None and journey.phase != DONE and self.ctx.events is not None:
            # A remark on the way is no new situation unless a trigger or the second opinion says so.
            named = self.ctx.keywords.events_in(self.text)
            candidates = [e for e in candidates if e in named or self.ctx.sees(e, self.text)]
        return candidates

    def offer_candidates(self, candidates: list[str], question: str) -> bool:
        """ "Gaat het over ...?" with the candidates as buttons; False when there are none."""
        if not candidates:
            return False
        buttons = [{"title": self.ctx.kb.events[e].title, "payload": f"/{e}"} for e in candidates]
        buttons.append({"title": text("button_something_else"), "payload": "/ask_capabilities"})
        self.out.say(question, buttons)
        journey = self.state.journey
        if journey is None or journey.phase == DONE:
            self.state.keep_unplaced(self.text, candidates)  # the choice starts with what the story said
        return True
