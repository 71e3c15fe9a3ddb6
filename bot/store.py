"""Application database (SQLAlchemy 1.4): SQLite by default, PostgreSQL in production.

Engines are created lazily from settings, never at import time.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Column, DateTime, Integer, String, create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, declarative_base, sessionmaker

logger = logging.getLogger(__name__)

_DeclarativeBase: Any = declarative_base()  # SQLAlchemy 1.4 makes the class at run time


class Base(_DeclarativeBase):
    """The base of the project's tables (all share one ``MetaData``)."""

    __abstract__ = True


class JourneyEventRecord(Base):
    """One step of a conversation's journey (started, step shown, finished...).

    Holds no free text typed by the person, so it is safe for analysis as is.
    """

    __tablename__ = "journey_events"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(128), nullable=False, index=True)
    life_event = Column(String(64), nullable=False, index=True)
    step_id = Column(String(64), nullable=True)
    kind = Column(String(32), nullable=False)
    created_at = Column(
        DateTime,
        nullable=False,
        index=True,
        default=lambda: dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
    )


def create_database_engine(database_url: str) -> Engine:
    """A new engine; for SQLite the folder of the file is created first (a fresh checkout has no var/)."""
    url = make_url(database_url)
    connect_args = {}
    if url.get_backend_name() == "sqlite":
        if url.database:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        connect_args = {"timeout": 15}
    engine = create_engine(
        database_url, future=True, pool_pre_ping=True, connect_args=connect_args, hide_parameters=True
    )
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", enable_sqlite_write_ahead_log)
    return engine


@lru_cache(maxsize=8)
def get_engine(database_url: str) -> Engine:
    """The engine for a URL, made once per process. Outside production the schema is migrated
    to the newest revision here (once); in production that is ``wegwijzer db upgrade``."""
    from bot import schema
    from bot.settings import Settings

    engine = create_database_engine(database_url)
    if not Settings.from_env().production:
        try:
            schema.upgrade(engine)
        except SQLAlchemyError:
            # Another process (action server, worker) migrated the same new database at the same time.
            time.sleep(0.5)
            if not schema.is_current(engine):
                raise
    return engine


def enable_sqlite_write_ahead_log(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    """SQLAlchemy "connect" listener: readers do not wait for a writer (also used by the tracker store)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


@contextmanager
def session_scope(database_url: str) -> Iterator[Session]:
    """A transactional session: commit on success, roll back on error."""
    session = sessionmaker(bind=get_engine(database_url), future=True)()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def record_journey_event(
    database_url: str, conversation_id: str, life_event: str, kind: str, step_id: str | None = None
) -> bool:
    """Stores one journey event. Returns False (and logs) if the database is unavailable."""
    try:
        with session_scope(database_url) as session:
            session.add(
                JourneyEventRecord(
                    conversation_id=conversation_id[:128], life_event=life_event, step_id=step_id, kind=kind
                )
            )
        return True
    except (SQLAlchemyError, OSError) as error:  # OSError: the SQLite folder cannot be made
        logger.warning("Could not store journey event (%s): %s", kind, error)
        return False
