"""Short-lived, opaque tickets for the widget's live stream, so a conversation id never travels
in a URL (EventSource cannot send headers). A ticket is the conversation id encrypted and
authenticated with the server key (Fernet), valid for two minutes on every replica."""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken

from bot.settings import is_production, setting

TICKET_SECONDS = 120
DEV_KEY_SEED = "wegwijzer-development-key-not-for-production"


class SecretKeyMissing(RuntimeError):
    """Production needs WEGWIJZER_SECRET_KEY (shared by all replicas)."""


@lru_cache(maxsize=4)
def _fernet(secret: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest()))


def server_key(env: dict[str, str] | None = None) -> Fernet:
    secret = setting("WEGWIJZER_SECRET_KEY", env)
    if not secret:
        if is_production(env):
            raise SecretKeyMissing("WEGWIJZER_SECRET_KEY must be set in production (a long random secret).")
        secret = DEV_KEY_SEED
    return _fernet(secret)


def issue_ticket(conversation_id: str) -> str:
    return server_key().encrypt(conversation_id.encode()).decode()


def read_ticket(ticket: str) -> str | None:
    """The conversation id of a valid, unexpired ticket; None otherwise."""
    try:
        return server_key().decrypt(ticket.encode(), ttl=TICKET_SECONDS).decode()
    except (InvalidToken, ValueError, UnicodeError):
        return None
