"""The date of a situation the classifier recognised from the whole story, not from a trigger phrase."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.understanding.dates import read_date, tense
from devtools.chat import TODAY, Chat, texts


def test_date_in_a_clause_that_names_no_situation_belongs_to_the_recognised_one(chat: Chat) -> None:
    # "eenmanszaak" is a trigger of starting a business; the story is about closing the shop.
    chat.say(
        "Ik heb 25 jaar een fietsenwinkel gehad, als eenmanszaak. Mijn rug wil niet meer mee, "
        "dus ik stop vrijwillig op 28 februari 2027. Wat moet ik allemaal afsluiten?",
        "stop_business",
        0.9,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "stop_business"
    assert journey.event_date == dt.date(2027, 2, 28)


def test_a_typo_in_the_event_word_keeps_the_date_of_that_clause(chat: Chat) -> None:
    # "gestorve" names no situation; "met pensioen" names retirement in the next clause.
    chat.say("mijn mama is gestorve eergisteren, ze was 67 en nog nie lang met pensioen", "death", 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "death"
    assert journey.event_date == dt.date(2026, 11, 23)


def test_a_bare_weekday_as_the_date_follows_the_tense_of_the_story(chat: Chat) -> None:
    # A birth may be past or to come; "we hebben ... gekregen" says it happened.
    chat.say("we hebben een zoontje gekregen", "birth", 0.95)
    for _ in range(6):
        journey = chat.state.journey
        assert journey is not None
        if chat.state.pending is not None and chat.state.pending.kind == "event_date":
            break
        chat.click("Weet ik niet")
    chat.say("zaterdag", "provide_date", 0.8)
    assert chat.state.journey is not None and chat.state.journey.event_date == dt.date(2026, 11, 21)


def test_no_date_question_when_no_deadline_counts_from_the_event(chat: Chat) -> None:
    # The only deadline of a first job counts from the end of the beroepsinschakelingstijd,
    # not from the end of the studies: asking that date would be a needless question.
    chat.say("ik ben klaar met school en zoek werk", "first_job", 0.95)
    result = chat.say("21 jaar", "provide_answer", 0.6)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "first_job"
    assert chat.state.pending is None
    assert journey.phase == "plan"
    assert "Ik zet 4 stappen voor u op een rij" in texts(result)


def test_the_date_in_the_clause_that_names_the_event_wins(chat: Chat) -> None:
    """Citizen test E (g39): the contract's end ("eind december") became the expected birth date,
    which moved the birth declaration deadline past the real one."""
    chat.say(
        "ik ben 3 weken geleden bevallen van ne zoon en nu hoor ik dat mijn contract nie verlengd wordt, "
        "het stopt eind december",
        "birth",
        0.6,
        {"job_loss": 0.3},
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "birth"
    assert journey.event_date == dt.date(2026, 11, 4)


def test_the_start_of_a_first_job_is_not_the_end_of_studies(chat: Chat) -> None:
    """Citizen test F, h23: "ik begin op 4 januari" was said back as "Uw studies eindigen op 4 januari"."""
    chat.say("ik ben net afgestudeerd als verpleegster", "first_job", 0.95)
    result = chat.say("ik begin op 4 januari in het UZ", "nlu_fallback", 0.4)
    journey = chat.state.journey
    assert journey is not None and journey.answers["job_status"] == "werk_gevonden"
    assert journey.event_date is None and "studies" not in texts(result)


def test_the_end_of_studies_and_the_job_start_in_one_message(chat: Chat) -> None:
    chat.say("ik ben afgestudeerd op 26 juni en ik begin op 4 januari in het UZ", "first_job", 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2026, 6, 26)
    assert journey.answers["job_status"] == "werk_gevonden"


def test_the_date_of_the_deed_is_not_the_date_of_the_compromis(chat: Chat) -> None:
    """Citizen test F, h11: "de akte was vorige week" was said back as the compromis date."""
    result = chat.say("we hebben een huis gekocht in Lokeren, de akte was vorige week", "home", 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.answers["woonsituatie"] == "kopen"
    assert journey.event_date is None and "compromis ondertekend op" not in texts(result)


def test_a_notice_still_to_be_worked_drops_the_dismissal_date(chat: Chat) -> None:
    """Citizen test G, g10: the VDAB deadline was counted from the dismissal, not the notice's end."""
    chat.say("ik heb gisteren mijn ontslag gekregen", "job_loss", 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2026, 11, 24)
    result = chat.say("ja ik moet nog 8 weken werken", "affirm", 0.6)
    assert journey.answers["notice"] == "opzeg_presteren"
    assert journey.event_date is None and "valt later dan dinsdag 24 november 2026" in texts(result)
    for _ in range(4):
        if chat.state.pending is not None and chat.state.pending.kind == "event_date":
            break
        chat.click("Weet ik niet")
    chat.say("eind januari", "provide_date", 0.8)  # ahead, though the story was told in the past
    assert journey.event_date is not None and journey.event_date.year == 2027


def test_a_notice_to_be_worked_said_first_keeps_a_past_date_out(chat: Chat) -> None:
    chat.say("ik ben ontslagen en ik moet mijn opzeg werken", "job_loss", 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.answers["notice"] == "opzeg_presteren"
    for _ in range(4):
        if chat.state.pending is not None and chat.state.pending.kind == "event_date":
            break
        chat.click("Weet ik niet")
    result = chat.say("vorige week gekregen", "provide_date", 0.6)
    assert journey.event_date is None and "valt later dan" in texts(result)
    assert chat.state.pending is not None and chat.state.pending.kind == "event_date"  # asked again


def test_a_past_tense_dates_a_purchase_behind_though_purchases_mostly_lie_ahead(chat: Chat) -> None:
    """Citizen test G, g22: "het compromis was al in augustus" was read as August next year."""
    chat.say(
        "vrijdag hebben we bij de notaris de aankoopakte getekend van ons appartement in Mechelen. "
        "het compromis was al in augustus",
        "home",
        0.95,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2026, 8, 1)


def test_a_grandparent_gets_no_birth_plan_and_the_job_loss_keeps_its_date(chat: Chat) -> None:
    """Citizen test G, g09: a grandfather became "de vader of meeouder", dated by his dismissal."""
    chat.say(
        "ik ben vorige week ontslagen bij de bpost. en ons dochter is ook net bevallen van een zoontje, "
        "ik ben opa geworden",
        "birth",
        0.7,
        also={"job_loss": 0.2},
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "job_loss"
    assert journey.event_date == dt.date(2026, 11, 16) and "birth" not in chat.state.later


def test_an_exact_date_said_later_replaces_an_approximate_one(chat: Chat) -> None:
    """Citizen test G, g05: "31 december is de laatste dag" was ignored after "eind december"."""
    chat.say(
        "ik stop met mijn zaak als zelfstandige schrijnwerker, eind december is het gedaan",
        "stop_business",
        0.9,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2026, 12, 21)
    result = chat.say("gewoon op mijn eigen naam, 31 december is de laatste dag", "nlu_fallback", 0.4)
    assert journey.event_date == dt.date(2026, 12, 31) and "31 december 2026" in texts(result)


def test_a_date_no_step_counts_from_is_not_said_back_under_a_wrong_name(chat: Chat) -> None:
    """Citizen test G, g36: a lease start was said back as the date of the compromis."""
    result = chat.say("we gaan vanaf 1 januari een appartement huren in Gent", "home", 0.9)
    journey = chat.state.journey
    assert journey is not None and journey.answers["woonsituatie"] == "huren"
    assert "compromis" not in texts(result)


def test_a_past_tense_in_the_answer_to_the_date_question_dates_behind(chat: Chat) -> None:
    """Citizen test H, k17: "het compromis was al half september" became September next year."""
    chat.say("we hebben een huis gekocht", "home", 0.95)
    for _ in range(4):
        if chat.state.pending is not None and chat.state.pending.kind == "event_date":
            break
        chat.click("Weet ik niet")
    chat.say("het compromis was al half september", "provide_date", 0.7)
    journey = chat.state.journey
    assert journey is not None and journey.event_date is not None and journey.event_date.year == 2026


def test_new_years_eve_in_flemish_is_read() -> None:
    from bot.understanding.dates import read_date

    reading = read_date("oudjaar, den 31ste", dt.date(2026, 11, 25), "either")
    assert reading is not None and reading.day == dt.date(2026, 12, 31)


def test_a_grandchild_makes_no_birth_plan(chat: Chat) -> None:
    chat.say("ik heb een kleinzoon gekregen, en ik ga in maart met pensioen", "birth", 0.7)
    journey = chat.state.journey
    assert journey is None or journey.event_id != "birth"


def test_begin_of_a_month_is_no_future_cue(chat: Chat) -> None:
    """Citizen test I, m17: "compromis getekend begin oktober" became October next year."""
    chat.say(
        "wij hebben een rijhuisje gekocht in sint-niklaas, compromis getekend begin oktober, "
        "hoe zit da nu met de registratie?",
        "home",
        0.95,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2026, 10, 1)


def test_the_tense_of_the_clause_that_dates_the_event_counts(chat: Chat) -> None:
    """Citizen test I, m06: "het compromis was al half september, de akte is volgende maand"."""
    chat.say("we gaan een huis kopen in lier", "home", 0.95)
    for _ in range(4):
        if chat.state.pending is not None and chat.state.pending.kind == "event_date":
            break
        chat.click("Weet ik niet")
    chat.say("het compromis was al half september, de akte is volgende maand", "provide_date", 0.6)
    journey = chat.state.journey
    assert journey is not None and journey.event_date is not None and journey.event_date.year == 2026


@pytest.mark.parametrize(
    ("story", "correction", "corrected"),
    [
        # citizen test J, j02: the correction kept next year's date
        (
            "we hebben een huis gekocht, het compromis is begin oktober getekend",
            "2 oktober om precies te zijn",
            "2026-10-02",
        ),
        # j03: "de 28ste" became 28 November
        (
            "we kopen een appartement, compromis getekend eind augustus",
            "ik heb het nagekeken, het was de 28ste",
            "2026-08-28",
        ),
        # a year or a relative date is read as usual
        (
            "we kopen een appartement, compromis getekend eind augustus",
            "nee, het was op 3 september 2026",
            "2026-09-03",
        ),
    ],
)
def test_a_typed_date_correction_is_read_near_the_date_recorded(
    chat: Chat, story: str, correction: str, corrected: str
) -> None:
    chat.say(story, "home", 0.95)
    for _ in range(4):
        if chat.state.pending is None:
            break
        chat.click("Nee")
    assert chat.state.journey is not None and chat.state.journey.phase == "plan"
    chat.say(correction, "provide_date", 0.6)
    assert chat.state.journey.event_date.isoformat() == corrected


def test_that_second_one_from_before_is_no_date_of_today(chat: Chat) -> None:
    chat.say("mijn vader is zaterdag overleden", "death", 0.97)
    died = chat.state.journey.event_date
    chat.say("euh dat tweede van daarnet", "nlu_fallback", 0.4)
    assert chat.state.journey.event_date == died
    assert read_date("hij is daarnet gestorven", TODAY) is not None


def test_a_date_corrected_while_a_question_is_open_is_changed_and_said_back(chat: Chat) -> None:
    chat.say("Ik wil op 1 maart met pensioen gaan, ik heb altijd als werknemer gewerkt.", "retirement", 0.95)
    assert chat.state.journey is not None and chat.state.journey.event_date.isoformat() == "2027-03-01"
    open_question = chat.state.pending.kind if chat.state.pending else None
    result = chat.say("Oei, ik bedoel 1 mei, niet 1 maart.", "provide_date", 0.6)
    assert chat.state.journey.event_date.isoformat() == "2027-05-01"
    assert "1 mei 2027" in texts(result)
    assert chat.state.pending is not None and chat.state.pending.kind == open_question
    assert open_question not in chat.state.journey.answers  # "1" is no age


def test_an_exact_day_after_an_approximate_date_keeps_its_month_while_questions_are_open(chat: Chat) -> None:
    """Citizen test K, k35: "het was de 28ste" after "eind augustus" became 28 November."""
    chat.say("mijn schoonvader is eind augustus overleden en we moeten nog de aangifte doen", "death", 0.95)
    assert chat.state.journey.event_date.isoformat() == "2026-08-21"
    chat.say("het was de 28ste", "provide_date", 0.6)
    assert chat.state.journey.event_date.isoformat() == "2026-08-28"


def test_a_denied_month_is_no_date_and_the_exact_day_of_the_same_month_wins() -> None:
    reading = read_date("nee nie november! eind augustus zei ik, de 28ste augustus", TODAY, "past")
    assert reading is not None and reading.day.isoformat() == "2026-08-28"


def test_an_age_reached_in_a_month_is_not_the_retirement_date(chat: Chat) -> None:
    """Citizen test K, k26: "66 geworden in oktober ... stoppen op 1 juli volgend jaar" was October."""
    chat.say("ik ben 66 geworden in oktober, ik wil stoppen op 1 juli volgend jaar", "retirement", 0.95)
    assert chat.state.journey.event_date.isoformat() == "2027-07-01"


def test_a_planned_operation_dates_the_illness_ahead(chat: Chat) -> None:
    """Citizen test O: "de operatie is op 7 december" was read as 7 December of last year, and the
    certificate's deadline as long past."""
    result = chat.say(
        "ik moet geopereerd worden, de operatie is op 7 december. ik ben arbeider", "illness", 0.95
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2026, 12, 7)
    assert "u kunt niet werken vanaf maandag 7 december 2026" in texts(result).lower()
    assert "al voorbij" not in texts(result)


def test_an_illness_without_a_plan_still_lies_behind(chat: Chat) -> None:
    chat.say("ik ben ziek sinds 7 november, ik werk als arbeider", "illness", 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2026, 11, 7)


def test_an_operation_that_happened_lies_behind(chat: Chat) -> None:
    chat.say("ik ben op 30 november vorig jaar geopereerd en nog altijd ziek", "illness", 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2025, 11, 30)


def test_receiving_the_dismissal_yesterday_says_who_ended_the_job(chat: Chat) -> None:
    """Citizen test O: "gisteren kreeg ik mijn ontslag" still asked how the job ended."""
    chat.say("gisteren kreeg ik mijn ontslag, ik ben bediende", "job_loss", 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("ended_by") == "ontslag_werkgever"


@pytest.mark.parametrize(
    ("story", "intent", "day"),
    [
        ("ik ben ziek sinds vrijdag, nee donderdag eigenlijk", "illness", dt.date(2026, 11, 19)),
        (
            "mijn partner is overleden op dinsdag, nee wacht het was maandag in de vroege ochtend. "
            "we waren wettelijk samenwonend",
            "death",
            dt.date(2026, 11, 23),
        ),
    ],
)
def test_a_date_corrected_in_the_first_message_counts(
    chat: Chat, story: str, intent: str, day: dt.date
) -> None:
    """dev6: the date before "nee" was kept."""
    chat.say(story, intent, 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.event_date == day


def test_a_no_after_the_date_that_corrects_nothing_keeps_it(chat: Chat) -> None:
    chat.say("ik ben ziek sinds maandag, nee ik heb nog geen briefje", "illness", 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2026, 11, 23)


def test_a_remark_on_a_deadline_does_not_move_the_illness(chat: Chat) -> None:
    """Citizen test Q (q-18): "amai da is morgen al!" moved the start of the illness to tomorrow and
    the certificate's deadline a week later."""
    chat.say("ik ben zelfstandig schilder en ben ziek sinds vorige week woensdag", "illness", 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2026, 11, 18) and journey.phase == "plan"
    result = chat.say("amai da is morgen al! en hoeveel krijg ik dan per dag ongeveer?", "illness", 0.7)
    assert journey.event_date == dt.date(2026, 11, 18)
    assert "Ik pas uw stappenplan aan" not in texts(result)


def test_a_short_correction_after_the_plan_still_moves_the_date(chat: Chat) -> None:
    chat.say("ik ben zelfstandig schilder en ben ziek sinds vorige week woensdag", "illness", 0.95)
    chat.say("oei nee, het was donderdag", "provide_date", 0.8)
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2026, 11, 19)


def test_a_long_remark_with_a_date_does_not_move_the_end_of_a_contract(chat: Chat) -> None:
    chat.say("mijn contract van bepaalde duur loopt af op 31 december", "job_loss", 0.95)
    for _ in range(6):
        if chat.state.pending is None:
            break
        chat.click("Weet ik niet")
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2026, 12, 31)
    chat.say("amai dat is al overmorgen, en hoeveel stempelgeld krijg ik dan per maand?", "job_loss", 0.6)
    assert journey.event_date == dt.date(2026, 12, 31)


def test_moving_into_a_bought_house_does_not_date_the_compromis(chat: Chat) -> None:
    """Citizen test Q (q-20): "we trekken er half februari in" became the compromis of 11 February
    2026, with the registration deadline long past."""
    chat.say(
        "wij hebben een huis gekocht in Lier, de akte is op 18 januari bij de notaris en we trekken er "
        "half februari in. moeten we da ergens melden?",
        "home",
        0.95,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "home"
    assert journey.event_date is None


def test_the_monday_after_new_year() -> None:
    reading = read_date("hij begint de maandag na nieuwjaar", dt.date(2026, 12, 1), "future")
    assert reading is not None and reading.day == dt.date(2027, 1, 4)


def test_a_remark_about_saying_it_before_does_not_put_a_move_in_the_past(chat: Chat) -> None:
    """Citizen test R (r-19): "15 december, naar zele. da had ik al gezegd" became 15 December 2025,
    with every deadline "al voorbij"."""
    chat.say("we gaan verhuizen naar Zele", "moving", 0.95)
    for _ in range(6):
        if chat.state.pending is not None and chat.state.pending.kind == "event_date":
            break
        chat.click("Weet ik niet")
    chat.say("15 december, naar zele. da had ik al gezegd", "provide_date", 0.7)
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2026, 12, 15)


def test_moving_into_a_bought_house_in_february_lies_ahead(chat: Chat) -> None:
    """Citizen test R (r-02): the move "half februari" after "we hebben een huis gekocht" was read in
    the past tense of the purchase."""
    chat.say(
        "we hebben een huis gekocht in Lier en we trekken er half februari in, "
        "wat moeten we regelen voor de verhuis?",
        "moving",
        0.9,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "moving"
    assert journey.event_date is not None and journey.event_date.year == 2027


def test_a_planned_date_lies_ahead() -> None:
    """dev2: "De oprichting bij de notaris is gepland op 4 januari" read "gepland" as a past tense."""
    assert tense("De oprichting bij de notaris is gepland op 4 januari") == "future"


def test_a_remark_on_a_deadline_does_not_move_a_move(chat: Chat) -> None:
    """Review: "amai, da is morgen al!" moved a move of 16 November to tomorrow."""
    chat.say("we zijn verhuisd op 16 november", "moving", 0.95)
    for _ in range(6):
        if chat.state.pending is None:
            break
        chat.click("Weet ik niet")
    journey = chat.state.journey
    assert journey is not None and journey.event_date == dt.date(2026, 11, 16)
    chat.say("amai, da is morgen al!", "nlu_fallback", 0.3)
    assert journey.event_date == dt.date(2026, 11, 16)
