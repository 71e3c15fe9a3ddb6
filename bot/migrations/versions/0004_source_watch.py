"""The source watch: the last fetch of every cited page and the people's confirmations.

Revision ID: 0004_source_watch
Revises: 0003_staff_sessions
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_source_watch"
down_revision = "0003_staff_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_checks",
        sa.Column("url", sa.String(1000), primary_key=True),
        sa.Column("checked_at", sa.DateTime, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("http_status", sa.Integer, nullable=True),
        sa.Column("final_url", sa.String(1000), nullable=True),
        sa.Column("etag", sa.String(200), nullable=True),
        sa.Column("last_modified", sa.String(100), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=True),
        sa.Column("error", sa.String(300), nullable=True),
    )
    op.create_table(
        "source_confirmations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("url", sa.String(1000), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("confirmed_by", sa.String(100), nullable=False),
        sa.Column("confirmed_on", sa.Date, nullable=False),
        sa.UniqueConstraint("event_id", "item_id", name="uq_source_confirmation_item"),
    )


def downgrade() -> None:
    op.drop_table("source_confirmations")
    op.drop_table("source_checks")
