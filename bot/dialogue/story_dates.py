"""Which part of a story dates which situation: "baby maandag geboren en we verhuizen op 15
december" gives each situation its own date."""

from __future__ import annotations

import datetime as dt
import re

from bot.dialogue.context import DialogueContext
from bot.knowledge.knowledge_base import LifeEvent, Question
from bot.normalize import normalise
from bot.understanding.dates import read_date
from bot.understanding.fact_scan import scan_facts
from bot.understanding.lexicon import load_lexicon

CLAUSE_BOUNDARY = re.compile(r"[.;!?,]|\b(?:en|maar|want|terwijl|plus)\b", re.IGNORECASE)


def date_text_for(event: LifeEvent, message_text: str, ctx: DialogueContext) -> str:
    """The part of a message that can date ``event`` (see :func:`_situation_text`), without the clauses
    that date something else (the event's ``other_dates``: "ik begin op 4 januari" in a first job)."""
    text = _situation_text(event, message_text, ctx)
    if not event.other_dates:
        return text
    phrases = [normalise(phrase) for phrase in event.other_dates]
    clauses = [c for c in CLAUSE_BOUNDARY.split(text) if c and c.strip()]
    kept = [c for c in clauses if not any(f" {p} " in f" {normalise(c)} " for p in phrases)]
    return text if len(kept) == len(clauses) else " ".join(kept)


def _situation_text(event: LifeEvent, message_text: str, ctx: DialogueContext) -> str:
    """The part of a message that can date ``event``: when the message names several situations
    ("baby maandag geboren en we verhuizen op 15 december"), only the clauses about this one (a
    clause that names none belongs to the situation named just before it, or else just after)."""
    rivals = ctx.keywords.events_in(message_text) - {event.id}
    if ctx.events is not None:  # a word of another situation the second opinion does not see
        rivals = set(ctx.events.supported(message_text, sorted(rivals), ()))
    clauses = [c for c in CLAUSE_BOUNDARY.split(message_text) if c and c.strip()]
    if not rivals:  # a date in the clause that names the event wins ("3 weken geleden bevallen")
        dated = [
            i
            for i, c in enumerate(clauses)
            if event.id in ctx.keywords.events_in(c) and read_date(c, ctx.today)
        ]
        if not dated:
            return message_text
        # "ziek sinds vrijdag, nee donderdag eigenlijk": the clauses that correct it belong to it
        corrections = _corrections(clauses[dated[0] + 1 :], ctx.today)
        return " ".join([clauses[dated[0]], *corrections])
    owners = [ctx.keywords.events_in(clause) & (rivals | {event.id}) for clause in clauses]
    if not any(event.id in named for named in owners):
        # Recognised from the whole story, named in no clause ("ik sluit de winkel" after "als
        # eenmanszaak"): the clauses that name no other situation are about this one.
        return " ".join(clause for clause, named in zip(clauses, owners) if not named)
    current: set[str] = next((o for o in owners if o), set())
    own = []
    for clause, named in zip(clauses, owners):
        current = named or current
        if event.id in current:
            own.append(clause)
    return " ".join(own)


def _corrections(clauses: list[str], today: dt.date) -> list[str]:
    """The clauses right after a dated one that correct its date: "nee donderdag", or "nee wacht"
    followed by the date in a clause of its own ("maandag, nee wacht, dinsdag")."""
    found: list[str] = []
    index = 0
    while index < len(clauses):
        if _corrects(clauses[index], today):
            found.append(clauses[index])
            index += 1
        elif (
            _correction_word_only(clauses[index])
            and index + 1 < len(clauses)
            and read_date(clauses[index + 1], today) is not None
        ):
            found.append(f"{clauses[index]} {clauses[index + 1]}")
            index += 2
        else:
            break
    return found


def _correction_word_only(clause: str) -> bool:
    words = normalise(clause).split()
    return 0 < len(words) <= 3 and words[0] in load_lexicon().date_corrections


def _corrects(clause: str, today: dt.date) -> bool:
    """A clause that starts with a correction word and names a date ("nee wacht, het was maandag")."""
    words = normalise(clause).split()
    return (
        bool(words) and words[0] in load_lexicon().date_corrections and read_date(clause, today) is not None
    )


def without_fact_clauses(message_text: str, questions: list[Question]) -> str:
    """The message without the clauses that state an answer to one of ``questions``: in "ik ben
    sinds september zelfstandige" the month dates the work, not the birth."""
    clauses = [c for c in CLAUSE_BOUNDARY.split(message_text) if c and c.strip()]
    kept = [c for c in clauses if all(scan_facts(q, c) is None for q in questions)]
    return message_text if len(kept) == len(clauses) else " ".join(kept)
