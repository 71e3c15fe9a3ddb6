"""Plays one scripted conversation against the assistant and records what happened: the answers it
understood, facts taken in passing, silent journey switches, questions asked twice, the plan reached
(used by bench/conversations.py; tested in tests/devtools/test_conversation_bench.py)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.normalize import normalise
from devtools.corpus import Conversation, date_matches

MAX_ANSWER_ROUNDS = 8

JOURNEY_TYPES = ("question", "plan_overview", "step_card")


def answer_payload(question_id: str, value: str) -> str:
    return "/provide_answer" + json.dumps({"answer_value": value, "question_id": question_id})


@dataclass
class Observed:
    """What the replies of one turn show."""

    replies: list[dict[str, Any]]

    @property
    def customs(self) -> list[dict[str, Any]]:
        return [r["custom"] for r in self.replies if isinstance(r.get("custom"), dict)]

    @property
    def text(self) -> str:
        return "\n".join(r.get("text") or "" for r in self.replies)

    @property
    def buttons(self) -> list[dict[str, str]]:
        return [b for r in self.replies for b in r.get("buttons") or []]

    @property
    def state(self) -> dict[str, Any] | None:
        states = [c["state"] for c in self.customs if isinstance(c.get("state"), dict)]
        return states[-1] if states else None

    def last(self, kind: str) -> dict[str, Any] | None:
        found = [c for c in self.customs if c.get("type") == kind]
        return found[-1] if found else None

    @property
    def question(self) -> dict[str, Any] | None:
        """The question this turn leaves open (the last one asked, unless a switch offer follows)."""
        for custom in reversed(self.customs):
            if custom.get("type") == "switch_offer":
                return custom
            if custom.get("type") == "question":
                return custom
            if custom.get("type") in ("plan_overview", "step_card"):
                return None
        return None


@dataclass
class Tally:
    typed_answers: int = 0
    typed_understood: int = 0
    facts: int = 0
    facts_understood: int = 0
    questions_asked: int = 0
    reasked: int = 0
    silent_switches: int = 0
    unexpected_switch_offers: int = 0
    unscripted_questions: int = 0
    clarifications: int = 0
    expectations: int = 0
    expectations_met: int = 0
    problems: list[str] = field(default_factory=list)


class Runner:
    """Plays one conversation against the REST channel."""

    def __init__(
        self,
        send: Callable[[str, str], list[dict[str, Any]]],
        conversation: Conversation,
        trace: bool = False,
    ) -> None:
        self.send_raw, self.c, self.trace = send, conversation, trace
        self.sender = f"bench-{uuid.uuid4().hex[:16]}"
        self.t = Tally()
        self.last = Observed([])
        self.state: dict[str, Any] = {}
        self.by_event: dict[str, dict[str, Any]] = {}
        self.turns = 0
        self.first_step_turn: int | None = None
        self.plans: set[str] = set()
        self.given: set[tuple[Any, str]] = set()
        """(event, question) pairs the person has answered."""
        self.switch_offered: str | None = None
        self.last_text = ""

    # -- sending and observing ------------------------------------------------------------------------
    def send(self, text: str, explicit_event: str | None = None) -> Observed:
        self.turns += 1
        self.last_text = text
        previous_event = self.state.get("event_id")
        previous_phase = self.state.get("phase")
        observed = Observed(self.send_raw(self.sender, text))
        if self.trace:
            print(f"  > {text}")
            for reply in observed.replies:
                custom = reply.get("custom") or {}
                print(
                    f"    < {(reply.get('text') or '')[:160]!r} "
                    f"{custom.get('type', '')}:{custom.get('question_id', '')}"
                )
        for custom in observed.customs:
            if custom.get("type") == "question":
                self.t.questions_asked += 1
                if (custom.get("event_id"), custom.get("question_id")) in self.given:
                    self.t.reasked += 1
                    self.t.problems.append(f"re-asked {custom.get('question_id')}")
            if custom.get("type") == "plan_overview":
                self.plans.add(str(custom.get("event_id")))
            if custom.get("type") == "step_card" and self.first_step_turn is None:
                self.first_step_turn = self.turns
        if observed.state is not None:
            self.state = observed.state
            if self.state.get("event_id"):
                self.by_event[self.state["event_id"]] = self.state
        new_event = self.state.get("event_id")
        if (
            previous_event
            and new_event
            and new_event != previous_event
            and previous_phase != "done"
            and self.switch_offered != new_event
            and explicit_event != new_event
        ):
            self.t.silent_switches += 1
            self.t.problems.append(f"silent switch {previous_event} -> {new_event} after {text!r}")
        offer = observed.last("switch_offer")
        self.switch_offered = offer.get("proposed") if offer else None
        self.last = observed
        return observed

    def press(self, title: str) -> Observed | None:
        wanted = normalise(title)
        for button in self.last.buttons:
            if normalise(button.get("title", "")).startswith(wanted):
                event = button["payload"][1:] if button["payload"][1:].isidentifier() else None
                return self.send(button["payload"], explicit_event=event)
        self.t.problems.append(f"no button {title!r}")
        return None

    # -- checks ---------------------------------------------------------------------------------------
    def fact_holds(self, key: str, value: Any, state: dict[str, Any]) -> bool:
        if key == "event_date":
            return date_matches(value, state.get("event_date"))
        if key == "municipality":
            return normalise(str(state.get("municipality") or "")) == normalise(str(value))
        if (state.get("answers") or {}).get(key) == str(value):
            return True
        # Understood for another event that comes later (kept, so it will not be asked again).
        return any(facts.get(key) == str(value) for facts in (state.get("noted") or {}).values())

    def check(self, expect: dict[str, Any], observed: Observed | None, where: str) -> None:
        state = self.state
        for key, value in expect.items():
            ok = True
            text = normalise(observed.text) if observed else ""
            if key == "journey":
                ok = state.get("event_id") == value
            elif key == "answers":
                source = self.by_event.get(self.c.journey or "", state) if where == "end" else state
                ok = all(self.fact_holds(k, v, source) for k, v in (value or {}).items())
            elif key in ("event_date", "municipality"):
                source = self.by_event.get(self.c.journey or "", state) if where == "end" else state
                ok = self.fact_holds(key, value, source)
            elif key == "asks":
                question = observed.question if observed else None
                ok = isinstance(question, dict) and question.get("question_id") == value
            elif key == "switch_offer":
                offer = observed.last("switch_offer") if observed else None
                ok = isinstance(offer, dict) and offer.get("proposed") == value
            elif key == "plan":
                ok = bool(observed and observed.last("plan_overview")) == bool(value)
            elif key == "step":
                card = observed.last("step_card") if observed else None
                ok = isinstance(card, dict) and card.get("number") == value
            elif key == "says":
                ok = all(normalise(s) in text for s in value)
            elif key == "says_any":
                ok = any(normalise(s) in text for s in value)
            elif key == "not_says":
                ok = not any(normalise(s) in text for s in value)
            elif key == "crisis":
                ok = ("1813" in text and "106" in text) == bool(value)
            self.t.expectations += 1
            if ok:
                self.t.expectations_met += 1
            else:
                self.t.problems.append(f"{where}: expected {key}={value!r}, saw {self._seen(key, observed)}")

    def _seen(self, key: str, observed: Observed | None) -> str:
        if key in ("says", "says_any", "not_says", "crisis"):
            return repr((observed.text if observed else "")[:160])
        if key == "switch_offer":
            return repr(observed.last("switch_offer") if observed else None)
        if key == "asks":
            return repr((observed.question or {}).get("question_id") if observed else None)
        return json.dumps(
            {k: self.state.get(k) for k in ("event_id", "answers", "event_date", "municipality")},
            ensure_ascii=False,
        )

    # -- the person -----------------------------------------------------------------------------------
    def clarify(self, observed: Observed | None) -> Observed | None:
        """Not understood, but the assistant offers the right situation as a button: the person
        presses it, as people do (counted apart, and as a turn)."""
        if observed is None or not self.c.journey or self.state.get("event_id") == self.c.journey:
            return observed
        payload = f"/{self.c.journey}"
        if any(b.get("payload") == payload for b in observed.buttons) and not observed.question:
            self.t.clarifications += 1
            return self.send(payload, explicit_event=self.c.journey)
        return observed

    def answer_questions(self) -> None:
        for _ in range(MAX_ANSWER_ROUNDS):
            question = self.last.question
            if question is None:
                # "Wanneer u wilt, gaan we verder met ...": the person goes on when offered.
                resume = next((b for b in self.last.buttons if b.get("payload") == "/resume_journey"), None)
                if resume is None:
                    return
                self.send(resume["payload"])
                continue
            if question.get("type") == "switch_offer":
                self.t.unexpected_switch_offers += 1
                self.t.problems.append(
                    f"unexpected switch offer to {question.get('proposed')} after {self.last_text!r}"
                )
                self.send(answer_payload("switch", "nee"))
                continue
            question_id = str(question.get("question_id"))
            spec = self.c.answers.get(question_id)
            if spec is None:
                self.t.unscripted_questions += 1
                self.t.problems.append(f"unscripted question {question_id}")
                self.send("weet ik niet")
                continue
            expected = spec.get("value")
            self.t.typed_answers += 1
            observed = self.send(str(spec["say"]))
            if expected is not None and self.fact_holds(question_id, expected, self.state):
                self.t.typed_understood += 1
                self.given.add((self.state.get("event_id"), question_id))
                continue
            self.t.problems.append(f"not understood: {question_id} {spec['say']!r} (expected {expected!r})")
            again = observed.question
            if expected is not None and again is not None and again.get("question_id") == question_id:
                value = expected if not isinstance(expected, dict) else expected["between"][0]
                self.send(answer_payload(question_id, str(value)))
                self.given.add((self.state.get("event_id"), question_id))

    def run(self) -> bool:
        for say in self.c.says:
            observed: Observed | None
            if say.kind == "answer":
                self.answer_questions()
                continue
            if say.kind == "click":
                observed = self.press(say.text)
            else:
                observed = self.clarify(self.send(say.text))
            for key, value in say.gives.items():
                self.t.facts += 1
                if self.fact_holds(key, value, self.state):
                    self.t.facts_understood += 1
                    self.given.add((self.state.get("event_id"), key))
                else:
                    self.t.problems.append(f"fact not taken: {key}={value!r} from {say.text!r}")
            if say.expect:
                self.check(say.expect, observed, f"after {say.text[:40]!r}")
        if self.c.expect:
            self.check(self.c.expect, self.last, "end")
        return self.plan_reached() and not self.t.problems

    def plan_reached(self) -> bool:
        if not self.c.journey:
            return True
        if self.c.journey not in self.plans:
            self.t.problems.append(f"plan {self.c.journey} not reached")
            return False
        return True
