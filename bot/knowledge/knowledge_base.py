"""Typed, validated knowledge base of life events (loaded from ``data/life_events``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.knowledge.validation import Problem, validate_directory
from bot.knowledge.yaml_lines import load_with_lines


class KnowledgeBaseError(Exception):
    """The knowledge base is invalid; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        listing = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"The knowledge base has {len(problems)} problem(s):\n{listing}")


@dataclass(frozen=True)
class Option:
    """One answer to a question, with what people type for it and how it is said back."""

    value: str
    label: str
    understood: str = ""
    """Said back in one short clause ("u bent arbeider"), so the person can correct it."""
    synonyms: tuple[str, ...] = ()
    """What people type for this option when they answer the question."""
    facts: tuple[str, ...] = ()
    """Phrases that state this option even in a message that does not answer the question."""
    minimum: int | None = None
    maximum: int | None = None
    """An age or count range ("hij is 8" picks the option whose range holds 8)."""
    means: str | None = None
    """``ja`` or ``nee`` when a plain yes or no selects this option."""
    lives_in_belgium: bool = False
    """Selected when the person names the Belgian municipality they live in ("ik woon in Aalst")."""
    date_later: bool = False
    """With this option the event lies ahead: a date of today or before is no event date (who still
    works the notice period has a contract that ends later than the dismissal)."""
    date_earlier: bool = False
    """With this option the event mostly lies behind: a bare weekday is the last one, not the next
    ("maandag" after an indemnity in lieu of notice)."""

    def holds(self, number: int) -> bool:
        if self.minimum is None and self.maximum is None:
            return False
        return (self.minimum is None or number >= self.minimum) and (
            self.maximum is None or number <= self.maximum
        )


@dataclass(frozen=True)
class Narrowing:
    """Words that settle part of a question ("mijn vrouw": the partner, but married or not?)."""

    phrases: tuple[str, ...]
    options: tuple[str, ...]
    text: str
    """The narrower question to ask ("Was u met haar getrouwd, of wettelijk samenwonend?")."""
    understood: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    options: tuple[Option, ...]
    narrowing: tuple[Narrowing, ...] = ()
    age_of: str = "other"
    """Whose age an age question is about: ``self`` ("Hoe oud bent u?"), ``other`` (the person
    cared for) or ``anyone`` ("Voor wie zoekt u informatie?"); "ik ben 34" counts only for
    ``self`` and ``anyone``."""
    count_answers: bool = False
    """A count typed as the answer ("3 man", "twee, van 6 en 9") means yes, and zero means no."""

    def label_of(self, value: str) -> str | None:
        """Returns the label of an option value, or None if it is not an option."""
        return next((o.label for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Deadline:
    amount: int
    unit: str
    relative_to: str
    text: str
    extend_to_working_day: bool = False
    from_event: bool = True
    """False when the term does not run from the event date (the end of the beroepsinschakelingstijd,
    months after the end of studies): only the text is shown, no date is computed."""


@dataclass(frozen=True)
class Channel:
    type: str
    name: str
    url: str | None = None


Conditions = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Step:
    """One public service or action within a journey (IPDC-style field names in YAML)."""

    id: str
    title: str
    what_to_do: str
    competent_level: str
    competent_authority: str
    executing_level: str
    executing_authority: str
    channels: tuple[Channel, ...]
    documents: tuple[str, ...]
    automatic: bool
    source_url: str
    checked_on: dt.date | None = None  # written only by `wegwijzer sources confirm`
    automatic_reason: str | None = None
    needs_counter: bool = False
    counter_place_question: str | None = None
    """When the counter is not in the person's own municipality (the municipality of birth, of
    death, the new one): the question that asks which one it is."""
    counter_place_is_home: bool = False
    """The answer to ``counter_place_question`` is where the person lives (the new municipality of
    a move): it also answers the journey's own municipality."""
    deadline: Deadline | None = None
    applies_when: Conditions = field(default_factory=dict)
    conditions_text: tuple[str, ...] = ()
    costs: str | None = None
    contact: Mapping[str, str] = field(default_factory=dict)
    ipdc_id: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class Right:
    id: str
    title: str
    description: str
    automatic: bool
    where_to_request: str
    source_url: str
    checked_on: dt.date | None = None  # written only by `wegwijzer sources confirm`
    applies_when: Conditions = field(default_factory=dict)
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class LifeEvent:
    id: str
    title: str
    description: str
    audience: str
    trigger_phrases: tuple[str, ...]
    related_events: tuple[str, ...]
    questions: tuple[Question, ...]
    steps: tuple[Step, ...]
    rights: tuple[Right, ...]
    event_date_label: str | None = None
    opening: str = ""
    """The first words after the person names the situation (condolences, congratulations, ...)."""
    date_direction: str = "either"
    """Whether the event date lies in the past, the future, or either."""
    date_understood: Mapping[str, str] = field(default_factory=dict)
    """Sentences with ``{date}`` that say the date back, per direction ("u bent ziek sinds {date}")."""
    other_dates: tuple[str, ...] = ()
    """Phrases that put a date on something else than the event: a clause with one of them does not
    date the event ("ik begin op 4 januari" is no end of studies; "de akte" is no compromis)."""
    planned_cues: tuple[str, ...] = ()
    """Words that let an event of the past lie ahead: a planned operation starts an illness on the
    date it is planned ("de operatie is op 7 december")."""
    comes_after: tuple[str, ...] = ()
    """Situations that come first when a story names both (no staff without a business)."""

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class KnowledgeBase:
    events: Mapping[str, LifeEvent]

    def get(self, event_id: str) -> LifeEvent | None:
        return self.events.get(event_id)

    def __contains__(self, event_id: object) -> bool:
        return event_id in self.events


def load_knowledge_base(directory: Path) -> KnowledgeBase:
    """Validates and loads every life-event file in ``directory``.

    Raises:
        KnowledgeBaseError: with every problem found, if anything is invalid.
    """
    problems = validate_directory(directory)
    if problems:
        raise KnowledgeBaseError(problems)
    events: dict[str, LifeEvent] = {}
    for file in sorted(directory.glob("*.yml")) + sorted(directory.glob("*.yaml")):
        data, _ = load_with_lines(file)
        event = _event(data)
        events[event.id] = event
    return KnowledgeBase(events=events)


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _optional_date(value: Any) -> dt.date | None:
    return None if value in (None, "") else _date(value)


def _conditions(raw: Mapping[str, list[str]] | None) -> Conditions:
    return {key: tuple(values) for key, values in (raw or {}).items()}


def _event(data: dict) -> LifeEvent:
    return LifeEvent(
        id=data["id"],
        title=data["title"].strip(),
        description=data["description"].strip(),
        audience=data["audience"],
        trigger_phrases=tuple(data.get("trigger_phrases") or ()),
        related_events=tuple(data.get("related_events") or ()),
        questions=tuple(
            Question(
                id=q["id"],
                text=q["text"].strip(),
                options=tuple(_option(o) for o in q["options"]),
                narrowing=tuple(
                    Narrowing(
                        tuple(n["phrases"]),
                        tuple(n["options"]),
                        n["text"].strip(),
                        (n.get("understood") or "").strip(),
                    )
                    for n in q.get("narrowing") or ()
                ),
                age_of=q.get("age_of", "other"),
                count_answers=bool(q.get("count_answers", False)),
            )
            for q in data.get("questions") or ()
        ),
        steps=tuple(_step(s) for s in data["steps"]),
        rights=tuple(_right(r) for r in data.get("rights") or ()),
        event_date_label=data.get("event_date_label"),
        opening=(data.get("opening") or "").strip(),
        date_direction=data.get("date_direction") or "either",
        date_understood={k: str(v).strip() for k, v in (data.get("date_understood") or {}).items()},
        other_dates=tuple(str(phrase) for phrase in data.get("other_dates") or ()),
        planned_cues=tuple(str(phrase) for phrase in data.get("planned_cues") or ()),
        comes_after=tuple(str(event) for event in data.get("comes_after") or ()),
    )


def _option(data: dict) -> Option:
    return Option(
        value=data["value"],
        label=data["label"],
        understood=(data.get("understood") or "").strip(),
        synonyms=tuple(data.get("synonyms") or ()),
        facts=tuple(data.get("facts") or ()),
        minimum=data.get("min"),
        maximum=data.get("max"),
        means=data.get("means"),
        lives_in_belgium=bool(data.get("lives_in_belgium", False)),
        date_later=bool(data.get("date_later", False)),
        date_earlier=bool(data.get("date_earlier", False)),
    )


def _step(data: dict) -> Step:
    deadline = data.get("deadline")
    return Step(
        id=data["id"],
        title=data["title"].strip(),
        what_to_do=data["what_to_do"].strip(),
        competent_level=data["bevoegdBestuursniveau"],
        competent_authority=data["bevoegdeOverheid"].strip(),
        executing_level=data["uitvoerendBestuursniveau"],
        executing_authority=data["uitvoerendeOverheid"].strip(),
        channels=tuple(Channel(c["type"], c["name"], c.get("url")) for c in data["channels"]),
        documents=tuple(data.get("documents") or ()),
        automatic=data["automatic"],
        automatic_reason=(data.get("automatic_reason") or "").strip() or None,
        needs_counter=bool(data.get("needs_counter", False)),
        counter_place_question=(data.get("counter_place_question") or "").strip() or None,
        counter_place_is_home=bool(data.get("counter_place_is_home", False)),
        deadline=Deadline(
            amount=deadline["amount"],
            unit=deadline["unit"],
            relative_to=deadline["relative_to"],
            text=deadline["text"],
            extend_to_working_day=bool(deadline.get("extend_to_working_day", False)),
            from_event=bool(deadline.get("from_event", True)),
        )
        if deadline
        else None,
        applies_when=_conditions(data.get("applies_when")),
        conditions_text=tuple(data.get("voorwaarden") or ()),
        costs=data.get("kosten"),
        contact={k: str(v) for k, v in (data.get("contactgegevens") or {}).items()},
        ipdc_id=data.get("ipdc_id"),
        source_url=data["source_url"],
        checked_on=_optional_date(data.get("checked_on")),
        valid_from=_optional_date(data.get("valid_from")),
        valid_until=_optional_date(data.get("valid_until")),
    )


def _right(data: dict) -> Right:
    return Right(
        id=data["id"],
        title=data["title"].strip(),
        description=data["description"].strip(),
        automatic=data["automatic"],
        where_to_request=data["where_to_request"].strip(),
        applies_when=_conditions(data.get("applies_when")),
        source_url=data["source_url"],
        checked_on=_optional_date(data.get("checked_on")),
        valid_from=_optional_date(data.get("valid_from")),
        valid_until=_optional_date(data.get("valid_until")),
    )
