"""Schema migrations (bot/schema.py, bot/migrations): a database made by release 0.1 with
create_all is upgraded in place, keeps its rows and gets the new indexes; a new one is created."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from bot import schema
from bot.store import create_database_engine
from devtools.databases import NEW_INDEXES, assert_upgraded, create_release_0_1_database  # noqa: F401


def test_a_release_0_1_sqlite_database_is_upgraded_in_place(tmp_path: Path) -> None:
    engine = create_database_engine(f"sqlite:///{tmp_path / 'old.db'}")
    create_release_0_1_database(engine, "sqlite")
    assert schema.current(engine) is None
    schema.upgrade(engine)
    assert_upgraded(engine)
    schema.upgrade(engine)  # running it again changes nothing
    assert_upgraded(engine)


def test_a_new_database_gets_every_table(tmp_path: Path) -> None:
    engine = create_database_engine(f"sqlite:///{tmp_path / 'folder-that-does-not-exist' / 'new.db'}")
    schema.upgrade(engine)
    tables = set(sa.inspect(engine).get_table_names())
    assert {
        "journey_events",
        "feedback",
        "unrecognised_messages",
        "handoff_cases",
        "handoff_messages",
        "handoff_outbox",
        "catalogue_services",
        "alembic_version",
    } <= tables


def test_the_cli_reports_and_upgrades(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    create_release_0_1_database(create_database_engine(url), "sqlite")
    env = {"WEGWIJZER_DATABASE_URL": url, "WEGWIJZER_ENV": "production", "PATH": "/usr/bin:/bin"}
    wegwijzer = str(Path(sys.executable).parent / "wegwijzer")
    before = subprocess.run(
        [wegwijzer, "db", "current"], env=env, capture_output=True, text=True, timeout=120
    )
    assert before.returncode == 1 and "none" in before.stdout
    upgraded = subprocess.run(
        [wegwijzer, "db", "upgrade"], env=env, capture_output=True, text=True, timeout=120
    )
    assert upgraded.returncode == 0 and schema.head() in upgraded.stdout
    after = subprocess.run([wegwijzer, "db", "current"], env=env, capture_output=True, text=True, timeout=120)
    assert after.returncode == 0


def test_production_does_not_change_the_schema_on_its_own(tmp_path: Path, monkeypatch) -> None:
    from bot import store

    url = f"sqlite:///{tmp_path / 'prod.db'}"
    monkeypatch.setenv("WEGWIJZER_ENV", "production")
    store.get_engine.cache_clear()
    try:
        engine = store.get_engine(url)
        assert "journey_events" not in sa.inspect(engine).get_table_names()
    finally:
        store.get_engine.cache_clear()


def test_the_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    """A model changed without a migration (or the reverse) shows up here, not in production."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from bot.store import Base

    import_all_models()
    engine = create_database_engine(f"sqlite:///{tmp_path / 'models.db'}")
    schema.upgrade(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def import_all_models() -> None:
    """Every module that declares tables on ``bot.store.Base``."""
    import importlib
    import pkgutil

    import bot

    for module in pkgutil.walk_packages(bot.__path__, "bot."):
        if not module.name.startswith(("bot.migrations", "bot.cli", "bot.nlp")):
            importlib.import_module(module.name)
