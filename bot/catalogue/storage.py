"""Storage of imported catalogue services (one row per service, latest snapshot wins).

Part of the domain core: it must not import rasa.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Column, DateTime, Integer, String, Text, select

from bot.store import Base, session_scope


class CatalogueServiceRecord(Base):
    """The latest known snapshot of one IPDC concept or LPDC instance."""

    __tablename__ = "catalogue_services"

    id = Column(Integer, primary_key=True)
    ipdc_id = Column(String(512), nullable=False, unique=True, index=True)
    kind = Column(String(16), nullable=True)  # concept | instance | None (unknown)
    snapshot_id = Column(String(512), nullable=True)
    product_number = Column(String(64), nullable=True, index=True)
    title_nl = Column(Text, nullable=True)
    description_nl = Column(Text, nullable=True)
    competent_level = Column(String(128), nullable=True)  # comma-separated LEVELS
    executing_level = Column(String(128), nullable=True)
    conditions_text = Column(Text, nullable=True)
    procedure_text = Column(Text, nullable=True)
    costs_text = Column(Text, nullable=True)
    phones = Column(Text, nullable=False, default="[]")  # JSON lists
    emails = Column(Text, nullable=False, default="[]")
    addresses = Column(Text, nullable=False, default="[]")
    websites = Column(Text, nullable=False, default="[]")  # [{"url": ..., "title": ...}]
    service_type = Column(String(64), nullable=True)
    themes = Column(Text, nullable=False, default="[]")
    target_audiences = Column(Text, nullable=False, default="[]")
    withdrawn = Column(Boolean, nullable=False, default=False)
    generated_at = Column(DateTime, nullable=False)  # naive UTC
    source_page = Column(Text, nullable=True)
    imported_at = Column(DateTime, nullable=False)  # naive UTC


CONTENT_COLUMNS = (
    "kind",
    "product_number",
    "title_nl",
    "description_nl",
    "competent_level",
    "executing_level",
    "conditions_text",
    "procedure_text",
    "costs_text",
    "phones",
    "emails",
    "addresses",
    "websites",
    "service_type",
    "themes",
    "target_audiences",
)


@dataclass(frozen=True)
class CatalogueService:
    """A catalogue service as journey steps see it (``Step.ipdc_id`` -> :func:`get_service`)."""

    ipdc_id: str
    kind: str | None
    snapshot_id: str | None
    product_number: str | None
    title_nl: str | None
    description_nl: str | None
    competent_levels: tuple[str, ...]
    executing_levels: tuple[str, ...]
    conditions_text: str | None
    procedure_text: str | None
    costs_text: str | None
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    addresses: tuple[str, ...]
    websites: tuple[Mapping[str, str | None], ...]
    service_type: str | None
    themes: tuple[str, ...]
    target_audiences: tuple[str, ...]
    withdrawn: bool
    generated_at: dt.datetime
    source_page: str | None
    imported_at: dt.datetime

    @property
    def competent_level(self) -> str | None:
        return self.competent_levels[0] if self.competent_levels else None

    @property
    def executing_level(self) -> str | None:
        return self.executing_levels[0] if self.executing_levels else None


def _split_levels(value: str | None) -> tuple[str, ...]:
    return tuple(part for part in (value or "").split(",") if part)


def _json_tuple(value: str | None) -> tuple[Any, ...]:
    try:
        loaded = json.loads(value or "[]")
    except ValueError:
        return ()
    return tuple(loaded) if isinstance(loaded, list) else ()


def _to_service(row: CatalogueServiceRecord) -> CatalogueService:
    return CatalogueService(
        ipdc_id=row.ipdc_id,
        kind=row.kind,
        snapshot_id=row.snapshot_id,
        product_number=row.product_number,
        title_nl=row.title_nl,
        description_nl=row.description_nl,
        competent_levels=_split_levels(row.competent_level),
        executing_levels=_split_levels(row.executing_level),
        conditions_text=row.conditions_text,
        procedure_text=row.procedure_text,
        costs_text=row.costs_text,
        phones=_json_tuple(row.phones),
        emails=_json_tuple(row.emails),
        addresses=_json_tuple(row.addresses),
        websites=_json_tuple(row.websites),
        service_type=row.service_type,
        themes=_json_tuple(row.themes),
        target_audiences=_json_tuple(row.target_audiences),
        withdrawn=bool(row.withdrawn),
        generated_at=row.generated_at,
        source_page=row.source_page,
        imported_at=row.imported_at,
    )


def get_service(database_url: str, ipdc_id: str) -> CatalogueService | None:
    """The imported service with this IPDC id (the ``isVersionOf`` IRI), or ``None``.

    A bare UUID (no ``:``) also matches when exactly one stored id ends with ``/<uuid>``.
    Withdrawn services are returned too (``withdrawn=True``) so callers can say so.
    """
    ipdc_id = (ipdc_id or "").strip()
    if not ipdc_id:
        return None
    with session_scope(database_url) as session:
        row = session.execute(
            select(CatalogueServiceRecord).where(CatalogueServiceRecord.ipdc_id == ipdc_id)
        ).scalar_one_or_none()
        if row is None and ":" not in ipdc_id and "/" not in ipdc_id:
            rows = (
                session.execute(
                    select(CatalogueServiceRecord).where(CatalogueServiceRecord.ipdc_id.like(f"%/{ipdc_id}"))
                )
                .scalars()
                .all()
            )
            row = rows[0] if len(rows) == 1 else None
        return _to_service(row) if row is not None else None
