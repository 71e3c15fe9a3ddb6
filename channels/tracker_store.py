"""Rasa's SQL tracker store with connection checks, so a replica recovers after a database outage.

Rasa 3.6 creates its SQL engine without ``pool_pre_ping``: after PostgreSQL restarts, each replica's
pooled connections are dead and its next request fails; Rasa's fail-safe wrapper then answers from
an empty in-memory tracker and the person's journey seems forgotten (seen in
tests/e2e/test_production_path.py). Pre-ping replaces dead connections before use.

Configured by ``bot.serve.tracker_store_config`` for PostgreSQL.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs


class ResilientSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore whose connection pool checks connections before handing them out."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
