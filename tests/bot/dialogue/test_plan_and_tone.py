"""The plan is never cut short; the tone fits the situation; control words mean what they say."""

from __future__ import annotations

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.understanding.fact_scan import scan_facts
from devtools.chat import Chat, asked, customs, texts


def _answer_everything_unknown(chat: Chat):
    result = chat.last
    for _ in range(10):
        if asked(result) is None:
            return result
        result = chat.click("Weet ik niet")
    raise AssertionError("questions did not end")


@pytest.mark.parametrize(
    "event",
    [
        "birth",
        "death",
        "illness",
        "divorce",
        "start_business",
        "money_problems",
        "retirement",
        "studying",
        "hire_staff",
        "newcomer",
    ],
)
def test_every_path_gets_intro_rights_overview_and_step_one(kb: KnowledgeBase, event: str) -> None:
    chat = Chat(kb)
    chat.say(f"/{event}", event, 1.0)
    result = _answer_everything_unknown(chat)
    overview = customs(result, "plan_overview")
    cards = customs(result, "step_card")
    assert overview and len(overview[0]["steps"]) == cards[0]["total"]
    assert cards[0]["number"] == 1
    overview_text = next(
        r.text for r in result.replies if r.custom and r.custom.get("type") == "plan_overview"
    )
    assert overview_text.startswith(kb.events[event].title)
    assert all(step["title"] in overview_text for step in overview[0]["steps"])
    if kb.events[event].rights:
        assert "Rechten die u misschien hebt" in texts(result)


def test_after_a_digression_the_plan_still_starts_at_the_overview(chat: Chat) -> None:
    chat.say("ik ben ziek", "illness", 0.99)
    chat.say("ik verhuis ook", "moving", 0.9)
    chat.say("nee", "deny", 0.9)
    chat.say("bediende", "nlu_fallback", 0.4)
    result = chat.say("gisteren", "provide_date", 0.8)
    assert customs(result, "plan_overview") and customs(result, "step_card")[0]["number"] == 1


def test_the_last_step_ends_clearly_and_offers_what_was_put_aside(chat: Chat) -> None:
    chat.say("ik ben ziek en ik ga verhuizen", "illness", 0.8, also={"moving": 0.18})
    chat.say("zelfstandige", "nlu_fallback", 0.3)
    chat.say("weet ik niet", "nlu_fallback", 0.3)
    total = customs(chat.last, "step_card")[0]["total"]
    for _ in range(total - 1):
        chat.say("volgende stap", "next_step", 0.99)
    last_card = customs(chat.last, "step_card")[0]
    assert last_card["number"] == total
    assert not any(b["title"] == "Volgende stap" for r in chat.last.replies for b in r.buttons)
    result = chat.say("volgende stap", "next_step", 0.99)
    assert "Dit was de laatste stap" in texts(result)
    assert any("Verhuizen" in b["title"] for r in result.replies for b in r.buttons)


@pytest.mark.parametrize(
    ("message", "event", "words"),
    [
        ("mijn moeder is gestorven", "death", "gecondoleerd"),
        ("we hebben een baby gekregen", "birth", "proficiat"),
        ("we gaan scheiden", "divorce", "moeilijk"),
        ("ik heb schulden en ik schaam me zo", "money_problems", "schamen"),
        ("ik ben ontslagen", "job_loss", "vervelend"),
    ],
)
def test_first_reply_fits_the_situation(chat: Chat, message: str, event: str, words: str) -> None:
    result = chat.say(message, event, 0.95)
    assert words in texts(result).lower()


def test_every_life_event_has_its_own_first_reply(kb: KnowledgeBase) -> None:
    openings = {event.opening for event in kb.events.values()}
    assert len(openings) == len(kb.events) and all(openings)


@pytest.mark.parametrize("message", ["ik zie het niet meer zitten", "ik wil er een einde aan maken"])
def test_crisis_gets_the_crisis_lines_even_mid_question(chat: Chat, message: str) -> None:
    chat.say("ik heb schulden", "money_problems", 0.95)
    result = chat.say(message, "money_problems", 0.6)
    assert "1813" in texts(result) and "106" in texts(result)
    assert any(b["payload"] == "/request_human" for r in result.replies for b in r.buttons)
    assert chat.state.handoff_reason == "distress"


def test_exhaustion_is_acknowledged_and_the_journey_goes_on(chat: Chat) -> None:
    result = chat.say("ik zorg voor mijn vader en ik kan het bijna niet meer aan", "caregiving", 0.9)
    assert "zwaar" in texts(result) and asked(result) == "employment_status"


def test_stop_ends_the_journey(chat: Chat) -> None:
    chat.say("ik ben ziek", "illness", 0.99)
    result = chat.say("stop", "nlu_fallback", 0.3)
    assert chat.state.journey is None and chat.state.pending is None
    assert "stop" in texts(result).lower()


def test_something_else_puts_the_journey_aside(chat: Chat) -> None:
    chat.say("ik ben ziek", "illness", 0.99)
    chat.say("iets anders", "nlu_fallback", 0.3)
    assert chat.state.journey is None and chat.state.suspended[0].event_id == "illness"
    result = chat.say("we gaan trouwen", "cohabitation_marriage", 0.98)
    assert chat.state.journey.event_id == "cohabitation_marriage" and not customs(result, "switch_offer")


def test_opnieuw_shows_the_plan_from_the_start(chat: Chat) -> None:
    chat.say("ik ben ziek sinds maandag", "illness", 0.99)
    chat.say("bediende", "nlu_fallback", 0.4)
    chat.say("volgende stap", "next_step", 0.99)
    result = chat.say("opnieuw", "restart_journey", 0.6)
    assert customs(result, "plan_overview") and customs(result, "step_card")[0]["number"] == 1


def test_a_typed_correction_rebuilds_the_plan(chat: Chat) -> None:
    chat.say("ik ben ziek sinds maandag", "illness", 0.99)
    chat.say("arbeider", "nlu_fallback", 0.4)
    result = chat.say("sorry, ik ben bediende", "provide_answer", 0.7)
    assert chat.state.journey.answers["work_status"] == "bediende"
    assert customs(result, "plan_overview")


def test_approximate_date_is_said_back_and_counts_from_the_first_day(chat: Chat) -> None:
    chat.say("ik ben ziek", "illness", 0.99)
    chat.say("bediende", "nlu_fallback", 0.4)
    result = chat.say("ergens vorige week", "provide_date", 0.6)
    assert chat.state.journey.event_date.isoformat() == "2026-11-16"
    assert "vorige week" in texts(result) and "maandag 16 november 2026" in texts(result)


def test_button_clicks_still_work(chat: Chat) -> None:
    chat.say("/birth", "birth", 1.0)
    chat.click("Ja, mijn eerste kind")
    chat.click("Werknemer")
    chat.click("Ik ben de vader")
    result = chat.click("Gisteren")
    assert chat.state.journey.answers == {
        "first_child": "ja",
        "employment_status": "werknemer",
        "parent_role": "partner",
    }
    assert customs(result, "step_card")


@pytest.mark.parametrize(
    "message",
    [
        "soms denk ik dat het beter zou zijn als ik er niet meer was",
        "iedereen zou beter af zijn zonder mij",
        "ik wil slapen en nooit meer wakker worden",
    ],
)
def test_indirect_crisis_messages_get_the_crisis_lines(chat: Chat, message: str) -> None:
    result = chat.say(message, "job_loss", 0.7)
    assert "1813" in texts(result) and "106" in texts(result)
    assert chat.state.journey is None


def test_after_a_crisis_no_guessed_situation_is_offered(chat: Chat) -> None:
    result = chat.say("ik ga mezelf iets aandoen", "start_business", 0.93)
    assert "1813" in texts(result)
    assert "Proficiat" not in texts(result) and chat.state.pending is None


def test_a_stillbirth_gets_condolences_not_congratulations(chat: Chat) -> None:
    result = chat.say("onze baby is vorige week doodgeboren", "birth", 0.95)
    assert "Gecondoleerd" in texts(result) and "Proficiat" not in texts(result)
    assert chat.state.journey is None
    assert any(b["payload"] == "/request_human" for r in result.replies for b in r.buttons)


def test_a_passed_deadline_is_flagged(chat: Chat) -> None:
    chat.say("ik ben ziek sinds 1 oktober", "illness", 0.99)
    result = chat.say("arbeider", "hire_staff", 0.9)  # 14 days for the certificate: long gone
    assert "deze termijn is al voorbij" in texts(result)


def test_the_municipality_can_be_corrected_later(chat: Chat) -> None:
    chat.say("ik ben ziek sinds maandag en ik woon in Gent", "illness", 0.99)
    assert chat.state.municipality == "Gent"
    chat.say("bediende", "nlu_fallback", 0.4)
    result = chat.say("sorry, ik woon eigenlijk in Brugge", "provide_municipality", 0.8)
    assert chat.state.municipality == "Brugge" and "Brugge" in texts(result)


def test_a_guessed_event_gets_no_congratulations_in_a_switch_offer(chat: Chat) -> None:
    chat.say("mijn man is overleden", "death", 0.99)
    result = chat.say("we waren dertig jaar samen en hadden plannen", "cohabitation_marriage", 0.92)
    assert "Proficiat" not in texts(result)


def test_a_parent_asking_for_a_student_is_not_addressed_as_the_student(chat: Chat) -> None:
    result = chat.say(
        "mijn zoon gaat volgend jaar naar de unief in leuven, welke studiebeurs kan hij krijgen?",
        "studying",
        0.9,
    )
    said = texts(result).lower()
    assert "u gaat studeren" not in said and "de student" in said
    result = chat.say("hij gaat op kot", "provide_answer", 0.6)
    assert chat.state.journey.answers["woonsituatie"] == "kot"
    assert "de student gaat op kot" in texts(result).lower()


def test_an_earlier_retirement_gets_no_steps_of_a_future_one(chat: Chat) -> None:
    """Citizen test D: "ik ben al met pensioen" got 'Vraag uw pensioen aan' and the question
    'Wanneer wilt u met pensioen gaan?'."""
    chat.say("ik ben gepensioneerd sinds 1 juli, wat moet ik nog doen", "retirement", 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("pension_timing") == "al_gepensioneerd"
    assert chat.state.pending is not None and chat.state.pending.kind == "career_type"
    # Where one lives no longer changes this plan: the plan follows at once.
    result = chat.say("zelfstandige", "provide_answer", 0.6)
    replies = texts(result)
    assert "hoeft u zelf geen stappen te zetten" in replies
    assert "Ik zet 0 stappen" not in replies and "Vraag uw pensioen aan" not in replies
    assert "Inkomensgarantie voor ouderen" in replies


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("op welke leeftijd mag ik op pensioen?", None),
        ("wil met pensioen gaan, was zelfstandig schrijnwerker, hoe aanvrage", None),
        ("ik ga volgend jaar met pensioen", None),
        ("wanneer kan ik met pensioen", None),
        ("ik ben al met pensioen sinds juli", "al_gepensioneerd"),
        ("ik ben gepensioneerd sinds 1 juli", "al_gepensioneerd"),
    ],
)
def test_only_a_person_already_retired_is_read_as_retired(
    kb: KnowledgeBase, message: str, expected: str | None
) -> None:
    """Dev corpus: "op welke leeftijd mag ik op pensioen?" was read as already retired (a typo
    match of "al op pensioen")."""
    question = next(q for q in kb.get("retirement").questions if q.id == "pension_timing")
    assert scan_facts(question, message) == expected


def test_no_question_that_can_no_longer_change_the_plan(chat: Chat) -> None:
    """Citizen tests D and E: a buyer was asked "Wilt u een sociale woning huren?"."""
    chat.say("we hebben een huis gekocht in mortsel", "home", 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("woonsituatie") == "kopen"
    asked_now = chat.state.pending.kind if chat.state.pending else None
    assert asked_now != "sociale_woning"
    for _ in range(3):  # answer whatever is asked until the plan; social housing never comes
        if chat.state.pending is None:
            break
        assert chat.state.pending.kind != "sociale_woning"
        chat.say("weet ik niet", "provide_answer", 0.5)
    assert journey.phase == "plan"


@pytest.mark.parametrize(
    ("typed", "intent", "event"),
    [
        ("laat maar, mijn vader is gisteren overleden", "death", "death"),
        ("iets anders, ik ben ontslagen", "job_loss", "job_loss"),
    ],
)
def test_a_control_word_then_another_situation_starts_that_situation(
    chat: Chat, typed: str, intent: str, event: str
) -> None:
    chat.say("Ik wil een zaak starten", "start_business", 0.95)
    chat.say("stop", "stop", 0.9)
    assert chat.state.journey is None
    result = chat.say(typed, intent, 0.8)
    assert chat.state.journey is not None and chat.state.journey.event_id == event
    assert asked(result) is not None or customs(result, "plan_overview")


def test_a_control_word_alone_starts_nothing(chat: Chat) -> None:
    chat.say("Ik wil een zaak starten", "start_business", 0.95)
    chat.say("laat maar, mijn vrouw heeft dat allemaal geregeld", "stop", 0.8)
    assert chat.state.journey is None


def test_a_question_about_the_situation_that_nothing_answers_does_not_repeat_step_one(chat: Chat) -> None:
    """Citizen test K (k16, k21, k27): such questions got "We zijn al bezig met ..." and step 1 again."""
    chat.say("we zijn vorige week verhuisd naar Gent, we huren, geen auto", "moving", 0.97)
    for _ in range(4):
        if chat.state.pending is None:
            break
        chat.click("Weet ik niet")
    assert chat.state.journey is not None and chat.state.journey.phase == "plan"
    result = chat.say("wie helpt mij met het dragen van de kasten?", "moving", 0.9)
    assert not customs(result, "step_card")
    assert "1700" in texts(result) and "We zijn al bezig" not in texts(result)


def test_a_town_named_in_a_question_after_the_plan_does_not_move_the_person(chat: Chat) -> None:
    """Citizen test K, k15: "en moet da in Brugge of in Oostkamp?" was answered "U woont in Brugge"."""
    chat.say("ons dochterke is gisteren geboren in Brugge, ik woon in Oostkamp", "birth", 0.97)
    for _ in range(5):
        if chat.state.pending is None:
            break
        chat.click("Weet ik niet")
    assert chat.state.municipality == "Oostkamp"
    result = chat.say(
        "moet ik ons dochterke nog erkennen? en moet da in Brugge of in Oostkamp?", "birth", 0.8
    )
    assert chat.state.municipality == "Oostkamp"
    assert "U woont in Brugge" not in texts(result)


def test_a_deadline_that_falls_today_says_so(kb: KnowledgeBase) -> None:
    """Citizen test O: "uiterlijk op dinsdag 1 december 2026" on 1 December, without "vandaag"."""
    import datetime as dt

    from bot.dialogue.presenting import overview_notes, show_step
    from bot.dialogue.turn import TurnResult
    from bot.journeys.journey import build_plan

    today = dt.date(2026, 12, 1)
    assert "dat is vandaag" in overview_notes(False, today, False, today)
    assert "dat is vandaag" not in overview_notes(False, today + dt.timedelta(days=1), False, today)
    found = None
    for back in range(1, 60):  # an event date that puts a step's deadline on today
        plan = build_plan(kb.events["birth"], {}, today - dt.timedelta(days=back), today)
        found = next(
            (i for i, p in enumerate(plan.steps) if p.due_date == today and not p.step.automatic), None
        )
        if found is not None:
            break
    assert found is not None
    turn = TurnResult()
    show_step(turn, plan, found, today)
    assert "de termijn eindigt vandaag" in turn.replies[0].text
