"""A complaint gets the complaint route of the level it is about, not journey questions."""

from __future__ import annotations

import pytest

from devtools.chat import Chat, customs, texts


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "ik ben niet tevreden over het OCMW, hoe kan ik een klacht indienen?",
            "lokaalbestuur.vlaanderen.be",
        ),
        ("klacht over de VDAB", "vlaanderen.be/een-klacht-over-een-vlaamse-overheidsdienst"),
        ("hoe dien ik een klacht in tegen de RVA", "federaleombudsman.be"),
    ],
)
def test_the_complaint_route_of_the_right_level(chat: Chat, message: str, expected: str) -> None:
    reply = chat.say(message, intent="money_problems", confidence=0.7)
    assert customs(reply, "complaint") and expected in texts(reply)
    assert chat.state.journey is None  # no journey questions


def test_a_complaint_without_a_service_lists_the_three_levels(chat: Chat) -> None:
    said = texts(chat.say("ik wil een klacht indienen"))
    assert "gemeente" in said and "Vlaamse overheid" in said and "federale dienst" in said


def test_a_complaint_in_a_journey_keeps_the_journey(chat: Chat) -> None:
    chat.say("we hebben een baby gekregen", intent="birth")
    reply = chat.say("ik wil klagen over Kind en Gezin")
    assert customs(reply, "complaint") and chat.state.journey is not None
