"""The conversation corpus of bench/conversations.py: format, size and coverage (no server needed)."""

from __future__ import annotations

import pytest

from bot.knowledge.knowledge_base import KnowledgeBase
from devtools.corpus import CorpusError, date_matches, load_corpus, load_file

SPECIAL_QUESTIONS = {"event_date", "municipality"}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus("all")


def test_the_corpus_is_large_and_has_a_held_out_part(corpus) -> None:
    assert len(corpus) >= 300
    assert sum(c.split == "heldout" for c in corpus) >= 100


def test_every_life_event_is_reached_in_both_parts(corpus, kb: KnowledgeBase) -> None:
    for split in ("dev", "heldout"):
        reached = {c.journey for c in corpus if c.split == split}
        assert set(kb.events) <= reached, set(kb.events) - reached


def test_answers_refer_to_real_questions_and_options(corpus, kb: KnowledgeBase) -> None:
    options = {(q.id, o.value) for e in kb.events.values() for q in e.questions for o in q.options}
    questions = {q.id for e in kb.events.values() for q in e.questions} | SPECIAL_QUESTIONS
    for conversation in corpus:
        for question_id, spec in conversation.answers.items():
            assert question_id in questions, (conversation.id, question_id)
            value = spec.get("value")
            if question_id not in SPECIAL_QUESTIONS and value not in (None, "onbekend"):
                assert (question_id, value) in options, (conversation.id, question_id, value)


def test_a_format_error_names_the_file_and_the_conversation(tmp_path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("conversations:\n  - id: x-1\n    says: []\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="broken.yml: x-1: `says` must be a non-empty list"):
        load_file(broken, "dev")


@pytest.mark.parametrize(
    ("expected", "actual", "holds"),
    [
        ("2026-11-24", "2026-11-24", True),
        ("2026-11-24", "2026-11-23", False),
        ({"between": ["2026-03-01", "2026-03-31"]}, "2026-03-01", True),
        ({"between": ["2026-03-01", "2026-03-31"]}, "2026-04-01", False),
        ("onbekend", None, True),
        ("onbekend", "2026-01-01", False),
    ],
)
def test_expected_dates(expected, actual, holds: bool) -> None:
    assert date_matches(expected, actual) is holds
