"""The release 0.1 schema upgraded on a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import schema
from bot.store import create_database_engine
from devtools.databases import assert_upgraded, create_release_0_1_database
from devtools.services import missing_services, postgres_server

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif("postgresql" in missing_services(), reason="PostgreSQL is not installed"),
]


def test_a_release_0_1_postgresql_database_is_upgraded_in_place(tmp_path: Path) -> None:
    with postgres_server(tmp_path) as database_url:
        engine = create_database_engine(database_url)
        create_release_0_1_database(engine, "postgresql")
        assert schema.current(engine) is None
        schema.upgrade(engine)
        assert_upgraded(engine)
        engine.dispose()
