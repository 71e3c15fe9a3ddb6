"""Tables of the hand-off: cases, their live messages, and the delivery outbox."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint

from bot.store import Base


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class HandoffCase(Base):
    """A conversation handed to a person. ``summary`` is minimised and redacted."""

    __tablename__ = "handoff_cases"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(128), nullable=False, index=True)
    status = Column(String(16), nullable=False, default="open", index=True)  # open | claimed | closed
    channel = Column(String(16), nullable=False, default="live")  # live | physical
    reason = Column(String(32), nullable=False)
    urgency = Column(String(16), nullable=False, default="normal")  # normal | high
    life_events = Column(Text, nullable=False, default="[]")  # JSON list of ids
    answers = Column(Text, nullable=False, default="{}")  # JSON {question: answer label}
    current_step = Column(String(256), nullable=True)
    municipality = Column(String(128), nullable=True)
    last_message = Column(Text, nullable=True)  # redacted
    summary = Column(Text, nullable=False)
    contact = Column(Text, nullable=True)  # only with consent
    claimed_by = Column(String(64), nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow, index=True)
    claimed_at = Column(DateTime, nullable=True)
    closed_at = Column(DateTime, nullable=True)


class CaseMessage(Base):
    """One message in the live chat between citizen and caseworker (operational, not analytics)."""

    __tablename__ = "handoff_messages"

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("handoff_cases.id", ondelete="CASCADE"), nullable=False, index=True)
    author = Column(String(16), nullable=False)  # citizen | caseworker | system
    text = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow, index=True)


class OutboxItem(Base):
    """A case waiting to be delivered to the configured webhook: survives restarts."""

    __tablename__ = "handoff_outbox"
    __table_args__ = (UniqueConstraint("idempotency_key", name="uq_outbox_idempotency_key"),)

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("handoff_cases.id", ondelete="CASCADE"), nullable=False)
    idempotency_key = Column(String(64), nullable=False)
    payload = Column(Text, nullable=False)
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(DateTime, nullable=False, default=utcnow, index=True)
    delivered = Column(Boolean, nullable=False, default=False, index=True)
    delivered_at = Column(DateTime, nullable=True)
    last_error = Column(String(500), nullable=True)
