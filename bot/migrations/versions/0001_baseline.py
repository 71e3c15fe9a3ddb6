"""Baseline: the project's tables as the first releases created them with create_all.

A database made by such a release already has these tables: they are left as they are (the
revision is then only recorded), so `wegwijzer db upgrade` works on old and new databases alike.

Revision ID: 0001_baseline
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None


def _missing(name: str) -> bool:
    return name not in sa.inspect(op.get_bind()).get_table_names()


def upgrade() -> None:
    if _missing("journey_events"):
        op.create_table(
            "journey_events",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("conversation_id", sa.String(128), nullable=False, index=True),
            sa.Column("life_event", sa.String(64), nullable=False, index=True),
            sa.Column("step_id", sa.String(64), nullable=True),
            sa.Column("kind", sa.String(32), nullable=False),
            sa.Column("created_at", sa.DateTime, nullable=False),
        )
    if _missing("feedback"):
        op.create_table(
            "feedback",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("conversation_id", sa.String(64), nullable=False, index=True),
            sa.Column("created_at", sa.DateTime, nullable=False, index=True),
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("rating", sa.String(8), nullable=True),
            sa.Column("comment_redacted", sa.Text, nullable=True),
            sa.Column("redaction_count", sa.Integer, nullable=False),
            sa.Column("life_event", sa.String(64), nullable=True, index=True),
            sa.Column("step_id", sa.String(64), nullable=True),
            sa.Column("bot_message_redacted", sa.Text, nullable=True),
            sa.Column("complaint_service", sa.String(200), nullable=True),
            sa.Column("complaint_agency", sa.String(200), nullable=True),
            sa.Column("complaint_level", sa.String(32), nullable=True),
        )
    if _missing("unrecognised_messages"):
        op.create_table(
            "unrecognised_messages",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("conversation_id", sa.String(64), nullable=False, index=True),
            sa.Column("created_at", sa.DateTime, nullable=False, index=True),
            sa.Column("text_redacted", sa.Text, nullable=False),
            sa.Column("redaction_count", sa.Integer, nullable=False),
            sa.Column("intent", sa.String(64), nullable=True),
            sa.Column("confidence", sa.Float, nullable=True),
            sa.Column("annotated_life_event", sa.String(64), nullable=True),
            sa.Column("annotated_at", sa.DateTime, nullable=True),
        )
    if _missing("handoff_cases"):
        op.create_table(
            "handoff_cases",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("conversation_id", sa.String(128), nullable=False, index=True),
            sa.Column("status", sa.String(16), nullable=False, index=True),
            sa.Column("channel", sa.String(16), nullable=False),
            sa.Column("reason", sa.String(32), nullable=False),
            sa.Column("urgency", sa.String(16), nullable=False),
            sa.Column("life_events", sa.Text, nullable=False),
            sa.Column("answers", sa.Text, nullable=False),
            sa.Column("current_step", sa.String(256), nullable=True),
            sa.Column("municipality", sa.String(128), nullable=True),
            sa.Column("last_message", sa.Text, nullable=True),
            sa.Column("summary", sa.Text, nullable=False),
            sa.Column("contact", sa.Text, nullable=True),
            sa.Column("claimed_by", sa.String(64), nullable=True),
            sa.Column("created_at", sa.DateTime, nullable=False),
            sa.Column("claimed_at", sa.DateTime, nullable=True),
            sa.Column("closed_at", sa.DateTime, nullable=True),
        )
    if _missing("handoff_messages"):
        op.create_table(
            "handoff_messages",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column(
                "case_id",
                sa.Integer,
                sa.ForeignKey("handoff_cases.id", ondelete="CASCADE"),
                nullable=False,
                index=True,
            ),
            sa.Column("author", sa.String(16), nullable=False),
            sa.Column("text", sa.Text, nullable=False),
            sa.Column("created_at", sa.DateTime, nullable=False),
        )
    if _missing("handoff_outbox"):
        op.create_table(
            "handoff_outbox",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column(
                "case_id", sa.Integer, sa.ForeignKey("handoff_cases.id", ondelete="CASCADE"), nullable=False
            ),
            sa.Column("idempotency_key", sa.String(64), nullable=False),
            sa.Column("payload", sa.Text, nullable=False),
            sa.Column("attempts", sa.Integer, nullable=False),
            sa.Column("next_attempt_at", sa.DateTime, nullable=False, index=True),
            sa.Column("delivered", sa.Boolean, nullable=False, index=True),
            sa.Column("delivered_at", sa.DateTime, nullable=True),
            sa.Column("last_error", sa.String(500), nullable=True),
            sa.UniqueConstraint("idempotency_key", name="uq_outbox_idempotency_key"),
        )
    if _missing("catalogue_services"):
        op.create_table(
            "catalogue_services",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("ipdc_id", sa.String(512), nullable=False, index=True, unique=True),
            sa.Column("kind", sa.String(16), nullable=True),
            sa.Column("snapshot_id", sa.String(512), nullable=True),
            sa.Column("product_number", sa.String(64), nullable=True, index=True),
            sa.Column("title_nl", sa.Text, nullable=True),
            sa.Column("description_nl", sa.Text, nullable=True),
            sa.Column("competent_level", sa.String(128), nullable=True),
            sa.Column("executing_level", sa.String(128), nullable=True),
            sa.Column("conditions_text", sa.Text, nullable=True),
            sa.Column("procedure_text", sa.Text, nullable=True),
            sa.Column("costs_text", sa.Text, nullable=True),
            sa.Column("phones", sa.Text, nullable=False),
            sa.Column("emails", sa.Text, nullable=False),
            sa.Column("addresses", sa.Text, nullable=False),
            sa.Column("websites", sa.Text, nullable=False),
            sa.Column("service_type", sa.String(64), nullable=True),
            sa.Column("themes", sa.Text, nullable=False),
            sa.Column("target_audiences", sa.Text, nullable=False),
            sa.Column("withdrawn", sa.Boolean, nullable=False),
            sa.Column("generated_at", sa.DateTime, nullable=False),
            sa.Column("source_page", sa.Text, nullable=True),
            sa.Column("imported_at", sa.DateTime, nullable=False),
        )


def downgrade() -> None:
    for table in (
        "catalogue_services",
        "handoff_outbox",
        "handoff_messages",
        "handoff_cases",
        "unrecognised_messages",
        "feedback",
        "journey_events",
    ):
        op.drop_table(table)
