"""Every life event in one message, from the NLU ranking and trigger phrases, most urgent first."""

from __future__ import annotations

from bot.understanding.event_detection import (
    SECONDARY_MIN_CONFIDENCE,
    KeywordIndex,
    detect_events,
)

KEYWORDS = KeywordIndex(
    {
        "job_loss": ["ontslagen", "job kwijt"],
        "money_problems": ["huur niet betalen", "schulden"],
        "stop_business": ["failliet"],
        "birth": ["ab"],  # shorter than 3 characters: ignored
    }
)


def ranking(*pairs: tuple[str, float]) -> list[dict]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def test_two_events_in_one_message_are_both_found_and_ordered_by_urgency() -> None:
    found = detect_events(
        ranking(("money_problems", 0.6), ("job_loss", 0.3)),
        "ik ben mijn job kwijt en kan de huur niet betalen",
        KEYWORDS,
    )
    assert found.events == ("job_loss", "money_problems")
    assert found.primary == "job_loss"
    assert found.needs_integral_guidance


def test_a_weak_second_intent_needs_a_trigger_phrase() -> None:
    weak = SECONDARY_MIN_CONFIDENCE / 2
    text = "ik heb schulden"
    assert detect_events(ranking(("job_loss", 0.9), ("money_problems", weak)), text).events == ("job_loss",)
    both = detect_events(ranking(("job_loss", 0.9), ("money_problems", weak)), text, KEYWORDS)
    assert both.events == ("job_loss", "money_problems")


def test_a_negated_trigger_phrase_does_not_count() -> None:
    assert KEYWORDS.events_in("ik wil niet failliet gaan") == set()
    assert KEYWORDS.events_in("ik ben failliet, echt failliet") == {"stop_business"}
    assert KEYWORDS.events_in("ik ben niet failliet maar wel failliet verklaard") == {"stop_business"}


def test_trigger_phrases_match_whole_words_only() -> None:
    assert KEYWORDS.events_in("zij ontslagen") == {"job_loss"}
    assert KEYWORDS.events_in("de ontslagenregeling") == set()
    assert KEYWORDS.events_in("ab") == set()


def test_no_life_event_at_the_top_means_no_events_even_with_a_trigger_phrase() -> None:
    found = detect_events(ranking(("greet", 0.95), ("job_loss", 0.01)), "ontslagen", KEYWORDS)
    assert found.events == () and found.primary is None and not found.needs_integral_guidance


def test_one_hardship_event_does_not_ask_for_integral_guidance() -> None:
    assert not detect_events(ranking(("job_loss", 0.9)), "ontslagen", KEYWORDS).needs_integral_guidance


def test_a_trigger_inside_a_longer_trigger_of_another_event_names_only_that_event() -> None:
    keywords = KeywordIndex(
        {
            "cohabitation_marriage": ["wettelijk samenwonen"],
            "divorce": ["stoppen met ons wettelijk samenwonen"],
        }
    )
    assert keywords.events_in("we stoppen met ons wettelijk samenwonen") == {"divorce"}
    assert keywords.only_inside_others("we stoppen met ons wettelijk samenwonen") == {"cohabitation_marriage"}
    assert keywords.events_in("we willen wettelijk samenwonen") == {"cohabitation_marriage"}
    # the classifier's second guess is dropped when its only trigger sits inside the other's
    found = detect_events(
        ranking(("divorce", 0.6), ("cohabitation_marriage", 0.35)),
        "we stoppen met ons wettelijk samenwonen",
        keywords,
        known_events=("divorce", "cohabitation_marriage"),
    )
    assert found.events == ("divorce",)


def test_shipped_triggers_for_owning_a_business_blindness_and_a_partner_moving_in() -> None:
    """Dev4/dev3 corpora: "ik heb een eigen zaak" is no start, "blind" is a disability, a partner
    moving in is living together."""
    from bot.knowledge.knowledge_base import load_knowledge_base
    from bot.settings import REPO_ROOT

    index = KeywordIndex.from_knowledge_base(load_knowledge_base(REPO_ROOT / "data" / "life_events"))
    assert "start_business" not in index.events_in("Ik heb een eigen zaak en zoek wat steun.")
    assert "start_business" in index.events_in("ik wil een eigen zaak beginnen")
    assert "disability" in index.events_in("mijn moeder is blind geworden, welke hulp bestaat er")
    assert "cohabitation_marriage" in index.events_in("mijn vriendin komt bij mij inwonen")


def test_a_short_trigger_with_a_digit_counts() -> None:
    """ "C4" (the unemployment form) is two characters long; it names a job loss."""
    index = KeywordIndex({"job_loss": ["C4", "ontslag"], "death": ["ab"]})
    assert index.events_in("gisteren heb ik mijn C4 gekregen") == {"job_loss"}
    assert index.events_in("ab") == set()  # two letters alone are too short to match
