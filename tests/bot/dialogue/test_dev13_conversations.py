"""Typed conversations from the dev13 split (fourteenth session) that went wrong, without Rasa."""

from __future__ import annotations

import pytest

from bot.dialogue.municipality import municipality_in
from bot.dialogue.reading import asks_nearby
from bot.places.municipalities import load_places
from devtools.chat import Chat, asked, texts


def test_closing_the_business_number_is_no_new_business(chat: Chat) -> None:
    chat.say(
        "hoe sluit ik mijn ondernemingsnummer af? ik had een webshopke in bijberoep maar da loopt nie",
        "start_business",
        0.6,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "stop_business"
    assert "Proficiat" not in texts(chat.last)


def test_closing_one_business_and_starting_another_names_both(chat: Chat) -> None:
    chat.say("ik stop met mijn zaak en ik wil een nieuwe zaak starten", "stop_business", 0.6)
    assert "start_business" in chat.state.later or (
        chat.state.journey is not None and chat.state.journey.event_id == "start_business"
    )


def test_a_plan_in_the_neighbourhood_is_no_question_for_a_nearby_office() -> None:
    assert not asks_nearby(
        "Met een paar buren organiseren we elk jaar een straatfeest en nu willen we ook een moestuin in de "
        "buurt beginnen. Iemand zei dat we best een vereniging oprichten."
    )
    assert asks_nearby("is er een ocmw in de buurt")
    assert asks_nearby("ik zoek een kantoor dichtbij")


def test_a_neighbourhood_association_story_starts_the_association_journey(chat: Chat) -> None:
    reply = chat.say(
        "Met een paar buren organiseren we elk jaar een straatfeest en nu willen we ook een moestuin in de "
        "buurt beginnen. Iemand zei dat we best een vereniging oprichten, maar we willen geen gedoe "
        "met een vzw.",
        "found_association",
        0.5,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "found_association"
    assert asked(reply) != "municipality"


@pytest.mark.parametrize(
    ("typed", "official"),
    [("Oilsjt", "Aalst"), ("zjenk", "Genk"), ("Roeselaere", "Roeselare"), ("Sinnekloas", "Sint-Niklaas")],
)
def test_dialect_names_of_municipalities(typed: str, official: str) -> None:
    found = load_places().resolve(typed)
    assert found is not None and found.municipality.name_nl == official


@pytest.mark.parametrize(
    ("message", "official"),
    [
        ("ze hebben mij gisteren ontslagen, ik woon in Zjenk. wat nu?", "Genk"),
        ("we gaan scheiden, ik woon in sint niklass. wa moet ik doen", "Sint-Niklaas"),
        ("ik woon in oilsjt en ik heb schulden bij de waterleverancier", "Aalst"),
        ("ik woon in een appartement", None),
        ("ik woon alleen in mijn appartement en da blijft zo", None),
    ],
)
def test_the_home_town_in_a_first_message(message: str, official: str | None) -> None:
    found = municipality_in(message)
    assert (found.municipality.name_nl if found is not None else None) == official


@pytest.mark.parametrize(
    ("message", "value"),
    [
        ("We hebben al twee arbeiders en zoeken nen derde voor ons bouwbedrijfje", "tweede_derde"),
        (
            "Welke aanwervingsincentives bestaan er voor een werkgever die zijn vijfde werknemer "
            "in dienst neemt?",
            "meer",
        ),
        ("Nu willen we iemand in de keuken, da zou de eerste zijn die we aanwerven.", "eerste"),
        ("Ons IT-bedrijf heeft momenteel zeven medewerkers. We zoeken nog iemand bij.", "meer"),
    ],
)
def test_the_number_of_the_new_employee_in_a_first_message(chat: Chat, message: str, value: str) -> None:
    chat.say(message, "hire_staff", 0.9)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("first_employee") == value


def test_a_partner_gone_with_the_children_and_a_crisis_starts_the_divorce_journey(chat: Chat) -> None:
    reply = chat.say("mijn vrouw is weg met de kinderen en ik wil nie meer leven", "divorce", 0.5)
    assert "1813" in texts(reply)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "divorce"


def test_a_dialect_name_pointing_to_no_municipality_is_an_error_naming_the_file(tmp_path) -> None:
    from pathlib import Path

    from bot.places.municipalities import _load

    source = Path(load_places.__code__.co_filename).parents[2] / "data" / "places" / "municipalities.json"
    (tmp_path / "municipalities.json").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "colloquial_names.json").write_text('{"names": {"Oilsjt": "Oilsjtad"}}', encoding="utf-8")
    with pytest.raises(ValueError, match="colloquial_names.json.*Oilsjt.*Oilsjtad"):
        _load(tmp_path / "municipalities.json")


def test_a_place_of_work_is_no_situation(chat: Chat) -> None:
    """dev13: "ze werkte nog bij het OCMW" offered 'Geldproblemen en schulden'."""
    chat.say("mijn tante is overleden en ik ben haar enige familie", "death", 0.9)
    reply = chat.say("nee ze was nog maar 61 en werkte nog bij het OCMW", "provide_answer", 0.5)
    assert chat.state.pending is None or chat.state.pending.kind != "switch"
    assert "Geldproblemen" not in texts(reply)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("deceased_retired") == "nee"


def test_another_situation_for_later_is_kept_without_an_offer(chat: Chat) -> None:
    """dev13: "ik ga ook moeten verhuizen, maar eerst dit" was asked "Wilt u dat nu eerst bekijken?"."""
    chat.say("ik wil scheiden van mijn vrouw", "divorce", 0.9)
    reply = chat.say(
        "moet ik verplicht naar een advocaat? en ik ga waarschijnlijk ook moeten verhuizen, maar eerst dit",
        "moving",
        0.5,
    )
    assert chat.state.pending is not None and chat.state.pending.kind == "relation_type"
    assert "moving" in chat.state.later and "bewaar ik voor straks" in texts(reply)
    assert chat.state.journey is not None and chat.state.journey.event_id == "divorce"


def test_a_correction_naming_both_values_after_the_plan_takes_the_one_not_denied(chat: Chat) -> None:
    chat.say("ben ziek sinds vrijdag, de griep. wa moet ik doen", "illness", 0.9)
    chat.say("arbeider", "nlu_fallback", 0.4)
    reply = chat.say(
        "nee wacht, ik bedoel bediende, nie arbeider. ik zit op de administratie van de fabriek",
        "nlu_fallback",
        0.4,
    )
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("work_status") == "bediende"
    assert "Ik pas uw stappenplan aan" in texts(reply)


def test_a_separation_after_living_together_starts_no_union_plan(chat: Chat) -> None:
    chat.say(
        "mijne vriend en ik zijn uit elkaar na 9 jaar samenwonen. nooit getrouwd of iets getekend. "
        "we hebben 2 kleine",
        "divorce",
        0.8,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "divorce"
    assert "cohabitation_marriage" not in chat.state.later
    assert journey.answers.get("relation_type") == "feitelijk_samenwonend"
    assert journey.answers.get("has_children") == "ja"


@pytest.mark.parametrize(
    ("event", "question", "typed", "value"),
    [
        ("moving", "has_vehicle", "ne scooter, staat op mijn naam", "ja"),  # "ne" is "een", not "nee"
        ("money_problems", "energieschuld", "ni echt", "nee"),
        (
            "start_business",
            "vat_liable",
            "Dat weet ik eerlijk gezegd niet, moet advies aan bedrijven met btw?",
            "weet_niet",
        ),
    ],
)
def test_dev13_answers(kb, event: str, question: str, typed: str, value: str) -> None:
    from bot.understanding.answers import read_answer

    found = kb.events[event].question(question)
    assert found is not None and read_answer(found, typed).value == value
