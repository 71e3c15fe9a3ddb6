"""Facts a message states outright for a question it does not answer.

:func:`scan_facts` reads any message for answers it states outright ("ons eerste kindje",
"mijn vader is overleden"), so the assistant never asks what it was already told;
:func:`scan_narrowing` finds a phrase that settles part of a question.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from bot.knowledge.knowledge_base import Narrowing, Question
from bot.normalize import normalise
from bot.understanding.ages import age_at, age_for
from bot.understanding.answers import (
    best_contained,
    is_ranged,
    option_for_number,
    option_phrases,
    phrase_positions,
    read_answer,
)
from bot.understanding.lexicon import load_lexicon
from bot.understanding.negation import negated_before

FUZZY_FACT_MIN_SCORE = 92
FUZZY_FACT_MIN_CHARS = 12


def _whole_words(text: str, start: int, end: int) -> str:
    """The span ``text[start:end]`` widened to the whole words it touches."""
    span = text[start:end]
    start += len(span) - len(span.lstrip())
    end -= len(span) - len(span.rstrip())
    if start >= end:
        return ""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    return text[left : right if right >= 0 else len(text)]


def _ge_words(text: str) -> int:
    """Words starting with "ge" (mostly past participles: "gegaan", "gestopt", "getrouwd")."""
    return sum(word.startswith("ge") for word in text.split())


def _fuzzy_fact(question: Question, normalised: str) -> str | None:
    """A long fact phrase typed with a small typo ("wetelijk samewonen", "ik ben zelfstanig")."""
    # Only phrases of several words: one letter apart, single words are often other words
    # ("echtscheiding" / "vechtscheiding").
    negations = load_lexicon().negations
    found: set[str] = set()
    for entry in option_phrases(question):
        for phrase in entry.scan_phrases:
            if len(phrase) < FUZZY_FACT_MIN_CHARS or " " not in phrase or len(normalised) < len(phrase):
                continue
            alignment = fuzz.partial_ratio_alignment(phrase, normalised)
            if alignment is None or alignment.score < FUZZY_FACT_MIN_SCORE:
                continue
            # whole words only: "van een dochtertje" is not "al een dochtertje" with a typo
            window = _whole_words(normalised, alignment.dest_start, alignment.dest_end)
            if fuzz.ratio(phrase, window) < FUZZY_FACT_MIN_SCORE:
                continue
            if bool(set(phrase.split()) & negations) != bool(set(window.split()) & negations):
                continue  # "een werkzoekende" is no typo of "geen werkzoekende"
            if _ge_words(phrase) != _ge_words(window):
                continue  # "met pensioen gaan" is no typo of "met pensioen gegaan": another tense
            if re.findall(r"\d+", phrase) != re.findall(r"\d+", window):
                continue  # "als ik 66 word" is no typo of "als ik 65 word"
            before = normalised[: alignment.dest_start].split()[-2:]
            if set(before) & negations:
                continue  # "ik heb geen schuld bij de watergroep" states no debt there
            found.add(entry.option.value)
    return found.pop() if len(found) == 1 else None


def scan_narrowing(question: Question, text: str) -> Narrowing | None:
    """A phrase that settles part of the question ("mijn vrouw is overleden": the partner)."""
    words = normalise(text).split()
    negations = load_lexicon().negations
    for narrowing in question.narrowing:
        for phrase in narrowing.phrases:
            if any(
                not negated_before(words, p, negations) for p in phrase_positions(words, normalise(phrase))
            ):
                return narrowing
    return None


def _digits_spelled(words: list[str]) -> list[str]:
    """Small numbers typed in digits written as the lexicon's number words ("2" -> "twee")."""
    spelling: dict[str, str] = {}
    for word, value in load_lexicon().numbers.items():
        spelling.setdefault(str(value), word)
    return [spelling.get(w, w) if w.isdigit() else w for w in words]


def scan_facts(question: Question, text: str) -> str | None:
    """The option a message states outright for ``question`` (not a bare yes or no), or None.

    Used on messages that do not answer this question, so only strong evidence counts: the
    option's ``facts`` phrases ("ons eerste kindje", "ik ben arbeider", "mijn vader"), or an age
    stated about the right person for a question about ages (see :mod:`bot.understanding.ages`).
    """
    words = normalise(text).split()
    if not words:
        return None
    for inner in re.findall(r"\(([^()]{2,40})\)", text):  # "ik ben verpleegster (bediende)"
        reading = read_answer(question, inner)
        if reading.value is not None and reading.how in ("label", "synonym"):
            return reading.value
    contained, _, _ = best_contained(question, words, scan=True)
    spelled = _digits_spelled(words)
    if not contained and spelled != words:  # "2 kinderen": "twee kinderen"
        contained, _, _ = best_contained(question, spelled, scan=True)
    if len(contained) == 1:
        if is_ranged(question):  # "als ik 65 word, da's toch de gewone leeftijd?": the age decides
            age = age_at(question, " ".join(words))
            if age is None:
                age = age_for(question, words, strict=True)
            stated = option_for_number(question, age) if age is not None else None
            # only over an option with an age range: "al met pensioen, op mijn 63 gestopt" stays retired
            ranged = any(
                o.value == contained[0] and (o.minimum, o.maximum) != (None, None) for o in question.options
            )
            return stated if stated and ranged else contained[0]
        return contained[0]
    if not contained:
        typo = _fuzzy_fact(question, " ".join(words))
        if typo is not None:
            return typo
    if not contained and is_ranged(question):
        age = age_at(question, " ".join(words))
        if age is None:
            age = age_for(question, words)
        if age is not None:
            return option_for_number(question, age)
    return None
