"""The project's own tables, versioned with Alembic (``bot/migrations``).

In development the schema is brought up to date when the first engine for a database is made (so a
fresh checkout just works); in production that is an explicit step, ``wegwijzer db upgrade``, and
the readiness check reports a database that is behind. Rasa's tracker store manages its own table.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Alembic says "Context impl SQLiteImpl" on every look at the version (the readiness check looks often).
logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision this code knows."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


def current(engine: Engine) -> str | None:
    """The revision the database is at (None: never migrated, e.g. made by create_all)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Applies every migration up to ``revision``; an old database made with create_all is
    recognised by the baseline and kept as it is."""
    with engine.begin() as connection:
        command.upgrade(_config(connection), revision)
    return current(engine)


def is_current(engine: Engine) -> bool:
    return current(engine) == head()
