"""Typed conversations from citizen test 2026-12-01-t: the wish to be with the one who died gets the
crisis lines, a son named by his first name is no partner, an FAQ question typed in the middle of a
journey is answered and the open question asked once, and "van een dochtertje" states no older child."""

from __future__ import annotations

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.understanding.fact_scan import scan_facts
from devtools.chat import Chat, asked, customs, scored_chat, texts


@pytest.mark.parametrize(
    "typed",
    [
        "eigenlijk wil ik gewoon bij haar zijn",
        "ik wou dat ik bij haar was",
        "ik weet nie hoe ik verder moet zonder haar. eigenlijk wil ik gewoon bij haar zijn",
    ],
)
def test_the_wish_to_be_with_the_one_who_died_gets_1813_and_is_no_answer(chat: Chat, typed: str) -> None:
    chat.say("mijn vrouw is gisteren gestorven", "death", 0.97)
    assert asked(chat.last) == "partner_status"
    result = chat.say(typed, "nlu_fallback", 0.4)
    assert "1813" in texts(result) and "106" in texts(result)
    assert chat.state.journey is not None and "partner_status" not in chat.state.journey.answers


def test_being_with_someone_is_no_crisis_without_a_loss(chat: Chat) -> None:
    chat.say("ik ga samenwonen met mijn vriendin", "cohabitation_marriage", 0.95)
    result = chat.say("ik wil bij haar zijn, daarom gaan we samenwonen", "nlu_fallback", 0.4)
    assert "1813" not in texts(result)


def test_a_son_named_by_his_first_name_is_not_the_partner_and_the_father_is_understood(chat: Chat) -> None:
    first = chat.say("Tom is vannacht gestorven, mijn vrouw is helemaal in shock", "death", 0.95)
    assert "U was de partner" not in texts(first)
    assert asked(first) == "partner_status"
    chat.say("ik ben zijn vader", "nlu_fallback", 0.4)
    assert chat.state.journey is not None
    assert chat.state.journey.answers["partner_status"] == "geen_partner"


def test_the_partner_named_in_the_loss_is_still_taken_as_the_partner(chat: Chat) -> None:
    first = chat.say("Mijn vrouw is vannacht gestorven", "death", 0.95)
    assert "U was de partner van de overledene" in texts(first)


def test_an_answer_outside_our_guess_corrects_the_guess(chat: Chat) -> None:
    chat.say("mijn man is gisteren gestorven", "death", 0.97)
    assert chat.state.journey is not None and "partner_status" in chat.state.journey.narrowed
    chat.say("nee sorry, ik ben zijn moeder, mijn man heeft het gemeld", "nlu_fallback", 0.4)
    assert chat.state.journey.answers["partner_status"] == "geen_partner"


def test_an_faq_question_typed_in_a_journey_is_answered_and_the_question_asked_once(
    kb: KnowledgeBase,
) -> None:
    chat = scored_chat(kb)
    chat.say("mijn vriendin is bevallen van een dochtertje, we zijn niet getrouwd", "birth", 0.95)
    open_question = asked(chat.last)
    result = chat.say("moet ik haar dan erkennen?", "nlu_fallback", 0.4)
    assert customs(result, "faq_answer")
    assert "erkent u het kind" in texts(result)
    assert len(customs(result, "question")) == 1 and asked(result) == open_question


def test_born_of_a_daughter_states_no_older_child(kb: KnowledgeBase) -> None:
    question = kb.events["birth"].question("first_child")
    assert question is not None
    assert scan_facts(question, "mijn vriendin is bevallen van een dochtertje") is None
    assert scan_facts(question, "we hebben al een dochtrtje") == "nee"  # a typo in a whole word still counts


def test_the_day_the_news_came_is_not_the_end_of_a_notice_still_worked(chat: Chat) -> None:
    chat.say("afgedankt na 15 jaar", "job_loss", 0.95)
    chat.say("ik moet nog 3 maand presteren", "nlu_fallback", 0.4)
    chat.say("neen", "deny", 0.9)
    assert asked(chat.last) == "event_date"
    result = chat.say("ze hebben het mij maandag gezegd", "nlu_fallback", 0.4)
    assert chat.state.journey is not None and chat.state.journey.event_date is None
    assert "nieuws" in texts(result) and asked(result) == "event_date"
    chat.say("eind februari", "nlu_fallback", 0.4)
    assert chat.state.journey.event_date is not None and chat.state.journey.event_date.month == 2


@pytest.mark.parametrize(("typed", "day"), [("maandag", 23), ("op 15 december", 15)])
def test_a_weekday_after_a_paid_out_notice_is_the_one_just_past(chat: Chat, typed: str, day: int) -> None:
    chat.say("ik ben mijn werk kwijt na 22 jaar", "job_loss", 0.9)
    chat.say("ze hebben mij buiten gezet", "nlu_fallback", 0.4)
    chat.say("ik moet niet meer gaan werken, ik krijg 9 maanden loon als vergoeding", "nlu_fallback", 0.4)
    chat.say("ja", "affirm", 0.9)
    assert asked(chat.last) == "event_date"
    chat.say(typed, "nlu_fallback", 0.4)
    assert chat.state.journey is not None and chat.state.journey.event_date is not None
    assert chat.state.journey.event_date.day == day  # Monday 23 November; 15 December still ahead


@pytest.mark.parametrize(
    "typed",
    [
        "laat maar. ik ben gewoon zo moe, soms denk ik dat ik er ook beter nie meer zou zijn",
        "ik zou er beter nie meer zijn",
    ],
)
def test_wishing_not_to_be_there_in_flemish_gets_1813_and_no_answer(chat: Chat, typed: str) -> None:
    chat.say("ik zorg voor mijn moeder met dementie", "caregiving", 0.9)
    result = chat.say(typed, "nlu_fallback", 0.4)
    assert "1813" in texts(result)
    assert chat.state.journey is not None and chat.state.journey.answers == {}  # "niet meer" is no answer


@pytest.mark.parametrize(
    ("typed", "line"),
    [
        ("is er een plek waar ik vannacht met de kinderen kan slapen? ik heb geen eigen geld", "CAW"),
        ("ik heb een veilige slaapplaats nodig", "CAW"),
        ("ik ben bang van hem", "1712"),
    ],
)
def test_after_violence_a_place_to_sleep_and_fear_get_help(chat: Chat, typed: str, line: str) -> None:
    chat.say("mijn man slaat mij en ik wil weg met de kinderen", "divorce", 0.8)
    assert line in texts(chat.say(typed, "nlu_fallback", 0.4))


def test_retiring_at_65_is_early_retirement(kb: KnowledgeBase) -> None:
    from bot.understanding.answers import read_answer

    question = kb.events["retirement"].question("pension_timing")
    assert question is not None
    assert read_answer(question, "als ik 65 word, da's toch de gewone leeftijd?").value == "vervroegd"
    assert scan_facts(question, "Sinds 1 oktober ben ik met pensioen. Ik was bijna 40 jaar bediende.") == (
        "al_gepensioneerd"
    )


def test_a_young_child_who_died_is_a_child_loss_not_a_partner_question(chat: Chat) -> None:
    result = chat.say("ons zoontje van 6 is zaterdag verongelukt", "death", 0.95)
    assert "kindje" in texts(result)
    assert asked(result) != "partner_status"


def test_a_grandchild_named_beside_a_death_is_no_child_loss() -> None:
    from bot.understanding.signals import signals_child_loss

    assert not signals_child_loss("mijn vader is gestorven, ons dochtertje vraagt waar opa is")


@pytest.mark.parametrize(
    ("first", "intent", "year"),
    [
        (
            "dag, mijn vriendin is zwanger, ze moet bevallen eind januari. we zijn nie getrouwd.",
            "birth",
            2027,
        ),
        ("ik ben nog nie verhuisd, da's den 15de januari", "moving", 2027),
    ],
)
def test_what_has_not_happened_yet_is_dated_ahead(chat: Chat, first: str, intent: str, year: int) -> None:
    if intent == "moving":
        chat.say("ik ga verhuizen", "moving", 0.95)
        intent = "nlu_fallback"
    chat.say(first, intent, 0.95)
    assert chat.state.journey is not None and chat.state.journey.event_date is not None
    assert chat.state.journey.event_date.year == year


def test_a_later_day_that_denies_the_recorded_one_corrects_the_plan(chat: Chat) -> None:
    chat.say(
        "ik stop met mijn frituur eind dit jaar, ik ben het beu. ik heb nen eenmanszaak.",
        "stop_business",
        0.95,
    )
    chat.say("ene student in het weekend. de laatste dag is 31 december", "studying", 0.6)
    assert chat.state.journey is not None and chat.state.journey.answers["has_staff"] == "ja"
    assert chat.state.journey.event_date is not None and chat.state.journey.event_date.day == 31


def test_a_day_denied_after_the_plan_is_a_correction(chat: Chat) -> None:
    chat.say(
        "ik stop met mijn frituur eind dit jaar, ik ben het beu. ik heb nen eenmanszaak.",
        "stop_business",
        0.95,
    )
    chat.say("nee", "deny", 0.9)
    result = chat.say("ik stop op 31 december, nie op 21 december", "nlu_fallback", 0.4)
    assert chat.state.journey is not None and chat.state.journey.event_date is not None
    assert chat.state.journey.event_date.day == 31 and "31 december" in texts(result)


def test_being_married_is_no_wedding_to_plan(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say("ik ga binnenkort met pensioen", "retirement", 0.95)
    result = chat.say("nee, gewoon hoeveel ik krijg. ik ben getrouwd", "cohabitation_marriage", 0.8)
    assert not customs(result, "switch_offer")
    assert chat.state.journey is not None and chat.state.journey.event_id == "retirement"


def test_a_widow_and_a_widower_moving_in_together_start_the_cohabitation(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    result = chat.say(
        "Wij zijn allebei weduwe en weduwnaar en we gaan op onze oude dag nog samenwonen in zijn flat.",
        "death",
        0.6,
        {"cohabitation_marriage": 0.3},
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "cohabitation_marriage"
    assert "Gecondoleerd" not in texts(result)


def test_after_a_child_loss_the_steps_are_offered_and_know_it_was_a_child(chat: Chat) -> None:
    result = chat.say(
        "Ons dochtertje is gestorven, 3 dagen na haar geboorte. Wat met de papieren?", "death", 0.95
    )
    assert any(b["payload"] == "/death" for r in result.replies for b in r.buttons)
    chat.say("/death", "death", 1.0)
    assert chat.state.journey is not None
    assert chat.state.journey.answers == {"partner_status": "geen_partner", "deceased_retired": "nee"}


@pytest.mark.parametrize(
    ("told", "value"),
    [
        ("gewoon als ik 66 word, volgend jaar", "wettelijk"),  # not a fuzzy "als ik 65 word"
        ("ik ben 65 en heb altijd als bediende gewerkt", None),  # today's age is no retirement age
        ("Daarna ga ik voor ons moeder zorgen, ze is 90", None),  # someone else's age neither
        ("Ik wil stoppen op 1 september 2027, dan ben ik 65.", "vervroegd"),
    ],
)
def test_pension_timing_is_not_guessed_from_other_numbers(
    kb: KnowledgeBase, told: str, value: str | None
) -> None:
    question = kb.events["retirement"].question("pension_timing")
    assert question is not None
    assert scan_facts(question, told) == value


# Review of the session's diff (helper, 2 December): each case misfired on the first version.


@pytest.mark.parametrize(
    ("told", "child_loss"),
    [
        ("Mijn vrouw is gestorven bij de geboorte van ons dochtertje", False),
        ("Hoe vertel ik ons kindje dat zijn papa overleden is?", False),
        ("Mijn man en ons zoontje zijn verongelukt", False),
        ("onze baby is vannacht overleden", True),
    ],
)
def test_a_child_loss_needs_the_child_to_be_the_one_who_died(told: str, child_loss: bool) -> None:
    from bot.understanding.signals import signals_child_loss

    assert signals_child_loss(told) is child_loss


def test_after_a_miscarriage_no_steps_after_a_death_are_offered(chat: Chat) -> None:
    result = chat.say("ik heb een miskraam gehad", "nlu_fallback", 0.5)
    assert not any(b["payload"] == "/death" for r in result.replies for b in r.buttons)


@pytest.mark.parametrize(
    ("typed", "crisis"),
    [
        ("ik wou dat ik er niet meer was", True),
        ("kzou beter nie meer zijn", True),
        ("ik wou dat ik bij hem was toen hij stierf", False),
        ("ik wil naar haar toe om afscheid te nemen", False),
    ],
)
def test_crisis_after_a_loss_and_regret_are_told_apart(chat: Chat, typed: str, crisis: bool) -> None:
    chat.say("mijn man is zaterdag gestorven", "death", 0.97)
    assert ("1813" in texts(chat.say(typed, "nlu_fallback", 0.4))) is crisis


@pytest.mark.parametrize(
    ("event", "question_id", "told", "value"),
    [
        ("retirement", "pension_timing", "Ik ben al met pensioen, op mijn 63 gestopt", "al_gepensioneerd"),
        ("disability", "age_group", "Ons zoontje heeft autisme, wat als hij 18 wordt?", "kind"),
        (
            "caregiving",
            "cared_person_age",
            "Ik ben op mijn 58 gestopt om voor mijn moeder te zorgen, ze is 84",
            "vanaf_65",
        ),
        (
            "hire_staff",
            "first_employee",
            "Ik ben nu twee jaar zelfstandig loodgieter en wil iemand in dienst nemen",
            None,
        ),
        ("birth", "employment_status", "ik werk als bediende voor een zelfstandige boekhouder", "werknemer"),
    ],
)
def test_ages_and_phrases_do_not_override_what_was_said(
    kb: KnowledgeBase, event: str, question_id: str, told: str, value: str | None
) -> None:
    question = kb.events[event].question(question_id)
    assert question is not None
    assert scan_facts(question, told) == value


@pytest.mark.parametrize(
    ("told", "year", "month"),
    [
        ("We zijn nog niet lang geleden verhuisd, op 20 oktober", 2026, 10),
        ("Mijn vrouw heeft zaterdag moeten bevallen", 2026, 11),
    ],
)
def test_what_happened_is_not_dated_ahead(told: str, year: int, month: int) -> None:
    import datetime as dt

    from bot.understanding.dates import read_date

    reading = read_date(told, dt.date(2026, 11, 25), "either")
    assert reading is not None and (reading.day.year, reading.day.month) == (year, month)
    assert reading.day <= dt.date(2026, 11, 25)


def test_a_future_end_date_with_gezegd_is_taken(chat: Chat) -> None:
    chat.say("afgedankt na 15 jaar", "job_loss", 0.95)
    chat.say("ik moet nog 3 maand presteren", "nlu_fallback", 0.4)
    chat.say("neen", "deny", 0.9)
    chat.say("Mijn baas heeft gezegd dat mijn laatste dag 28 februari is", "nlu_fallback", 0.4)
    assert chat.state.journey is not None and chat.state.journey.event_date is not None
    assert (chat.state.journey.event_date.month, chat.state.journey.event_date.day) == (2, 28)


@pytest.mark.parametrize(
    ("told", "violence"),
    [("ik ben bang voor haar reactie", False), ("ik ben echt bang van hem", True)],
)
def test_fear_of_a_reaction_is_no_violence(told: str, violence: bool) -> None:
    from bot.understanding.signals import signals_violence

    assert signals_violence(told) is violence


def test_renovation_sleeping_elsewhere_is_no_homelessness() -> None:
    from bot.understanding.signals import signals_homeless

    assert not signals_homeless("We verbouwen de badkamer, waar kunnen we slapen tijdens de werken?")
