"""A situation the story only names as the person's standing status ("ik ben werkzoekende") comes
after the situation that happens to them now (dev5 corpus)."""

from __future__ import annotations

from bot.knowledge.knowledge_base import KnowledgeBase
from devtools.chat import Chat, asked, scored_chat, texts


def test_an_unemployed_person_who_falls_ill_gets_the_illness_first(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "Ik heb zware griep en moet een week in bed blijven. "
        "Ik ben werkzoekende met een werkloosheidsuitkering.",
        "job_loss",
        0.8,
        {"illness": 0.15},
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "illness"
    assert chat.state.later == ["job_loss"]


def test_keeping_a_benefit_while_studying_starts_the_studies(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "Ik ben 31 en wil een bachelor sociaal werk halen. Kan ik mijn werkloosheidsuitkering houden "
        "als ik ga studeren?",
        "job_loss",
        0.7,
        {"studying": 0.25},
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "studying"


def test_losing_the_job_itself_keeps_the_job_first(chat: Chat) -> None:
    chat.say(
        "Ik ben werkloos geworden en nu ben ik ook nog ziek. Wat eerst?", "job_loss", 0.8, {"illness": 0.15}
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "job_loss"


def test_a_status_alone_is_still_the_situation(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say("ik ben werkloos, wat moet ik doen?", "job_loss", 0.95)
    assert chat.state.journey is not None and chat.state.journey.event_id == "job_loss"
    assert asked(chat.last) == "ended_by"


def test_a_signed_declaration_answers_the_relation_in_a_separation(chat: Chat) -> None:
    chat.say("mijn vriend en ik gaan uit elkaar", "divorce", 0.97)
    assert asked(chat.last) == "relation_type"
    chat.say("we hebben samen zo een verklaring bij de gemeente getekend", "cohabitation_marriage", 0.8)
    assert chat.state.journey is not None and chat.state.journey.event_id == "divorce"
    assert chat.state.journey.answers["relation_type"] == "wettelijk_samenwonend"


def test_handing_in_the_books_names_stopping_the_business(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "Ik kan de leveranciers en de RSZ niet meer betalen. Ik heb nog twee koks in dienst. "
        "Ik denk dat ik de boeken moet neerleggen.",
        "hire_staff",
        0.6,
        {"stop_business": 0.3},
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "stop_business"


def test_a_death_told_beside_a_dismissal_comes_first(kb: KnowledgeBase) -> None:
    """Citizen test O: the widow who was also dismissed got "Wat vervelend dat u uw job verliest" first."""
    chat = scored_chat(kb)
    result = chat.say(
        "mijn man is vorige dinsdag gestorven, plots, hartaanval. en gisteren kreeg ik ook nog mijn ontslag "
        "op het werk, ze zeggen door herstructurering. ik weet nie waar eerst beginnen",
        "job_loss",
        0.95,
        {"death": 0.03},
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "death"
    assert "Gecondoleerd" in texts(result)


def test_a_short_widow_question_about_pension_is_the_death(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say("ok. mijn man dood. vorige week. pensioen en bank?", "retirement", 0.7, {"death": 0.2})
    assert chat.state.journey is not None and chat.state.journey.event_id == "death"


def test_a_benefit_and_falling_ill_starts_the_illness(kb: KnowledgeBase) -> None:
    """dev3: "ziek geworden" counted as words of losing the job itself."""
    chat = scored_chat(kb)
    chat.say(
        "Ik krijg een werkloosheidsuitkering en ben nu ziek geworden. Moet ik dat ergens melden?",
        "job_loss",
        0.7,
        {"illness": 0.25},
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "illness"


def test_a_newcomer_who_came_to_study_gets_the_arrival_first(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "ik ben sinds 20 september in België om aan de universiteit te studeren",
        "studying",
        0.6,
        {"newcomer": 0.3},
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "newcomer"


def test_starting_a_business_and_hiring_at_once_starts_the_business(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "ik start een frituur als eenmanszaak en wil direct iemand aannemen",
        "hire_staff",
        0.7,
        {"start_business": 0.25},
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "start_business"
    assert "hire_staff" in chat.state.later


def test_west_flemish_stopping_the_business_glued_to_ik(chat: Chat) -> None:
    chat.say("kstoppe me m'n zoak, hoe moe da?", "nlu_fallback", 0.4, {"stop_business": 0.2})
    assert chat.state.journey is not None and chat.state.journey.event_id == "stop_business"
