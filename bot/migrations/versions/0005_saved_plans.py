"""Saved links to a plan: the life event, its answers and date under the hash of a random token.

Revision ID: 0005_saved_plans
Revises: 0004_source_watch
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_saved_plans"
down_revision = "0004_source_watch"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_plans",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("answers", sa.Text, nullable=False),
        sa.Column("event_date", sa.Date, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_saved_plans_expires_at", "saved_plans", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_saved_plans_expires_at", table_name="saved_plans")
    op.drop_table("saved_plans")
