"""Typed messages about violence, homelessness, a loss, or a wish to talk to a person."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.dialogue.turn import TurnResult
from devtools.chat import Chat, asked, customs, texts


def buttons(result: TurnResult) -> list[str]:
    return [b["title"] for r in result.replies for b in r.buttons]


@pytest.mark.parametrize(
    "message",
    [
        "ik word thuis mishandeld",
        "dit klopt helemaal niet. ik ben dakloos en mijn man slaat mij",
        "ik ben op de vlucht voor partnergeweld met mijn kind",
        "mijn vriend slaat me als hij gedronken heeft",
    ],
)
def test_violence_gets_the_helpline_and_a_person_first(chat: Chat, message: str) -> None:
    reply = chat.say(message, intent="newcomer")  # what the real model said to the third one
    said = texts(reply)
    assert "1712" in said and "101" in said and "112" in said
    assert "Ik wil iemand spreken" in buttons(reply)
    assert "Proficiat" not in said and "inburgering" not in said


def test_violence_in_the_middle_of_a_journey_is_not_read_as_an_answer(chat: Chat) -> None:
    chat.say("ik ben ontslagen", intent="job_loss")
    reply = chat.say("mijn man slaat mij en ik durf niet naar huis")
    assert "1712" in texts(reply) and "Hoe eindigt uw job" not in texts(reply)
    assert chat.state.journey is not None and chat.state.journey.event_id == "job_loss"  # kept for later


@pytest.mark.parametrize("message", ["ik ben dakloos", "ik moet vannacht buiten slapen, ik heb geen thuis"])
def test_homelessness_gets_the_ocmw_and_the_caw(chat: Chat, message: str) -> None:
    reply = chat.say(message)
    assert "OCMW" in texts(reply) and "CAW" in texts(reply) and "Ik wil iemand spreken" in buttons(reply)


@pytest.mark.parametrize(
    "message",
    ["ja ik wil wel eens met iemand praten, een echte mens", "kan ik met een medewerker spreken?"],
)
def test_asking_for_a_person_in_own_words_gets_the_hand_off_offer(chat: Chat, message: str) -> None:
    chat.say("ik zie het niet meer zitten")
    reply = chat.say(message)
    assert "Sorry, dat begreep ik niet" not in texts(reply)
    assert any("medewerker" in b.lower() or "langsgaan" in b.lower() for b in buttons(reply)), buttons(reply)


def test_no_congratulations_after_a_death_in_the_same_conversation(chat: Chat) -> None:
    chat.say("mijn vrouw is gisteren verongelukt", intent="death")
    reply = chat.say("we hebben ook een baby van 2 weken, moet ik iets regelen voor haar?", intent="birth")
    chat.click("Ja") if any(b.startswith("Ja") for b in buttons(reply)) else None
    assert "Proficiat" not in texts(reply) and "Proficiat" not in texts(chat.last)  # type: ignore[arg-type]


def test_a_birth_without_a_loss_is_still_congratulated(chat: Chat) -> None:
    assert "Proficiat met uw kindje" in texts(chat.say("we hebben een baby gekregen", intent="birth"))


def test_two_situations_in_one_message_keep_their_own_dates(chat: Chat) -> None:
    chat.say(
        "we hebben maandag een baby gekregen en we verhuizen op 15 december",
        intent="birth",
        also={"moving": 0.4},
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "birth"
    assert journey.event_date is not None and journey.event_date.isoformat() == "2026-11-23"
    assert chat.state.facts.get("moving", {}).get("event_date") == "2026-12-15"


def test_a_dismissal_and_a_sickness_keep_their_own_dates(chat: Chat) -> None:
    chat.say("ik ben op 2 november ontslagen en sinds maandag ziek", intent="job_loss", also={"illness": 0.4})
    assert chat.state.facts.get("illness", {}).get("event_date") == "2026-11-23"
    journey = chat.state.journey
    assert journey is not None and journey.event_date is not None
    assert journey.event_date.isoformat() == "2026-11-02"


def test_a_refused_switch_offer_is_not_carried_out(chat: Chat) -> None:
    chat.say("ik ben ontslagen", intent="job_loss")
    chat.say("ik ben ook ziek geweest vorige week", intent="illness", confidence=0.9)
    assert chat.state.pending is not None and chat.state.pending.kind == "switch"
    chat.say("ziek?? niemand is ziek", intent="illness", confidence=0.8)
    assert chat.state.journey is not None and chat.state.journey.event_id == "job_loss"


def test_naming_the_offered_situation_still_accepts_it(chat: Chat) -> None:
    chat.say("ik ben ontslagen", intent="job_loss")
    chat.say("ik ben ook ziek geweest vorige week", intent="illness", confidence=0.9)
    chat.say("eerst het ziek zijn alstublieft", intent="illness", confidence=0.8)
    assert chat.state.journey is not None and chat.state.journey.event_id == "illness"


def test_a_correction_typed_instead_of_the_date_replaces_the_earlier_answer(chat: Chat) -> None:
    chat.say("mijn vader is overleden", intent="death")
    chat.say("nee")  # "Had hij al pensioen?" - no
    assert chat.state.journey is not None and chat.state.journey.answers["deceased_retired"] == "nee"
    result = chat.say("sorry, hij was al met pensioen")
    assert chat.state.journey.answers["deceased_retired"] == "ja"
    assert "pensioen" in texts(result)


def test_a_correction_after_the_plan_is_not_a_switch_offer(chat: Chat) -> None:
    chat.say("ons moeder is gisteren gestorven in t rusthuis", intent="death")
    chat.say("nee ik ben haar zoon")
    assert chat.state.journey is not None and chat.state.journey.answers["deceased_retired"] == "nee"
    result = chat.say("ze was al lang op pensioen", intent="retirement", confidence=0.9)
    assert not customs(result, "switch_offer")
    assert chat.state.journey.event_id == "death" and chat.state.journey.answers["deceased_retired"] == "ja"


def test_flemish_spelling_of_being_fired_is_not_asked_again(chat: Chat) -> None:
    chat.say("ik zen gisteren ontslaan door men baas na 9 jaar", intent="job_loss")
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("ended_by") == "ontslag_werkgever"
    assert journey.event_date is not None and journey.event_date.isoformat() == "2026-11-24"


def test_after_the_loss_of_a_baby_no_birth_plan_is_made(chat: Chat) -> None:
    chat.say("ons dochtertje is dood geboren vorige donderdag", "birth", 0.9)
    result = chat.say(
        "dank u. maar wat moeten we nu regelen? heb ik nog recht op moederschapsrust?", "birth", 0.9
    )
    assert chat.state.journey is None
    assert "proficiat" not in texts(result).lower() and not customs(result, "plan_overview")
    assert any(b["payload"] == "/request_human" for r in result.replies for b in r.buttons)


@pytest.mark.parametrize(
    "message",
    [
        "wij gaan een kindje adopteren uit het binnenland, ze komt volgende maand",
        "we hebben een kindje geadopteerd, het is sinds maandag bij ons",
    ],
)
def test_an_adoption_gets_no_birth_plan(chat: Chat, message: str) -> None:
    result = chat.say(message, "birth", 0.9)
    assert chat.state.journey is None and not customs(result, "plan_overview")
    assert "adoptie" in texts(result).lower() and "proficiat" not in texts(result).lower()
    assert any(b["payload"] == "/request_human" for r in result.replies for b in r.buttons)


def test_after_the_loss_of_a_baby_the_birth_journey_is_not_offered_as_a_choice(chat: Chat) -> None:
    chat.say("ons kindje is dood geboren vorige vrijdag, bij 30 weken", "birth", 0.9)
    result = chat.say("ik ben de mama", "nlu_fallback", 0.4, also={"birth": 0.3})
    assert not any(b["payload"] == "/birth" for r in result.replies for b in r.buttons)


def test_after_a_crisis_message_yes_goes_on_with_the_journey(chat: Chat) -> None:
    chat.say("ik heb veel schulden bij de energie en ik kan niks meer betalen", "money_problems", 0.95)
    chat.say("ja", "affirm", 0.9)
    chat.say("ik zie het echt niet meer zitten", "nlu_fallback", 0.3)
    result = chat.say("ja verder", "affirm", 0.8)
    assert chat.state.pending is not None and chat.state.pending.kind == "huurachterstal"
    assert "huur" in texts(result)
    chat.say("ik zie het echt niet meer zitten", "nlu_fallback", 0.3)
    result = chat.say("en wat nu?", "next_step", 0.5)
    assert chat.state.pending is not None and "Ik weet nog niet over welke situatie" not in texts(result)


def test_typing_the_offered_way_to_a_person_takes_it(chat: Chat) -> None:
    """Citizen test 2026-11-30-c: typing "chatten met een medewerker" gave the same buttons again."""
    first = chat.say("ik wil iemand spreken")
    assert "Chatten met een medewerker" in buttons(first)
    typed = chat.say("chatten met een medewerker")
    assert [e.kind for e in typed.effects] == ["live_handoff"]


def test_asking_again_for_a_person_goes_to_a_person_not_to_the_buttons(chat: Chat) -> None:
    chat.say("ik wil iemand spreken")
    again = chat.say("ik wil gewoon een mens spreken, ik begrijp die knoppen niet")
    assert [e.kind for e in again.effects] == ["live_handoff"]


def test_when_nobody_is_online_the_typed_choice_is_a_visit(chat: Chat) -> None:
    chat.live_open = False
    chat.say("ik wil iemand spreken")
    again = chat.say("ik wil gewoon een mens spreken")
    assert not again.effects and "In welke gemeente woont u?" in texts(again)


@pytest.mark.parametrize(
    "message",
    [
        "soms denk ik dat iedereen beter af is zonder mij",
        "ik weet nie of ik nog verder wil",
    ],
)
def test_indirect_suicidal_signals_get_the_crisis_lines(chat: Chat, message: str) -> None:
    """Citizen test 2026-11-30-d, e20: these got 'Beterschap!' and an illness plan."""
    reply = chat.say(message, "illness", 0.8)
    assert "1813" in texts(reply) and "106" in texts(reply)


@pytest.mark.parametrize(
    "message",
    [
        "ik weet nie of ik het allemaal aankan",
        "ik voel me echt slecht",
        "ik weet echt nie of ik dit nog volhoud",
    ],
)
def test_exhaustion_is_acknowledged(chat: Chat, message: str) -> None:
    reply = chat.say(message, "nlu_fallback", 0.3)
    assert "zwaar" in texts(reply) or "medewerker" in texts(reply).lower()


def test_after_the_crisis_lines_later_distress_gets_them_again_without_cheerful_openings(chat: Chat) -> None:
    """Citizen test D (d21): "ik weet nie of ik het allemaal aankan" after a suicide signal got
    "Wat vervelend" and a journey question, and no helpline."""
    chat.say("ik ben mijn werk kwijt en mijn vrouw is weg, ik zie het echt nie meer zitten", "job_loss", 0.7)
    assert chat.state.crisis
    result = chat.say(
        "ja help me met mijn job want ik heb geen geld meer, maar ik weet nie of ik het allemaal aankan",
        "affirm",
        0.6,
    )
    said = texts(result)
    assert "1813" in said and "106" in said
    assert "Wat vervelend" not in said
    result = chat.say(
        "ik wil hulp bij mijn ontslag, nie bij geld. en ik voel me echt slecht", "job_loss", 0.6
    )
    said = texts(result)
    assert "1813" in said and "begreep ik niet" not in said


def test_after_the_crisis_lines_a_question_takes_up_the_offered_help(chat: Chat) -> None:
    """Citizen test E (g18): "ik weet het nie, ... wat moet ik regelen?" was read as a refusal, and
    "we waren getrouwd, 40 jaar" then started the marriage journey with "Proficiat"."""
    chat.say("mijn vrouw is vorige maand gestorven en soms wil ik gewoon dood", "death", 0.6)
    assert chat.state.bereaved and chat.state.crisis
    result = chat.say(
        "ik weet het nie, alles is zo zwaar. wat moet ik regelen voor haar pensioen?", "retirement", 0.8
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "death"
    assert "1813" in texts(result)
    result = chat.say("we waren getrouwd, 40 jaar", "cohabitation_marriage", 0.9)
    assert chat.state.journey is not None and chat.state.journey.answers.get("partner_status") == "gehuwd"
    assert "Proficiat" not in texts(result)


def test_a_crisis_said_inside_a_death_story_gets_the_crisis_lines(chat: Chat) -> None:
    """Citizen test E (g52): "sinds ons moeder gestorven is zie ik het nie meer zitten"."""
    result = chat.say("sinds ons moeder gestorven is zie ik het nie meer zitten", "death", 0.9)
    assert "1813" in texts(result) and "106" in texts(result)


def test_no_light_opening_after_the_crisis_lines(chat: Chat) -> None:
    """Citizen test E (g40): "Proficiat met uw plannen om te starten!" after a suicidal signal."""
    chat.say("ik ben thuis met een burn-out en iedereen is beter af zonder mij", "illness", 0.6)
    result = chat.say("ik ben mijn werk kwijt, wat moet ik doen?", "job_loss", 0.9)
    said = texts(result)
    assert chat.state.journey is not None and chat.state.journey.event_id in ("illness", "job_loss")
    assert "Wat vervelend" not in said and "Proficiat" not in said


def test_no_wish_to_go_on_after_the_crisis_lines_repeats_them(chat: Chat) -> None:
    """Citizen test F (h04): "ik heb er eigenlijk geen zin meer in" got "begreep ik niet goed"."""
    chat.say("soms wil ik gewoon dood", "nlu_fallback", 0.4)
    chat.say("mijne vent is vorige week gestorven", "death", 0.95)
    result = chat.say("ik heb er eigenlijk geen zin meer in", "deny", 0.5)
    assert "1813" in texts(result) and "begreep ik niet" not in texts(result)


def test_no_wish_to_go_on_after_a_death_gets_the_crisis_lines_without_a_crisis_before(chat: Chat) -> None:
    """Citizen test G, g02 and g03: "heb ik er gene zin meer in" got "Sorry, dat begreep ik niet goed"."""
    chat.say("ons moeder is vannacht gestorven", "death", 0.95)
    result = chat.say("eerlijk gezegd heb ik er gene zin meer in", "nlu_fallback", 0.3)
    assert "1813" in texts(result) and "106" in texts(result) and "begreep ik niet" not in texts(result)
    assert chat.state.crisis  # later distress repeats the lines, and no light openings follow


def test_exhaustion_names_tele_onthaal_and_is_not_followed_by_not_understood(chat: Chat) -> None:
    chat.say("mijn vader is vorige week overleden, ik ben zijn zoon, hij was al met pensioen", "death", 0.95)
    result = chat.say("ik weet nie hoe ik da allemaal moet doen, alles is zo zwaar", "nlu_fallback", 0.3)
    assert "106" in texts(result) and "begreep ik niet" not in texts(result)


def test_a_fact_of_the_offered_help_after_the_crisis_lines_takes_up_the_help(chat: Chat) -> None:
    """Citizen test G, g46: "we waren 40 jaar getrouwd" offered a wedding plan, and "alles is zo
    zwaar, ik kan da nie alleen" refused the offered help with the death."""
    result = chat.say(
        "mijn vrouw is op 20 november gestorven aan kanker. ik wil er eigenlijk nie meer zijn zonder haar",
        "death",
        0.6,
    )
    assert "1813" in texts(result)
    chat.say("we waren 40 jaar getrouwd", "cohabitation_marriage", 0.5)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "death"
    assert journey.answers["partner_status"] == "gehuwd" and journey.event_date == dt.date(2026, 11, 20)


def test_distress_after_the_crisis_start_gives_the_lines_and_keeps_the_question(chat: Chat) -> None:
    chat.say("mijn vrouw is gestorven, ik wil er nie meer zijn zonder haar", "death", 0.6)
    result = chat.say("alles is zo zwaar, ik kan da nie alleen", "nlu_fallback", 0.4)
    assert "1813" in texts(result) and "Waarmee kan ik u nog helpen" not in texts(result)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "death" and not journey.answers
    assert asked(result) == "partner_status"


def test_the_question_parked_by_the_crisis_lines_takes_its_answer(chat: Chat) -> None:
    """Citizen test H, k14: "we waren veertig jaar getrouwd" got "Sorry, dat begreep ik niet goed"."""
    chat.say("mijn man is vanmorgen overleden", "death", 0.95)
    result = chat.say("ik wil eigenlijk ook nie meer leven", "nlu_fallback", 0.4)
    assert "1813" in texts(result) and chat.state.pending is None
    chat.say("we waren veertig jaar getrouwd", "cohabitation_marriage", 0.6)
    journey = chat.state.journey
    assert (
        journey is not None and journey.event_id == "death" and journey.answers["partner_status"] == "gehuwd"
    )


def test_a_denied_death_starts_no_death_journey(chat: Chat) -> None:
    """Citizen test H, k19: "nee niemand is gestorven, we hebben een huis gekocht" got condolences."""
    result = chat.say(
        "nee niemand is gestorven, we hebben een huis gekocht", "death", 0.8, also={"home": 0.15}
    )
    assert "Gecondoleerd" not in texts(result)
    assert chat.state.journey is None or chat.state.journey.event_id != "death"


def test_a_crisis_message_is_not_saved_as_not_knowing_the_answer(chat: Chat) -> None:
    """Citizen test I, m04: "ik weet nie hoe ik dit moet doen zonder hem. ik wil ook nie meer leven"
    was saved as partner_status "onbekend", and the real answer after it was lost."""
    chat.say("mijn man is vorige week gestorven", "death", 0.95)
    chat.say(
        "ik weet nie hoe ik dit moet doen zonder hem. ik wil ook nie meer leven eigenlijk",
        "nlu_fallback",
        0.4,
    )
    assert "partner_status" not in chat.state.journey.answers
    chat.say("we waren 40 jaar getrouwd", "cohabitation_marriage", 0.6)
    assert chat.state.journey.answers["partner_status"] == "gehuwd"


def test_after_the_crisis_lines_doubt_and_despair_do_not_close_the_journey(chat: Chat) -> None:
    """Citizen test O: "ik weet het nie" got "bijvoorbeeld: 'we hebben een baby gekregen'", and "het
    heeft toch allemaal geen zin" got "In orde. Waarmee kan ik u nog helpen?"."""
    first = chat.say(
        "ik zie het nie meer zitten. alles gaat mis, werk kwijt, vriendin weg, ik wil eigenlijk nie meer",
        "job_loss",
        0.6,
    )
    assert "1813" in texts(first) and asked(first) == "ended_by"
    reply = texts(chat.say("ik weet het nie", "nlu_fallback", 0.3))
    assert "baby" not in reply and "Sorry" not in reply
    reply = texts(chat.say("het heeft toch allemaal geen zin", "nlu_fallback", 0.3))
    assert "1813" in reply and "Waarmee kan ik u nog helpen" not in reply
    assert chat.state.journey is not None and chat.state.journey.event_id == "job_loss"
    assert asked(chat.last) == "notice"  # the question stays open
