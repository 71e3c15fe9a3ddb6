"""Rasa's SQL tracker store with a connection pool that suits each database.

* PostgreSQL: Rasa 3.6 creates its SQL engine without ``pool_pre_ping``. After PostgreSQL restarts,
  each replica's pooled connections are dead and its next request fails; Rasa's fail-safe wrapper then
  answers from an empty in-memory tracker and the person's journey seems forgotten (seen in
  tests/e2e/test_production_path.py). Pre-ping replaces dead connections before use.
* SQLite (the embedded default): SQLAlchemy 1.4 gives file databases a ``NullPool``, so Rasa opened
  and closed a new SQLite connection for every read and write of a tracker, about a third of the
  server's CPU per message under load (py-spy, bench/load.py). We keep connections in a small pool
  and use SQLite's write-ahead log, so readers do not wait for a writer.

Configured by ``bot.serve.tracker_store_config``.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from sqlalchemy.pool import QueuePool

from bot.store import enable_sqlite_write_ahead_log

SQLITE_BUSY_TIMEOUT_S = 15


class ResilientSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore with pre-pinged server connections and pooled SQLite connections."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = _engine_for(url)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)


def _engine_for(url: sa.engine.URL) -> sa.engine.Engine:
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
    # Sanic serves on one thread, but Rasa may touch the store from executor threads: a connection
    # is only ever used by one thread at a time (the pool hands it out), so the same-thread check is off.
    engine = sa.create_engine(
        url, poolclass=QueuePool, pool_size=4, max_overflow=8,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S},
    )
    sa.event.listen(engine, "connect", enable_sqlite_write_ahead_log)
    return engine

