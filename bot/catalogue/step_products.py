"""Journey steps linked to an IPDC/LPDC product (``ipdc_id``) whose product changed since a person
last confirmed the step, was withdrawn, or is not in the imported catalogue: what an editor
should re-read after ``wegwijzer import-catalogue``."""

from __future__ import annotations

from dataclasses import dataclass

from bot.catalogue.storage import get_service
from bot.knowledge.knowledge_base import KnowledgeBase


@dataclass(frozen=True)
class ProductChange:
    event_id: str
    step_id: str
    ipdc_id: str
    reason: str

    def __str__(self) -> str:
        return f"{self.event_id}/{self.step_id} ({self.ipdc_id}): {self.reason}"


def changed_products(kb: KnowledgeBase, database_url: str) -> list[ProductChange]:
    """Steps to re-read because of their catalogue product, in knowledge-base order."""
    changes = []
    for event in kb.events.values():
        for step in event.steps:
            if not step.ipdc_id:
                continue
            ipdc_id = str(step.ipdc_id)
            service = get_service(database_url, ipdc_id)
            if service is None:
                reason = "not in the imported catalogue"
            elif service.withdrawn:
                reason = "the product was withdrawn from the catalogue"
            elif step.checked_on is None:
                reason = f"product version of {service.generated_at:%Y-%m-%d}; the step was never confirmed"
            elif service.generated_at.date() > step.checked_on:
                reason = (
                    f"product changed on {service.generated_at:%Y-%m-%d}, after the step was confirmed "
                    f"on {step.checked_on.isoformat()}"
                )
            else:
                continue
            changes.append(ProductChange(event.id, step.id, ipdc_id, reason))
    return changes
