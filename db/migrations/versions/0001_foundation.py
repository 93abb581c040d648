"""Foundation: people who consented, couples and invites.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "couples",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_couples")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.Column("consent_at", UTC_TS, nullable=False),
        sa.Column("consent_version", sa.String(32), nullable=False),
        sa.Column("role", sa.String(16), nullable=True),
        sa.Column("timezone", sa.String(64), nullable=True),
        sa.Column("awaiting", sa.String(32), nullable=True),
        sa.Column("couple_id", sa.Integer(), nullable=True),
        sa.Column("couple_slot", sa.Integer(), nullable=True),
        sa.Column("last_seen_at", UTC_TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.ForeignKeyConstraint(
            ["couple_id"], ["couples.id"], name=op.f("fk_users_couple_id_couples")
        ),
        sa.UniqueConstraint("couple_id", "couple_slot", name="uq_users_couple_slot"),
        sa.CheckConstraint("couple_slot IN (0, 1)", name=op.f("ck_users_slot_range")),
        sa.CheckConstraint(
            "(couple_id IS NULL) = (couple_slot IS NULL)", name=op.f("ck_users_slot_with_couple")
        ),
        sa.CheckConstraint("role IN ('hurt', 'broke', 'unsaid')", name=op.f("ck_users_role_known")),
    )
    op.create_index(op.f("ix_users_couple_id"), "users", ["couple_id"])
    op.create_table(
        "invites",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("inviter_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.Column("expires_at", UTC_TS, nullable=False),
        sa.Column("used_at", UTC_TS, nullable=True),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_invites")),
        sa.ForeignKeyConstraint(
            ["inviter_id"],
            ["users.id"],
            name=op.f("fk_invites_inviter_id_users"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("inviter_id", name=op.f("uq_invites_inviter_id")),
    )
    op.create_index(op.f("ix_invites_expires_at"), "invites", ["expires_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_invites_expires_at"), table_name="invites")
    op.drop_table("invites")
    op.drop_index(op.f("ix_users_couple_id"), table_name="users")
    op.drop_table("users")
    op.drop_table("couples")
