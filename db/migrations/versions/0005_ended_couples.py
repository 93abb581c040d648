"""Couples end instead of vanishing: each former partner keeps their own check-in answers.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("couples") as batch:
        batch.add_column(sa.Column("ended_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    # Before this revision an ended couple was deleted with its rounds.
    op.execute(sa.text("DELETE FROM couples WHERE ended_at IS NOT NULL"))
    with op.batch_alter_table("couples") as batch:
        batch.drop_column("ended_at")
