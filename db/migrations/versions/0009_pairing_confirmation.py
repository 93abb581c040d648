"""Joining is a confirmed step: an invite remembers who asked to join it until the inviter
answers, and nobody is paired before.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("invites") as batch:
        batch.add_column(sa.Column("joiner_id", sa.BigInteger()))
        batch.add_column(sa.Column("joined_at", sa.DateTime(timezone=True)))
        batch.create_foreign_key(
            op.f("fk_invites_joiner_id_users"), "users", ["joiner_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index(op.f("ix_invites_joiner_id"), ["joiner_id"])


def downgrade() -> None:
    with op.batch_alter_table("invites") as batch:
        batch.drop_index("ix_invites_joiner_id")
        batch.drop_constraint("fk_invites_joiner_id_users", type_="foreignkey")
        batch.drop_column("joined_at")
        batch.drop_column("joiner_id")
