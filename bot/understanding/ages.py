"""Ages in what people type: "van 82 jaar", "8-jarige", "ze is 84", "ik ben 23", "op mijn 63",
about the right person for the question (its ``age_of`` in the knowledge base)."""

from __future__ import annotations

import re

from bot.knowledge.knowledge_base import Question
from bot.understanding.lexicon import load_lexicon
from bot.understanding.numbers import word_value

ARTICLE_WORDS = frozenset({"een", "n", "ne", "nen"})
"""Words that are an article ("een kind") before they are the number one."""
_SELF_CUE = frozenset({"ik", "k", "mij", "me", "zelf"})


_NOT_AGE_UNITS = frozenset(
    {
        "euro",
        "eur",
        "kinderen",
        "kind",
        "weken",
        "week",
        "dagen",
        "dag",
        "maanden",
        "maand",
        "uur",
        "km",
        "procent",
        "keer",
        "werknemers",
        "werknemer",
        "jobs",
        "personen",
        "mensen",
    }
)
_AGE_VERBS = frozenset({"van", "is", "ben", "wordt", "word", "werd", "was", "nu"})
_PRONOUNS = frozenset({"hij", "zij", "ze"})


def age_for(question: Question, words: list[str], strict: bool = False) -> int | None:
    """An age stated about the right person: "van 82 jaar", "8-jarige", "mijn vader van 79",
    "ze is 84", "ik ben 23" (the person's own age only for questions about the person)."""
    if question.age_of in ("none", "event"):
        # a count ("ik sta er al 4 jaar alleen": no fourth employee), or the age at an event only
        return None
    age_words = set(load_lexicon().age_words) | {"jarig", "jarige"}
    for index, word in enumerate(words):
        value = word_value(word)
        if value is None or word in ARTICLE_WORDS or not 0 <= value <= 120 or word in load_lexicon().ordinals:
            continue
        after = words[index + 1] if index + 1 < len(words) else ""
        before = words[index - 1] if index > 0 else ""
        inverted = before == "ik" and index >= 2 and words[index - 2] == "ben"  # "nu ben ik 23"
        at_age = before == "mijn" and index >= 2 and words[index - 2] == "op"  # "op mijn 63"
        inverted = inverted or (before == "al" and index >= 2 and words[index - 2] in ("is", "ben", "was"))
        # "mijn vader (84)": a number right after a relative
        inverted = inverted or (before in load_lexicon().other_people and before not in _PRONOUNS)
        if after in _NOT_AGE_UNITS or (
            after not in age_words and before not in _AGE_VERBS and not inverted and not at_age
        ):
            continue
        of_someone = before == "van" and index >= 2 and words[index - 2] in load_lexicon().other_people
        if strict and not (
            inverted or at_age or of_someone or before in ("ben", "word", "wordt", "werd", "is")
        ):
            continue  # "40 jaar bediende" is a career, "ik ben 65" an age
        if before == "van" and index >= 2 and words[index - 2] in ("sinds", "vanaf", "rond", "begin", "eind"):
            continue
        # "ik ben 22", "... en ben 22" ("ben" speaks of oneself)
        cue_self = any(w in _SELF_CUE for w in words[max(0, index - 3) : index]) or at_age or before == "ben"
        if question.age_of == "past":  # the one who died: "ze was 91", not "hij is 84" (the living)
            if before in ("was", "werd"):
                return value
            continue
        if question.age_of == "anyone" or cue_self == (question.age_of == "self"):
            return value
    return None


_AGE_AT = re.compile(
    r"\b(?:als|wanneer|tot) (?:ik|k|hij|ze|zij) (\d{2}) (?:word|wordt|ben|is)\b"
    r"|\bop (?:mijn|m n|mn|zijn|haar|z n|zn) (\d{2})(?:ste|e)?\b"
    r"|\bdan (?:ben|word|is|wordt) (?:ik|k|hij|ze|zij) (\d{2})\b"
)


def age_at(question: Question, normalised: str) -> int | None:
    """The age at which something happens, said outright ("als ik 65 word", "op mijn 63", "dan ben ik
    65")."""
    if question.age_of != "event":
        return None  # "wat als hij 18 wordt?" says nothing about his age today
    match = _AGE_AT.search(normalised)
    return int(next(g for g in match.groups() if g)) if match else None
