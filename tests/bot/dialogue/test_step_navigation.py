"""Typed navigation in the plan: "ga naar stap 4", "de laatste stap"."""

from __future__ import annotations

import pytest

from bot.understanding.step_navigation import LAST, asked_step
from devtools.chat import Chat, customs, texts


@pytest.mark.parametrize(
    ("message", "number"),
    [
        ("ga naar stap 4", 4),
        ("toon stap 3", 3),
        ("stap 5 aub", 5),
        ("stap vier", 4),
        ("de vijfde stap", 5),
        ("4de stap", 4),
        ("wat moet ik doen bij stap 3?", 3),
        ("laatste stap", LAST),
    ],
)
def test_a_step_request_is_read(message: str, number: int) -> None:
    assert asked_step(message) == number


@pytest.mark.parametrize(
    "message",
    [
        "ik snap het nie, stap 3 zegt automatisch en stap 4 aanvragen. wat moet ik nu doen?",
        "er zijn 2 stappen",
        "volgende stap",
        "ik zet een stap terug",
        "stap",
    ],
)
def test_other_messages_are_not_a_step_request(message: str) -> None:
    assert asked_step(message) is None


def _plan(chat: Chat) -> int:
    chat.say("ik ben ziek sinds maandag", "illness", 0.99)
    result = chat.say("bediende", "nlu_fallback", 0.4)
    return customs(result, "step_card")[0]["total"]


def test_typing_a_step_number_opens_that_step(chat: Chat) -> None:
    total = _plan(chat)
    assert total >= 3
    result = chat.say("ga naar stap 3", "nlu_fallback", 0.3)
    assert customs(result, "step_card")[0]["number"] == 3
    result = chat.say("volgende stap", "next_step", 0.99)
    assert customs(result, "step_card")[0]["number"] == 4 or "laatste stap" in texts(result)


def test_the_last_step_by_name(chat: Chat) -> None:
    total = _plan(chat)
    result = chat.say("de laatste stap", "nlu_fallback", 0.3)
    assert customs(result, "step_card")[0]["number"] == total


def test_a_step_that_does_not_exist_gets_the_number_of_steps(chat: Chat) -> None:
    total = _plan(chat)
    result = chat.say("stap 40", "nlu_fallback", 0.3)
    assert not customs(result, "step_card")
    assert f"{total} stappen" in texts(result)


def test_a_step_number_while_a_question_is_open_is_not_navigation(chat: Chat) -> None:
    chat.say("ik ben ziek sinds maandag", "illness", 0.99)
    result = chat.say("stap 2", "nlu_fallback", 0.3)
    assert not customs(result, "step_card") and chat.state.pending is not None


def test_a_typed_deadline_question_gets_the_deadline_of_the_step_shown(chat: Chat) -> None:
    """Citizen test R (r-01): "tot wanneer heb ik nu juist?" got "Op die vraag heb ik geen zeker
    antwoord" although the step shows the date."""
    chat.say("ik ben zelfstandig schilder en ben ziek sinds vorige week woensdag", "illness", 0.95)
    assert chat.state.journey is not None and chat.state.journey.phase == "plan"
    reply = chat.say("nee ik bedoel, tot wanneer heb ik nu juist?", "nlu_fallback", 0.3)
    said = texts(reply)
    assert "geen zeker antwoord" not in said
    assert "woensdag 25 november 2026" in said
