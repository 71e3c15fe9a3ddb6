"""The date reader without Rasa, relative to Wednesday 25 November 2026."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.understanding.dates import read_date

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "direction", "day"),
    [
        ("gisteren", "past", "2026-11-24"),
        ("eergisteren", "past", "2026-11-23"),
        ("eergister", "past", "2026-11-23"),  # Flemish
        ("ik ben al twee weken ziek", "past", "2026-11-11"),
        ("al 3 dagen ziek", "past", "2026-11-22"),
        ("vannacht", "past", "2026-11-25"),
        ("maandag", "past", "2026-11-23"),  # an event that happened: the most recent Monday
        ("maandag", "future", "2026-11-30"),  # an event to come: the next Monday
        ("zaterdag", "past", "2026-11-21"),
        ("ik ben ziek sinds maandag", "past", "2026-11-23"),
        ("vorige dinsdag", "either", "2026-11-17"),  # the Tuesday of last week
        ("dinsdag van vorige week", "past", "2026-11-17"),
        ("dinsdag van vorige week", "future", "2026-11-17"),
        ("vrijdag volgende week", "either", "2026-12-04"),
        ("zondag de 29ste", "past", "2026-11-29"),  # the weekday and the day number settle it
        ("zondag 29", "either", "2026-11-29"),
        ("vrijdag de 13de", "future", "2026-11-13"),
        ("afgelopen dinsdag", "either", "2026-11-24"),
        ("drie weken geleden", "past", "2026-11-04"),
        ("een week geleden", "past", "2026-11-18"),
        ("over twee weken", "future", "2026-12-09"),
        ("op 3 november", "past", "2026-11-03"),
        ("3 nov", "past", "2026-11-03"),
        ("12/10", "past", "2026-10-12"),
        ("15/3/2025", "past", "2025-03-15"),
        ("15 januari 2027", "future", "2027-01-15"),
        ("de 2de", "past", "2026-11-02"),
        ("de 2de", "future", "2026-12-02"),
        ("we zijn op 3 december verhuisd", "either", "2025-12-03"),
        ("we gaan verhuizen op 3 december", "either", "2026-12-03"),
        ("met kerstmis", "future", "2026-12-25"),
        ("novemer 3", "past", "2026-11-03"),
    ],
)
def test_exact_dates(text: str, direction: str, day: str) -> None:
    reading = read_date(text, TODAY, direction)  # type: ignore[arg-type]
    assert reading is not None and reading.day.isoformat() == day and reading.exact


@pytest.mark.parametrize(
    ("text", "direction", "start", "end"),
    [
        ("vorige maand", "past", "2026-10-01", "2026-10-31"),
        ("in maart", "past", "2026-03-01", "2026-03-31"),
        ("in maart", "future", "2027-03-01", "2027-03-31"),
        ("eind december", "future", "2026-12-21", "2026-12-31"),
        ("begin volgende week", "future", "2026-11-30", "2026-12-01"),
        ("vorige week", "past", "2026-11-16", "2026-11-22"),
        ("begin deze maand", "past", "2026-11-01", "2026-11-10"),
    ],
)
def test_partial_dates_count_from_their_first_day(text: str, direction: str, start: str, end: str) -> None:
    reading = read_date(text, TODAY, direction)  # type: ignore[arg-type]
    assert reading is not None and not reading.exact
    assert (reading.day.isoformat(), reading.start.isoformat(), reading.end.isoformat()) == (
        start,
        start,
        end,
    )


@pytest.mark.parametrize(
    "text",
    ["hij is 8", "ik heb 2 kinderen", "goede morgen, ik ben ziek", "op 31 november", "bel 0471/12.34.56", ""],
)
def test_no_date_is_invented(text: str) -> None:
    assert read_date(text, TODAY, "past") is None


def test_a_whole_year_is_too_vague_to_count_from() -> None:
    reading = read_date("in maart", TODAY, "past")
    assert reading is not None and not reading.too_vague


def test_after_so_many_years_is_a_duration_not_a_date() -> None:
    assert read_date("ik ben ontslagen na 9 jaar", TODAY, "past") is None
    assert read_date("na 22 jaar bij dezelfde werkgever", TODAY, "either") is None
    assert read_date("ik werk er al 5 jaar", TODAY, "past") is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("op 2 december, nee wacht het is 3 december", "2026-12-03"),
        ("zaterdag 14 november, maar wacht, nee het was de 7de", "2026-11-07"),
        ("nee wacht, het was 12 november", "2026-11-12"),
        # citizen test M: "niet X maar Y" means Y
        ("sorry, het was nie woensdag maar dinsdag", "2026-11-24"),
        ("niet op 3 november maar op 4 november", "2026-11-04"),
        ("ik ben nie zeker maar het was 12 november", "2026-11-12"),
    ],
)
def test_the_date_after_a_correction_is_meant(text: str, day: str) -> None:
    reading = read_date(text, TODAY, "either")
    assert reading is not None and reading.day.isoformat() == day


def test_a_name_with_a_month_abbreviation_is_not_a_date() -> None:
    assert read_date("hij is gestorven in het AZ Sint-Jan in Brugge", TODAY, "past") is None
    reading = read_date("op 3 jan", TODAY, "past")
    assert reading is not None and reading.day == dt.date(2026, 1, 3)
    reading = read_date("over 2 jaar", TODAY, "future")
    assert reading is not None and reading.day == dt.date(2028, 11, 25)


@pytest.mark.parametrize(
    ("text", "direction", "day"),
    [
        # Citizen test E (g06): "vorig jaar in maart" was read as March of this year.
        ("vorig jaar in maart", "either", "2025-03-01"),
        ("op 3 maart vorig jaar", "either", "2025-03-03"),
        ("volgend jaar in mei", "either", "2027-05-01"),
        ("we trouwen volgend jaar op 14 augustus", "either", "2027-08-14"),
        # Citizen test E (g49) and the dev corpus: not read, so the date was asked again.
        ("mijne man is gisterennacht gestorven", "past", "2026-11-29"),
        ("gisterenavond", "past", "2026-11-29"),
        ("afgelopen nacht", "past", "2026-11-30"),
        ("ze is deze nacht overleden", "past", "2026-11-30"),
    ],
)
def test_years_and_nights_as_people_say_them(text: str, direction: str, day: str) -> None:
    reading = read_date(text, dt.date(2026, 11, 30), direction)  # type: ignore[arg-type]
    assert reading is not None and reading.day.isoformat() == day


@pytest.mark.parametrize(
    ("text", "direction", "start", "end"),
    [
        ("vorig weekend", "past", "2026-11-21", "2026-11-22"),
        ("afgelopen weekend", "either", "2026-11-21", "2026-11-22"),
        ("dit weekend", "future", "2026-11-28", "2026-11-29"),
        ("eind dit jaar", "future", "2026-12-21", "2026-12-31"),
        ("begin volgend jaar", "future", "2027-01-01", "2027-01-10"),
        ("eind vorig jaar", "past", "2025-12-21", "2025-12-31"),
    ],
)
def test_weekends_and_parts_of_a_year(text: str, direction: str, start: str, end: str) -> None:
    reading = read_date(text, TODAY, direction)  # type: ignore[arg-type]
    assert reading is not None
    assert (reading.start.isoformat(), reading.end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Mijn man Jan is zondagavond plots overleden", "2026-11-22"),
        ("Mijn broer is maandagochtend overleden", "2026-11-23"),
        ("vrijdagnacht bevallen", "2026-11-20"),
    ],
)
def test_a_weekday_with_a_part_of_the_day(text: str, day: str) -> None:
    reading = read_date(text, TODAY, "past")
    assert reading is not None and reading.day.isoformat() == day


def test_an_earlier_message_is_no_date() -> None:
    assert read_date("euh dat tweede van daarnet", TODAY) is None
    assert read_date("in het weekend", TODAY) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("op de 3de van deze maand", "2026-11-03"),
        ("de 15de van vorige maand", "2026-10-15"),
        ("de 2de van volgende maand", "2026-12-02"),
    ],
)
def test_a_day_of_this_last_or_next_month(text: str, day: str) -> None:
    reading = read_date(text, TODAY, "either")
    assert reading is not None and reading.exact and reading.day.isoformat() == day


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # citizen test O (today Tuesday 1 December 2026)
        ("den 3e van volgende maand", dt.date(2027, 1, 3)),
        ("zaterdag binnen twee weken", dt.date(2026, 12, 12)),
        ("nee, ik zei zaterdag, den 12e", dt.date(2026, 12, 12)),
        ("de 15e van december", dt.date(2026, 12, 15)),
        ("over twee weken", dt.date(2026, 12, 15)),
    ],
)
def test_spoken_flemish_dates_ahead(typed: str, expected: dt.date) -> None:
    reading = read_date(typed, dt.date(2026, 12, 1), "future")
    assert reading is not None and reading.exact and reading.day == expected


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("mijn laatste dag is 30 november", "2026-11-30"),  # said on 1 December: yesterday
        ("30 november zei ik toch al, gisteren dus", "2026-11-30"),
        ("op 10 november", "2026-11-10"),
        ("15 oktober", "2027-10-15"),  # seven weeks back: too far to be what an event to come meant
        ("op 2 december", "2026-12-02"),
    ],
)
def test_a_day_just_past_for_an_event_to_come_is_not_a_year_ahead(text: str, day: str) -> None:
    reading = read_date(text, dt.date(2026, 12, 1), "future")
    assert reading is not None and reading.day == dt.date.fromisoformat(day)
