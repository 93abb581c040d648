"""Hard moments (/hard: a private log and the partner's short answer), the fuller check-in offered
freely (/share: the plan, each share, the receiver's answer), and the setting that puts a
person's hard-moment numbers in the shared summary.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _user_fk(table: str, column: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"), ondelete=ondelete
    )


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("hard_in_summary", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "hard_moments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("intensity", sa.Integer()),
        sa.Column("trigger", sa.Text()),
        sa.Column("helped", sa.Text()),
        sa.Column("told_user_id", sa.BigInteger()),
        sa.Column("told_at", sa.DateTime(timezone=True)),
        sa.Column("told_silently", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("answer", sa.String(16)),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hard_moments")),
        _user_fk("hard_moments", "user_id"),
        _user_fk("hard_moments", "told_user_id", "SET NULL"),
        sqlite_autoincrement=True,
    )
    for column in ("user_id", "created_at", "told_user_id"):
        op.create_index(op.f(f"ix_hard_moments_{column}"), "hard_moments", [column])
    op.create_table(
        "share_plans",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("rhythm", sa.String(16), nullable=False),
        sa.Column("minute_of_day", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paused_at", sa.DateTime(timezone=True)),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_plans")),
        _user_fk("share_plans", "user_id"),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_share_plans_user_id"), "share_plans", ["user_id"], unique=True)
    op.create_table(
        "share_entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("to_user_id", sa.BigInteger()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("feelings", sa.Text()),
        sa.Column("appreciation", sa.Text()),
        sa.Column("need", sa.Text()),
        sa.Column("responsibility", sa.Text()),
        sa.Column("care", sa.Text()),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_entries")),
        _user_fk("share_entries", "user_id"),
        _user_fk("share_entries", "to_user_id", "SET NULL"),
        sqlite_autoincrement=True,
    )
    for column in ("user_id", "to_user_id"):
        op.create_index(op.f(f"ix_share_entries_{column}"), "share_entries", [column])
    op.create_table(
        "share_replies",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("response", sa.String(16), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("relayed_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_replies")),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["share_entries.id"],
            name=op.f("fk_share_replies_entry_id_share_entries"),
            ondelete="CASCADE",
        ),
        _user_fk("share_replies", "user_id"),
        sa.UniqueConstraint("entry_id", "user_id", name=op.f("uq_share_replies_entry_id")),
        sa.CheckConstraint(
            "response IN ('thanks', 'talk')", name=op.f("ck_share_replies_response_known")
        ),
    )
    op.create_index(op.f("ix_share_replies_user_id"), "share_replies", ["user_id"])


def downgrade() -> None:
    op.drop_table("share_replies")
    op.drop_table("share_entries")
    op.drop_table("share_plans")
    op.drop_table("hard_moments")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("hard_in_summary")
