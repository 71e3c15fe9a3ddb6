"""Shared fixtures of the catalogue tests: the offline IPDC pages and contexts, and import helpers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.catalogue import CatalogueServiceRecord, import_catalogue
from bot.settings import REPO_ROOT
from bot.store import session_scope

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "ipdc"
STUB_CONTEXT_URL = "http://instancesnapshot-ldes-stub/InstanceJsonLdContext.jsonld"
IM_CONTEXT_URL = "https://data.vlaanderen.be/context/ipdc-lpdc-im.jsonld"
CONCEPT_CONTEXT_URL = "https://ipdc.tni-vlaanderen.be/ConceptJsonLdContext.jsonld"
CONTEXTS = {
    STUB_CONTEXT_URL: FIXTURES / "contexts" / "InstanceJsonLdContext.jsonld",
    IM_CONTEXT_URL: FIXTURES / "contexts" / "ipdc-lpdc-im.jsonld",
    CONCEPT_CONTEXT_URL: FIXTURES / "contexts" / "ConceptJsonLdContext.jsonld",
}

PS = "http://data.lblod.info/id/public-service/"
SERVICE_A = PS + "5c7a3e1e-1f0b-4c2d-9a61-2f4f0c1a0a01"
SERVICE_B = PS + "b6d2f0c4-7e1a-4c55-8f0e-1d2a3b4c5d02"
SERVICE_C = PS + "c3e4f5a6-2b1c-4d8e-9f70-6a5b4c3d2e03"
SERVICE_D = PS + "d9a8b7c6-5e4f-4a3b-8c2d-1e0f9a8b7c04"
CONCEPT_E = "https://ipdc.tni-vlaanderen.be/id/concept/705d401c-1a41-4802-a863-b22499f71b84"
CONCEPT_F = "https://ipdc.tni-vlaanderen.be/id/concept/9a69eb39-c6c2-4244-aedd-1847d4f72586"
FIRST_RUN = dt.datetime(2026, 1, 1, 12, 0)
SECOND_RUN = dt.datetime(2026, 1, 2, 12, 0)


def db_url(tmp_path: Path, name: str = "app") -> str:
    return f"sqlite:///{tmp_path / f'{name}.db'}"


def run(source: Path | str, url: str, **kwargs: Any):  # type: ignore[no-untyped-def]
    kwargs.setdefault("contexts", CONTEXTS)
    kwargs.setdefault("fetch_remote_contexts", False)
    kwargs.setdefault("now", lambda: FIRST_RUN)
    return import_catalogue(str(source), url, **kwargs)


def rows(url: str) -> dict[str, dict[str, Any]]:
    names = [column.name for column in CatalogueServiceRecord.__table__.columns]
    with session_scope(url) as session:
        records = session.execute(select(CatalogueServiceRecord)).scalars().all()
        return {r.ipdc_id: {name: getattr(r, name) for name in names} for r in records}


def fixture_json(*parts: str) -> Any:
    return json.loads(FIXTURES.joinpath(*parts).read_text(encoding="utf-8"))
