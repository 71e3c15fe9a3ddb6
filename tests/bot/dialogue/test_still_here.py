""" "Hallo? Is er iemand?" during a conversation gets "Ja, ik ben er nog." and the open question, the
step or an offer to go on, never the first greeting ("Wat is er gebeurd?") again."""

from __future__ import annotations

from bot.dialogue.state import PLAN
from devtools.chat import Chat, asked

FIRST_GREETING = "Wat is er gebeurd?"


def reply_text(chat: Chat) -> str:
    assert chat.last is not None
    return "\n".join(reply.text or "" for reply in chat.last.replies)


def test_a_greeting_before_anything_else_is_the_first_greeting(chat: Chat) -> None:
    chat.say("hallo", "greet", 0.95)
    assert FIRST_GREETING in reply_text(chat)


def test_a_greeting_while_a_question_is_open_asks_it_again(chat: Chat) -> None:
    chat.say("ik ben mijn werk kwijt", "job_loss", 0.9)
    assert asked(chat.last) == "ended_by"
    chat.say("hallo? is er iemand?", "greet", 0.9)
    said = reply_text(chat)
    assert said.startswith("Ja, ik ben er nog.") and FIRST_GREETING not in said
    assert asked(chat.last) == "ended_by"


def test_a_greeting_after_asking_for_a_service_point_asks_the_municipality_again(chat: Chat) -> None:
    chat.say("ik ben mijn werk kwijt", "job_loss", 0.9)
    chat.say("ik wil iemand spreken", "request_human", 0.95)
    chat.say("/handoff_physical", "handoff_physical", 1.0)
    chat.say("hallo? is er iemand?", "greet", 0.9)
    said = reply_text(chat)
    assert "Ja, ik ben er nog." in said and "In welke gemeente woont u?" in said
    assert FIRST_GREETING not in said


def test_a_greeting_in_the_plan_shows_where_the_person_was(chat: Chat) -> None:
    chat.say("we hebben een kindje gekregen", "birth", 0.95)
    for _ in range(8):
        if chat.state.journey is not None and chat.state.journey.phase == PLAN:
            break
        chat.say("weet ik niet", "nlu_fallback", 0.4)
    assert chat.state.journey is not None and chat.state.journey.phase == PLAN
    chat.say("hallo?", "greet", 0.9)
    said = reply_text(chat)
    assert said.startswith("Ja, ik ben er nog.") and FIRST_GREETING not in said
    assert "Stap" in said
