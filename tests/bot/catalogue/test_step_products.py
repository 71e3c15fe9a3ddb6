"""Steps linked to an IPDC product are flagged after an import when the product changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from bot.catalogue import get_service
from bot.catalogue.step_products import changed_products
from bot.knowledge.knowledge_base import KnowledgeBase
from tests.bot.catalogue.catalogue_fixtures import FIXTURES, SERVICE_A, db_url, run


def with_product(
    kb: KnowledgeBase, step_index: int, ipdc_id: str, checked_on: dt.date | None
) -> KnowledgeBase:
    event = kb.events["birth"]
    steps = list(event.steps)
    steps[step_index] = dataclasses.replace(steps[step_index], ipdc_id=ipdc_id, checked_on=checked_on)
    return dataclasses.replace(kb, events={"birth": dataclasses.replace(event, steps=tuple(steps))})


def test_a_product_newer_than_the_confirmation_is_flagged(tmp_path: Path, kb: KnowledgeBase) -> None:
    url = db_url(tmp_path)
    run(FIXTURES / "stub" / "page-0.json", url)
    service = get_service(url, SERVICE_A)
    assert service is not None
    version = service.generated_at.date()

    before = with_product(kb, 0, SERVICE_A, version - dt.timedelta(days=1))
    [change] = changed_products(before, url)
    assert (
        change.step_id == kb.events["birth"].steps[0].id and "after the step was confirmed" in change.reason
    )

    assert changed_products(with_product(kb, 0, SERVICE_A, version), url) == []
    assert "never confirmed" in changed_products(with_product(kb, 0, SERVICE_A, None), url)[0].reason
    missing = changed_products(with_product(kb, 1, "https://example.org/id/not-there", version), url)
    assert [c.reason for c in missing] == ["not in the imported catalogue"]


def test_steps_without_a_product_are_not_reported(tmp_path: Path, kb: KnowledgeBase) -> None:
    url = db_url(tmp_path)
    run(FIXTURES / "stub" / "page-0.json", url)
    assert changed_products(kb, url) == []
