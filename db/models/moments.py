"""Hard moments and the fuller (transparency) check-in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
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


class HardMoment(Base):
    """A hard moment someone chose to note or to tell their partner about (/hard).

    The words (what set it off, what helped) are the person's alone: never shown to the partner.
    """

    __tablename__ = "hard_moments"
    # Buttons name moment ids: never reuse one after a delete.
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    intensity: Mapped[int | None] = mapped_column(Integer)
    trigger: Mapped[str | None] = mapped_column(EncryptedText)
    helped: Mapped[str | None] = mapped_column(EncryptedText)
    # The partner who was told (None: nobody, or they left); when, and whether silently.
    told_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    told_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    told_silently: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The partner's short preset answer (an id from content/hard_moments.toml), and when.
    answer: Mapped[str | None] = mapped_column(String(16))
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class SharePlan(Base):
    """A fuller check-in a person offers their partner on a rhythm they chose (/share).

    Only its owner starts, pauses, renews or ends it. The reminder of kind "share" carries the
    schedule; this row carries the rhythm and the end date.
    """

    __tablename__ = "share_plans"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True, unique=True
    )
    rhythm: Mapped[str] = mapped_column(String(16))
    minute_of_day: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    paused_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ShareEntry(Base):
    """One fuller check-in: five parts written by the sharer, sent once they confirm."""

    __tablename__ = "share_entries"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The partner it went to (None until sent, or after they left).
    to_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    feelings: Mapped[str | None] = mapped_column(EncryptedText)
    appreciation: Mapped[str | None] = mapped_column(EncryptedText)
    need: Mapped[str | None] = mapped_column(EncryptedText)
    responsibility: Mapped[str | None] = mapped_column(EncryptedText)
    care: Mapped[str | None] = mapped_column(EncryptedText)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ShareReply(Base):
    """The receiver's answer to one share: "thank you" or "let's talk" (with an optional note)."""

    __tablename__ = "share_replies"
    __table_args__ = (
        UniqueConstraint("entry_id", "user_id", name="uq_share_replies_entry_id"),
        CheckConstraint("response IN ('thanks', 'talk')", name="response_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("share_entries.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    response: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # When the answer reached the sharer (None while a note is held back: it read like danger).
    relayed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
