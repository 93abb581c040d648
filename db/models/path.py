"""The guided path and each person's steps on it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import EncryptedText, UtcDateTime


class Path(Base):
    """A couple's (or one unpaired person's) walk through the ten stages (core.path)."""

    __tablename__ = "paths"
    # Buttons name path ids: never reuse one after a delete.
    __table_args__ = (
        CheckConstraint("(couple_id IS NULL) <> (solo_user_id IS NULL)", name="one_owner"),
        CheckConstraint(
            "status IN ('invited', 'active', 'paused', 'left', 'done')", name="status_known"
        ),
        CheckConstraint("stage BETWEEN 1 AND 10", name="stage_range"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    couple_id: Mapped[int | None] = mapped_column(
        ForeignKey("couples.id", ondelete="CASCADE"), index=True
    )
    solo_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # Who asked to start (a couple's path waits for the other's yes while "invited").
    invited_by: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16))
    stage: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # When the current stage began (moved on by the time a pause lasted, on resuming).
    stage_started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    paused_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class PathStep(Base):
    """One person in one stage: what reached them, whether they are ready to move on, and
    their closing reflection (shown to the partner only once both have answered)."""

    __tablename__ = "path_steps"
    __table_args__ = (
        UniqueConstraint("path_id", "stage", "user_id", name="uq_path_steps_path_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    path_id: Mapped[int] = mapped_column(ForeignKey("paths.id", ondelete="CASCADE"))
    stage: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    opened_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # the opening reached them
    asked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # the reflection was asked
    ready_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # ready for the next stage
    helped: Mapped[str | None] = mapped_column(EncryptedText)
    hard: Mapped[str | None] = mapped_column(EncryptedText)
    # Words that read like danger stay out of the reveal until their writer says otherwise.
    held: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revealed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
