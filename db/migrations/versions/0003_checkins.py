"""Check-ins: answers, solo rounds, reveal and reminder times, journal, appreciations.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TS = sa.DateTime(timezone=True)


def _user_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"), ondelete="CASCADE"
    )


def _round_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["round_id"],
        ["checkin_rounds.id"],
        name=op.f(f"fk_{table}_round_id_checkin_rounds"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("ask_before_reveal", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("checkin_rounds") as batch:
        batch.alter_column("couple_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("solo_user_id", sa.BigInteger()))
        batch.add_column(sa.Column("revealed_at", UTC_TS))
        batch.add_column(sa.Column("remind_at", UTC_TS))
        batch.add_column(sa.Column("reminded_at", UTC_TS))
        batch.create_foreign_key(
            op.f("fk_checkin_rounds_solo_user_id_users"),
            "users",
            ["solo_user_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_unique_constraint(
            "uq_checkin_rounds_solo_date", ["solo_user_id", "local_date"]
        )
        batch.create_check_constraint("one_owner", "(couple_id IS NULL) <> (solo_user_id IS NULL)")
        batch.create_index(op.f("ix_checkin_rounds_solo_user_id"), ["solo_user_id"])
        batch.create_index(op.f("ix_checkin_rounds_remind_at"), ["remind_at"])

    op.create_table(
        "checkin_answers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("safety", sa.Integer()),
        sa.Column("connection", sa.Integer()),
        sa.Column("agreements", sa.Integer()),
        sa.Column("text", sa.Text()),
        sa.Column("text_skipped", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("private_mask", sa.Integer(), server_default="0", nullable=False),
        sa.Column("started_at", UTC_TS, nullable=False),
        sa.Column("updated_at", UTC_TS, nullable=False),
        sa.Column("completed_at", UTC_TS),
        sa.Column("partner_seen_at", UTC_TS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_answers")),
        _round_fk("checkin_answers"),
        _user_fk("checkin_answers", "user_id"),
        sa.UniqueConstraint("round_id", "user_id", name="uq_checkin_answers_round_user"),
    )
    op.create_index(op.f("ix_checkin_answers_user_id"), "checkin_answers", ["user_id"])

    op.create_table(
        "journal_entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.Column("prompt_id", sa.String(32)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_entries")),
        _user_fk("journal_entries", "user_id"),
    )
    op.create_index(op.f("ix_journal_entries_user_id"), "journal_entries", ["user_id"])

    op.create_table(
        "appreciations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("from_user_id", sa.BigInteger(), nullable=False),
        sa.Column("to_user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("relayed_at", UTC_TS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appreciations")),
        _round_fk("appreciations"),
        _user_fk("appreciations", "from_user_id"),
        _user_fk("appreciations", "to_user_id"),
        sa.UniqueConstraint("round_id", "from_user_id", name="uq_appreciations_round_from"),
    )
    op.create_index(op.f("ix_appreciations_from_user_id"), "appreciations", ["from_user_id"])
    op.create_index(op.f("ix_appreciations_to_user_id"), "appreciations", ["to_user_id"])


def downgrade() -> None:
    op.drop_table("appreciations")
    op.drop_table("journal_entries")
    op.drop_table("checkin_answers")
    op.execute(sa.text("DELETE FROM checkin_rounds WHERE couple_id IS NULL"))
    with op.batch_alter_table("checkin_rounds") as batch:
        batch.drop_index(op.f("ix_checkin_rounds_remind_at"))
        batch.drop_index(op.f("ix_checkin_rounds_solo_user_id"))
        batch.drop_constraint("one_owner", type_="check")
        batch.drop_constraint("uq_checkin_rounds_solo_date", type_="unique")
        batch.drop_constraint(op.f("fk_checkin_rounds_solo_user_id_users"), type_="foreignkey")
        batch.drop_column("reminded_at")
        batch.drop_column("remind_at")
        batch.drop_column("revealed_at")
        batch.drop_column("solo_user_id")
        batch.alter_column("couple_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("users") as batch:
        batch.drop_column("ask_before_reveal")
