"""All runtime settings, read from environment variables in one place.

Every setting has a safe default so that the assistant runs on an embedded SQLite database.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Runtime configuration of Wegwijzer.

    Attributes:
        database_url: SQLAlchemy URL of the application database; Rasa's tracker store
            uses the same database (SQLite file by default, PostgreSQL in production).
        knowledge_base_dir: folder with one YAML file per life event.
        host: interface the servers listen on.
        rasa_port: port of the Rasa server (channels and web page).
        action_port: port of the Rasa action server.
        model_path: trained Rasa model to serve.
        retention_days: conversations older than this are deleted by ``wegwijzer purge``.
    """

    database_url: str
    knowledge_base_dir: Path
    host: str
    rasa_port: int
    action_port: int
    model_path: Path
    retention_days: int = 180

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Settings":
        """Builds settings from environment variables (or the mapping given)."""
        env = dict(os.environ if env is None else env)
        default_db = f"sqlite:///{REPO_ROOT / 'var' / 'wegwijzer.db'}"
        return cls(
            database_url=env.get("WEGWIJZER_DATABASE_URL", default_db),
            knowledge_base_dir=Path(
                env.get("WEGWIJZER_KB_DIR", str(REPO_ROOT / "data" / "life_events"))
            ),
            host=env.get("WEGWIJZER_HOST", "127.0.0.1"),
            rasa_port=_int(env, "WEGWIJZER_PORT", 5005),
            action_port=_int(env, "WEGWIJZER_ACTIONS_PORT", 5055),
            model_path=Path(
                env.get("WEGWIJZER_MODEL", str(REPO_ROOT / "models" / "wegwijzer.tar.gz"))
            ),
            retention_days=_int(env, "WEGWIJZER_RETENTION_DAYS", 180),
        )


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ValueError(f"Environment variable {name} must be a whole number, got {raw!r}") from error
