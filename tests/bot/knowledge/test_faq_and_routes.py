"""The FAQ and route files: shipped data valid, broken copies reported with file and entry."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.knowledge.faq import FAQ_DIR, faq_problems, load_faq
from bot.knowledge.knowledge_base import KnowledgeBase
from bot.knowledge.routes import route_problems


def items(kb: KnowledgeBase) -> dict[str, set[str]]:
    return {e.id: {s.id for s in e.steps} | {r.id for r in e.rights} for e in kb.events.values()}


def test_the_shipped_faq_and_routes_are_valid(kb: KnowledgeBase) -> None:
    assert faq_problems(FAQ_DIR, items(kb)) == []
    assert route_problems() == []
    entries = load_faq()
    assert len(entries) > 250 and len({e.event_id for e in entries}) >= 15


def test_broken_faq_entries_are_reported(tmp_path: Path, kb: KnowledgeBase) -> None:
    good = {
        "id": "x-1",
        "questions": ["hoeveel krijg ik?"],
        "answer": "Zoveel.",
        "source_url": "https://www.groeipakket.be/x",
        "source_quote": "Zoveel.",
    }
    entries = [
        good,
        {**good, "id": "x-2", "source_url": "https://www.hamme.be/x"},
        {**good, "id": "x-3", "step": "no_such_step"},
        {**good, "id": "x-1"},
        {**good, "id": "x-5", "questions": []},
    ]
    (tmp_path / "birth.yml").write_text(yaml.safe_dump({"event": "birth", "faq": entries}), encoding="utf-8")
    (tmp_path / "nope.yml").write_text(yaml.safe_dump({"event": "vakantie", "faq": []}), encoding="utf-8")
    problems = faq_problems(tmp_path, items(kb))
    assert len(problems) == 5, problems
    assert any("'x-2'" in p and "municipality" in p for p in problems)
    assert any("'x-3'" in p and "no_such_step" in p for p in problems)
    assert any("'x-1'" in p and "duplicate" in p for p in problems)
    assert any("'x-5'" in p and "questions" in p for p in problems)
    assert any("nope.yml" in p and "vakantie" in p for p in problems)
