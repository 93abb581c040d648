"""A person's own writing: the journal, held messages, appreciations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import EncryptedText, UtcDateTime


class JournalEntry(Base):
    """A private reflection. Never shown to anyone but its writer."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    prompt_id: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(EncryptedText)


class HeldMessage(Base):
    """Words someone wrote when no question was open, held briefly (core.held.HOLD_FOR) so one
    tap can keep them in their journal. Never shown to anyone; pruned when they expire."""

    __tablename__ = "held_messages"
    # Never reuse an id: a week-old "keep it" button names one and must not match a newer hold.
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    # None once handled (kept or let go): the row stays until it expires, so a second tap
    # can be told "done already" rather than "expired".
    text: Mapped[str | None] = mapped_column(EncryptedText)


class Appreciation(Base):
    """A thank-you one partner sent the other after a reveal (one per person per round)."""

    __tablename__ = "appreciations"
    __table_args__ = (
        UniqueConstraint("round_id", "from_user_id", name="uq_appreciations_round_from"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("checkin_rounds.id", ondelete="CASCADE"))
    from_user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    to_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    text: Mapped[str] = mapped_column(EncryptedText)
    # None while held back (it read like someone may be in danger) until the writer decides.
    relayed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
