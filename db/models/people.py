"""People, couples and invites."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import EncryptedText, UtcDateTime


class Couple(Base):
    """Two people who paired through an invite. At most two users point at a couple."""

    __tablename__ = "couples"
    # Never reuse an id: an old "end pairing" button names a couple id and must not match anew.
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Joint prompt ids this couple has had since the pool last ran out (no repeats until then).
    seen_prompts: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Set when the pairing ended. The couple's rounds stay, so each former partner keeps their
    # own answers; nobody is a member any more, so nobody new can reach them.
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Weekday (0 = Monday) of the boundary review inside that day's check-in; None = off.
    review_day: Mapped[int | None] = mapped_column(Integer, default=6, server_default="6")


class User(Base):
    """A person who gave consent. The id is their Telegram user id (= their private chat id)."""

    __tablename__ = "users"
    __table_args__ = (
        # Slot 0 or 1 of a couple: the unique pair makes a third member impossible.
        UniqueConstraint("couple_id", "couple_slot", name="uq_users_couple_slot"),
        CheckConstraint("couple_slot IN (0, 1)", name="slot_range"),
        CheckConstraint("(couple_id IS NULL) = (couple_slot IS NULL)", name="slot_with_couple"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    consent_at: Mapped[datetime] = mapped_column(UtcDateTime)
    consent_version: Mapped[str] = mapped_column(String(32))
    # Which side of the betrayal the person is on: encrypted like their words (never filtered on).
    role: Mapped[str | None] = mapped_column(EncryptedText(legacy_plain=True))
    # This person's data key, wrapped by the operator's key (db.envelope). Deleting the row (on
    # /delete or retention erasure) destroys it, and with it every copy of their words anywhere.
    # Loaded with the row: opening the person's role then needs no second read (db.envelope).
    data_key: Mapped[str | None] = mapped_column(Text)
    timezone: Mapped[str | None] = mapped_column(String(64))
    # The person's language (core.languages: en, es, pt, ru), from Telegram's language_code at
    # consent; None for people who consented before it was kept (their update's code is used).
    language: Mapped[str | None] = mapped_column(String(8))
    # What the person's next plain message answers (conversation state lives here, not in memory).
    awaiting: Mapped[str | None] = mapped_column(String(32))
    # When it was asked: a question left open too long no longer captures what is typed next.
    awaiting_since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    couple_id: Mapped[int | None] = mapped_column(ForeignKey("couples.id"), index=True)
    couple_slot: Mapped[int | None] = mapped_column(Integer)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    # Quiet hours as minutes after local midnight; both None = off.
    quiet_start: Mapped[int | None] = mapped_column(Integer, default=22 * 60, server_default="1320")
    quiet_end: Mapped[int | None] = mapped_column(Integer, default=8 * 60, server_default="480")
    paused_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    paused_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # When this person was last told that joint check-ins are paused (told once per pause).
    checkin_pause_noted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    discreet: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # False after Telegram said the bot is blocked; reminders stop until the person writes again.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # "Ask before showing": the partner's check-in answers wait until the person taps to see them.
    ask_before_reveal: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The boundary review's kept ratio goes in the couple's summary only when both turned this on.
    share_review: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # "Tidy chat": once saved, what the person typed (answers, journal, notes) leaves the chat.
    tidy_chat: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # When the person was told their silence will lead to erasure; cleared by any message.
    erasure_warned_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Their hard-moment numbers (count, average intensity) go in the partner's summary too.
    hard_in_summary: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Invite(Base):
    """A pending invite. Only a hash of the code is kept, so a copied database pairs nobody."""

    __tablename__ = "invites"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    inviter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Who opened the link and confirmed whose it is; they are paired only once the inviter
    # confirms in turn (nothing is shared before). Held for them alone meanwhile.
    joiner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    joined_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
