"""The tables. Free text goes through EncryptedText; ids, choices and times stay plain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Integer,
    MetaData,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.types import UtcDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names (migrations can refer to them)."""

    metadata = MetaData(naming_convention=NAMING)


class Couple(Base):
    """Two people who paired through an invite. At most two users point at a couple."""

    __tablename__ = "couples"
    # Never reuse an id: an old "end pairing" button names a couple id and must not match anew.
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class User(Base):
    """A person who gave consent. The id is their Telegram user id (= their private chat id)."""

    __tablename__ = "users"
    __table_args__ = (
        # Slot 0 or 1 of a couple: the unique pair makes a third member impossible.
        UniqueConstraint("couple_id", "couple_slot", name="uq_users_couple_slot"),
        CheckConstraint("couple_slot IN (0, 1)", name="slot_range"),
        CheckConstraint("(couple_id IS NULL) = (couple_slot IS NULL)", name="slot_with_couple"),
        CheckConstraint("role IN ('hurt', 'broke', 'unsaid')", name="role_known"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    consent_at: Mapped[datetime] = mapped_column(UtcDateTime)
    consent_version: Mapped[str] = mapped_column(String(32))
    role: Mapped[str | None] = mapped_column(String(16))
    timezone: Mapped[str | None] = mapped_column(String(64))
    # What the person's next plain message answers (conversation state lives here, not in memory).
    awaiting: Mapped[str | None] = mapped_column(String(32))
    couple_id: Mapped[int | None] = mapped_column(ForeignKey("couples.id"), index=True)
    couple_slot: Mapped[int | None] = mapped_column(Integer)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Invite(Base):
    """A pending invite. Only a hash of the code is kept, so a copied database pairs nobody."""

    __tablename__ = "invites"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    inviter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
