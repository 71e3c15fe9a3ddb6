"""A step done in another municipality than the person's own: the birth is declared where the
child was born, the death where the person died, the move at the new municipality."""

from __future__ import annotations

from bot.dialogue.step_place import place_in_message
from devtools.chat import Chat, customs, texts


def _open_step(chat: Chat, step_id: str) -> None:
    overview = customs(chat.last, "plan_overview")[0]
    number = next(s["number"] for s in overview["steps"] if s["step_id"] == step_id)
    card = customs(chat.say(f"stap {number}", "nlu_fallback", 0.3), "step_card")[0]
    assert card["number"] == number


def _birth_plan(chat: Chat) -> None:
    chat.say("ons eerste kindje is gisteren geboren", "birth", 0.99)
    for _ in range(8):
        if customs(chat.last, "plan_overview"):
            return
        chat.click("Weet ik niet")
    raise AssertionError("no plan")


def test_the_place_after_the_event_word_is_meant() -> None:
    found = place_in_message("we wonen in Wilrijk maar ze is geboren in Edegem")
    assert found is not None and found.municipality.name_nl == "Edegem"
    found = place_in_message("ik woon in erpe-mere, maar hij is gestorven in aalst")
    assert found is not None and found.municipality.name_nl == "Aalst"
    assert place_in_message("ik woon in Gent") is None


def test_the_birth_is_declared_in_the_municipality_of_birth(chat: Chat) -> None:
    _birth_plan(chat)
    _open_step(chat, "declare_birth")
    result = chat.click("Waar kan dat in mijn buurt")
    assert "In welke gemeente is uw kind geboren?" in texts(result)
    result = chat.say("we wonen in Wilrijk maar ze is geboren in Edegem", "provide_municipality", 0.6)
    assert "burgerzaken van Edegem" in texts(result)
    assert "Antwerpen" not in texts(result) and "OCMW" not in texts(result)
    assert chat.state.municipality is None  # where the child was born is not where the family lives
    assert chat.state.journey.places == {"declare_birth": "Edegem"}


def test_the_place_of_birth_said_with_the_request_is_used_at_once(chat: Chat) -> None:
    _birth_plan(chat)
    _open_step(chat, "declare_birth")
    result = chat.say(
        "kan dat hier in de buurt? ze is geboren in az groeninge in Kortrijk", "ask_location", 0.7
    )
    assert "burgerzaken van Kortrijk" in texts(result)


def test_a_step_in_the_own_municipality_still_asks_where_the_person_lives(chat: Chat) -> None:
    chat.say("we gaan wettelijk samenwonen", "cohabitation_marriage", 0.99)
    for _ in range(8):
        if customs(chat.last, "plan_overview"):
            break
        chat.click("Weet ik niet")
    _open_step(chat, "declare_legal_cohabitation")
    result = chat.click("Waar kan dat in mijn buurt")
    assert "In welke gemeente woont u?" in texts(result)


def test_a_step_that_is_not_municipal_says_where_it_is_done_not_the_town_hall(chat: Chat) -> None:
    chat.say("mijn vader is gisteren overleden, hij was al lang met pensioen", "death", 0.99)
    overview = customs(chat.last, "plan_overview")[0]
    number = next(s["number"] for s in overview["steps"] if s["step_id"] == "inheritance_declaration")
    chat.say(f"stap {number}", "nlu_fallback", 0.3)
    result = chat.say("waar kan dat in mijn buurt? ik woon in Gent", "ask_location", 0.6)
    assert "regelt u niet bij uw gemeente" in texts(result) and "Stadskantoor" not in texts(result)


def test_the_new_municipality_of_a_move_is_also_where_the_person_now_lives(chat: Chat) -> None:
    chat.say("ik ben verhuisd", "moving", 0.99)
    for _ in range(8):
        if customs(chat.last, "plan_overview"):
            break
        chat.click("Weet ik niet")
    _open_step(chat, "declare_address_change")
    result = chat.say("waar moet ik mijn nieuw adres doorgeven, hier in de buurt?", "ask_location", 0.7)
    assert "Naar welke gemeente verhuist u?" in texts(result)
    result = chat.say("2800", "provide_municipality", 0.6)
    assert "burgerzaken van Mechelen" in texts(result)
    assert chat.state.municipality == "Mechelen"


def test_asking_for_the_town_hall_by_name_gets_the_town_hall_even_on_a_step_elsewhere(chat: Chat) -> None:
    chat.say("mijn vader is gisteren overleden, hij was al lang met pensioen", "death", 0.99)
    overview = customs(chat.last, "plan_overview")[0]
    number = next(s["number"] for s in overview["steps"] if s["step_id"] == "inheritance_declaration")
    chat.say(f"stap {number}", "nlu_fallback", 0.3)
    result = chat.say("waar is dat gemeentehuis in mijn buurt?", "ask_location", 0.6)
    assert "regelt u niet bij uw gemeente" not in texts(result)
    assert "In welke gemeente woont u?" in texts(result)
