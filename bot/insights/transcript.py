"""A conversation as a service designer may read it: redacted, under a short label, never by id.

The report lists conversations by pseudonym (``bot.insights.privacy.pseudonymise``). To open one,
the pseudonym is matched against the conversations still stored
(``bot.insights.retention.find_conversation_ids``, so only what is within the retention period can be
read); the messages come from Rasa's tracker store, and every message is
redacted with ``bot.insights.privacy.redact``. The redacted text is then checked once more with
the same detectors: a message in which they still find anything is withheld as a whole.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, select

from bot.insights.privacy import redact
from bot.insights.retention import TRACKER_EVENTS_TABLE, find_conversation_ids, table_exists, tracker_events
from bot.store import get_engine

PSEUDONYM_RE = re.compile(r"^[0-9a-f]{64}$")
MAX_LINES = 400
MAX_TEXT_CHARS = 2000
WITHHELD = "[BERICHT WEGGELATEN]"
"""Shown instead of a message in which the detectors still find personal data after redaction."""


def conversation_label(pseudonym: str) -> str:
    """A short, readable label for a pseudonym: ``A3F-91C`` (the pseudonym's first six characters)."""
    head = pseudonym[:6].upper()
    return f"{head[:3]}-{head[3:]}"


@dataclass(frozen=True)
class TranscriptLine:
    at: dt.datetime
    speaker: str
    """``user`` (the person) or ``bot`` (Wegwijzer)."""
    text: str


@dataclass(frozen=True)
class Transcript:
    pseudonym: str
    label: str
    lines: tuple[TranscriptLine, ...]
    redactions: int
    """Personal data items replaced by a placeholder."""
    withheld: int
    """Messages withheld as a whole because the check after redaction still found something."""
    truncated: bool


def _message_text(type_name: str, raw: str | None) -> str | None:
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    text = data.get("text")
    if type_name == "user":
        metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
        display = metadata.get("display") if isinstance(metadata, dict) else None
        if isinstance(text, str) and text.startswith("/"):
            return display if isinstance(display, str) and display else "[knop]"
        return text if isinstance(text, str) else None
    if isinstance(text, str) and text:
        return text
    custom = (data.get("data") or {}).get("custom") if isinstance(data.get("data"), dict) else None
    if isinstance(custom, dict):
        for key in ("plain_text", "title", "text"):
            if isinstance(custom.get(key), str) and custom[key]:
                return str(custom[key])
    return None


def safe_text(text: str, nlp: Callable[[str], Any] | None = None) -> tuple[str, int, bool]:
    """(redacted text, items replaced, withheld): redacts, then checks the result once more."""
    result = redact(text[:MAX_TEXT_CHARS], nlp)
    if redact(result.text, nlp).total:
        return WITHHELD, result.total, True
    return result.text, result.total, False


def find_transcript(
    database_url: str,
    pseudonym: str,
    nlp: Callable[[str], Any] | None = None,
) -> Transcript | None:
    """The redacted transcript of the conversation with this pseudonym, or None when it is not in
    the tracker store (any more)."""
    if not PSEUDONYM_RE.match(pseudonym):
        return None
    with get_engine(database_url).connect() as connection:
        if not table_exists(connection, TRACKER_EVENTS_TABLE):
            return None
    senders = find_conversation_ids(database_url, pseudonym)
    if not senders:
        return None
    with get_engine(database_url).connect() as connection:
        rows = connection.execute(
            select(tracker_events.c.type_name, tracker_events.c.timestamp, tracker_events.c.data)
            .where(
                and_(tracker_events.c.sender_id.in_(senders), tracker_events.c.type_name.in_(("user", "bot")))
            )
            .order_by(tracker_events.c.timestamp, tracker_events.c.id)
        ).all()
    if not rows:
        return None
    lines: list[TranscriptLine] = []
    redactions = withheld = 0
    for type_name, timestamp, raw in rows[:MAX_LINES]:
        text = _message_text(type_name, raw)
        if not text:
            continue
        clean, count, was_withheld = safe_text(text, nlp)
        redactions += count
        withheld += was_withheld
        moment = dt.datetime.fromtimestamp(float(timestamp or 0), dt.timezone.utc).replace(tzinfo=None)
        lines.append(TranscriptLine(moment, type_name, clean))
    return Transcript(
        pseudonym=pseudonym,
        label=conversation_label(pseudonym),
        lines=tuple(lines),
        redactions=redactions,
        withheld=withheld,
        truncated=len(rows) > MAX_LINES,
    )
