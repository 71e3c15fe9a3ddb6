"""Questions outside the life events get the right door: routes offered as buttons, then the answer."""

from __future__ import annotations

import pytest

from devtools.chat import Chat, customs, texts


@pytest.mark.parametrize(
    ("message", "route"),
    [
        ("mijn identiteitskaart is vervallen, waar moet ik een nieuwe aanvragen?", "eid"),
        ("ik heb een gasboete gekregen van de stad", "gas_fine"),
        ("hoe doe ik mijn belastingaangifte", "income_tax"),
        ("ik wil een paspoort aanvragen voor mijn reis", "passport"),
    ],
)
def test_an_out_of_scope_question_is_offered_its_door(chat: Chat, message: str, route: str) -> None:
    result = chat.say(message, "out_of_scope", 0.6)
    offered = customs(result, "route_suggestions")
    assert offered and route in offered[0]["ids"]
    assert any(b["title"] == "Nee, iets anders" for r in result.replies for b in r.buttons)


def test_choosing_a_door_gives_the_answer_with_its_source(chat: Chat) -> None:
    chat.say("mijn identiteitskaart is vervallen, waar moet ik een nieuwe aanvragen?", "out_of_scope", 0.6)
    result = chat.click("Een identiteitskaart (eID) aanvragen")
    assert "Burgerzaken" in texts(result) and "vlaanderen.be" in texts(result)


def test_a_question_far_from_every_door_gets_no_door(chat: Chat) -> None:
    result = chat.say("wat is de hoofdstad van Peru", "out_of_scope", 0.6)
    assert not customs(result, "route_suggestions")


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("Добрий день, мені потрібна допомога з дитиною", "нідерландською"),
        ("سلام، من به کمک نیاز دارم برای پسرم", "هلندی"),
        ("Buongiorno, ho bisogno di aiuto per mio figlio", "olandese"),
    ],
)
def test_a_message_in_another_language_is_answered_in_that_language(
    chat: Chat, message: str, words: str
) -> None:
    result = chat.say(message, "birth", 0.6)  # whatever the Dutch classifier makes of it
    assert words in texts(result) and chat.state.journey is None
