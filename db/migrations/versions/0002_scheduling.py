"""Scheduling: reminders (the due queue), deliveries, check-in rounds, workers; pause and quiet.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("quiet_start", sa.Integer(), server_default="1320"))
        batch.add_column(sa.Column("quiet_end", sa.Integer(), server_default="480"))
        batch.add_column(sa.Column("paused_at", UTC_TS))
        batch.add_column(sa.Column("paused_until", UTC_TS))
        batch.add_column(sa.Column("checkin_pause_noted_at", UTC_TS))
        batch.add_column(
            sa.Column("discreet", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch.add_column(
            sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    with op.batch_alter_table("couples") as batch:
        batch.add_column(sa.Column("seen_prompts", sa.Text(), server_default="", nullable=False))

    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("minute_of_day", sa.Integer(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("next_fire_at", UTC_TS),
        sa.Column("slot_at", UTC_TS),
        sa.Column("snoozes", sa.Integer(), server_default="0", nullable=False),
        sa.Column("current_item", sa.String(32)),
        sa.Column("seen_items", sa.Text(), server_default="", nullable=False),
        sa.Column("lease_owner", sa.String(64)),
        sa.Column("lease_until", UTC_TS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_reminders_user_id_users"), ondelete="CASCADE"
        ),
        sa.UniqueConstraint("user_id", "kind", name="uq_reminders_user_kind"),
    )
    op.create_index(op.f("ix_reminders_next_fire_at"), "reminders", ["next_fire_at"])

    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("reminder_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("slot_at", UTC_TS, nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.Column("sent_at", UTC_TS),
        sa.Column("telegram_message_id", sa.BigInteger()),
        sa.Column("response", sa.String(16)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.ForeignKeyConstraint(
            ["reminder_id"],
            ["reminders.id"],
            name=op.f("fk_deliveries_reminder_id_reminders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_deliveries_user_id_users"), ondelete="CASCADE"
        ),
        sa.UniqueConstraint("reminder_id", "slot_at", "attempt", name="uq_deliveries_occurrence"),
    )
    op.create_index(op.f("ix_deliveries_user_id"), "deliveries", ["user_id"])
    op.create_index(op.f("ix_deliveries_created_at"), "deliveries", ["created_at"])

    op.create_table(
        "checkin_rounds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("couple_id", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("prompt_id", sa.String(32), nullable=False),
        sa.Column("opened_at", UTC_TS, nullable=False),
        sa.Column("closes_at", UTC_TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_rounds")),
        sa.ForeignKeyConstraint(
            ["couple_id"],
            ["couples.id"],
            name=op.f("fk_checkin_rounds_couple_id_couples"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("couple_id", "local_date", name="uq_checkin_rounds_couple_date"),
    )
    op.create_index(op.f("ix_checkin_rounds_closes_at"), "checkin_rounds", ["closes_at"])

    op.create_table(
        "workers",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("heartbeat_at", UTC_TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workers")),
    )
    op.create_index(op.f("ix_workers_heartbeat_at"), "workers", ["heartbeat_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_workers_heartbeat_at"), table_name="workers")
    op.drop_table("workers")
    op.drop_index(op.f("ix_checkin_rounds_closes_at"), table_name="checkin_rounds")
    op.drop_table("checkin_rounds")
    op.drop_index(op.f("ix_deliveries_created_at"), table_name="deliveries")
    op.drop_index(op.f("ix_deliveries_user_id"), table_name="deliveries")
    op.drop_table("deliveries")
    op.drop_index(op.f("ix_reminders_next_fire_at"), table_name="reminders")
    op.drop_table("reminders")
    with op.batch_alter_table("couples") as batch:
        batch.drop_column("seen_prompts")
    with op.batch_alter_table("users") as batch:
        for column in (
            "active",
            "discreet",
            "checkin_pause_noted_at",
            "paused_until",
            "paused_at",
            "quiet_end",
            "quiet_start",
        ):
            batch.drop_column(column)
