"""Boundaries: versions, the partner's responses, weekly review verdicts; review day, sharing.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TS = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    with op.batch_alter_table("couples") as batch:
        batch.add_column(sa.Column("review_day", sa.Integer(), server_default="6"))
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("share_review", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    op.create_table(
        "boundaries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("couple_id", sa.Integer()),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("consequence", sa.Text()),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("status", sa.String(16), server_default="private", nullable=False),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.Column("updated_at", UTC_TS, nullable=False),
        sa.Column("shared_at", UTC_TS),
        sa.Column("shared_version", sa.Integer()),
        sa.Column("answered_at", UTC_TS),
        sa.Column("retired_at", UTC_TS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_boundaries")),
        _fk("boundaries", "owner_id", "users"),
        _fk("boundaries", "couple_id", "couples", ondelete="SET NULL"),
        sa.CheckConstraint(
            "status IN ('private', 'shared', 'acknowledged', 'talk')",
            name=op.f("ck_boundaries_status_known"),
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_boundaries_owner_id"), "boundaries", ["owner_id"])
    op.create_index(op.f("ix_boundaries_couple_id"), "boundaries", ["couple_id"])

    op.create_table(
        "boundary_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("boundary_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("consequence", sa.Text()),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_boundary_versions")),
        _fk("boundary_versions", "boundary_id", "boundaries"),
        sa.UniqueConstraint(
            "boundary_id", "version", name=op.f("uq_boundary_versions_boundary_id")
        ),
    )

    op.create_table(
        "boundary_responses",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("boundary_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("response", sa.String(16), nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.Column("relayed_at", UTC_TS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_boundary_responses")),
        _fk("boundary_responses", "boundary_id", "boundaries"),
        _fk("boundary_responses", "user_id", "users"),
        sa.CheckConstraint(
            "response IN ('acknowledged', 'talk')",
            name=op.f("ck_boundary_responses_response_known"),
        ),
    )
    op.create_index(
        op.f("ix_boundary_responses_boundary_id"), "boundary_responses", ["boundary_id"]
    )
    op.create_index(op.f("ix_boundary_responses_user_id"), "boundary_responses", ["user_id"])

    op.create_table(
        "boundary_reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("boundary_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("answered_at", UTC_TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_boundary_reviews")),
        _fk("boundary_reviews", "round_id", "checkin_rounds"),
        _fk("boundary_reviews", "boundary_id", "boundaries"),
        _fk("boundary_reviews", "user_id", "users"),
        sa.UniqueConstraint(
            "round_id", "boundary_id", "user_id", name=op.f("uq_boundary_reviews_round_id")
        ),
        sa.CheckConstraint(
            "verdict IN ('kept', 'not_kept', 'unsure')",
            name=op.f("ck_boundary_reviews_verdict_known"),
        ),
    )
    op.create_index(op.f("ix_boundary_reviews_boundary_id"), "boundary_reviews", ["boundary_id"])
    op.create_index(op.f("ix_boundary_reviews_user_id"), "boundary_reviews", ["user_id"])


def downgrade() -> None:
    op.drop_table("boundary_reviews")
    op.drop_table("boundary_responses")
    op.drop_table("boundary_versions")
    op.drop_table("boundaries")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("share_review")
    with op.batch_alter_table("couples") as batch:
        batch.drop_column("review_day")
