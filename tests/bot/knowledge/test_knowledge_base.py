"""The shipped knowledge base: complete, valid and sourced."""

from __future__ import annotations

from bot.knowledge.knowledge_base import KnowledgeBase
from bot.knowledge.validation import life_event_ids, validate_directory
from bot.settings import REPO_ROOT


def test_shipped_knowledge_base_is_valid() -> None:
    problems = validate_directory(REPO_ROOT / "data" / "life_events")
    assert problems == [], "\n".join(map(str, problems))


def test_all_twenty_life_events_have_sourced_steps(kb: KnowledgeBase) -> None:
    assert set(kb.events) == set(life_event_ids())
    for event in kb.events.values():
        assert len(event.steps) >= 4, event.id
        for step in event.steps:
            assert step.source_url.startswith(("https://", "http://")), (event.id, step.id)


def test_birth_declaration_facts(kb: KnowledgeBase) -> None:
    birth = kb.get("birth")
    assert birth is not None
    declare = next(step for step in birth.steps if step.id == "declare_birth")
    assert declare.deadline is not None
    assert (declare.deadline.amount, declare.deadline.unit) == (15, "kalenderdagen")
    assert declare.competent_level == "lokaal"
    monthly = next(step for step in birth.steps if step.id == "monthly_growth_package")
    assert monthly.automatic and monthly.automatic_reason
