"""What a message is, before the dialogue decides what to do with it: the thresholds of the
dialogue, whether a text is a question of the person's own, and the answer in another language."""

from __future__ import annotations

import re

from bot.knowledge.texts import load_texts
from bot.normalize import normalise
from bot.understanding.lexicon import load_lexicon, starts_with_phrase

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
AFTER_LOSS_NEEDS_TRIGGER = frozenset({"cohabitation_marriage", "birth"})
"""Situations that are not started after a loss or the crisis lines unless a trigger phrase names them."""
_NEARBY_WORDS = re.compile(
    # "een appartement in de buurt van mijn werk" says where to live, not where to go for help
    r"\b(in mijn buurt|in de buurt(?! van (?:mijn|m n|ons|onze|het|de) (?:werk|job|school|ouders|kantoor"
    r"|zus|broer|moeder|vader|ma|pa|familie|station|centrum|kinderen|unief|universiteit)\b)|dichtbij"
    r"|in mijn gemeente|in mijn stad|bij mij in de buurt)\b",
    re.IGNORECASE,
)

_LIVES_NEAR = re.compile(
    # "hij woont in Frankrijk, in de buurt van Lille" says where someone lives, not where to go for help
    r"\b(?:woon|woont|wonen|woonde|woonden|wonend|ligt|lag|gelegen)\b(?:\W+\w+){0,4}?\W+$",
    re.IGNORECASE,
)


_ASKS_FOR_A_PLACE = re.compile(
    r"\b(?:waar|wa|zoek|zoeken|adres|adressen|kantoor|loket|dienst|ocmw|sociaal huis|terecht|kan ik|kan dat"
    r"|kunnen we|is er|zijn er|bestaat er|iemand|hulp)\b",
    re.IGNORECASE,
)


def asks_nearby(text: str) -> bool:
    """Asks for a service close by ("is er een OCMW in de buurt?"), not where someone lives nor
    what they plan there ("we willen een moestuin in de buurt beginnen")."""
    for match in _NEARBY_WORDS.finditer(text):
        if _LIVES_NEAR.search(text[: match.start()]):
            continue
        start = max(text.rfind(mark, 0, match.start()) for mark in ".!?\n") + 1
        ends = [i for i in (text.find(mark, match.end()) for mark in ".!?\n") if i >= 0]
        end = min(ends) if ends else len(text)
        sentence = text[start:end]
        if text[end : end + 1] == "?" or _ASKS_FOR_A_PLACE.search(sentence):
            return True
    return False


OTHER_EVENT_MIN_CONFIDENCE = 0.05
MAX_CLARIFY_OPTIONS = 3
MIN_CLARIFY_CONFIDENCE = 0.05
QUESTION_VERBS = frozenset(
    {
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
    }
)
"""Question words that ask only at the start of a clause ("is er een premie?", not "het is mijn eerste")."""
QUESTION_WORDS = QUESTION_VERBS | frozenset(
    {"wat", "wa", "hoe", "waar", "wanneer", "wie", "welke", "welk", "waarom", "hoeveel", "hoelang"}
    | {"wat's", "waarvoor", "waarmee"}
)


def is_question(text: str) -> bool:
    """A question of the person's own ("wat kost dat?", "moet ik me aansluiten bij ..."): not an answer."""
    words = normalise(text).split()
    if len(words) < 4:
        return False
    lexicon = load_lexicon()
    if starts_with_phrase(" ".join(words), lexicon.yes + lexicon.no + lexicon.unknown):
        return hedged_question(text)
    return text.rstrip().endswith("?") or words[0] in QUESTION_WORDS


_BUT = frozenset({"maar", "ma", "mar", "moar"})
_ACKNOWLEDGEMENTS = frozenset(
    {"ok", "oke", "okay", "okee", "goed", "allee", "allez", "ah", "aha", "oh", "tja"}
)


def hedged_question(text: str) -> bool:
    """ "ok ma hoeveel kost da nu?": an "ok" that only leads into a question of one's own answers
    nothing. A yes or no before "maar" does answer ("nee, maar moet dat?")."""
    words = normalise(text).split()
    lead = 2 if words[:2] in (["ok", "ok"], ["allee", "ok"], ["ah", "ok"]) else 1
    if len(words) <= lead + 2 or words[0] not in _ACKNOWLEDGEMENTS or words[lead] not in _BUT:
        return False
    rest = words[lead + 1 :]
    return text.rstrip().endswith("?") or rest[0] in QUESTION_WORDS


def answer_before_question(text: str, matched: str) -> bool:
    """ "eenmanszaak denk ik, wat is het verschil?" answers first and then asks: the answer counts.
    In "wat is het verschil tussen een vereffening en een faillissement?" the option words are
    part of the question: no answer."""
    if not matched:
        return False
    words: list[str] = []
    # where a clause starts: a verb asks only there ("we zijn getrouwd" asks nothing)
    starts: set[int] = set()
    for clause in re.split(r"[.,;!?]", text):
        starts.add(len(words))
        words += normalise(clause).split()
    first_question = next(
        (i for i, w in enumerate(words) if w in QUESTION_WORDS and (i in starts or w not in QUESTION_VERBS)),
        len(words),
    )
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


def inside_question(text: str, matched: str) -> bool:
    """The words that looked like an answer stand in a question of the person's own ("wa bedoelt
    ge met zelf opleiden? ik zoek gewoon iemand"): no answer."""
    if not matched:
        return False
    asked = [normalise(s) for s in re.findall(r"[^?.!]+\?", text)]
    said = [normalise(s) for s in re.split(r"[^?.!]+\?", text)]
    return any(f" {matched} " in f" {q} " for q in asked) and not any(
        f" {matched} " in f" {s} " for s in said
    )
