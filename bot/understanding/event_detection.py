"""Finds every life event named in one message and orders them sensibly.

Uses the classifier's intent ranking (second pass over the ranking, no retraining needed) plus
the knowledge base's trigger phrases, so that "ik ben mijn job kwijt en kan de huur niet meer
betalen" yields both ``job_loss`` and ``money_problems``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.normalize import normalise as _normalise
from bot.understanding.lexicon import load_lexicon
from bot.understanding.negation import NOBODY, negated_after, negated_before

# Most urgent first: events with short legal deadlines or acute need come before the rest.
PRIORITY: tuple[str, ...] = (
    "death",
    "birth",
    "job_loss",
    "illness",
    "money_problems",
    "moving",
    "divorce",
    "disability",
    "caregiving",
    "newcomer",
    "cohabitation_marriage",
    "home",
    "stop_business",
    "retirement",
    "first_job",
    "studying",
    "start_business",
    "hire_staff",
    "found_association",
    "business_support",
)
HARDSHIP_EVENTS: frozenset[str] = frozenset({"job_loss", "money_problems", "divorce", "death", "illness"})

SECONDARY_MIN_CONFIDENCE = 0.15
KEYWORD_MIN_CONFIDENCE = 0.01


@dataclass(frozen=True)
class DetectedEvents:
    events: tuple[str, ...]

    @property
    def primary(self) -> str | None:
        return self.events[0] if self.events else None

    @property
    def needs_integral_guidance(self) -> bool:
        """Several hardship events at once: propose the sociaal huis / CAW and a human."""
        return len(HARDSHIP_EVENTS.intersection(self.events)) >= 2


def normalise(text: str) -> str:
    """Normalised text padded with spaces, for whole-word ``in`` tests."""
    return f" {_normalise(text)} "


class KeywordIndex:
    """Trigger phrases of each life event, matched as whole words."""

    def __init__(self, phrases: Mapping[str, Iterable[str]]) -> None:
        self._phrases = {
            # two letters match too often inside other words' spelling; "C4" is a form's name
            event_id: tuple(
                sorted(
                    {
                        normalise(p)
                        for p in event_phrases
                        if len(p.strip()) >= 3 or any(c.isdigit() for c in p)
                    }
                )
            )
            for event_id, event_phrases in phrases.items()
        }

    @classmethod
    def from_knowledge_base(cls, kb: KnowledgeBase) -> KeywordIndex:
        return cls({event_id: event.trigger_phrases for event_id, event in kb.events.items()})

    def events_in(self, text: str) -> set[str]:
        """Events named by a trigger phrase that is not negated ("ik wil niet failliet gaan") and
        not only part of a longer phrase of another event ("wettelijk samenwonen" in "stoppen met
        ons wettelijk samenwonen" names no new cohabitation)."""
        return {event_id for event_id, standalone in self._occurrences(text).items() if standalone}

    def only_inside_others(self, text: str) -> set[str]:
        """Events whose trigger phrases stand only inside a longer phrase of another event."""
        return {event_id for event_id, standalone in self._occurrences(text).items() if not standalone}

    def _occurrences(self, text: str) -> dict[str, bool]:
        """For each event with a trigger phrase in the text (not negated): whether one occurrence
        stands on its own, outside a longer phrase of another event."""
        padded = normalise(text)
        spans = {
            event_id: [
                (start, start + len(p))
                for p in phrases
                if p in padded and not _negated(padded, p)
                for start in _starts(padded, p)
                if not _EMPLOYER_BEFORE.search(padded[:start])
            ]
            for event_id, phrases in self._phrases.items()
        }
        return {
            event_id: any(
                not any(
                    other != event_id and a <= start and end <= b and (a, b) != (start, end)
                    for other, theirs in spans.items()
                    for a, b in theirs
                )
                for start, end in own
            )
            for event_id, own in spans.items()
            if own
        }

    def phrases_in(self, text: str, event_id: str) -> list[str]:
        """The trigger phrases of ``event_id`` in the text (normalised, without padding)."""
        padded = normalise(text)
        return [p.strip() for p in self._phrases.get(event_id, ()) if p in padded]

    def negated_in(self, text: str) -> set[str]:
        """Events whose trigger phrase is there, but only denied right before it ("niemand is
        gestorven", "ik ben niet ontslagen"); a negation later in the message does not count, as it
        may close another sentence ("Moet ik een inburgeringstraject volgen? Dat weet ik niet.")."""
        padded = normalise(text)
        return {
            event_id
            for event_id, phrases in self._phrases.items()
            if any(p in padded for p in phrases) and all(_denied(padded, p) for p in phrases if p in padded)
        }


_NEGATIONS = (" niet", " geen", " nooit", " zonder")
_VERB_NEGATIONS = (" niet", " nooit")
"""What denies a situation: "ik ben niet ontslagen". "geen" and "zonder" deny a thing, which
describes the situation instead ("een breiclub, geen statuten", "ik heb nog geen C4")."""


def _starts(padded: str, phrase: str) -> list[int]:
    starts, start = [], 0
    while (found := padded.find(phrase, start)) >= 0:
        starts.append(found)
        start = found + 1
    return starts


def _every_occurrence_negated(
    padded: str, phrase: str, closing: bool, negations_before: tuple[str, ...] = _NEGATIONS
) -> bool:
    """True when every occurrence of the phrase follows a negation word or a negated subject
    ("niemand is gestorven"), or, with ``closing``, a negation closes its clause ("nee ik verhuis
    nie, mijn identiteitskaart is gestolen")."""
    start, occurrences = 0, []
    words = padded.split()
    negations = load_lexicon().negations
    while (found := padded.find(phrase, start)) >= 0:
        start_word = len(padded[:found].split())
        end = len(padded[: found + len(phrase)].split())
        occurrences.append(
            padded[:found].endswith(negations_before)
            or negated_before(words, start_word, frozenset(NOBODY))
            or (closing and negated_after(words, end, negations))
        )
        start = found + 1
    return bool(occurrences) and all(occurrences)


def _denied(padded: str, phrase: str) -> bool:
    """Negated right before the phrase only (a later negation may close another sentence)."""
    return _every_occurrence_negated(padded, phrase, closing=False, negations_before=_VERB_NEGATIONS)


_EMPLOYER_BEFORE = re.compile(
    r"\b(?:werk|werkt|werkte|werkten|werken|gewerkt|werkzaam|tewerkgesteld)\s+(?:nog\s+|al\s+|toen\s+)?"
    r"(?:bij|voor)\s+(?:het|de|den|een|ne|nen|t)?\s*$"
)
"""A place of work before a trigger phrase ("ze werkte nog bij het OCMW"): an employer, not the
situation itself."""


def _negated(padded: str, phrase: str) -> bool:
    return _every_occurrence_negated(padded, phrase, closing=True)


def detect_events(
    intent_ranking: Sequence[Mapping],
    text: str,
    keywords: KeywordIndex | None = None,
    known_events: Iterable[str] = PRIORITY,
) -> DetectedEvents:
    """All life events in a message, most urgent first.

    Args:
        intent_ranking: the NLU ranking, ``[{"name": ..., "confidence": ...}, ...]``, best first.
        text: the message.
        keywords: trigger-phrase index; events found there need only a small confidence.
        known_events: ids that count as life events.
    """
    known = set(known_events)
    confidences = {
        str(r["name"]): float(r.get("confidence") or 0.0) for r in intent_ranking if r.get("name") in known
    }
    found: set[str] = set()
    top = intent_ranking[0].get("name") if intent_ranking else None
    if isinstance(top, str) and top in known:
        found.add(top)
    for event_id, confidence in confidences.items():
        if confidence >= SECONDARY_MIN_CONFIDENCE:
            found.add(event_id)
    if keywords is not None and (top in known or found):
        for event_id in keywords.events_in(text):
            if confidences.get(event_id, 0.0) >= KEYWORD_MIN_CONFIDENCE:
                found.add(event_id)
        inside = keywords.only_inside_others(text)
        if found - inside:  # "stoppen met ons wettelijk samenwonen" is no second situation
            found -= inside
    order = {event_id: index for index, event_id in enumerate(PRIORITY)}
    return DetectedEvents(tuple(sorted(found, key=lambda e: order.get(e, len(order)))))
