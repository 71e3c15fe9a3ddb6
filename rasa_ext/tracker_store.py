"""Rasa's SQL tracker store with a connection pool that suits each database.

* PostgreSQL: Rasa 3.6 creates its SQL engine without ``pool_pre_ping``. After PostgreSQL restarts,
  each replica's pooled connections are dead and its next request fails; Rasa's fail-safe wrapper then
  answers from an empty in-memory tracker and the person's journey seems forgotten (seen in
  tests/e2e/test_production_path.py). Pre-ping replaces dead connections before use.
* SQLite (the embedded default): SQLAlchemy 1.4 gives file databases a ``NullPool``, so Rasa opened
  and closed a new SQLite connection for every read and write of a tracker, about a third of the
  server's CPU per message under load (py-spy, bench/load.py). We keep connections in a small pool
  and use SQLite's write-ahead log, so readers do not wait for a writer.

* Data minimisation: rijksregister numbers, IBANs and card numbers that people type are replaced
  by placeholders in the events this store writes (``bot.insights.privacy.redact_identifiers``). The bot
  has already answered the turn from the text as typed; no journey needs those numbers later.

Configured by ``rasa_ext.serve.tracker_store_config``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.pool import QueuePool

from bot.insights.privacy import redact_identifiers
from bot.store import enable_sqlite_write_ahead_log

SQLITE_BUSY_TIMEOUT_S = 15


class ResilientSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore with pre-pinged server connections and pooled SQLite connections."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rasa_engine: Any = self.engine  # type: ignore[has-type]  # set by Rasa's __init__
        url = rasa_engine.url
        rasa_engine.dispose()
        self.engine = _engine_for(url)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        """The new events as Rasa would store them, with identifiers removed from what people typed."""
        for event in super()._additional_events(session, tracker):
            yield StoredEvent(event)


class StoredEvent:
    """An event as written to the store: ``as_dict`` without identifiers in user text."""

    def __init__(self, event: Any) -> None:
        self.event = event
        self.type_name = event.type_name

    def as_dict(self) -> dict[str, Any]:
        return minimised_event(self.event.as_dict())


def minimised_event(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` of a user event with IBANs, rijksregister and card numbers replaced; others unchanged."""
    if data.get("event") != "user":
        return data
    if isinstance(data.get("text"), str):
        data["text"] = redact_identifiers(data["text"]).text
    parse_data = data.get("parse_data")
    if isinstance(parse_data, dict) and isinstance(parse_data.get("text"), str):
        parse_data["text"] = redact_identifiers(parse_data["text"]).text
        for entity in parse_data.get("entities") or []:
            if isinstance(entity, dict) and isinstance(entity.get("value"), str):
                entity["value"] = redact_identifiers(entity["value"]).text
    metadata = data.get("metadata")
    if isinstance(metadata, dict) and isinstance(metadata.get("display"), str):
        metadata["display"] = redact_identifiers(metadata["display"]).text
    return data


def _engine_for(url: sa.engine.URL) -> sa.engine.Engine:
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
    # Sanic serves on one thread, but Rasa may touch the store from executor threads: a connection
    # is only ever used by one thread at a time (the pool hands it out), so the same-thread check is off.
    engine = sa.create_engine(
        url,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=8,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S},
    )
    sa.event.listen(engine, "connect", enable_sqlite_write_ahead_log)
    return engine
