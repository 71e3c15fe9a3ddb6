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
    answered = [c["id"] for c in customs(result, "faq_answer")]
    if answered:  # one door clearly ahead of the others: its answer at once
        assert answered == [route]
    else:
        assert offered and route in offered[0]["ids"]
        assert any(b["title"] == "Nee, iets anders" for r in result.replies for b in r.buttons)


def test_one_clear_door_is_answered_without_buttons(chat: Chat) -> None:
    result = chat.say(
        "mijn portefeuille is gestolen op de trein, met mijn identiteitskaart erin", "out_of_scope", 0.6
    )
    assert [c["id"] for c in customs(result, "faq_answer")] == ["eid_lost"]
    assert "00800 2123 2123" in texts(result) and not customs(result, "route_suggestions")


def test_a_follow_up_on_the_door_gets_that_door_not_a_life_event(chat: Chat) -> None:
    """Citizen tests C and D: "moet ik eerst naar de politie of naar het gemeentehuis?" after the
    stolen identity card started the moving journey, and "nee ik verhuis nie" did not get out."""
    chat.say("mijn portefeuille is gestolen op de trein, met mijn identiteitskaart erin", "out_of_scope", 0.6)
    result = chat.say("moet ik eerst naar de politie of naar het gemeentehuis?", "moving", 0.7)
    assert chat.state.journey is None
    assert [c["id"] for c in customs(result, "faq_answer")] == ["eid_lost"]
    result = chat.say("nee ik verhuis nie, mijn identiteitskaart is gestolen!", "moving", 0.8)
    assert chat.state.journey is None
    assert [c["id"] for c in customs(result, "faq_answer")] == ["eid_lost"]


def test_a_lost_passport_has_its_own_door(chat: Chat) -> None:
    result = chat.say(
        "mijn paspoort is gestolen in Spanje, ik ben nu terug thuis in Mechelen", "out_of_scope", 0.6
    )
    assert [c["id"] for c in customs(result, "faq_answer")] == ["passport_lost"]
    assert "politie" in texts(result) and "00800 2123 2123" in texts(result)


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


def test_typing_the_title_of_a_door_gives_its_answer(chat: Chat) -> None:
    result = chat.say("Een paspoort aanvragen", "out_of_scope", 0.5)
    assert customs(result, "faq_answer") and "paspoort" in texts(result).lower()


@pytest.mark.parametrize(
    "message", ["wat moet ik eerst doen", "hoe lang duurt dat?", "wat moet ik allemaal doen"]
)
def test_a_vague_question_gets_no_doors(chat: Chat, message: str) -> None:
    result = chat.say(message, "nlu_fallback", 0.3)
    assert not customs(result, "route_suggestions")


def test_stopping_a_business_is_not_starting_one_whatever_the_classifier_says(chat: Chat) -> None:
    chat.say("ik wil stoppen met mijn zaak", "start_business", 0.8)
    assert chat.state.journey.event_id == "stop_business"


def test_a_sure_classifier_is_not_overruled_by_a_shared_trigger_word(chat: Chat) -> None:
    chat.say("ik stop met mijn eenmanszaak", "stop_business", 0.99, also={"start_business": 0.001})
    assert chat.state.journey.event_id == "stop_business"


def test_a_clear_door_wins_over_a_life_event_no_trigger_names(chat: Chat) -> None:
    """Citizen test 2026-11-30-c, P4: a stolen identity card started the moving journey."""
    result = chat.say("identiteitskaart gestolen, moet ik eerst naar de politie?", "moving", 0.8)
    assert chat.state.journey is None
    assert [c["id"] for c in customs(result, "faq_answer")] == ["eid_lost"]


def test_a_life_event_named_by_a_trigger_keeps_its_journey(chat: Chat) -> None:
    chat.say("we verhuizen volgende maand, moet ik mijn identiteitskaart laten aanpassen?", "moving", 0.9)
    assert chat.state.journey is not None and chat.state.journey.event_id == "moving"


def test_a_follow_up_after_door_buttons_gets_the_first_door(chat: Chat) -> None:
    """Citizen test E (g02): the person typed a follow-up instead of clicking a suggested door."""
    result = chat.say("mijn paspoort is gestolen in Spanje, ik ben nu terug in Mechelen", "out_of_scope", 0.6)
    offered = customs(result, "route_suggestions")
    answered = [c["id"] for c in customs(result, "faq_answer")]
    assert (offered and offered[0]["ids"][0] == "passport_lost") or answered == ["passport_lost"]
    result = chat.say("moet ik eerst naar de politie of naar het gemeentehuis?", "moving", 0.7)
    assert chat.state.journey is None
    assert [c["id"] for c in customs(result, "faq_answer")] == ["passport_lost"]


def test_a_door_counts_for_the_next_message_only(chat: Chat) -> None:
    chat.say("mijn portefeuille is gestolen op de trein, met mijn identiteitskaart erin", "out_of_scope", 0.6)
    chat.say("dank u", "thank", 0.9)
    result = chat.say("moet ik eerst naar de politie of naar het gemeentehuis?", "moving", 0.95)
    assert not customs(result, "faq_answer")


def test_an_out_of_scope_message_gets_doors_from_a_lower_score(chat: Chat) -> None:
    """Citizen test G, g16: a stolen passport got "Daar kan ik u niet mee helpen", and the
    follow-up about the police started the moving journey."""
    result = chat.say(
        "help, mijn paspoort is gestolen uit mijn auto en ik vertrek binnen 10 dagen op reis naar Thailand",
        "out_of_scope",
        0.7,
    )
    # named outright by its trigger words ("paspoort" and "gestolen"): the door at once
    assert [c["id"] for c in customs(result, "faq_answer")] == ["passport_lost"]
    result = chat.say("moet ik eerst naar de politie of direct naar het gemeentehuis?", "moving", 0.7)
    assert chat.state.journey is None
    assert [c["id"] for c in customs(result, "faq_answer")] == ["passport_lost"]


def test_another_door_asked_right_after_a_door_is_answered_too(chat: Chat) -> None:
    """Citizen test G, g17: "hoelang duurt da voor ik een nieuwe kaart heb" after the stolen card."""
    chat.say(
        "ze hebben gisteren mijn portefeuille gepikt met mijn eid en rijbewijs erin", "out_of_scope", 0.6
    )
    result = chat.say("en hoelang duurt da voor ik een nieuwe kaart heb, en kost da iets?", "moving", 0.2)
    assert chat.state.journey is None
    assert [c["id"] for c in customs(result, "faq_answer")] == ["eid"]


def test_out_of_scope_doors_are_offered_from_a_lower_score(chat: Chat) -> None:
    result = chat.say(
        "ik ben mijn paspoort verloren en moet binnen tien dagen vertrekken", "out_of_scope", 0.7
    )
    assert customs(result, "faq_answer") or customs(result, "route_suggestions")


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        # Citizen test H, k04 and k07: business support and job loss from a stolen identity card
        ("mijn portefeuille is gepikt op de markt, mijn identiteitskaart zat erin", "business_support"),
        ("ze hebben ingebroken in mijn auto en mijn eid is weg", "job_loss"),
        ("kga mijn id kaart verloren hebben op de kerstmarkt denk ik. wat nu", "first_job"),
    ],
)
def test_a_door_named_outright_wins_over_a_guessed_life_event(chat: Chat, message: str, intent: str) -> None:
    result = chat.say(message, intent, 0.9)
    assert chat.state.journey is None
    assert [c["id"] for c in customs(result, "faq_answer")] == ["eid_lost"]


def test_a_life_event_named_by_its_trigger_keeps_its_journey(chat: Chat) -> None:
    chat.say("ik ben ontslagen en mijn identiteitskaart is ook nog gestolen", "job_loss", 0.9)
    assert chat.state.journey is not None and chat.state.journey.event_id == "job_loss"


def test_the_same_door_twice_in_a_row_is_not_repeated_word_for_word(chat: Chat) -> None:
    """Citizen test I, m02: the passport text came three times for questions it does not answer."""
    first = chat.say(
        "er is bij ons ingebroken, ze hebben ook de paspoorten van mij en mijn vrouw meegenomen",
        "out_of_scope",
        0.6,
    )
    assert [c["id"] for c in customs(first, "faq_answer")] == ["passport_lost"]
    again = chat.say(
        "gaat da nog lukken binnen de 3 weken, een nieuw paspoort? en wa kost da", "out_of_scope", 0.5
    )
    assert "00800 2123 2123" not in texts(again) and "1700" in texts(again)
    assert chat.state.journey is None
