"""Typed conversations from citizen test 2026-12-02-vi: "vorig jaar" in another sentence does not date
a move, a sick note "vanaf 7 december" lies ahead, a date correction with its year is taken after the
plan (also when phrased as a question), "zwanger van de 2de" is a second child and no date, the
place of birth or of the new home said in the first message is not asked again, negations and
corrections inside an answer ("gin bediende", "over niks eens", "nee wacht ... geen idee"), and the
English "no" and "yes"."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.dialogue.municipality import municipality_in
from bot.dialogue.state import PLAN
from bot.dialogue.step_place import place_in_message
from bot.knowledge.knowledge_base import KnowledgeBase
from bot.understanding.answers import read_answer
from bot.understanding.dates import read_date
from bot.understanding.language import detect_language
from bot.understanding.lexicon import _phrases, load_lexicon
from devtools.chat import Chat, asked

TODAY = dt.date(2026, 12, 2)


def test_last_year_in_another_sentence_does_not_date_the_move() -> None:
    typed = "Mijn man is vorig jaar overleden. Ik ga verhuizen naar een serviceflat, normaal op 15 januari."
    reading = read_date(typed, TODAY, "future")
    assert reading is not None and reading.day == dt.date(2027, 1, 15)
    reading = read_date("vorig jaar op 15 januari", TODAY)
    assert reading is not None and reading.day == dt.date(2025, 1, 15)


def test_a_sick_note_from_a_day_just_ahead_is_not_last_year() -> None:
    reading = read_date("'t is vanaf 7 december", TODAY, "past")
    assert reading is not None and reading.day == dt.date(2026, 12, 7)
    reading = read_date("hij is gestorven op 7 december", TODAY, "past")  # a past tense keeps the year
    assert reading is not None and reading.day == dt.date(2025, 12, 7)


def test_a_child_counted_is_no_day() -> None:
    typed = "ben zwanger van de 2de en ik moet bevallen binnen drie weken"
    reading = read_date(typed, TODAY, "either")
    assert reading is not None and reading.day == dt.date(2026, 12, 23)


def test_a_dialect_past_participle_dates_backwards() -> None:
    reading = read_date("os dochterke is zaoterdag gebore", TODAY, "either")
    assert reading is not None and reading.day == dt.date(2026, 11, 28)


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("ons manneke is gisteren geboren in t UZ Brussel in Jette. we woenen in Vilvoorde", "Jette"),
        ("Ik ga dus verhuizen naar een serviceflat in Sint-Niklaas, normaal op 15 januari.", "Sint-Niklaas"),
        ("ich verhoes binne drie weke nao e appartement in sint truiden", "Sint-Truiden"),
        ("hij is overleden in het ziekenhuis in Aalst", "Aalst"),
        ("we wonen in Wilrijk maar ze is geboren in Edegem", "Edegem"),
    ],
)
def test_the_place_of_the_event(typed: str, place: str) -> None:
    found = place_in_message(typed)
    assert found is not None and found.municipality.name_nl == place


def test_the_new_home_wins_over_the_old_one() -> None:
    typed = (
        "ik woon nu alleen in ons huis in Lokeren, maar dat wordt te groot. Ik ga dus verhuizen naar "
        "een serviceflat in Sint-Niklaas"
    )
    found = municipality_in(typed)
    assert found is not None and found.municipality.name_nl == "Sint-Niklaas"


def test_the_birth_place_of_the_first_message_is_not_asked_again(chat: Chat) -> None:
    chat.say(
        "ons manneke is gisteren geboren in t UZ Brussel in Jette. we wonen in Vilvoorde. t is ons derde",
        "birth",
        0.95,
    )
    chat.say("ik ben zelfstandig loodgieter", "nlu_fallback", 0.4)
    chat.say("ik ben de papa", "nlu_fallback", 0.4)
    assert chat.state.journey is not None and chat.state.journey.phase == PLAN
    chat.say("waar kan da in mijn buurt", "handoff_physical", 0.9)
    said = " ".join(reply.text or "" for reply in chat.last.replies) if chat.last else ""
    assert "Jette" in said and "In welke gemeente" not in said


def test_a_date_correction_with_its_year_moves_a_past_event_ahead(chat: Chat) -> None:
    chat.say("ik ben ziek, burn-out, de dokter heeft mij thuis gezet", "illness", 0.9)
    chat.say("ik ben arbeider in een bakkerij", "nlu_fallback", 0.4)
    chat.say("vorig jaar 7 december", "nlu_fallback", 0.4)
    assert chat.state.journey is not None and chat.state.journey.event_date == dt.date(2025, 12, 7)
    chat.say("de datum is 7 december 2026", "nlu_fallback", 0.4)
    assert chat.state.journey.event_date == dt.date(2026, 12, 7)


def test_a_correction_phrased_as_a_question_is_taken(chat: Chat) -> None:
    chat.say("ik ga verhuizen naar een serviceflat in Sint-Niklaas", "moving", 0.9)
    chat.say("ik huur", "nlu_fallback", 0.4)
    chat.say("nee", "deny", 0.9)
    chat.say("15 januari 2026", "nlu_fallback", 0.4)
    chat.say(
        "Mevrouw, u vergist zich. Ik verhuis pas op 15 januari van volgend jaar. "
        "Er is dus niets te laat, hoop ik?",
        "moving",
        0.6,
    )
    assert chat.state.journey is not None and chat.state.journey.event_date == dt.date(2027, 1, 15)


@pytest.mark.parametrize(
    ("event", "question_id", "typed", "value"),
    [
        ("divorce", "agreement", "eens?? ze neemt mijn kinders mee. over niks zijn we eens", "nee"),
        ("illness", "work_status", "'k zyn gin bediende denk 'k", None),
        ("start_business", "vat_liable", "dus ja zeker? nee wacht … geen idee eigenlijk", "weet_niet"),
        ("moving", "has_vehicle", "nee, auto heb ik wel maar die staat op Nederlands kenteken", "ja"),
        ("moving", "has_vehicle", "nee ik heb geen auto", "nee"),
        ("birth", "first_child", "ja het is ons eerste, of nee, ons tweede", "nee"),
    ],
)
def test_negations_and_corrections_inside_an_answer(
    kb: KnowledgeBase, event: str, question_id: str, typed: str, value: str | None
) -> None:
    question = kb.events[event].question(question_id)
    assert question is not None
    assert read_answer(question, typed).value == value


def test_english_yes_and_no_are_words_not_booleans() -> None:
    lexicon = load_lexicon()
    assert "no" in lexicon.no and "yes" in lexicon.yes
    with pytest.raises(ValueError, match="quote it"):
        _phrases(["nee", False])


def test_no_nee_declines_a_switch_offer(chat: Chat) -> None:
    chat.say("mijn zoon gaat volgend jaar studeren, wat moeten we regelen?", "studying", 0.9)
    chat.say("oh en ik ben zelf mijn werk kwijt sinds vorige week", "job_loss", 0.8)
    assert chat.state.pending is not None and chat.state.pending.kind == "switch"
    chat.say("no, nee", "deny", 0.9)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "studying"
    assert chat.state.pending is None or chat.state.pending.kind != "switch"
    assert asked(chat.last) is not None


def test_opnieuw_in_the_plan_says_how_to_change_an_answer(chat: Chat) -> None:
    chat.say("ik ben ziek, burn-out", "illness", 0.9)
    chat.say("ik ben arbeider", "nlu_fallback", 0.4)
    chat.say("gisteren", "nlu_fallback", 0.4)
    chat.say("opnieuw", "restart_journey", 0.9)
    said = " ".join(reply.text or "" for reply in chat.last.replies) if chat.last else ""
    assert "Stap 1 van" in said and "helemaal opnieuw" in said


@pytest.mark.parametrize(
    "typed",
    [
        "ich bin nog neet verhoesd, binne drie weke zei ich",
        "jao e klein autoke. moet ich daorveur nao t gemeintehoes?",
    ],
)
def test_limburgish_answers_are_dutch_not_german(typed: str) -> None:
    assert detect_language(typed) is None


def test_short_dialect_answers(kb: KnowledgeBase) -> None:
    job_status = kb.events["first_job"].question("job_status")
    timing = kb.events["retirement"].question("pension_timing")
    assert job_status is not None and timing is not None
    assert read_answer(job_status, "nog ni").value == "nog_op_zoek"
    assert read_answer(timing, "zo rap es meugelik").value == "vervroegd"


def test_not_meant_then_a_new_question_gets_the_faq_answer(chat: Chat) -> None:
    """vi-01: "nee da bedoel ik ni. ik werk zelf nog, krijg ik verlof ...?" got "We zijn al bezig"."""
    chat.say("hallo, mijn papa is gisteren gestorven in het ziekenhuis in brugge", "death", 0.95)
    chat.say("ja hij was al lang gepensioneerd, hij was 84", "nlu_fallback", 0.4)
    assert chat.state.journey is not None and chat.state.journey.phase == PLAN
    chat.say("en wie regelt de begrafenis eigenlijk, moet ik da zelf doen?", "death", 0.8)
    result = chat.say(
        "nee da bedoel ik ni. ik werk zelf nog, krijg ik verlof voor de begrafenis van mijn vader?",
        "death",
        0.8,
    )
    said = " ".join(reply.text or "" for reply in result.replies)
    assert "klein verlet" in said and "We zijn al bezig" not in said


def test_writing_for_a_widow_records_her_marriage_not_the_writers_relation(chat: Chat) -> None:
    """vi-28: "Ik schrijf namens mijn schoonmoeder. Haar man, mijn schoonvader, is vannacht overleden"
    got "U was niet de partner" (from "mijn schoonvader"), so no survival pension in the plan."""
    chat.say(
        "Goeiemiddag. Ik schrijf namens mijn schoonmoeder. Haar man, mijn schoonvader, is vannacht "
        "overleden in het woonzorgcentrum in Tienen. Wat moet zij doen?",
        "death",
        0.95,
    )
    assert chat.state.on_behalf
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("partner_status") == "gehuwd"


def test_pointing_at_a_suggestion_while_a_question_is_open_picks_it(chat: Chat) -> None:
    """vi-02: "ja da eerste, hoeveel dop" after the suggestions recorded "U hebt kinderen"."""
    chat.say("ey ik zen men werk kwijt, baas hee mij gisteren buiten gesmeten. wa nu", "job_loss", 0.95)
    assert (
        chat.state.journey is not None and chat.state.journey.answers.get("ended_by") == "ontslag_werkgever"
    )
    chat.say("nee ik moest direct weg, ze gaan mij een vergoeding betalen zeggen ze", "nlu_fallback", 0.4)
    assert asked(chat.last) == "has_children"
    chat.say("hoeveel krijg ik dan van den dop?", "ask_amount", 0.6)
    result = chat.say("ja da eerste, hoeveel dop", "affirm", 0.6)
    assert any(reply.custom and reply.custom.get("type") == "faq_answer" for reply in result.replies)
    assert "has_children" not in chat.state.journey.answers
    assert asked(result) == "has_children"


def test_our_first_still_answers_the_first_child_question(chat: Chat) -> None:
    chat.say("we krijgen een baby in maart", "birth", 0.95)
    assert asked(chat.last) == "first_child"
    chat.say("hoeveel is het startbedrag?", "ask_amount", 0.6)
    assert chat.state.suggested  # the suggestions are on screen
    chat.say("ja ons eerste", "affirm", 0.6)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("first_child") == "ja"


def test_a_denied_offer_is_not_kept_for_later(chat: Chat) -> None:
    """vi-22: "nee, geldproblemen heb ik niet" still got "... bewaar ik voor straks"."""
    chat.say("ik zorg voor mijn moeder van 82, ze heeft dementie", "caregiving", 0.95)
    chat.say(
        "ik werk halftijds maar het lukt niet meer om elke dag langs te gaan, en geld is krap",
        "money_problems",
        0.8,
    )
    assert chat.state.pending is not None and chat.state.pending.kind == "switch"
    result = chat.say("nee, geldproblemen heb ik niet", "deny", 0.8)
    assert "money_problems" not in chat.state.later
    assert "bewaar ik voor straks" not in " ".join(reply.text or "" for reply in result.replies)


def test_a_plain_no_keeps_the_offer_for_later(chat: Chat) -> None:
    chat.say("ik zorg voor mijn moeder van 82, ze heeft dementie", "caregiving", 0.95)
    chat.say(
        "ik werk halftijds maar het lukt niet meer om elke dag langs te gaan, en geld is krap",
        "money_problems",
        0.8,
    )
    chat.say("nee, eerst dit", "deny", 0.8)
    assert "money_problems" in chat.state.later


def test_married_in_a_divorce_is_no_wedding_to_plan(chat: Chat) -> None:
    """vi-10: "getrouwd natuurlijk, 12 jaar al" offered 'Wettelijk samenwonen of trouwen' mid-divorce."""
    chat.say("mijn vrouw is weg met de kinderen, ik wil scheiden", "divorce", 0.95)
    assert asked(chat.last) == "relation_type"
    result = chat.say(
        "ik zeg toch MIJN VROUW. getrouwd natuurlijk, 12 jaar al. zijde gij nen robot",
        "cohabitation_marriage",
        0.7,
    )
    assert not any(reply.custom and reply.custom.get("type") == "switch_offer" for reply in result.replies)
    assert chat.state.journey is not None and chat.state.journey.answers.get("relation_type") == "gehuwd"


def test_a_death_last_year_in_a_moving_story_starts_no_death_plan(chat: Chat) -> None:
    """vi-04: "Mijn man is vorig jaar overleden ... Ik ga dus verhuizen" announced two situations."""
    chat.say(
        "Goedendag, ik ben 78 jaar. Mijn man is vorig jaar overleden en ik woon nu alleen in ons huis in "
        "Lokeren, maar dat wordt te groot voor mij. Ik ga dus verhuizen naar een serviceflat in "
        "Sint-Niklaas, normaal op 15 januari. Kunt u mij helpen?",
        "moving",
        0.9,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "moving"
    assert journey.event_date == dt.date(2027, 1, 15) and chat.state.municipality == "Sint-Niklaas"
    assert "death" not in chat.state.later


def test_a_recent_death_with_a_move_keeps_both(chat: Chat) -> None:
    chat.say("mijn man is gisteren overleden en ik moet nu ook verhuizen", "death", 0.9)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "death"
    assert "moving" in chat.state.later


def test_a_helper_story_still_gives_the_helped_persons_cohabitation(chat: Chat) -> None:
    """dev7: "ik schrijf voor mijn vader: zijn vriendin is overleden. ze woonden 12 jaar samen ..." keeps
    its fact while the writer's own relation is dropped."""
    chat.say(
        "ik schrijf voor mijn vader van 74: zijn vriendin is eergisteren overleden. ze woonden 12 jaar samen "
        "maar ze hebben nooit iets getekend, niet getrouwd en geen contract",
        "death",
        0.95,
    )
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("partner_status") == "feitelijk_samenwonend"
