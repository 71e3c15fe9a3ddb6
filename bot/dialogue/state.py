"""What the assistant remembers of one conversation, as plain data that fits in one Rasa slot."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.insights.privacy import redact_identifiers

QUESTIONS, PLAN, DONE = "questions", "plan", "done"
EVENT_DATE, MUNICIPALITY, SWITCH = "event_date", "municipality", "switch"
"""Pending things that are not a knowledge-base question."""


def _date(raw: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if isinstance(raw, str) and raw else None
    except ValueError:
        return None


@dataclass
class Journey:
    """One life event the person is going through: answers, date and where they are in the plan."""

    event_id: str
    answers: dict[str, str] = field(default_factory=dict)
    event_date: dt.date | None = None
    date_phrase: str | None = None
    """What the person said for an approximate date ("in maart"), None for an exact day."""
    date_asked: bool = False
    phase: str = QUESTIONS
    step_index: int = 0
    pending: Pending | None = None
    """The question this journey was waiting for when it was put aside."""
    narrowed: dict[str, list[str]] = field(default_factory=dict)
    """Questions partly answered in passing: the options still possible ("mijn vrouw": married or
    legally cohabiting)."""
    places: dict[str, str] = field(default_factory=dict)
    """Per step id, the municipality where that step is done when it is not the person's own
    (the municipality of birth or of death, the new one after a move)."""
    tense: str | None = None
    """Whether the person told it as past or to come ("we hebben een zoontje gekregen": past), so
    that a bare "zaterdag" given later as the date is read the right way."""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["event_date"] = self.event_date.isoformat() if self.event_date else None
        data["pending"] = self.pending.to_dict() if self.pending else None
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Journey | None:
        if not isinstance(data, dict) or not isinstance(data.get("event_id"), str):
            return None
        answers = data.get("answers")
        try:
            step_index = max(0, int(data.get("step_index") or 0))
        except (TypeError, ValueError):
            step_index = 0
        phase = str(data["phase"]) if data.get("phase") in (QUESTIONS, PLAN, DONE) else QUESTIONS
        return cls(
            event_id=data["event_id"],
            answers={str(k): str(v) for k, v in answers.items()} if isinstance(answers, dict) else {},
            event_date=_date(data.get("event_date")),
            date_phrase=data.get("date_phrase") if isinstance(data.get("date_phrase"), str) else None,
            date_asked=bool(data.get("date_asked")),
            phase=phase,
            step_index=step_index,
            pending=Pending.from_dict(data.get("pending")),
            narrowed={
                str(k): [str(v) for v in values]
                for k, values in (data.get("narrowed") or {}).items()
                if isinstance(values, list)
            }
            if isinstance(data.get("narrowed"), dict)
            else {},
            places={str(k): str(v) for k, v in (data.get("places") or {}).items()}
            if isinstance(data.get("places"), dict)
            else {},
            tense=data.get("tense") if data.get("tense") in ("past", "future") else None,
        )


@dataclass
class Pending:
    """Something the assistant asked and waits for: a question, the date, the municipality, or
    whether to switch to another event."""

    kind: str
    """A question id of the active event, or EVENT_DATE, MUNICIPALITY or SWITCH."""
    options: list[str] | None = None
    """When a question was narrowed down ("werknemer": arbeider or bediende?), those options."""
    attempts: int = 0
    target_event: str | None = None
    """For SWITCH: the event the person may want to look at now."""
    referral: bool = False
    """For MUNICIPALITY: show service points once it is known."""
    place_for: str | None = None
    """For MUNICIPALITY: the step whose own municipality is asked (not where the person lives)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> Pending | None:
        if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
            return None
        options = data.get("options")
        return cls(
            kind=data["kind"],
            options=[str(o) for o in options] if isinstance(options, list) else None,
            attempts=int(data.get("attempts") or 0),
            target_event=data.get("target_event") if isinstance(data.get("target_event"), str) else None,
            referral=bool(data.get("referral")),
            place_for=data.get("place_for") if isinstance(data.get("place_for"), str) else None,
        )


MAX_FINISHED = 3


@dataclass
class ConversationState:
    """Everything the dialogue needs between two messages."""

    journey: Journey | None = None
    pending: Pending | None = None
    suspended: list[Journey] = field(default_factory=list)
    """Journeys put aside, most recent last."""
    finished: list[Journey] = field(default_factory=list)
    """Earlier journeys of this conversation whose plan was shown (at most MAX_FINISHED), for the
    overview of all situations together."""
    later: list[str] = field(default_factory=list)
    """Other events the person mentioned, to offer when the current one is done."""
    declined: list[str] = field(default_factory=list)
    """Events whose switch offer the person declined: an answer typed again does not offer them again."""
    facts: dict[str, dict[str, str]] = field(default_factory=dict)
    """Answers stated in passing for events not started yet: ``{event_id: {question_id: value}}``."""
    municipality: str | None = None
    fallbacks: int = 0
    """Messages in a row that were not understood."""
    handoff_reason: str | None = None
    bereaved: bool = False
    """The person told about a death or the loss of a child: no congratulations from now on."""
    child_lost: bool = False
    """The person told about a stillbirth or the loss of a baby: no birth plan with child benefits."""
    crisis: bool = False
    """The crisis lines were shown: later distress gets them again, and no cheerful openings."""
    place_choices: list[str] = field(default_factory=list)
    """The municipalities a short name may mean, asked about ("Heist": Heist-op-den-Berg or Knokke-Heist)."""
    on_behalf: bool = False
    """A social worker, a counter clerk or a relative asks for someone else: the questions and the
    plan are about that person, and the openings say so instead of offering condolences to the helper."""
    door: str | None = None
    """The route outside the life events answered or offered in the last turn, for a follow-up on it."""
    suggested: list[str] = field(default_factory=list)
    """The FAQ entries offered as buttons in the last turn, so "die eerste" can pick one."""
    unplaced: str | None = None
    """The story of the last turn when it was answered with "which situation?" buttons: the choice
    starts that situation with everything the story said (once only). Kept for one turn."""
    unplaced_for: list[str] = field(default_factory=list)
    """The situations offered for ``unplaced``: only these start with the story."""

    def keep_unplaced(self, story: str, events: list[str]) -> None:
        """Keeps a story for the "which situation?" choice; identifiers (rijksregisternummer, IBAN,
        card numbers) are removed first, as from every text the conversation store keeps."""
        self.unplaced, self.unplaced_for = redact_identifiers(story).text, list(events)

    def to_dict(self) -> dict[str, Any]:
        return {
            "journey": self.journey.to_dict() if self.journey else None,
            "pending": self.pending.to_dict() if self.pending else None,
            "suspended": [journey.to_dict() for journey in self.suspended],
            "finished": [journey.to_dict() for journey in self.finished],
            "later": list(self.later),
            "declined": list(self.declined),
            "facts": {event: dict(answers) for event, answers in self.facts.items()},
            "municipality": self.municipality,
            "fallbacks": self.fallbacks,
            "handoff_reason": self.handoff_reason,
            "bereaved": self.bereaved,
            "child_lost": self.child_lost,
            "door": self.door,
            "suggested": list(self.suggested),
            "crisis": self.crisis,
            "on_behalf": self.on_behalf,
            "place_choices": list(self.place_choices),
            "unplaced": self.unplaced,
            "unplaced_for": list(self.unplaced_for),
        }

    @classmethod
    def from_dict(cls, data: Any) -> ConversationState:
        """Reads a saved state; anything malformed is dropped rather than trusted."""
        if not isinstance(data, dict):
            return cls()
        suspended, finished = (
            [
                j
                for j in (
                    Journey.from_dict(item) for item in data.get(key) or [] if isinstance(data.get(key), list)
                )
                if j
            ]
            for key in ("suspended", "finished")
        )
        facts: dict[str, Any] = data["facts"] if isinstance(data.get("facts"), dict) else {}
        later: list[Any] = data["later"] if isinstance(data.get("later"), list) else []
        return cls(
            journey=Journey.from_dict(data.get("journey")),
            pending=Pending.from_dict(data.get("pending")),
            suspended=suspended,
            finished=finished[-MAX_FINISHED:],
            later=[str(e) for e in later],
            declined=[str(e) for e in data.get("declined") or [] if isinstance(e, str)]
            if isinstance(data.get("declined"), list)
            else [],
            facts={
                str(e): {str(k): str(v) for k, v in a.items()}
                for e, a in facts.items()
                if isinstance(a, dict)
            },
            municipality=data.get("municipality") if isinstance(data.get("municipality"), str) else None,
            fallbacks=int(data.get("fallbacks") or 0) if str(data.get("fallbacks") or 0).isdigit() else 0,
            handoff_reason=data.get("handoff_reason")
            if isinstance(data.get("handoff_reason"), str)
            else None,
            bereaved=data.get("bereaved") is True,
            child_lost=data.get("child_lost") is True,
            on_behalf=data.get("on_behalf") is True,
            place_choices=[str(p) for p in data.get("place_choices") or [] if isinstance(p, str)][
                :MAX_PLACE_CHOICES
            ]
            if isinstance(data.get("place_choices"), list)
            else [],
            door=data.get("door") if isinstance(data.get("door"), str) else None,
            suggested=[str(e) for e in data.get("suggested") or [] if isinstance(e, str)][:MAX_SUGGESTED]
            if isinstance(data.get("suggested"), list)
            else [],
            crisis=data.get("crisis") is True,
            unplaced=data["unplaced"][:MAX_UNPLACED] if isinstance(data.get("unplaced"), str) else None,
            unplaced_for=[str(e) for e in data.get("unplaced_for") or [] if isinstance(e, str)][
                :MAX_SUGGESTED
            ]
            if isinstance(data.get("unplaced_for"), list)
            else [],
        )


MAX_UNPLACED = 2000
"""A kept story longer than this is cut (the chat widget allows shorter messages)."""
MAX_SUGGESTED = 3
"""At most this many FAQ suggestions are offered (and kept) at once."""
MAX_PLACE_CHOICES = 4
"""At most this many municipalities are kept for a short name asked about."""


def keep_finished(state: ConversationState, journey: Journey) -> None:
    """Keeps a journey whose plan was shown, when another one takes its place."""
    if journey.phase not in (PLAN, DONE):
        return
    others = [j for j in state.finished if j.event_id != journey.event_id]
    state.finished = [*others, journey][-MAX_FINISHED:]
