"""Feedback from the chat widget and messages the assistant did not understand.

Nothing typed by a person is stored as is: free text is redacted with ``bot.insights.privacy.redact``
first and conversation ids are replaced by a salted pseudonym (``bot.insights.privacy.pseudonymise``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Column, DateTime, Float, Integer, String, Text, select
from sqlalchemy.exc import SQLAlchemyError

from bot.insights.privacy import pseudonymise, redact
from bot.knowledge.validation import LEVELS, life_event_ids
from bot.store import Base, session_scope

logger = logging.getLogger(__name__)

FEEDBACK_KINDS: tuple[str, ...] = ("rating", "remark", "complaint", "journey_rating")
RATINGS: tuple[str, ...] = ("up", "down")
# Labels a designer may give an unrecognised message: a life event or out of scope.


MAX_COMMENT_CHARS = 2000
MAX_BOT_MESSAGE_INPUT_CHARS = 20000
MAX_BOT_MESSAGE_STORED_CHARS = 500
MAX_COMPLAINT_FIELD_CHARS = 200
MAX_UNRECOGNISED_STORED_CHARS = 1000
PAYLOAD_KEYS = frozenset(
    {"conversation_id", "kind", "rating", "comment", "life_event", "step_id", "bot_message", "complaint"}
)
COMPLAINT_KEYS = frozenset({"service", "agency", "level"})

_CONVERSATION_ID_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
_STEP_ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class FeedbackRecord(Base):
    """One piece of feedback from the widget; only redacted text and a pseudonym are stored."""

    __tablename__ = "feedback"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(64), nullable=False, index=True)  # pseudonym
    created_at = Column(DateTime, nullable=False, default=_utcnow, index=True)
    kind = Column(String(16), nullable=False)
    rating = Column(String(8), nullable=True)
    comment_redacted = Column(Text, nullable=True)
    redaction_count = Column(Integer, nullable=False, default=0)
    life_event = Column(String(64), nullable=True, index=True)
    step_id = Column(String(64), nullable=True)
    bot_message_redacted = Column(Text, nullable=True)
    complaint_service = Column(String(MAX_COMPLAINT_FIELD_CHARS), nullable=True)
    complaint_agency = Column(String(MAX_COMPLAINT_FIELD_CHARS), nullable=True)
    complaint_level = Column(String(32), nullable=True)


class UnrecognisedMessage(Base):
    """A message the assistant did not understand (fallback), redacted, for designers to label."""

    __tablename__ = "unrecognised_messages"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(64), nullable=False, index=True)  # pseudonym
    created_at = Column(DateTime, nullable=False, default=_utcnow, index=True)
    text_redacted = Column(Text, nullable=False)
    redaction_count = Column(Integer, nullable=False, default=0)
    intent = Column(String(64), nullable=True)
    confidence = Column(Float, nullable=True)
    annotated_life_event = Column(String(64), nullable=True)
    annotated_at = Column(DateTime, nullable=True)


class FeedbackError(ValueError):
    """The feedback payload is malformed; the message names the field (HTTP 400)."""


class FeedbackStorageError(RuntimeError):
    """Valid feedback could not be stored; the caller should answer 503 so the widget retries."""


class AnnotationError(ValueError):
    """An annotation refers to an unknown message or label."""


# ---------------------------------------------------------------------------------------------
# Feedback
# ---------------------------------------------------------------------------------------------


def validate_feedback(payload: Any) -> dict[str, Any]:
    """Checks the raw JSON payload of the widget and returns the cleaned values (not redacted).

    Args:
        payload: the decoded JSON body.

    Returns:
        A dict with every key of ``PAYLOAD_KEYS``; absent optional values are None and the
        complaint is flattened into ``complaint_service``, ``complaint_agency`` and
        ``complaint_level``.

    Raises:
        FeedbackError: with a message naming the offending field.
    """
    if not isinstance(payload, Mapping):
        raise FeedbackError("payload: must be a JSON object")
    unknown = sorted(set(payload) - PAYLOAD_KEYS)
    if unknown:
        raise FeedbackError(f"{unknown[0]}: unknown field (allowed: {', '.join(sorted(PAYLOAD_KEYS))})")

    conversation_id = payload.get("conversation_id")
    if not isinstance(conversation_id, str) or not _CONVERSATION_ID_RE.match(conversation_id):
        raise FeedbackError("conversation_id: required, 8 to 64 characters of A-Z, a-z, 0-9, '_' or '-'")
    kind = payload.get("kind")
    if kind not in FEEDBACK_KINDS:
        raise FeedbackError(f"kind: required, one of {', '.join(FEEDBACK_KINDS)}")
    rating = payload.get("rating")
    if rating is not None and rating not in RATINGS:
        raise FeedbackError(f"rating: must be one of {', '.join(RATINGS)} or null")
    if kind in ("rating", "journey_rating") and rating is None:
        raise FeedbackError(f"rating: required when kind is {kind!r}")

    comment = _optional_text(payload, "comment", MAX_COMMENT_CHARS)
    if kind == "remark" and not comment:
        raise FeedbackError("comment: required (non-empty) when kind is 'remark'")

    life_event = payload.get("life_event")
    if life_event is not None and life_event not in life_event_ids():
        raise FeedbackError(f"life_event: {str(life_event)[:64]!r} is not a known life event id")
    if kind == "journey_rating" and life_event is None:
        raise FeedbackError("life_event: required when kind is 'journey_rating'")
    step_id = payload.get("step_id")
    if step_id is not None and (not isinstance(step_id, str) or not _STEP_ID_RE.match(step_id)):
        raise FeedbackError("step_id: must be a snake_case id of at most 64 characters or null")
    if step_id is not None and life_event is None:
        raise FeedbackError("life_event: required when step_id is given")

    bot_message = _optional_text(payload, "bot_message", MAX_BOT_MESSAGE_INPUT_CHARS)
    complaint = _validate_complaint(payload.get("complaint"), kind)
    return {
        "conversation_id": conversation_id,
        "kind": kind,
        "rating": rating,
        "comment": comment,
        "life_event": life_event,
        "step_id": step_id,
        "bot_message": bot_message,
        **complaint,
    }


def _optional_text(payload: Mapping[str, Any], key: str, max_chars: int) -> str | None:
    value = payload.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise FeedbackError(f"{key}: must be a string or null")
    if len(value) > max_chars:
        raise FeedbackError(f"{key}: at most {max_chars} characters, got {len(value)}")
    return value.strip() or None


def _validate_complaint(value: Any, kind: str) -> dict[str, str | None]:
    empty: dict[str, str | None] = {
        "complaint_service": None,
        "complaint_agency": None,
        "complaint_level": None,
    }
    if value is None:
        if kind == "complaint":
            raise FeedbackError("complaint: required when kind is 'complaint'")
        return empty
    if kind != "complaint":
        raise FeedbackError("complaint: only allowed when kind is 'complaint'")
    if not isinstance(value, Mapping):
        raise FeedbackError("complaint: must be an object with service, agency and level")
    unknown = sorted(set(value) - COMPLAINT_KEYS)
    if unknown:
        raise FeedbackError(f"complaint.{unknown[0]}: unknown field (allowed: agency, level, service)")
    result = {
        f"complaint_{key}": _optional_text(value, key, MAX_COMPLAINT_FIELD_CHARS)
        for key in ("service", "agency")
    }
    if not result["complaint_service"] and not result["complaint_agency"]:
        raise FeedbackError("complaint.agency: a complaint needs an agency or a service")
    level = value.get("level")
    if level is not None and level not in LEVELS:
        raise FeedbackError(f"complaint.level: must be one of {', '.join(LEVELS)} or null")
    result["complaint_level"] = level
    return result


def record_feedback(database_url: str, payload: Any, nlp: Any = None) -> int:
    """Validates, redacts and stores feedback from the web widget.

    The record is committed before this function returns, so a returned id means the feedback
    is safely stored.

    Args:
        database_url: SQLAlchemy URL of the application database.
        payload: the raw decoded JSON body sent by the widget.
        nlp: optional spaCy pipeline with a PER/PERSON entity recogniser (see ``redact``).

    Returns:
        The id of the new feedback record.

    Raises:
        FeedbackError: the payload is malformed (answer HTTP 400 with the message).
        FeedbackStorageError: the database could not store it (answer HTTP 503; the widget retries).
    """
    values = validate_feedback(payload)
    redaction_count = 0
    redacted: dict[str, str | None] = {}
    for key in ("comment", "bot_message", "complaint_service", "complaint_agency"):
        if values[key] is None:
            redacted[key] = None
            continue
        result = redact(values[key], nlp)
        redacted[key] = result.text
        if key == "comment":
            redaction_count = result.total
    record = FeedbackRecord(
        conversation_id=pseudonymise(values["conversation_id"]),
        created_at=_utcnow(),
        kind=values["kind"],
        rating=values["rating"],
        comment_redacted=redacted["comment"],
        redaction_count=redaction_count,
        life_event=values["life_event"],
        step_id=values["step_id"],
        bot_message_redacted=_truncate(redacted["bot_message"], MAX_BOT_MESSAGE_STORED_CHARS),
        complaint_service=_truncate(redacted["complaint_service"], MAX_COMPLAINT_FIELD_CHARS),
        complaint_agency=_truncate(redacted["complaint_agency"], MAX_COMPLAINT_FIELD_CHARS),
        complaint_level=values["complaint_level"],
    )
    try:
        with session_scope(database_url) as session:
            session.add(record)
            session.flush()
            new_id = int(record.id)
        return new_id
    except (SQLAlchemyError, OSError) as error:
        logger.error("Could not store feedback (%s): %s", values["kind"], error)
        raise FeedbackStorageError("feedback could not be stored, please retry later") from error


def _truncate(text: str | None, max_chars: int) -> str | None:
    if text is None or len(text) <= max_chars:
        return text
    return text[: max_chars - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------
# Unrecognised messages
# ---------------------------------------------------------------------------------------------


def record_unrecognised(
    database_url: str,
    conversation_id: str,
    text: str,
    intent: str | None = None,
    confidence: float | None = None,
    nlp: Any = None,
) -> int | None:
    """Stores a message the assistant did not understand, redacted.

    Never raises for database problems: a fallback must not break the conversation.

    Args:
        database_url: SQLAlchemy URL of the application database.
        conversation_id: the raw conversation (sender) id; only its pseudonym is stored.
        text: the message as typed; it is redacted before storage and truncated afterwards.
        intent: the intent NLU predicted (for example ``nlu_fallback`` or the low-confidence one).
        confidence: the NLU confidence of that intent.
        nlp: optional spaCy pipeline with a PER/PERSON entity recogniser.

    Returns:
        The id of the new record, or None if the database was unavailable.
    """
    result = redact(text or "", nlp)
    record = UnrecognisedMessage(
        conversation_id=pseudonymise(conversation_id),
        created_at=_utcnow(),
        text_redacted=_truncate(result.text, MAX_UNRECOGNISED_STORED_CHARS) or "",
        redaction_count=result.total,
        intent=(intent or None) and str(intent)[:64],
        confidence=None if confidence is None else float(confidence),
    )
    try:
        with session_scope(database_url) as session:
            session.add(record)
            session.flush()
            return int(record.id)
    except (SQLAlchemyError, OSError) as error:
        logger.warning("Could not store unrecognised message: %s", error)
        return None


def annotate(database_url: str, message_id: int, life_event: str | None) -> None:
    """Labels an unrecognised message with the life event it was about (designers' work).

    Args:
        database_url: SQLAlchemy URL of the application database.
        message_id: id of the unrecognised message.
        life_event: a life-event id, ``out_of_scope``, or None to remove the label.

    Raises:
        AnnotationError: unknown message id or label.
    """
    if life_event is not None and life_event not in (*life_event_ids(), "out_of_scope"):
        raise AnnotationError(f"life_event: {life_event!r} is not a life-event id or 'out_of_scope'")
    with session_scope(database_url) as session:
        message = session.get(UnrecognisedMessage, message_id)
        if message is None:
            raise AnnotationError(f"message_id: no unrecognised message with id {message_id}")
        message.annotated_life_event = life_event
        message.annotated_at = None if life_event is None else _utcnow()


def export_annotations_as_nlu(database_url: str) -> str:
    """Annotated messages as Rasa NLU YAML, for a person to review before adding to training data.

    Nothing is added to the training data automatically. Examples are the redacted texts, so
    placeholders such as ``[NAAM]`` must be replaced by realistic fake values during review.

    Returns:
        YAML text with ``version: "3.1"`` and one ``- intent:`` block per label, sorted.
    """
    with session_scope(database_url) as session:
        rows = session.execute(
            select(UnrecognisedMessage.annotated_life_event, UnrecognisedMessage.text_redacted).where(
                UnrecognisedMessage.annotated_life_event.isnot(None)
            )
        ).all()
    examples: dict[str, set[str]] = {}
    for label, text in rows:
        line = " ".join(str(text).split())
        if line:
            examples.setdefault(label, set()).add(line)
    lines = [
        "# Generated by Wegwijzer from annotated unrecognised messages. REVIEW BEFORE USE:",
        "# replace placeholders such as [NAAM] by realistic fake values, remove duplicates of",
        "# existing examples, then copy the examples into data/nlu by hand.",
        'version: "3.1"',
        "nlu:" if examples else "nlu: []",
    ]
    for label in sorted(examples):
        lines.append(f"  - intent: {label}")
        lines.append("    examples: |")
        lines.extend(f"      - {example}" for example in sorted(examples[label]))
    return "\n".join(lines) + "\n"


def list_unrecognised(
    database_url: str, only_unannotated: bool = True, limit: int = 200
) -> list[dict[str, Any]]:
    """Recent unrecognised messages (redacted text only), newest first, for designers to annotate."""
    with session_scope(database_url) as session:
        query = select(UnrecognisedMessage).order_by(UnrecognisedMessage.id.desc()).limit(limit)
        if only_unannotated:
            query = query.where(UnrecognisedMessage.annotated_life_event.is_(None))
        return [
            {
                "id": row.id,
                "text": row.text_redacted,
                "predicted_intent": row.intent,
                "annotation": row.annotated_life_event,
                "created_at": row.created_at.isoformat() + "Z",
            }
            for row in session.execute(query).scalars()
        ]
