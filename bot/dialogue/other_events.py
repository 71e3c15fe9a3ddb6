"""Another situation a typed answer goes on about ("ik huur. En ik ga ook scheiden"), and the words
of a message that are left once the answer is taken out."""

from __future__ import annotations

import re
from collections.abc import Collection

from bot.dialogue.context import DialogueContext
from bot.dialogue.reading import (
    AFTER_LOSS_NEEDS_TRIGGER,
    OTHER_EVENT_MIN_CONFIDENCE,
    QUESTION_WORDS,
    SECOND_TOPIC_WORDS,
)
from bot.dialogue.state import ConversationState
from bot.dialogue.step_search import named_by_own_plan, states_plan_fact
from bot.dialogue.turn import LIFE_EVENT_MIN_CONFIDENCE, Message
from bot.normalize import normalise
from bot.understanding.dates import read_date
from bot.understanding.event_detection import PRIORITY
from bot.understanding.lexicon import load_lexicon
from bot.understanding.someone_else import about_someone_else


def rest_of(text: str, matched: str) -> str:
    """``text`` without the words that answered the question ("de tweede" is no date then)."""
    normalised = normalise(text)
    if not matched or matched == normalised:
        return "" if matched else text
    if f" {matched} " not in f" {normalised} ":
        return text
    return f" {normalised} ".replace(f" {matched} ", " ", 1).strip()


def sentences_of(text: str) -> list[str]:
    """The normalised sentences of a message."""
    return [normalise(part) for part in re.split(r"[.!?;]+", text) if normalise(part)]


DEATH = "death"
ASKED_FIRST_MIN_PROBABILITY = 0.1
"""The second opinion's least probability for the story's situation a question asks first ("kunnen
we eerst over de studies praten?"); a question about something else ("wat kost dat?") stays lower."""


def asked_first(text: str, ctx: DialogueContext, among: Collection[str] = ()) -> set[str]:
    """The situations a question of the message asks to take up first: a question with "eerst"
    names them after that word ("maar eerst: wat moet ik regelen voor de geboorte?"), or in the
    whole question ("ik moet ook verhuizen, kunnen we dat eerst bekijken?"); named by no trigger
    phrase, the second opinion reads the question ("kunnen we eerst over de studies praten?").
    "eerst" in a statement ("ik wil hem eerst zelf opleiden") asks nothing; a request starting with a
    question word does ("kunnen we eerst mijn werkloosheid bekijken, da is dringender voor mij").
    With ``among`` (the situations of the story), the second opinion only chooses between those.
    A statement that says what the person wants help with ("laat ons beginnen met dat ontslag",
    "het is vooral voor het verhuizen") settles it before any question."""
    sentences = re.findall(r"[^.!?;]+[.!?;]*", text)
    # "wat eerst? laat ons beginnen met dat ontslag": the statement settles the question
    focused = {event for sentence in sentences for event in _focus_of(normalise(sentence), ctx)}
    if focused:
        return focused
    first_words = set(load_lexicon().first_words)
    wanted: set[str] = set()
    for sentence in sentences:
        words = normalise(sentence).split()
        # a question: "…?", or a request ("kunnen we eerst mijn werkloosheid bekijken, da is dringender")
        if not words or not (sentence.rstrip().endswith("?") or words[0] in QUESTION_WORDS):
            continue
        at = next((i for i, word in enumerate(words) if word in first_words), None)
        if at is None:
            continue
        named = ctx.keywords.events_in(" ".join(words[at + 1 :])) or ctx.keywords.events_in(" ".join(words))
        if named:
            wanted |= named
        elif ctx.events is not None and among:
            probabilities = ctx.events.probabilities(" ".join(words))
            likeliest = max(among, key=lambda event: probabilities.get(event, 0.0))
            if probabilities.get(likeliest, 0.0) >= ASKED_FIRST_MIN_PROBABILITY:
                wanted.add(likeliest)
        elif ctx.events is not None and (read := ctx.events.best(" ".join(words))) in ctx.kb.events:
            wanted.add(read)
    return wanted


def _focus_of(sentence: str, ctx: DialogueContext) -> set[str]:
    """The one situation a statement says the person wants help with ("laat ons beginnen met dat
    ontslag", "help mij met die schulden"): named by a trigger phrase after the focus words."""
    padded = f" {sentence} "
    for phrase in sorted(load_lexicon().focus_phrases, key=len, reverse=True):
        at = padded.find(f" {phrase} ")
        if at >= 0:
            named = ctx.keywords.events_in(padded[at + len(phrase) + 1 :])
            return set(named) if len(named) == 1 else set()
    return set()


def named_as_status(event_id: str, text: str, ctx: DialogueContext) -> bool:
    """The text names the event only as something that stands ("we wonen al samen sinds we vorig
    jaar verhuisd zijn"): no new situation to offer in the middle of an answer."""
    phrases = load_lexicon().status_phrases.get(event_id, ())
    padded = f" {normalise(text)} "
    if not any(f" {phrase} " in padded for phrase in phrases):
        return False
    for phrase in phrases:
        padded = padded.replace(f" {phrase} ", " ")
    return event_id not in ctx.keywords.events_in(padded)


DESCRIBES_CURRENT = {"divorce": frozenset({"cohabitation_marriage"})}
"""Situations whose words, during another journey, describe that journey's own story (the marriage
that ends): offered only when the person asks to see them first."""


def other_event_besides(
    state: ConversationState,
    ctx: DialogueContext,
    message: Message,
    text: str,
    matched: str,
    known: dict[str, str],
) -> str | None:
    """Another life event the message goes on about, besides the answer: in a sentence of its own
    or after "ook", "trouwens", "maar", "want". A situation the plan itself covers ("ik moet
    verhuizen" in a divorce) only when the person asks to see it first."""
    journey = state.journey
    if journey is None:
        return None
    sentences = sentences_of(text)
    others = [s for s in sentences if not matched or f" {matched} " not in f" {s} "]
    rest = " ".join(others) if len(sentences) > 1 else rest_of(text, matched)
    words = set(rest.split())
    if len(words) < 2 or not (len(sentences) > 1 and others or words & SECOND_TOPIC_WORDS):
        return None
    after_loss = state.bereaved or journey.event_id == DEATH
    named = {
        e
        for e in ctx.keywords.events_in(rest) - {journey.event_id}
        if not about_someone_else(e, rest, after_loss) and not named_as_status(e, rest, ctx)
    }
    wanted_first = named & asked_first(text, ctx)
    confidences = dict(message.ranking)
    found = {e for e in wanted_first if e in ctx.kb.events} or {
        e
        for e in named
        if e in ctx.kb.events
        and confidences.get(e, 0.0) >= OTHER_EVENT_MIN_CONFIDENCE
        and not named_by_own_plan(state, ctx, e, rest)  # "wat met haar pensioen?"
    }
    top = message.intent
    if (
        not found
        and top in ctx.kb.events
        and top != journey.event_id
        and message.confidence >= LIFE_EVENT_MIN_CONFIDENCE
        and len(words) >= 3
        # "ik ook trouwens" from a widower is no wedding to plan
        and not ((state.bereaved or state.crisis) and top in AFTER_LOSS_NEEDS_TRIGGER)
        and (
            ctx.events is None
            or ctx.events.best(" ".join(w for w in rest.split() if w not in SECOND_TOPIC_WORDS)) == top
        )
        and not named_by_own_plan(state, ctx, str(top), rest)
        and not about_someone_else(str(top), rest, after_loss)
        and not named_as_status(str(top), rest, ctx)
        and not states_plan_fact(ctx.kb.events[journey.event_id], known, rest)  # "we waren getrouwd"
        and read_date(rest, ctx.today) is None  # "het was trouwens 17 oktober" dates this one
    ):
        found = {str(top)}
    # "getrouwd natuurlijk, 12 jaar al" in a divorce describes the marriage that ends
    found = {e for e in found if e in wanted_first or e not in DESCRIBES_CURRENT.get(journey.event_id, ())}
    order = {event: index for index, event in enumerate(PRIORITY)}
    return min(found, key=lambda e: order.get(e, len(order))) if found else None
