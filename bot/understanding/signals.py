"""Signals in what people type: crisis, distress, and control words ("stop", "opnieuw")."""

from __future__ import annotations

import re

from bot.normalize import normalise
from bot.understanding.lexicon import load_lexicon, starts_with_phrase

MAX_CONTROL_WORDS = 6
"""A control phrase counts only in a short message ("stop maar", not a story that contains "stop")."""


def contains_any(text: str, phrases: tuple[str, ...]) -> bool:
    padded = f" {normalise(text)} "
    return any(f" {phrase} " in padded for phrase in phrases)


def _crisis_words(text: str) -> str:
    lexicon = load_lexicon()
    words = [lexicon.crisis_spellings.get(w, w) for w in normalise(text).split()]
    return " ".join(w for w in " ".join(words).split() if w not in lexicon.crisis_fillers)


def signals_crisis(text: str) -> bool:
    """True when the message names suicidal thoughts or a wish to die (filler words such as
    "echt" or "gewoon" and Flemish spellings such as "nie" do not hide it)."""
    padded = f" {_crisis_words(text)} "
    return any(f" {_crisis_words(phrase)} " in padded for phrase in load_lexicon().crisis)


def mentions_helpline(text: str) -> bool:
    """The message names one of the crisis lines ("wanneer is de zelfmoordlijn bereikbaar?")."""
    padded = f" {normalise(text)} "
    return any(f" {normalise(phrase)} " in padded for phrase in load_lexicon().helplines)


def only_accepts_help(text: str) -> bool:
    """The whole message takes up the help ("ja, help me daar alstublieft mee", "ok ik ben er
    klaar voor"): it answers no question; yes words, politeness and the help phrase are all it says."""
    lexicon = load_lexicon()
    rest = f" {normalise(text)} "
    found = False
    for phrase in sorted(lexicon.accept_help, key=len, reverse=True):
        if f" {phrase} " in rest:
            rest, found = rest.replace(f" {phrase} ", " "), True
    return found and all(
        word in lexicon.accept_help_fillers or word in lexicon.polite_words or word in lexicon.yes
        for word in rest.split()
    )


def signals_crisis_after_loss(text: str) -> bool:
    """After a death: the wish to join the one who died, or that life has no sense without them
    ("ik wil gewoon bij hem zijn", "zonder haar heeft het allemaal geen zin meer")."""
    padded = f" {_crisis_words(text)} "
    for phrase in load_lexicon().crisis_after_loss:
        needle = f" {_crisis_words(phrase)} "
        start = padded.find(needle)
        while start >= 0:
            following = padded[start + len(needle) :].split()[:1]
            if (
                not set(following) & load_lexicon().regret_after
            ):  # "ik wou dat ik bij hem was toen hij stierf"
                return True
            start = padded.find(needle, start + 1)
    return False


def signals_child_loss(text: str) -> bool:
    """True when the message tells about losing a baby or a child (stillbirth, miscarriage, ...), also
    as a young child and a death in one clause ("ons zoontje van 6 is zaterdag verongelukt")."""
    lexicon = load_lexicon()
    if contains_any(text, lexicon.child_loss):
        return True
    children = "|".join(re.escape(c) for c in lexicon.young_child)
    # the child is the one who died: "ons zoontje van 6 is zaterdag verongelukt", not "hoe vertel ik
    # ons kindje dat zijn papa overleden is"
    died = re.compile(
        rf"\b(?:ons|onze|mijn|mn|m n) (?:{children})(?: van \w+(?: jaar)?)? (?:is|werd)(?: \w+){{0,3}}? "
        r"(?:overleden|gestorven|verongelukt|omgekomen|dood)\b"
    )
    return bool(died.search(normalise(text)))


def signals_pregnancy_loss(text: str) -> bool:
    """A miscarriage or a stillbirth: no steps after a death are offered (there is no estate)."""
    return contains_any(text, load_lexicon().pregnancy_loss)


def signals_violence(text: str) -> bool:
    """True when the message tells about violence or abuse (at home or elsewhere)."""
    return contains_any(text, load_lexicon().violence)


def signals_homeless(text: str) -> bool:
    """True when the message says the person has no home or nowhere to sleep."""
    return contains_any(text, load_lexicon().homeless)


def asks_for_person(text: str) -> bool:
    """True when the person asks, in their own words, to talk to a human being."""
    return contains_any(text, load_lexicon().ask_person)


def signals_complaint(text: str) -> bool:
    """True when the person wants to complain about a service ("hoe kan ik een klacht indienen?")."""
    return contains_any(text, load_lexicon().complaint)


def mentions_loss(text: str) -> bool:
    """True when the message tells about a death or a loss."""
    return contains_any(text, load_lexicon().loss) or signals_child_loss(text)


HOPELESSNESS = "hopelessness"
"""The distress kind that is answered with the crisis lines ("ik heb er geen zin meer in")."""


def distress_kind(text: str) -> str | None:
    """``hopelessness``, ``exhaustion``, ``shame`` or ``fear`` when the message shows that, else None."""
    lexicon = load_lexicon()
    padded = f" {_crisis_words(text)} "
    for kind, phrases in lexicon.distress.items():
        if contains_any(text, phrases):
            return kind
        # as the crisis phrases: "er eigenlijk gene zin meer in", "ik kan dit echt nie aan"
        if any(f" {_crisis_words(phrase)} " in padded for phrase in phrases):
            return kind
    return None


def control_first(text: str) -> str | None:
    """The control phrase that is the whole message or its whole first clause ("laat maar, mijn
    vrouw heeft dat allemaal geregeld"): it wins over reading the rest as an answer."""
    clauses = re.split(r"[,.;!?]", text)
    polite = load_lexicon().polite_words
    if len(clauses) > 1 and clauses[0].strip() and set(normalise(clauses[0]).split()) <= polite:
        clauses = clauses[1:]  # "dank u. kan dat straks?"
    kind = control_word(clauses[0], exact=True)
    if kind is not None:
        return kind
    if any(control_word(clause, exact=True) == "later" for clause in clauses[1:]):
        return "later"  # "ik moet nu eerst gaan werken, kan da later?"
    # "nee sorry, dat is het niet": words of apology or refusal before "that is not it" do not change it
    lead = set(load_lexicon().control_lead)
    stripped = (" ".join(_without_lead(normalise(clause).split(), lead)) for clause in clauses)
    first = next((clause for clause in stripped if clause), "")
    return "not_this" if control_word(first, exact=True) == "not_this" else None


def mistyped_first(text: str) -> bool:
    """The message starts by saying the last one was mistyped or a wrong choice ("sorry, verkeerd
    getypt. ..."): with a situation named after it, the situation was misread."""
    first = re.split(r"[,.;!?]", text)[0]
    words = _without_lead(normalise(first).split(), set(load_lexicon().control_lead))
    return starts_with_phrase(" ".join(words), load_lexicon().mistyped) is not None


def _without_lead(words: list[str], lead: set[str]) -> list[str]:
    while words and words[0] in lead:
        words = words[1:]
    return words


def control_word(text: str, exact: bool = False) -> str | None:
    """``restart_all``, ``restart_journey``, ``stop``, ``something_else`` or ``back`` for a short
    message that is (or, unless ``exact``, starts with) such a phrase; None otherwise."""
    normalised = normalise(text)
    if exact:
        return next((kind for kind, phrases in load_lexicon().control.items() if normalised in phrases), None)
    if (kind := control_first(text)) is not None:
        return kind  # "stop maar, ik praat er eerst met mijn man"
    if not normalised or len(normalised.split()) > MAX_CONTROL_WORDS:
        return None
    best: tuple[int, str] | None = None
    for kind, phrases in load_lexicon().control.items():
        found = starts_with_phrase(normalised, phrases)
        if found and (best is None or len(found) > best[0]):
            best = (len(found), kind)
    if best is None:
        return None
    # "stop" alone, or "stop maar", but not "stopzetting van mijn zaak" (other words after it).
    kind = best[1]
    extra_words = len(normalised.split()) - len(
        next(
            p for p in load_lexicon().control[kind] if normalised == p or normalised.startswith(p + " ")
        ).split()
    )
    return kind if extra_words <= 2 else None


def arrives_from_abroad(text: str) -> bool:
    """A move into Belgium from another country ("ik ben net van Spanje naar Gent verhuisd"), which is
    arriving as a newcomer, not a move within Flanders; "van Gent naar Spanje" is not."""
    words = normalise(text).split()
    abroad = set(load_lexicon().abroad) | {"het buitenland"}
    for index, word in enumerate(words[:-1]):
        if word not in ("van", "uit"):
            continue
        rest = words[index + 1 :]
        if rest[:1] == ["het"] and rest[1:2] == ["buitenland"]:
            country, after = "het buitenland", rest[2:]
        else:
            country, after = rest[0], rest[1:]
        if country in abroad and "naar" in after[:3] and "van" not in after[: after.index("naar")]:
            return True
    return False
