"""Negative cases found by the review of the thirteenth session's change: what the new rules must
not catch."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.dialogue.step_place import place_in_message
from bot.understanding.dates import read_date
from bot.understanding.language import has_dutch_clause
from devtools.chat import Chat, asked

NOW = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("typed", "event"),
    [
        ("mijn vader is vannacht overleden. ik moet morgen naar de notaris in Lier", "death"),
        ("mijn vader is vannacht overleden en mijn moeder gaat verhuizen naar Gent", "death"),
        ("ons dochtertje is gisteren geboren, we gaan morgen naar huis in Aalst", "birth"),
    ],
)
def test_a_place_beside_the_event_is_not_where_it_happened(typed: str, event: str) -> None:
    assert place_in_message(typed, event) is None


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("ik schrijf voor mijn zus, haar zoontje is gisteren overleden", "geen_partner"),
        ("ik schrijf voor mijn moeder, haar zus is vannacht overleden. haar man is ook ziek", "geen_partner"),
    ],
)
def test_the_helped_persons_other_relatives_are_no_partner(chat: Chat, typed: str, value: str) -> None:
    chat.say(typed, "death", 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("partner_status") == value


def test_a_letter_on_behalf_of_a_bailiff_is_no_helper(chat: Chat) -> None:
    chat.say(
        "ik heb een brief gekregen namens een deurwaarder, mijn man is gisteren overleden", "death", 0.95
    )
    assert not chat.state.on_behalf


def test_a_recent_death_is_kept_beside_an_old_divorce(chat: Chat) -> None:
    chat.say(
        "mijn vader is vorige week overleden, hij was lang geleden gescheiden. mijn moeder moet nu verhuizen",
        "death",
        0.9,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "death"


@pytest.mark.parametrize("typed", ["7 december", "30/11"])
def test_a_death_date_without_a_cue_of_the_future_stays_behind(typed: str) -> None:
    reading = read_date(typed, dt.date(2026, 12, 2), "past")
    assert reading is not None and reading.day < dt.date(2026, 12, 2)


def test_the_date_of_the_funeral_does_not_move_the_death(chat: Chat) -> None:
    chat.say("mijn vader is gisteren overleden", "death", 0.95)
    for _ in range(4):
        if chat.state.journey is not None and chat.state.journey.phase == "plan":
            break
        chat.say("weet ik niet", "nlu_fallback", 0.4)
    before = chat.state.journey.event_date if chat.state.journey else None
    chat.say("de datum van de begrafenis is 3 december 2026", "nlu_fallback", 0.4)
    assert chat.state.journey is not None and chat.state.journey.event_date == before


@pytest.mark.parametrize(
    ("typed", "direction", "start"),
    [
        ("ik ben in de lente bevallen", "either", dt.date(2026, 3, 20)),
        ("in de zomer van 2025", "either", dt.date(2025, 6, 21)),
        ("de zomer van vorig jaar", "either", dt.date(2025, 6, 21)),
        ("sinds gisteren ziek, ik begin in het nieuwe jaar", "either", dt.date(2027, 1, 1)),
        ("ziek van de 12de", "past", dt.date(2026, 11, 12)),
        ("ontslagen op 3 mrt. vorig jaar", "past", dt.date(2025, 3, 3)),
    ],
)
def test_dates_the_new_rules_must_not_break(typed: str, direction: str, start: dt.date) -> None:
    reading = read_date(typed, NOW, direction)  # type: ignore[arg-type]
    assert reading is not None and reading.start == start


def test_a_notice_to_work_off_answers_the_notice_question_during_an_offer(chat: Chat) -> None:
    chat.say("ik ben ontslagen door mijn baas", "job_loss", 0.95)
    assert asked(chat.last) == "notice"
    chat.say("en ik ga ook verhuizen naar Gent", "moving", 0.9)
    assert chat.state.pending is not None and chat.state.pending.kind == "switch"
    chat.say("ja ik moet nog 8 weken opzeg afwerken", "provide_answer", 0.6)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "job_loss"
    assert journey.answers.get("notice") == "opzeg_presteren"


def test_not_now_keeps_an_offer_for_later(chat: Chat) -> None:
    chat.say("ik zorg voor mijn moeder van 82, ze heeft dementie", "caregiving", 0.95)
    chat.say(
        "ik werk halftijds maar het lukt niet meer om elke dag langs te gaan, en geld is krap",
        "money_problems",
        0.8,
    )
    chat.say("nee, niet nu. de geldproblemen bekijken we straks", "deny", 0.8)
    assert "money_problems" in chat.state.later


def test_that_first_one_is_five_is_an_answer_not_a_pick(chat: Chat) -> None:
    chat.say("we krijgen een baby in maart", "birth", 0.95)
    chat.say("hoeveel is het startbedrag?", "ask_amount", 0.6)
    assert chat.state.suggested
    chat.say("nee, die eerste is al 5", "deny", 0.6)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("first_child") == "nee"


def test_repeated_words_make_no_dutch_clause() -> None:
    assert not has_dutch_clause("ben de annem de Gent de oturuyoruz")
