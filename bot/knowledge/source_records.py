"""Tables of the source watch: what a page looked like when it was last fetched, and when a person
last confirmed that a step still matches it. No conversation data (retention does not apply)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Date, DateTime, Integer, String, UniqueConstraint, select

from bot.store import Base, session_scope


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class SourceCheckRecord(Base):
    """The last fetch of one cited URL."""

    __tablename__ = "source_checks"

    url = Column(String(1000), primary_key=True)
    checked_at = Column(DateTime, nullable=False, default=utcnow)
    status = Column(String(16), nullable=False)
    http_status = Column(Integer, nullable=True)
    final_url = Column(String(1000), nullable=True)
    etag = Column(String(200), nullable=True)
    last_modified = Column(String(100), nullable=True)
    content_hash = Column(String(64), nullable=True)
    error = Column(String(300), nullable=True)


class SourceConfirmationRecord(Base):
    """A person confirmed on ``confirmed_on`` that a step or right matches its page as it was."""

    __tablename__ = "source_confirmations"
    __table_args__ = (UniqueConstraint("event_id", "item_id", name="uq_source_confirmation_item"),)

    id = Column(Integer, primary_key=True)
    event_id = Column(String(64), nullable=False)
    item_id = Column(String(64), nullable=False)
    url = Column(String(1000), nullable=False)
    content_hash = Column(String(64), nullable=False)
    confirmed_by = Column(String(100), nullable=False)
    confirmed_on = Column(Date, nullable=False)


def last_checks(database_url: str) -> dict[str, SourceCheckRecord]:
    with session_scope(database_url) as session:
        records = session.execute(select(SourceCheckRecord)).scalars().all()
        session.expunge_all()
        return {record.url: record for record in records}


def confirmations(database_url: str) -> dict[tuple[str, str], SourceConfirmationRecord]:
    with session_scope(database_url) as session:
        records = session.execute(select(SourceConfirmationRecord)).scalars().all()
        session.expunge_all()
        return {(record.event_id, record.item_id): record for record in records}


def save_check(database_url: str, record: SourceCheckRecord) -> None:
    with session_scope(database_url) as session:
        session.merge(record)


def save_confirmation(database_url: str, record: SourceConfirmationRecord) -> None:
    with session_scope(database_url) as session:
        existing = session.execute(
            select(SourceConfirmationRecord).where(
                SourceConfirmationRecord.event_id == record.event_id,
                SourceConfirmationRecord.item_id == record.item_id,
            )
        ).scalar_one_or_none()
        if existing is None:
            session.add(record)
        else:
            existing.url, existing.content_hash = record.url, record.content_hash
            existing.confirmed_by, existing.confirmed_on = record.confirmed_by, record.confirmed_on
