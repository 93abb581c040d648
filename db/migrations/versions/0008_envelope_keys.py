"""Envelope keys: each person's data key (wrapped by the operator's key) on their row, and
users.role encrypted like free text (so no longer a short string with a check).

Values stay as they are here (a migration has no keys): at start, and in `tend keys rotate`,
db.rotate.adopt_legacy seals every older value with its writer's data key.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("data_key", sa.Text()))
        batch.drop_constraint("role_known", type_="check")
        batch.alter_column("role", type_=sa.Text(), existing_type=sa.String(16))


def downgrade() -> None:
    # Encrypted roles cannot be read back here: people are asked again.
    op.execute(
        sa.text("UPDATE users SET role = NULL WHERE role NOT IN ('hurt', 'broke', 'unsaid')")
    )
    with op.batch_alter_table("users") as batch:
        batch.alter_column("role", type_=sa.String(16), existing_type=sa.Text())
        batch.create_check_constraint("role_known", "role IN ('hurt', 'broke', 'unsaid')")
        batch.drop_column("data_key")
