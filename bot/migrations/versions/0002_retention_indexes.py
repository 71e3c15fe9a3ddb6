"""Indexes on the creation dates that the retention purge filters on, for every table it covers.

Revision ID: 0002_retention_indexes
Revises: 0001_baseline
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_retention_indexes"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_journey_events_created_at", "journey_events", "created_at"),
    ("ix_handoff_cases_created_at", "handoff_cases", "created_at"),
    ("ix_handoff_messages_created_at", "handoff_messages", "created_at"),
)


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    for name, table, column in INDEXES:
        if name not in {index["name"] for index in inspector.get_indexes(table)}:
            op.create_index(name, table, [column])


def downgrade() -> None:
    for name, table, _ in INDEXES:
        op.drop_index(name, table_name=table)
