"""The path: a couple's (or one person's) ten weekly stages, and each person's step in each
stage (what reached them, readiness to move on, the closing reflection, encrypted).

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "paths",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("couple_id", sa.Integer()),
        sa.Column("solo_user_id", sa.BigInteger()),
        sa.Column("invited_by", sa.BigInteger()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("stage", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stage_started_at", sa.DateTime(timezone=True)),
        sa.Column("paused_at", sa.DateTime(timezone=True)),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paths")),
        sa.ForeignKeyConstraint(
            ["couple_id"],
            ["couples.id"],
            name=op.f("fk_paths_couple_id_couples"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["solo_user_id"],
            ["users.id"],
            name=op.f("fk_paths_solo_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "(couple_id IS NULL) <> (solo_user_id IS NULL)", name=op.f("ck_paths_one_owner")
        ),
        sa.CheckConstraint(
            "status IN ('invited', 'active', 'paused', 'left', 'done')",
            name=op.f("ck_paths_status_known"),
        ),
        sa.CheckConstraint("stage BETWEEN 1 AND 10", name=op.f("ck_paths_stage_range")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_paths_couple_id"), "paths", ["couple_id"])
    op.create_index(op.f("ix_paths_solo_user_id"), "paths", ["solo_user_id"])
    op.create_table(
        "path_steps",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("path_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True)),
        sa.Column("asked_at", sa.DateTime(timezone=True)),
        sa.Column("ready_at", sa.DateTime(timezone=True)),
        sa.Column("helped", sa.Text()),
        sa.Column("hard", sa.Text()),
        sa.Column("held", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
        sa.Column("revealed_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_path_steps")),
        sa.ForeignKeyConstraint(
            ["path_id"], ["paths.id"], name=op.f("fk_path_steps_path_id_paths"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_path_steps_user_id_users"), ondelete="CASCADE"
        ),
        sa.UniqueConstraint("path_id", "stage", "user_id", name="uq_path_steps_path_id"),
    )
    op.create_index(op.f("ix_path_steps_user_id"), "path_steps", ["user_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_path_steps_user_id"), table_name="path_steps")
    op.drop_table("path_steps")
    op.drop_index(op.f("ix_paths_solo_user_id"), table_name="paths")
    op.drop_index(op.f("ix_paths_couple_id"), table_name="paths")
    op.drop_table("paths")
