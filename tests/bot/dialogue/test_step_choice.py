"""The plan overview opens any step; the last step ends clearly; the text overview stays."""

from __future__ import annotations

from bot.dialogue.presenting import STEP_CHOICE
from devtools.chat import Chat, customs, texts


def _birth_plan(chat: Chat) -> dict:
    chat.say("we hebben een baby gekregen", "birth", 0.99)
    chat.click("Ja")
    chat.click("Werknemer")
    chat.click("Ik ben de moeder")
    result = chat.say("op 24 november 2026", "provide_date", 0.9)
    return customs(result, "plan_overview")[0]


def _choose(chat: Chat, step: dict):
    payload = step["payload"]
    assert payload.startswith("/provide_answer{")
    return chat.say(
        payload, "provide_answer", 1.0, question_id=STEP_CHOICE, answer_value=f"birth:{step['number']}"
    )


def test_each_overview_step_has_a_payload_that_opens_its_card(chat: Chat) -> None:
    overview = _birth_plan(chat)
    assert overview["description"] and overview["event_title"] == "Een kind krijgen"
    third = overview["steps"][2]
    assert f'"answer_value": "birth:{third["number"]}"' in third["payload"]
    card = customs(_choose(chat, third), "step_card")[0]
    assert card["number"] == third["number"] and card["title"] == third["title"]
    # "volgende stap" goes on from the chosen step
    after = customs(chat.say("volgende stap", "next_step", 0.99), "step_card")[0]
    assert after["number"] == third["number"] + 1


def test_the_last_step_says_it_is_the_last_and_what_comes_first(chat: Chat) -> None:
    overview = _birth_plan(chat)
    last = overview["steps"][-1]
    result = _choose(chat, last)
    card = customs(result, "step_card")[0]
    assert card["number"] == card["total"]
    assert not any(b["title"] == "Volgende stap" for r in result.replies for b in r.buttons)
    assert customs(result, "plan_end")
    assert "Dit was de laatste stap van 'Een kind krijgen'" in texts(result)
    assert "Doe eerst dit: Geef de geboorte aan bij de gemeente (uiterlijk" in texts(result)


def test_a_step_before_the_last_has_no_closing_note(chat: Chat) -> None:
    overview = _birth_plan(chat)
    result = _choose(chat, overview["steps"][0])
    assert not customs(result, "plan_end") and "laatste stap" not in texts(result)
    assert any(b["title"] == "Volgende stap" for r in result.replies for b in r.buttons)


def test_a_step_of_another_or_no_plan_is_not_shown(chat: Chat) -> None:
    result = chat.say(
        "/provide_answer", "provide_answer", 1.0, question_id=STEP_CHOICE, answer_value="birth:2"
    )
    assert not customs(result, "step_card") and "vorig stappenplan" in texts(result)
    _birth_plan(chat)
    result = chat.say(
        "/provide_answer", "provide_answer", 1.0, question_id=STEP_CHOICE, answer_value="moving:2"
    )
    assert not customs(result, "step_card") and "vorig stappenplan" in texts(result)
    result = chat.say(
        "/provide_answer", "provide_answer", 1.0, question_id=STEP_CHOICE, answer_value="birth:99"
    )
    assert not customs(result, "step_card")


def test_the_text_overview_stays_for_channels_without_the_widget(chat: Chat) -> None:
    chat.say("we hebben een baby gekregen", "birth", 0.99)
    chat.click("Ja")
    chat.click("Werknemer")
    chat.click("Ik ben de moeder")
    result = chat.say("op 24 november 2026", "provide_date", 0.9)
    overview = next(r for r in result.replies if r.custom and r.custom.get("type") == "plan_overview")
    assert overview.text and all(
        f"{s['number']}. {s['title']}" in overview.text for s in overview.custom["steps"]
    )
