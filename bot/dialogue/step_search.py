"""A question inside a plan about one of its own steps ("hebben we een verzekering nodig?" in a
plan with "Verzeker uw vrijwilligers") gets that step's card, not another situation's offer."""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.dialogue.context import DialogueContext
from bot.dialogue.presenting import plan_of, show_step
from bot.dialogue.reading import SECOND_TOPIC_WORDS
from bot.dialogue.state import DONE, PLAN, ConversationState
from bot.dialogue.turn import TurnResult
from bot.journeys.journey import JourneyPlan, plan_questions
from bot.knowledge.knowledge_base import LifeEvent
from bot.knowledge.texts import text
from bot.normalize import normalise
from bot.understanding.answers import option_phrases, phrase_positions
from bot.understanding.fact_scan import scan_facts
from bot.understanding.lexicon import load_lexicon

MIN_STEM = 6
"""A word of the question and a word of a step title match when they share this many first letters,
or when the question's word (at least this long) is part of the title's word ("pensioen" in
"overlevingspensioen"). Shorter words ("moet", "nodig", "haar") say too little."""


def _matches(word: str, title_word: str) -> bool:
    if len(word) < MIN_STEM or len(title_word) < MIN_STEM:
        return False
    return word[:MIN_STEM] == title_word[:MIN_STEM] or word in title_word


def step_about(plan: JourneyPlan, question: str) -> tuple[int, set[str]] | None:
    """The index of the one step whose title the question is about, with the question's words that
    matched it; None when no step or more than one step fits."""
    words = set(normalise(question).split())
    found: dict[int, set[str]] = {}
    for index, planned in enumerate(plan.steps):
        for title_word in normalise(planned.step.title).split():
            matched = {word for word in words if _matches(word, title_word)}
            if matched:
                found.setdefault(index, set()).update(matched)
    if len(found) != 1:
        return None
    return next(iter(found.items()))


def answer_from_plan(turn: TurnResult, state: ConversationState, ctx: DialogueContext, question: str) -> bool:
    """Shows the step of the current plan the question is about; False when it is about none, or
    when it names another situation outside the step's words ("ik ga ook verhuizen, moet ik naar
    de gemeente?" is a second situation; "moet ik iets doen voor haar pensioen?" in a plan with the
    survivor's pension is not)."""
    journey = state.journey
    if journey is None or journey.phase not in (PLAN, DONE) or state.pending is not None:
        return False
    plan = plan_of(ctx.kb.events[journey.event_id], journey)
    found = step_about(plan, question)
    if found is None:
        return False
    index, words = found
    rest = " ".join(w for w in normalise(question).split() if w not in words)
    if ctx.keywords.events_in(rest) - {journey.event_id}:
        return False
    journey.phase, journey.step_index = PLAN, index
    turn.say(text("step_asked_about", number=plan.steps[index].number))
    show_step(turn, plan, index, ctx.today)
    return True


def named_by_own_plan(state: ConversationState, ctx: DialogueContext, event_id: str, text: str) -> bool:
    """Whether ``event_id`` is named only by words of the current plan's own steps and rights
    ("pensioen" in a death plan with the survivor's pension is no retirement to plan), or inside a
    fact the message states for one of the plan's questions ("we waren getrouwd" to a widow)."""
    journey = state.journey
    phrases = ctx.keywords.phrases_in(text, event_id)
    if journey is None or not phrases:
        return False
    event = ctx.kb.events[journey.event_id]
    plan = plan_of(event, journey)
    # the plan's own words: its steps, its rights and the questions its FAQ answers ("kindergeld"
    # for a student, "opzeg" for someone who retires)
    # (not when the person says it is another topic: "ik moet ook verhuizen")
    titles = [p.step.title for p in plan.steps] + [r.title for r in plan.rights]
    more = (
        []
        if (SECOND_TOPIC_WORDS | set(load_lexicon().new_topic_words)) & set(normalise(text).split())
        else [p.step.what_to_do for p in plan.steps]
        + [
            q
            for entry in (ctx.faq.entries if ctx.faq else ())
            if entry.event_id == event.id
            for q in entry.questions
        ]
    )
    own = normalise(" ".join(titles + more))
    clauses = [normalise(c) for c in re.split(r"[.,;!?]", text) if normalise(c)]
    # "ik moet ook verhuizen" in a divorce is a second topic, even though it answers a question
    stated = [
        phrase
        for clause in clauses
        if not SECOND_TOPIC_WORDS & set(clause.split())
        for question in plan_questions(event)
        for entry in option_phrases(question)
        for phrase in entry.scan_phrases
        if phrase_positions(clause.split(), phrase)
    ]
    return all(phrase in own or any(phrase in fact for fact in stated) for phrase in phrases)


def states_plan_fact(event: LifeEvent, known: Mapping[str, str], text: str) -> bool:
    """Whether the text states a new or other answer to one of the event's questions ("we waren
    getrouwd" after "we woonden gewoon samen"); repeating a known answer ("ons moeder") does not count."""
    return any(
        (value := scan_facts(question, text)) is not None and value != known.get(question.id)
        for question in plan_questions(event)
    )
