"""A typed "nee" keeps its meaning, and a correction of the answer before is not taken as the next answer
(citizen test 2026-11-30-c, P1)."""

from __future__ import annotations

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.understanding.answers import read_answer
from devtools.chat import Chat, asked, customs, texts


@pytest.mark.parametrize(
    ("event", "question", "typed", "value"),
    [
        ("divorce", "agreement", "nee we zijn het over niks eens, ze wil het huis houden", "nee"),
        ("divorce", "agreement", "we zijn het eens", "ja"),
        ("money_problems", "ocmw_steun", "nee nog nie, ik durf nie naar het ocmw", "nee"),
        ("newcomer", "werk_of_studie", "nee ik werk nog nie, ik zoek werk. ik heb 3 kinderen", "nee"),
        ("home", "sociale_woning", "nee waarom zou ik een sociale woning willen, we zijn eigenaar", "nee"),
        ("job_loss", "notice", "ja opzegvergoeding", "opzegvergoeding"),  # "ja" confirms the option
        # The option said first, the negation at the end (citizen test 2026-11-30-d)
        ("home", "sociale_woning", "sociale woning, da wil ik nie", "nee"),
        ("moving", "has_vehicle", "een auto hebben we nie", "nee"),
        ("divorce", "agreement", "eens zijn we het zeker nie", "nee"),
        ("hire_staff", "jobseeker", "opleiden wil ik nie", "nee"),
        ("moving", "housing_tenure", "eigenaar ben ik nie, ik ga huren", "huurder"),
        ("moving", "has_vehicle", "ik heb een auto maar mijn vrouw niet", "ja"),  # "maar": another clause
    ],
)
def test_a_leading_no_or_a_closing_negation_keeps_its_meaning(
    kb: KnowledgeBase, event: str, question: str, typed: str, value: str
) -> None:
    found = kb.events[event].question(question)
    assert found is not None
    assert read_answer(found, typed).value == value


def _until(chat: Chat, question_id: str) -> None:
    for _ in range(6):
        if asked(chat.last) == question_id:
            return
        chat.click("Weet ik niet")
    raise AssertionError(f"{question_id} never asked")


def test_a_correction_of_the_answer_before_changes_that_answer_and_asks_again(chat: Chat) -> None:
    chat.say("mijn vrouw en ik gaan scheiden, we zijn getrouwd", "divorce", 0.97)
    _until(chat, "agreement")
    chat.say("ja", "affirm", 0.9)  # pressed on by mistake
    assert chat.state.journey is not None and chat.state.journey.answers["agreement"] == "ja"
    next_question = asked(chat.last)
    assert next_question is not None and next_question != "agreement"
    result = chat.say("nee, ik zei net dat we het NIET eens zijn", "deny", 0.8)
    assert chat.state.journey.answers["agreement"] == "nee"
    assert next_question not in chat.state.journey.answers  # the "nee" was not the next answer
    assert asked(result) == next_question and "aangepast" in texts(result)


def test_a_question_of_the_person_is_not_taken_as_a_yes(chat: Chat) -> None:
    chat.say("ik wil iemand aanwerven voor in mijn café", "hire_staff", 0.97)
    _until(chat, "jobseeker")
    chat.say(
        "wa bedoelt ge met zelf opleiden? ik zoek gewoon iemand voor achter de toog", "nlu_fallback", 0.3
    )
    assert "jobseeker" not in chat.state.journey.answers


def test_a_negation_of_the_following_verb_does_not_undo_the_fact(kb: KnowledgeBase) -> None:
    from bot.understanding.fact_scan import scan_facts

    question = kb.events["money_problems"].question("energieschuld")
    assert question is not None
    assert scan_facts(question, "Ik kan mijn energiefactuur niet meer betalen") == "ja"


def test_a_partner_who_lived_together_without_contract_is_not_told_they_were_no_partner(chat: Chat) -> None:
    """Citizen test D (d27): "we woonden samen maar waren nie getrouwd" got "U was niet de partner"."""
    chat.say("mijn vriend is vorige week gestorven", "death", 0.95)
    result = chat.say(
        "wa bedoelt ge met partner? we woonden samen maar waren nie getrouwd en nie wettelijk samenwonend",
        "provide_answer",
        0.5,
    )
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("partner_status") == "feitelijk_samenwonend"
    assert "U was niet de partner" not in texts(result)


@pytest.mark.parametrize(
    "message",
    ["laat maar, mijn vrouw heeft dat allemaal geregeld", "stop maar, ik praat er eerst met mijn man"],
)
def test_a_control_phrase_as_first_clause_stops_even_with_a_question_open(chat: Chat, message: str) -> None:
    """Dev corpus: the rest of the message was read as the answer ("mijn vrouw": the partner)."""
    chat.say("we hebben een zoontje gekregen", "birth", 0.95)
    assert chat.state.pending is not None
    result = chat.say(message, "provide_answer", 0.5)
    assert chat.state.journey is None and chat.state.pending is None
    assert "ik stop met" in texts(result)


def test_a_stop_word_inside_an_answer_is_no_control(chat: Chat) -> None:
    chat.say("ik wil mijn zaak stopzetten", "stop_business", 0.95)
    chat.say("stopzetting van mijn eenmanszaak, vrijwillig", "provide_answer", 0.5)
    assert chat.state.journey is not None and chat.state.journey.event_id == "stop_business"


def test_the_same_question_is_not_asked_over_and_over(chat: Chat) -> None:
    """Dev corpus: a reply read as a navigation question re-asked the date question six times."""
    chat.say("ik wil een eerste werknemer aannemen", "hire_staff", 0.95)
    chat.say("nog niet beslist", "provide_answer", 0.5)
    assert chat.state.pending is not None and chat.state.pending.kind == "event_date"
    asked_times = 0
    for _ in range(4):
        result = chat.say("wanneer moet ik dat doen?", "ask_deadline", 0.9)
        asked_times += "eerste werkdag van uw werknemer" in texts(result)
        if chat.state.pending is None:
            break
    assert chat.state.pending is None and asked_times <= 1
    journey = chat.state.journey
    assert journey is not None and journey.phase == "plan"


def test_no_date_yet_is_an_unknown_date(chat: Chat) -> None:
    chat.say("ik wil een eerste werknemer aannemen", "hire_staff", 0.95)
    chat.say("nog niet beslist", "provide_answer", 0.5)
    chat.say("nog geen datum", "provide_date", 0.5)
    journey = chat.state.journey
    assert chat.state.pending is None and journey is not None and journey.event_date is None
    assert journey.phase == "plan"


@pytest.mark.parametrize(
    ("event", "question", "typed", "value"),
    [
        # Citizen test F, h23: "nee ik heb al werk" was read as still looking for work
        ("first_job", "job_status", "nee ik heb al werk", "werk_gevonden"),
        ("first_job", "job_status", "nee, ik heb al werk gevonden", "werk_gevonden"),
        ("first_job", "job_status", "nee ik heb nog geen werk", "nog_op_zoek"),
        # Citizen test G, g20 and g01: what the person says about themselves after "nee"
        (
            "first_job",
            "job_status",
            "nee, ik begin volgende maand in een garage als mecanicien",
            "werk_gevonden",
        ),
        (
            "job_loss",
            "notice",
            "nee ik heb de brief gisteren gekregen, ik moet nog werken tot eind januari",
            "opzeg_presteren",
        ),
        # Citizen test F, h13: agreeing on most things is not agreeing on everything
        ("divorce", "agreement", "we zijn het eigenlijk wel eens over de meeste dingen", "nee"),
        ("divorce", "agreement", "ja over bijna alles", "nee"),
    ],
)
def test_an_answer_that_states_its_own_fact_is_not_turned_around(
    kb: KnowledgeBase, event: str, question: str, typed: str, value: str
) -> None:
    found = kb.events[event].question(question)
    assert found is not None
    assert read_answer(found, typed).value == value


@pytest.mark.parametrize(("intent", "confidence"), [("hire_staff", 0.55), ("nlu_fallback", 0.3)])
def test_a_fact_typed_after_the_plan_corrects_it_whatever_the_classifier_guesses(
    chat: Chat, intent: str, confidence: float
) -> None:
    chat.say("onze nv wordt ontbonden", "stop_business", 0.95)
    chat.say("vrijwillig", "nlu_fallback", 0.4)
    chat.say("nee", "deny", 0.9)
    chat.say("eind januari", "provide_date", 0.8)
    assert chat.state.journey is not None and chat.state.journey.answers["has_staff"] == "nee"
    result = chat.say("sorry, we hebben nog 1 bediende in dienst", intent, confidence)
    assert chat.state.journey.event_id == "stop_business"
    assert chat.state.journey.answers["has_staff"] == "ja"
    assert customs(result, "plan_overview") and "pas uw stappenplan aan" in texts(result)


def test_a_date_inside_the_corrected_fact_does_not_move_the_event(chat: Chat) -> None:
    chat.say("ons eerste kindje is vorige donderdag geboren", "birth", 0.97)
    chat.say("bediende", "nlu_fallback", 0.4)
    chat.say("ik ben de mama", "provide_answer", 0.5)
    assert chat.state.journey is not None and chat.state.journey.answers["employment_status"] == "werknemer"
    born = chat.state.journey.event_date
    chat.say("ah nee sorry, ik ben sinds september zelfstandige, geen bediende meer", "nlu_fallback", 0.3)
    assert chat.state.journey.answers["employment_status"] == "zelfstandige"
    assert chat.state.journey.event_date == born  # "sinds september" dates the work, not the birth


def test_a_date_corrected_as_niet_x_maar_y_after_the_plan(chat: Chat) -> None:
    """Citizen test M (m-02): "sorry, het was nie woensdag maar dinsdag" got the fallback."""
    chat.say("ik ben bediende en ben ziek sinds woensdag", "illness", 0.95)
    assert chat.state.journey is not None and str(chat.state.journey.event_date) == "2026-11-18"
    chat.say("sorry, het was nie woensdag maar dinsdag", "nlu_fallback", 0.4)
    assert str(chat.state.journey.event_date) == "2026-11-24"


def test_no_statutes_describes_an_informal_club_it_does_not_deny_it(chat: Chat) -> None:
    result = chat.say(
        "we starten een breiclubje met 8 vrouwen, niks officieels, geen statuten of zo. "
        "moeten we ons ergens registreren?",
        "nlu_fallback",
        0.3,
        {"found_association": 0.2},
    )
    assert any(b["payload"] == "/found_association" for r in result.replies for b in r.buttons)


def test_a_denied_event_is_still_ruled_out(chat: Chat) -> None:
    chat.say("nee, ik ben niet ontslagen, ik wil gewoon iets vragen", "job_loss", 0.6)
    assert chat.state.journey is None or chat.state.journey.event_id != "job_loss"
