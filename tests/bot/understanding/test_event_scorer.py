"""The second opinion on life events: n-gram model, re-ranking, and its effect in a typed conversation."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.settings import REPO_ROOT
from bot.understanding.event_scorer import (
    FALLBACK_INTENT,
    OTHER,
    EventScorer,
    nlu_examples,
    reranked_intent,
)
from devtools.chat import Chat, customs, texts

TOY = [
    ("mijn vader is overleden", "death"),
    ("overlijden aangeven", "death"),
    ("begrafenis regelen na het overlijden", "death"),
    ("ik ben mijn job kwijt", "job_loss"),
    ("ontslagen door mijn werkgever", "job_loss"),
    ("werkloos geworden wat nu", "job_loss"),
    ("ja", "affirm"),
    ("nee", "deny"),
    ("arbeider", "provide_answer"),
]


@pytest.fixture
def scored(kb: KnowledgeBase) -> Chat:
    """A typed conversation with the shipped second opinion."""
    return Chat(kb, events=shipped_scorer())


@lru_cache(maxsize=1)
def shipped_scorer() -> EventScorer:
    examples = nlu_examples(REPO_ROOT / "data" / "nlu")
    events = {p.stem for p in (REPO_ROOT / "data" / "nlu" / "life_events").glob("*.yml")}
    return EventScorer(examples, events)


def test_nlu_examples_drop_entity_marks(tmp_path: Path) -> None:
    (tmp_path / "x.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: moving\n    examples: |\n'
        "      - ik verhuis naar [Gent](municipality)\n"
        '      - verhuizen naar [Leuven]{"entity": "municipality"}\n'
        "  - synonym: Gent\n    examples: |\n      - gent\n",
        encoding="utf-8",
    )
    assert nlu_examples(tmp_path) == [("ik verhuis naar Gent", "moving"), ("verhuizen naar Leuven", "moving")]


def test_probabilities_cover_events_and_other() -> None:
    scorer = EventScorer(TOY, {"death", "job_loss"})
    probabilities = scorer.probabilities("mijn moeder is overleden")
    assert set(probabilities) == {"death", "job_loss", OTHER}
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert max(probabilities, key=probabilities.__getitem__) == "death"


def test_rerank_keeps_the_classifiers_scale_and_changes_the_order() -> None:
    scorer = EventScorer(TOY, {"death", "job_loss"})
    ranking = (("job_loss", 0.8), ("death", 0.15), ("affirm", 0.05))
    reranked = scorer.rerank("mijn vader is overleden vorige week", ranking)
    assert reranked[0][0] == "death"
    assert sorted(c for _, c in reranked) == sorted(c for _, c in ranking)


def test_the_classifiers_own_fallback_stands() -> None:
    assert reranked_intent(FALLBACK_INTENT, (("death", 0.6),)) == (FALLBACK_INTENT, 0.45)
    assert reranked_intent("job_loss", (("death", 0.6), ("job_loss", 0.3))) == ("death", 0.6)


def test_needs_two_classes() -> None:
    with pytest.raises(ValueError):
        EventScorer([("ja", "affirm")], {"death"})


def test_a_sure_but_wrong_classifier_is_overruled_when_a_trigger_settles_the_dispute(scored: Chat) -> None:
    """DIET read "zelfstanig ... been gebroken" as starting a business (0.64, illness 0.19); the
    second opinion says illness and the trigger phrase "been gebroken" settles it."""
    chat = scored
    result = chat.say(
        "ik ben zelfstanig en ik heb mijn been gebroken",
        "start_business",
        0.64,
        {"illness": 0.19, "provide_answer": 0.02, "death": 0.015, "business_support": 0.014},
    )
    assert "/start_business" not in {b["payload"] for r in result.replies for b in r.buttons}
    assert chat.state.journey is not None and chat.state.journey.event_id == "illness"
    assert chat.state.journey.answers.get("work_status") == "zelfstandige"  # read from the story


def test_an_injury_phrase_names_the_illness_even_without_the_second_opinion(kb: KnowledgeBase) -> None:
    chat = Chat(kb)
    chat.say(
        "ik ben zelfstanig en ik heb mijn been gebroken",
        "start_business",
        0.64,
        {"illness": 0.19, "provide_answer": 0.02, "death": 0.015, "business_support": 0.014},
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "illness"


def test_a_second_situation_needs_the_second_opinion_too(scored: Chat) -> None:
    """Citizen test 2026-11-30-c: a widow was told 'trouwen' comes next ("we waren getrouwd")."""
    chat = scored
    result = chat.say(
        "mijne man is gisteren gestorven, we waren getrouwd, hij werkte nog bij de post",
        "death",
        0.75,
        {"cohabitation_marriage": 0.2},
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "death"
    assert "cohabitation_marriage" not in chat.state.later
    assert "Wettelijk samenwonen of trouwen" not in texts(result)


def test_the_birth_comes_first_and_keeps_its_own_date(scored: Chat) -> None:
    chat = scored
    chat.say(
        "ons kindje is geboren op 20 november, maar ik ben ook mijn werk kwijt",
        "job_loss",
        0.6,
        {"birth": 0.35},
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "birth"
    assert str(journey.event_date) == "2026-11-20"
    assert chat.state.later == ["job_loss"] and "event_date" not in chat.state.facts.get("job_loss", {})


def test_a_trigger_word_neither_model_sees_names_no_situation(scored: Chat) -> None:
    """Dev corpus: "eenmanszaak" is a trigger of starting one, yet this person stops theirs."""
    chat = scored
    result = chat.say(
        "Ik stop vrijwillig met mijn eenmanszaak op 31 december.",
        "stop_business",
        0.83,
        {"retirement": 0.03, "start_business": 0.001},
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "stop_business"
    assert "start_business" not in chat.state.later
    assert str(journey.event_date) == "2026-12-31"
    assert "meer dan één situatie" not in texts(result)


def test_without_the_second_opinion_the_trigger_word_still_overrules(kb: KnowledgeBase) -> None:
    """The rule above needs the second opinion: without it, a trigger phrase keeps its old weight."""
    chat = Chat(kb)
    chat.say(
        "Ik stop vrijwillig met mijn eenmanszaak op 31 december.",
        "stop_business",
        0.83,
        {"retirement": 0.03, "start_business": 0.001},
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "start_business"


def test_a_sure_classifier_alone_offers_no_switch_the_second_opinion_does_not_see(scored: Chat) -> None:
    """Citizen test D (d45): "getrouwd waren we nie he, het is mijne broer" offered 'trouwen'."""
    chat = scored
    chat.say("mijne broer is gisteren overleden", "death", 0.95)
    result = chat.say("getrouwd waren we nie he, het is mijne broer", "cohabitation_marriage", 0.95)
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "death"
    assert not customs(result, "switch_offer")


def test_a_remark_inside_a_journey_gets_no_topic_buttons_the_second_opinion_does_not_see(
    scored: Chat,
) -> None:
    """Citizen test E (g38): "nee hij gaat naar een gewone school" got 'Van school naar uw eerste job'."""
    chat = scored
    chat.say("mijn zoon van 4 heeft autisme, welke steun is er?", "disability", 0.95)
    assert chat.state.journey is not None and chat.state.journey.event_id == "disability"
    result = chat.say(
        "nee hij gaat naar een gewone school", "nlu_fallback", 0.3, {"first_job": 0.3, "studying": 0.2}
    )
    titles = [b["title"] for r in result.replies for b in r.buttons]
    assert "Van school naar uw eerste job" not in titles


def test_an_excited_story_with_a_trigger_phrase_is_rescued_from_the_fallback(scored: Chat) -> None:
    """Dev corpus: "ik word zelfstandige" in an excited story got buttons for retirement and birth."""
    chat = scored
    result = chat.say(
        "amai ik heb eindelijk de stap gezet, ik word zelfstandige!",
        "nlu_fallback",
        0.45,
        {"retirement": 0.124, "illness": 0.086, "start_business": 0.061, "money_problems": 0.059},
    )
    journey = chat.state.journey
    assert journey is not None and journey.event_id == "start_business"
    assert chat.state.later == [] and "meer dan één situatie" not in "\n".join(
        r.text or "" for r in result.replies
    )


def test_after_the_crisis_lines_a_past_marriage_starts_no_wedding_plan(scored: Chat) -> None:
    """Citizen test F (h44): "we waren getrouwd, 40 jaar" started 'Wettelijk samenwonen of trouwen'."""
    chat = scored
    chat.say("iedereen is beter af zonder mij sinds mijn vrouw er nie meer is", "death", 0.6)
    assert chat.state.crisis and chat.state.bereaved
    chat.say("we waren getrouwd, 40 jaar", "cohabitation_marriage", 0.95)
    journey = chat.state.journey
    assert journey is None or journey.event_id != "cohabitation_marriage"


def test_a_short_answer_offers_no_switch(scored: Chat) -> None:
    """Citizen test F (h15): "arbeider bij een bouwbedrijf" offered 'Personeel aanwerven'."""
    chat = scored
    chat.say("ik ben mijn werk kwijt, ze hebben mij vrijdag buitengezet na 12 jaar", "job_loss", 0.95)
    result = chat.say("arbeider bij een bouwbedrijf", "hire_staff", 0.95)
    assert not customs(result, "switch_offer")
    assert chat.state.journey is not None and chat.state.journey.event_id == "job_loss"


def test_a_door_wins_over_a_life_event_the_second_opinion_does_not_see(scored: Chat) -> None:
    """Citizen test F (h41): "wa moet ik doen als mijn identiteitskaart kwijt is?" started job loss."""
    chat = scored
    result = chat.say(
        "wa moet ik doen als mijn identiteitskaart kwijt is? ik heb ze nergens meer gevonden", "job_loss", 0.8
    )
    assert chat.state.journey is None
    offered = [i for c in customs(result, "route_suggestions") for i in c["ids"]]
    answered = [c["id"] for c in customs(result, "faq_answer")]
    assert "eid_lost" in offered + answered
