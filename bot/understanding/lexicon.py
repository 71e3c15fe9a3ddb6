"""The everyday Dutch phrases the answer reader needs (``data/lexicon/nl.yml``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from bot.normalize import normalise
from bot.settings import REPO_ROOT

LEXICON_FILE = REPO_ROOT / "data" / "lexicon" / "nl.yml"


def _phrases(values: object) -> tuple[str, ...]:
    """Normalised, de-duplicated phrases, longest first (so the longest match wins)."""
    if not isinstance(values, list):
        return ()
    for index, value in enumerate(values):
        if isinstance(value, bool):  # YAML reads a bare yes, no, on or off as true/false
            raise ValueError(
                f"{LEXICON_FILE}: item {index + 1} of the list starting {values[:2]} reads as {value};"
                ' quote it ("yes", "no", "on", "off")'
            )
    unique = {normalise(str(value)) for value in values if normalise(str(value))}
    return tuple(sorted(unique, key=lambda phrase: (-len(phrase), phrase)))


@dataclass(frozen=True)
class Lexicon:
    yes: tuple[str, ...]
    no: tuple[str, ...]
    unknown: tuple[str, ...]
    hesitations: frozenset[str]
    told_cues: tuple[str, ...]
    negations: frozenset[str]
    control: Mapping[str, tuple[str, ...]]
    crisis: tuple[str, ...]
    crisis_after_loss: tuple[str, ...]
    child_loss: tuple[str, ...]
    young_child: tuple[str, ...]
    pregnancy_loss: tuple[str, ...]
    not_a_name: frozenset[str]
    regret_after: frozenset[str]
    crisis_fillers: frozenset[str]
    crisis_spellings: Mapping[str, str]
    distress: Mapping[str, tuple[str, ...]]
    numbers: Mapping[str, int]
    ordinals: Mapping[str, int]
    age_words: tuple[str, ...]
    switch_keep: tuple[str, ...]
    switch_now: tuple[str, ...]
    violence: tuple[str, ...] = ()
    homeless: tuple[str, ...] = ()
    ask_person: tuple[str, ...] = ()
    loss: tuple[str, ...] = ()
    complaint: tuple[str, ...] = ()
    fillers: frozenset[str] = frozenset()
    date_corrections: tuple[str, ...] = ()
    adoption: tuple[str, ...] = ()
    municipal_offices: tuple[str, ...] = ()
    congratulations: tuple[str, ...] = ()
    light_openings: tuple[str, ...] = ()
    already: tuple[str, ...] = ()
    last_words: tuple[str, ...] = ()
    later_words: tuple[str, ...] = ()
    helplines: tuple[str, ...] = ()
    back_phrases: tuple[str, ...] = ()
    helped_married: tuple[str, ...] = ()
    new_union: tuple[str, ...] = ()
    keep_first: tuple[str, ...] = ()
    start_words: tuple[str, ...] = ()
    accept_help: tuple[str, ...] = ()
    accept_help_fillers: frozenset[str] = frozenset()
    first_words: tuple[str, ...] = ()
    control_lead: tuple[str, ...] = ()
    mistyped: tuple[str, ...] = ()
    abroad: tuple[str, ...] = ()
    answer_leads: tuple[str, ...] = ()
    mid_corrections: tuple[str, ...] = ()
    helped_partner: tuple[str, ...] = ()
    polite_words: frozenset[str] = frozenset()
    plain_navigation: Mapping[str, str] = field(default_factory=dict)
    focus_phrases: tuple[str, ...] = ()
    status_phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    status_broken_by: tuple[str, ...] = ()
    affirming: tuple[str, ...] = ()
    cost_words: tuple[str, ...] = ()
    step_words: tuple[str, ...] = ()
    new_topic_words: tuple[str, ...] = ()
    unfeasible: tuple[str, ...] = ()
    already_said: tuple[str, ...] = ()
    doubt_scope: tuple[str, ...] = ()
    first_person: tuple[str, ...] = ()
    grandparent: tuple[str, ...] = ()
    own_birth: tuple[str, ...] = ()
    elsewhere_places: tuple[str, ...] = ()
    other_people: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    on_behalf: tuple[str, ...] = ()
    relative_subjects: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    deadline_questions: tuple[str, ...] = ()
    channel_questions: tuple[str, ...] = ()


@lru_cache(maxsize=2)
def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """Reads the lexicon once."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)["lexicon"]
    return Lexicon(
        yes=_phrases(data.get("yes_words")),
        no=_phrases(data.get("no_words")),
        unknown=_phrases(data.get("unknown")),
        hesitations=frozenset(_phrases(data.get("hesitations"))),
        told_cues=_phrases(data.get("told_cues")),
        negations=frozenset(_phrases(data.get("negations"))),
        control={key: _phrases(values) for key, values in (data.get("control") or {}).items()},
        control_lead=_phrases(data.get("control_lead")),
        mistyped=_phrases(data.get("mistyped")),
        abroad=_phrases(data.get("abroad")),
        answer_leads=_phrases(data.get("answer_leads")),
        mid_corrections=_phrases(data.get("mid_corrections")),
        helped_partner=_phrases(data.get("helped_partner")),
        polite_words=frozenset(_phrases(data.get("polite_words"))),
        plain_navigation={
            phrase: intent
            for intent, phrases in (data.get("plain_navigation") or {}).items()
            for phrase in _phrases(phrases)
        },
        crisis=_phrases(data.get("crisis")),
        crisis_after_loss=_phrases(data.get("crisis_after_loss")),
        child_loss=_phrases(data.get("child_loss")),
        young_child=_phrases(data.get("young_child")),
        pregnancy_loss=_phrases(data.get("pregnancy_loss")),
        not_a_name=frozenset(_phrases(data.get("not_a_name"))),
        regret_after=frozenset(_phrases(data.get("regret_after"))),
        crisis_fillers=frozenset(_phrases(data.get("crisis_fillers"))),
        crisis_spellings={
            normalise(str(k)): normalise(str(v)) for k, v in (data.get("crisis_spellings") or {}).items()
        },
        distress={key: _phrases(values) for key, values in (data.get("distress") or {}).items()},
        numbers={normalise(str(k)): int(v) for k, v in (data.get("numbers") or {}).items()},
        ordinals={normalise(str(k)): int(v) for k, v in (data.get("ordinals") or {}).items()},
        age_words=_phrases(data.get("age_words")),
        switch_keep=_phrases(data.get("switch_keep")),
        switch_now=_phrases(data.get("switch_now")),
        violence=_phrases(data.get("violence")),
        homeless=_phrases(data.get("homeless")),
        ask_person=_phrases(data.get("ask_person")),
        loss=_phrases(data.get("loss")),
        complaint=_phrases(data.get("complaint")),
        fillers=frozenset(_phrases(data.get("fillers"))),
        date_corrections=_phrases(data.get("date_corrections")),
        adoption=_phrases(data.get("adoption")),
        municipal_offices=_phrases(data.get("municipal_offices")),
        congratulations=_phrases(data.get("congratulations")),
        light_openings=_phrases(data.get("light_openings")),
        already=_phrases(data.get("already")),
        last_words=_phrases(data.get("last_words")),
        later_words=_phrases(data.get("later_words")),
        helplines=_phrases(data.get("helplines")),
        back_phrases=_phrases(data.get("back_phrases")),
        helped_married=_phrases(data.get("helped_married")),
        new_union=_phrases(data.get("new_union")),
        keep_first=_phrases(data.get("keep_first")),
        start_words=_phrases(data.get("start_words")),
        accept_help=_phrases(data.get("accept_help")),
        accept_help_fillers=frozenset(_phrases(data.get("accept_help_fillers"))),
        first_words=_phrases(data.get("first_words")),
        focus_phrases=_phrases(data.get("focus_phrases")),
        status_phrases={key: _phrases(values) for key, values in (data.get("status_phrases") or {}).items()},
        status_broken_by=_phrases(data.get("status_broken_by")),
        affirming=_phrases(data.get("affirming")),
        cost_words=_phrases(data.get("cost_words")),
        step_words=_phrases(data.get("step_words")),
        new_topic_words=_phrases(data.get("new_topic_words")),
        unfeasible=_phrases(data.get("unfeasible")),
        already_said=_phrases(data.get("already_said")),
        doubt_scope=_phrases(data.get("doubt_scope")),
        first_person=_phrases(data.get("first_person")),
        grandparent=_phrases(data.get("grandparent")),
        own_birth=_phrases(data.get("own_birth")),
        elsewhere_places=_phrases(data.get("elsewhere_places")),
        other_people=_phrases(data.get("other_people")),
        partners=_phrases(data.get("partners")),
        on_behalf=_phrases(data.get("on_behalf")),
        relative_subjects={key: _phrases(v) for key, v in (data.get("relative_subjects") or {}).items()},
        deadline_questions=_phrases(data.get("deadline_questions")),
        channel_questions=_phrases(data.get("channel_questions")),
    )


def contains_phrase(padded_text: str, phrase: str) -> bool:
    """Whole-word containment; ``padded_text`` is normalised and padded with spaces."""
    return f" {phrase} " in padded_text


def starts_with_phrase(normalised_text: str, phrases: tuple[str, ...]) -> str | None:
    """The longest phrase the text is or starts with (whole words), or None."""
    for phrase in phrases:
        if normalised_text == phrase or normalised_text.startswith(phrase + " "):
            return phrase
    return None


def names_municipal_office(text: str) -> bool:
    """True when the message names the town hall, the municipality or the OCMW."""
    padded = f" {normalise(text)} "
    return any(contains_phrase(padded, phrase) for phrase in load_lexicon().municipal_offices)
