"""People: consent, their side, their time zone, and what their next message answers."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import User

# Bump when the privacy text changes in substance; consent records which version was agreed to.
PRIVACY_VERSION = "2026-11-26"


class Role(StrEnum):
    """Which side of the hurt a person is on. Only picks fitting texts; never shown to a partner."""

    HURT = "hurt"
    BROKE = "broke"
    UNSAID = "unsaid"


class Awaiting(StrEnum):
    """What a person's next plain message is taken as."""

    TIMEZONE = "timezone"


class Step(StrEnum):
    """Where a consented person is in onboarding."""

    ROLE = "role"
    TIMEZONE = "timezone"
    DONE = "done"


async def get(session: AsyncSession, user_id: int) -> User | None:
    """The consented person with this Telegram id, if any."""
    return await session.get(User, user_id)


async def get_for_update(session: AsyncSession, user_id: int) -> User | None:
    """The person, row-locked on PostgreSQL until the transaction ends."""
    result = await session.execute(select(User).where(User.id == user_id).with_for_update())
    return result.scalar_one_or_none()


async def give_consent(session: AsyncSession, user_id: int, now: datetime) -> tuple[User, bool]:
    """Record consent (time and privacy version). Returns the person and whether it is new."""
    existing = await session.get(User, user_id)
    if existing is not None:
        existing.last_seen_at = now
        return existing, False
    user = User(
        id=user_id,
        created_at=now,
        consent_at=now,
        consent_version=PRIVACY_VERSION,
        last_seen_at=now,
    )
    session.add(user)
    await session.flush()
    return user, True


def onboarding_step(user: User) -> Step:
    """The next onboarding question this person has not answered."""
    if user.role is None:
        return Step.ROLE
    if user.timezone is None:
        return Step.TIMEZONE
    return Step.DONE


def set_role(user: User, role: Role) -> None:
    """Remember which side the person is on."""
    user.role = role.value


def set_timezone(user: User, zone_name: str) -> None:
    """Set the person's time zone (an already validated IANA name)."""
    user.timezone = zone_name
    if user.awaiting == Awaiting.TIMEZONE:
        user.awaiting = None


def toggle_discretion(user: User) -> bool:
    """Switch discreet previews on or off; returns the new setting."""
    user.discreet = not user.discreet
    return user.discreet


def await_input(user: User, what: Awaiting | None) -> None:
    """Say what the person's next plain message answers (None: nothing); these never expire."""
    user.awaiting = what.value if what is not None else None
    user.awaiting_since = None


# A question asked longer ago than this no longer takes the next message as its answer: text
# typed hours later was likely meant for something else, and might otherwise reach the partner.
ANSWER_WITHIN = timedelta(hours=2)


def await_text(user: User, what: str | None, now: datetime) -> None:
    """Say what the person's next plain message answers (a flow's own tag; None: nothing)."""
    user.awaiting = what
    user.awaiting_since = now if what is not None else None


def message_arrived(user: User, now: datetime) -> str | None:
    """A plain message came in. If the open question was asked too long ago to take it, the
    question is closed and its tag returned; otherwise it stays open for another ANSWER_WITHIN
    (a reply after "a little long" keeps it alive). The time zone question of setting up never
    expires: it is the only way forward."""
    what = user.awaiting
    if what is None or what == Awaiting.TIMEZONE:
        return None
    if user.awaiting_since is None or now - user.awaiting_since > ANSWER_WITHIN:
        await_text(user, None, now)
        return what
    await_text(user, what, now)
    return None


SEEN_EVERY = timedelta(hours=12)


@dataclass(frozen=True)
class Visit:
    """What one read at the start of an update tells: whether the visit must be written, and
    the language the person reads (None: not known here yet)."""

    needs_writing: bool
    language: str | None
    found: bool = True  # False: no such person (not set up yet, or erased)


NOT_FOUND = Visit(needs_writing=False, language=None, found=False)


async def visit(session: AsyncSession, user_id: int, now: datetime) -> Visit:
    """One read by primary key: whether a visit now changes anything (the last visit is older
    than SEEN_EVERY, or the person was marked inactive: blocked the bot), and their language.
    Most updates need no write at all, so the caller can skip a write transaction (on SQLite,
    one writer at a time) with this one read."""
    return (await visits(session, (user_id,), now)).get(user_id, NOT_FOUND)


async def visits(
    session: AsyncSession, user_ids: Collection[int], now: datetime
) -> dict[int, Visit]:
    """`visit` for many people in one statement: user id -> Visit for each id that has a row
    (an id with none is left out: not set up yet, or erased). `user_ids` may be empty."""
    if not user_ids:
        return {}
    stale = (User.last_seen_at < now - SEEN_EVERY) | User.active.is_(False)
    found = await session.execute(
        select(User.id, stale, User.language).where(User.id.in_(user_ids))
    )
    return {row[0]: Visit(needs_writing=bool(row[1]), language=row[2]) for row in found}


async def seen(session: AsyncSession, user_id: int, now: datetime) -> bool:
    """Note that the person used the bot today (one write at most every 12 hours). Returns True
    when this cancelled a pending erasure warning (they had been silent for months)."""
    found = await session.execute(
        update(User)
        .where(User.id == user_id, User.last_seen_at < now - SEEN_EVERY)
        .values(last_seen_at=now)
        .returning(User.erasure_warned_at)
    )
    warned_at = found.scalar_one_or_none()
    if warned_at is None:
        return False
    await session.execute(update(User).where(User.id == user_id).values(erasure_warned_at=None))
    return True


def touch(user: User, now: datetime) -> None:
    """Note that the person used the bot (for retention of inactive accounts)."""
    user.last_seen_at = now
