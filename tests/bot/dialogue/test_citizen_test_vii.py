"""Citizen test VII (docs/citizen-tests/2026-12-02-vii.md): what a person typing Flemish met."""

from __future__ import annotations

from devtools.chat import Chat, asked, texts

WIDOW_HELPED = (
    "dag, mijn vader is zaterdag overleden in het AZ Sint-Jan. ik probeer mijn moeder te helpen met al die "
    "papieren, zij is 79 en ze woont in Brugge. zij waren getrouwd"
)


def test_a_daughter_helping_her_widowed_mother_gets_condolences_and_the_survivors_plan(chat: Chat) -> None:
    """c7-17: "U was niet de partner van de overledene": the widow got no survivor pension."""
    reply = chat.say(WIDOW_HELPED, "death", 0.9)
    assert "Gecondoleerd" in texts(reply) and "U vraagt dit voor iemand anders" in texts(reply)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("partner_status") == "gehuwd"


def test_no_children_in_dialect_is_no_children(chat: Chat) -> None:
    """c7-18: "nee gen kinders. wel nen hond" became "U hebt samen kinderen"."""
    chat.say("mijn vriendin en ik gaan uit elkaar, we waren wettelijk samenwonend in Lommel", "divorce", 0.9)
    for _ in range(3):
        if asked(chat.last) == "has_children":
            break
        chat.say("weet ik niet", "nlu_fallback", 0.4)
    assert asked(chat.last) == "has_children"
    chat.say("nee gen kinders. wel nen hond maar da telt zeker nie", "nlu_fallback", 0.4)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("has_children") == "nee"


def test_later_in_a_second_clause_pauses_and_back_with_a_fact_resumes(chat: Chat) -> None:
    """c7-12: "ik moet nu eerst gaan werken, kan da later?" offered 'Eerste job'; "ik ben terug van
    mijn werk" offered 'Job verliezen'."""
    chat.say("ik wil voor mezelf beginnen als loodgieter. ik woon in Antwerpen", "start_business", 0.9)
    question = asked(chat.last)
    reply = chat.say("weet ik nog nie. ik moet nu eerst gaan werken, kan da later?", "first_job", 0.5)
    assert "Goed, dat kan later" in texts(reply) and asked(reply) is None
    reply = chat.say("ik ben terug van mijn werk. hoofdberoep had ik al gezegd he", "job_loss", 0.5)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "start_business"
    assert journey.answers.get("occupation") == "hoofdberoep"
    assert asked(reply) is not None and asked(reply) != "occupation"
    assert question == "occupation" or asked(reply) == question


def test_zo_ik_ben_terug_resumes_the_parked_question(chat: Chat) -> None:
    """c7-07: "zo, ik ben terug" got "Sorry, dat begreep ik niet goed"."""
    chat.say("we verhuizen volgende maand naar Gent", "moving", 0.9)
    question = asked(chat.last)
    chat.say("nu even niet, mijn kleinzoon belt. kan da later?", "nlu_fallback", 0.4)
    reply = chat.say("zo, ik ben terug", "nlu_fallback", 0.4)
    assert asked(reply) == question and "Sorry" not in texts(reply)


def test_a_carer_of_a_son_with_a_disability_starts_with_the_carers_plan(chat: Chat) -> None:
    """dev9: the crisis start took the son's disability plan for a mother who cares for him."""
    chat.say(
        "ik zorg voor mijn zoon van 30 met een zware handicap en soms wil ik gewoon nie meer wakker worden",
        "caregiving",
        0.49,
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "caregiving"
    assert "disability" in chat.state.later
