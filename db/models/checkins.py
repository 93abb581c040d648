"""Check-in rounds and answers, the monthly look and couple-report requests."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import EncryptedText, UtcDateTime


class CheckinRound(Base):
    """One day's check-in: a couple's (both get the same prompt) or one unpaired person's."""

    __tablename__ = "checkin_rounds"
    __table_args__ = (
        UniqueConstraint("couple_id", "local_date", name="uq_checkin_rounds_couple_date"),
        UniqueConstraint("solo_user_id", "local_date", name="uq_checkin_rounds_solo_date"),
        CheckConstraint("(couple_id IS NULL) <> (solo_user_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    couple_id: Mapped[int | None] = mapped_column(ForeignKey("couples.id", ondelete="CASCADE"))
    solo_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    local_date: Mapped[date] = mapped_column(Date)
    prompt_id: Mapped[str] = mapped_column(String(32))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closes_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    # Set at the second finished answer: from then on both see each other's shared answers.
    revealed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The gentle reminder to the partner who has not answered yet (3 hours after the first).
    remind_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CheckinAnswer(Base):
    """One person's answers in one round. Ratings stay plain (for summaries); text is encrypted."""

    __tablename__ = "checkin_answers"
    __table_args__ = (
        UniqueConstraint("round_id", "user_id", name="uq_checkin_answers_round_user"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("checkin_rounds.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    safety: Mapped[int | None] = mapped_column(Integer)
    connection: Mapped[int | None] = mapped_column(Integer)
    agreements: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(EncryptedText)
    text_skipped: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Bit per question (1 safety, 2 connection, 4 agreements, 8 text): kept private, never shown.
    private_mask: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # When this person saw the partner's answers (None: not yet, e.g. "ask before showing").
    partner_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class MonthlyCheck(Base):
    """One person's monthly look at the whole relationship (four ratings, core.measure).

    Numbers only. Private to its owner unless `shared`; then the partner sees the score once the
    check-in round it was answered in is revealed, as with a check-in answer.
    """

    __tablename__ = "monthly_checks"
    __table_args__ = (UniqueConstraint("user_id", "month", name="uq_monthly_checks_user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    month: Mapped[date] = mapped_column(Date)  # the first day of the person's local month
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("checkin_rounds.id", ondelete="SET NULL"), index=True
    )
    happy: Mapped[int | None] = mapped_column(Integer)  # 0..6
    warm: Mapped[int | None] = mapped_column(Integer)  # 0..5
    rewarding: Mapped[int | None] = mapped_column(Integer)  # 0..5
    satisfied: Mapped[int | None] = mapped_column(Integer)  # 0..5
    skipped: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ReportRequest(Base):
    """A couple report one partner asked for, waiting for the other's yes (core.report_consent).

    Holds only the choice (period and sections), never report content.
    """

    __tablename__ = "report_requests"
    # Buttons name request ids: never reuse one after a delete.
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    requester_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    approver_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    couple_id: Mapped[int] = mapped_column(ForeignKey("couples.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(8))
    sections: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    answer: Mapped[str | None] = mapped_column(String(8))  # "yes" / "no"
