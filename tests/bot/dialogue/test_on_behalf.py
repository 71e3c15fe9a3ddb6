"""A social worker or a counter clerk asks for someone else (citizen test Q, dev6, dev7): no
condolences to the helper; the plan is about the person helped."""

from __future__ import annotations

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase
from devtools.chat import Chat, scored_chat, texts


def test_a_social_worker_gets_no_condolences_and_is_told_the_questions_are_about_the_client(
    kb: KnowledgeBase,
) -> None:
    chat = scored_chat(kb)
    reply = chat.say(
        "ik ben maatschappelijk werker, mijn cliënt zijn echtgenote is zaterdag overleden. "
        "wat moet hij regelen?",
        "death",
        0.9,
    )
    said = texts(reply)
    assert "Gecondoleerd" not in said
    assert "Mijn vragen gaan over de persoon die u helpt" in said
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "death"
    assert chat.state.on_behalf


def test_the_helper_mode_is_kept_in_the_stored_state(chat: Chat) -> None:
    chat.say(
        "Ik werk aan het onthaal van het OCMW en help een mevrouw wiens broer overleden is", "death", 0.9
    )
    assert chat.state.on_behalf
    restored = type(chat.state).from_dict(chat.state.to_dict())
    assert restored.on_behalf


def test_someone_asking_for_themselves_still_gets_condolences(chat: Chat) -> None:
    reply = chat.say("mijn man is zaterdag overleden", "death", 0.95)
    assert "Gecondoleerd" in texts(reply)
    assert not chat.state.on_behalf


def test_a_mother_telling_about_her_sons_first_job_is_not_congratulated_on_her_studies(chat: Chat) -> None:
    """Citizen test Q (q-09): "Proficiat met het einde van uw studies" to the mother."""
    reply = chat.say(
        "onze zoon is afgestudeerd en begint te werken de maandag na nieuwjaar", "first_job", 0.95
    )
    assert "Proficiat met het einde van uw studies" not in texts(reply)
    assert chat.state.on_behalf


def test_a_birth_of_ones_son_is_ones_own_plan(chat: Chat) -> None:
    reply = chat.say("mijn zoon is gisteren geboren", "birth", 0.95)
    assert not chat.state.on_behalf and "Proficiat" in texts(reply)


def test_writing_for_ones_husband_is_on_behalf(chat: Chat) -> None:
    chat.say(
        "Ik schrijf voor mijn man, hij spreekt niet goed Nederlands. De fabriek waar hij werkt gaat dicht.",
        "job_loss",
        0.9,
    )
    assert chat.state.on_behalf


def test_a_counter_clerk_saying_so_mid_journey_is_no_answer(chat: Chat) -> None:
    """Citizen test R (r-18): "ik ben de baliemedewerker" got "U bent de moeder die bevalt."."""
    chat.say("een mevrouw heeft vorige week een dochtertje gekregen, ze heeft geen werk", "birth", 0.9)
    pending = chat.state.pending
    assert pending is not None
    reply = chat.say("ik ben de baliemedewerker", "provide_answer", 0.5)
    journey = chat.state.journey
    assert journey is not None and pending.kind not in journey.answers
    assert chat.state.on_behalf and "Mijn vragen gaan dan over de persoon die u helpt" in texts(reply)


@pytest.mark.parametrize(
    ("story", "intent"),
    [
        ("ik stop met mijn zaak, mijn klant betaalt al maanden niet", "stop_business"),
        ("ik was al aan het loket maar ze stuurden me weg, ik ben ontslagen", "job_loss"),
        ("mijn dochter vroeg me om eens te kijken wat ik moet doen voor mijn pensioen", "retirement"),
    ],
)
def test_a_client_or_a_relative_named_in_passing_is_no_helper(chat: Chat, story: str, intent: str) -> None:
    chat.say(story, intent, 0.9)
    assert not chat.state.on_behalf


def test_the_helper_mode_is_said_again_for_each_situation(chat: Chat) -> None:
    chat.say("onze zoon is afgestudeerd en begint te werken de maandag na nieuwjaar", "first_job", 0.95)
    assert chat.state.on_behalf
    chat.state.journey = None
    chat.say("ik ben zelf ook mijn werk kwijt", "job_loss", 0.95)
    assert not chat.state.on_behalf
