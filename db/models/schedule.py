"""Reminders, their deliveries, and the processes that send them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import UtcDateTime


class Reminder(Base):
    """One kind of scheduled message for one person. next_fire_at is the due queue."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("user_id", "kind", name="uq_reminders_user_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    minute_of_day: Mapped[int] = mapped_column(Integer)
    days: Mapped[int] = mapped_column(Integer)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    next_fire_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    # The regular occurrence the next fire belongs to (a snooze or deferral keeps it).
    slot_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    snoozes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    current_item: Mapped[str | None] = mapped_column(String(32))
    seen_items: Mapped[str] = mapped_column(Text, default="", server_default="")
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Delivery(Base):
    """One scheduled message handed to Telegram. Unique per occurrence: the key to 'once'."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("reminder_id", "slot_at", "attempt", name="uq_deliveries_occurrence"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reminder_id: Mapped[int] = mapped_column(ForeignKey("reminders.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    slot_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempt: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    response: Mapped[str | None] = mapped_column(String(16))


class Worker(Base):
    """A running process that sends (for sharing Telegram's rate budget between processes)."""

    __tablename__ = "workers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    heartbeat_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
