"""The monthly look at the whole relationship (four numbers a month per person) and couple-report
requests waiting for the other partner's yes.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "monthly_checks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("round_id", sa.Integer()),
        sa.Column("happy", sa.Integer()),
        sa.Column("warm", sa.Integer()),
        sa.Column("rewarding", sa.Integer()),
        sa.Column("satisfied", sa.Integer()),
        sa.Column("skipped", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("shared", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monthly_checks")),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_monthly_checks_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["checkin_rounds.id"],
            name=op.f("fk_monthly_checks_round_id_checkin_rounds"),
            ondelete="SET NULL",
        ),
        sa.UniqueConstraint("user_id", "month", name="uq_monthly_checks_user_id"),
    )
    op.create_index(op.f("ix_monthly_checks_user_id"), "monthly_checks", ["user_id"])
    op.create_index(op.f("ix_monthly_checks_round_id"), "monthly_checks", ["round_id"])
    op.create_table(
        "report_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("requester_id", sa.BigInteger(), nullable=False),
        sa.Column("approver_id", sa.BigInteger(), nullable=False),
        sa.Column("couple_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("sections", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
        sa.Column("answer", sa.String(8)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_requests")),
        sa.ForeignKeyConstraint(
            ["requester_id"],
            ["users.id"],
            name=op.f("fk_report_requests_requester_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["approver_id"],
            ["users.id"],
            name=op.f("fk_report_requests_approver_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["couple_id"],
            ["couples.id"],
            name=op.f("fk_report_requests_couple_id_couples"),
            ondelete="CASCADE",
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_report_requests_requester_id"), "report_requests", ["requester_id"])
    op.create_index(op.f("ix_report_requests_approver_id"), "report_requests", ["approver_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_report_requests_approver_id"), table_name="report_requests")
    op.drop_index(op.f("ix_report_requests_requester_id"), table_name="report_requests")
    op.drop_table("report_requests")
    op.drop_index(op.f("ix_monthly_checks_round_id"), table_name="monthly_checks")
    op.drop_index(op.f("ix_monthly_checks_user_id"), table_name="monthly_checks")
    op.drop_table("monthly_checks")
