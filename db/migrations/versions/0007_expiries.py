"""When the bot asked for the person's next message, so a question asked long ago expires; and
when a silent person was warned that their data will be erased (and an index to find them).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("awaiting_since", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("erasure_warned_at", sa.DateTime(timezone=True)))
    # The hourly retention pass looks for people by when they were last heard from.
    op.create_index("ix_users_last_seen_at", "users", ["last_seen_at"])
    # A question open at upgrade time gets its two hours from now, rather than expiring at once.
    op.execute(
        sa.text(
            "UPDATE users SET awaiting_since = CURRENT_TIMESTAMP "
            "WHERE awaiting IS NOT NULL AND awaiting <> 'timezone'"
        )
    )


def downgrade() -> None:
    op.drop_index("ix_users_last_seen_at", table_name="users")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("erasure_warned_at")
        batch.drop_column("awaiting_since")
