"""A short name for more than one municipality ("Heist") is asked about, not guessed (citizen tests
O and Q: "Heist" became Knokke-Heist for someone moving to Heist-op-den-Berg)."""

from __future__ import annotations

import pytest

from bot.dialogue.municipality import chosen_place
from devtools.chat import Chat, asked, texts

CHOICES = ["Heist-op-den-Berg", "Knokke-Heist"]


def test_heist_is_asked_about_and_the_full_name_typed_later_is_taken(chat: Chat) -> None:
    reply = chat.say("we verhuizen volgende maand naar Heist, van Mechelen", "moving", 0.95)
    assert "Met 'Heist' bedoelt u Heist-op-den-Berg of Knokke-Heist?" in texts(reply)
    assert chat.state.municipality is None
    question = asked(reply)
    assert question == "housing_tenure"
    reply = chat.say("Heist-op-den-Berg", "provide_municipality", 0.6)
    assert chat.state.municipality == "Heist-op-den-Berg"
    assert asked(reply) == "housing_tenure"  # the open question is asked again


def test_the_full_name_said_with_an_answer_is_taken(chat: Chat) -> None:
    chat.say("we verhuizen volgende maand naar Heist", "moving", 0.95)
    chat.say("heist op den berg, we gaan huren", "provide_answer", 0.5)
    journey = chat.state.journey
    assert chat.state.municipality == "Heist-op-den-Berg"
    assert journey is not None and journey.answers.get("housing_tenure") == "huurder"


def test_a_full_name_is_not_asked_about(chat: Chat) -> None:
    reply = chat.say("we verhuizen volgende maand naar Knokke-Heist", "moving", 0.95)
    assert "bedoelt u" not in texts(reply)
    assert chat.state.municipality == "Knokke-Heist"


@pytest.mark.parametrize(
    ("typed", "chosen"),
    [
        ("nee nie Knokke, Heist-op-den-Berg!", "Heist-op-den-Berg"),
        ("aan zee, in Knokke", "Knokke-Heist"),
        ("heist op den berg", "Heist-op-den-Berg"),
        ("we gaan huren", None),
    ],
)
def test_which_of_the_names_the_message_means(typed: str, chosen: str | None) -> None:
    assert chosen_place(typed, CHOICES) == chosen


def test_a_date_with_op_after_heist_picks_no_municipality(chat: Chat) -> None:
    """Review: "op 1 maart" picked Heist-op-den-Berg by the word "op"."""
    chat.say("we verhuizen naar Heist", "moving", 0.95)
    chat.say("op 1 maart", "provide_date", 0.7)
    assert chat.state.municipality is None
