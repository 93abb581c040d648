"""Boundaries, their versions, the answers they get and their weekly reviews."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import EncryptedText, UtcDateTime


class Boundary(Base):
    """A boundary one person set: what they need, and what they will do if it is not kept.

    Private (a draft) until its owner shares it with their current couple; the partner then
    acknowledges it or asks to talk. Each edit makes a new version that needs a new answer.
    """

    __tablename__ = "boundaries"
    # Buttons name boundary ids: never reuse one after a delete.
    __table_args__ = (
        CheckConstraint(
            "status IN ('private', 'shared', 'acknowledged', 'talk')", name="status_known"
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The couple it is shared with; None while private (and again after the pairing ends).
    couple_id: Mapped[int | None] = mapped_column(
        ForeignKey("couples.id", ondelete="SET NULL"), index=True
    )
    category: Mapped[str] = mapped_column(String(16))
    statement: Mapped[str] = mapped_column(EncryptedText)
    consequence: Mapped[str | None] = mapped_column(EncryptedText)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    status: Mapped[str] = mapped_column(String(16), default="private", server_default="private")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    shared_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The version current when it was last shared: that partner's history starts there.
    shared_version: Mapped[int | None] = mapped_column(Integer)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The owner's last card of it in their chat: edited when the partner answers, so its
    # status never keeps saying "waiting" after an answer came.
    owner_card_message_id: Mapped[int | None] = mapped_column(BigInteger)


class BoundaryVersion(Base):
    """Each wording a boundary has had, with its date (the history)."""

    __tablename__ = "boundary_versions"
    __table_args__ = (
        UniqueConstraint("boundary_id", "version", name="uq_boundary_versions_boundary_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    boundary_id: Mapped[int] = mapped_column(ForeignKey("boundaries.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(16))
    statement: Mapped[str] = mapped_column(EncryptedText)
    consequence: Mapped[str | None] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class BoundaryResponse(Base):
    """The partner's answer to one version: acknowledged, or "let's talk" with a note."""

    __tablename__ = "boundary_responses"
    __table_args__ = (
        CheckConstraint("response IN ('acknowledged', 'talk')", name="response_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    boundary_id: Mapped[int] = mapped_column(
        ForeignKey("boundaries.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    response: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # When the note was passed on (None: no note, or held back because it read like danger).
    relayed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class BoundaryReview(Base):
    """One person's verdict on one boundary in one check-in round (the weekly review)."""

    __tablename__ = "boundary_reviews"
    __table_args__ = (
        UniqueConstraint("round_id", "boundary_id", "user_id", name="uq_boundary_reviews_round_id"),
        CheckConstraint("verdict IN ('kept', 'not_kept', 'unsure')", name="verdict_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("checkin_rounds.id", ondelete="CASCADE"))
    boundary_id: Mapped[int] = mapped_column(
        ForeignKey("boundaries.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    verdict: Mapped[str] = mapped_column(String(16))
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime)
