"""The tables. Free text goes through EncryptedText; ids, choices and times stay plain."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.types import EncryptedText, UtcDateTime

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
    data_key: Mapped[str | None] = mapped_column(Text, deferred=True)
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


class Worker(Base):
    """A running process that sends (for sharing Telegram's rate budget between processes)."""

    __tablename__ = "workers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    heartbeat_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


# Sealing and opening EncryptedText columns with each person's data key (ORM events).
from db import envelope as _envelope  # noqa: E402, F401
