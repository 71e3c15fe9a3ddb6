"""The conversation benchmark's own checks, against a scripted fake assistant: a silent switch,
a question asked twice and a misread answer must all be counted."""

from __future__ import annotations

from typing import Any

from devtools import conversation_runner as bench
from devtools.corpus import Conversation, Say


def _question(event: str, question_id: str, answers: dict[str, str]) -> dict[str, Any]:
    return {
        "text": "?",
        "custom": {
            "type": "question",
            "event_id": event,
            "question_id": question_id,
            "state": {"event_id": event, "phase": "questions", "answers": answers},
        },
    }


def _conversation(**kwargs: Any) -> Conversation:
    base = dict(
        id="t-1",
        split="dev",
        file="t.yml",
        tags=(),
        journey="illness",
        says=(Say("text", "ik ben ziek sinds maandag", {"event_date": "2026-11-23"}), Say("answer")),
        answers={"work_status": {"say": "arbeider", "value": "arbeider"}},
        expect={},
    )
    base.update(kwargs)
    return Conversation(**base)


def test_a_silent_switch_and_a_reasked_question_are_counted() -> None:
    replies = [
        [_question("illness", "work_status", {})],
        [_question("cohabitation_marriage", "union_type", {})],
    ]  # switched without asking, then stuck
    sent: list[str] = []

    def send(sender: str, text: str) -> list[dict[str, Any]]:
        sent.append(text)
        return replies[min(len(sent), len(replies)) - 1]

    runner = bench.Runner(send, _conversation())
    assert not runner.run()
    assert runner.t.silent_switches == 1
    assert runner.t.typed_answers == 1 and runner.t.typed_understood == 0
    assert runner.t.facts == 1 and runner.t.facts_understood == 0  # no event date in the state
    assert runner.t.unscripted_questions >= 1 and len(sent) <= 2 + bench.MAX_ANSWER_ROUNDS


def test_a_conversation_that_holds_passes() -> None:
    plan = {
        "text": "plan",
        "custom": {
            "type": "plan_overview",
            "event_id": "illness",
            "state": {
                "event_id": "illness",
                "phase": "plan",
                "event_date": "2026-11-23",
                "answers": {"work_status": "arbeider"},
            },
        },
    }
    card = {"text": "Stap 1", "custom": {"type": "step_card", "event_id": "illness", "number": 1}}
    first = _question("illness", "work_status", {})
    first["custom"]["state"]["event_date"] = "2026-11-23"
    replies = iter([[first], [plan, card]])
    runner = bench.Runner(
        lambda sender, text: next(replies), _conversation(expect={"answers": {"work_status": "arbeider"}})
    )
    assert runner.run(), runner.t.problems
    assert runner.t.typed_understood == 1 and runner.first_step_turn == 2 and runner.t.silent_switches == 0
