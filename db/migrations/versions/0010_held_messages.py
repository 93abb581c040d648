"""Words written when no question was open, held briefly so one tap can keep them in the
journal (encrypted; pruned by the hourly retention pass); and the owner's last card of a
boundary, so its status can follow the partner's answer.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "held_messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_messages")),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_held_messages_user_id_users"),
            ondelete="CASCADE",
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_held_messages_user_id"), "held_messages", ["user_id"])
    op.create_index(op.f("ix_held_messages_created_at"), "held_messages", ["created_at"])
    with op.batch_alter_table("boundaries") as batch:
        batch.add_column(sa.Column("owner_card_message_id", sa.BigInteger()))


def downgrade() -> None:
    with op.batch_alter_table("boundaries") as batch:
        batch.drop_column("owner_card_message_id")
    op.drop_index(op.f("ix_held_messages_created_at"), table_name="held_messages")
    op.drop_index(op.f("ix_held_messages_user_id"), table_name="held_messages")
    op.drop_table("held_messages")
