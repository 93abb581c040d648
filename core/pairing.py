"""Invites and couples: a one-time code pairs exactly two people."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core import boundaries, people
from db.models import CheckinAnswer, CheckinRound, Couple, Invite, User

INVITE_LIFETIME = timedelta(hours=48)
CODE_BYTES = 18  # 144 bits → 24 base64url characters, well inside the 64-character payload limit
CODE_LENGTH = 24
CODE_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def hash_code(code: str) -> str:
    """Only this hash is stored: a copy of the database cannot be used to pair."""
    return hashlib.sha256(code.encode("ascii", "replace")).hexdigest()


def looks_like_code(text: str) -> bool:
    """Whether a /start payload has the shape of an invite code."""
    # Exactly our length: the code rides in consent callback data, which has only 64 bytes.
    return len(text) == CODE_LENGTH and set(text) <= CODE_ALPHABET


@dataclass(frozen=True)
class NewInvite:
    """A freshly made invite; the code exists only here and in the link sent to the inviter."""

    code: str
    expires_at: datetime


class InviteRefusal(StrEnum):
    """Why an invite could not be made."""

    ALREADY_PAIRED = "already_paired"


async def create_invite(
    session: AsyncSession, inviter: User, now: datetime
) -> NewInvite | InviteRefusal:
    """Make a new invite for `inviter`, replacing any earlier one."""
    if inviter.couple_id is not None:
        return InviteRefusal.ALREADY_PAIRED
    await session.execute(delete(Invite).where(Invite.inviter_id == inviter.id))
    code = secrets.token_urlsafe(CODE_BYTES)
    expires_at = now + INVITE_LIFETIME
    session.add(
        Invite(
            code_hash=hash_code(code), inviter_id=inviter.id, created_at=now, expires_at=expires_at
        )
    )
    await session.flush()
    return NewInvite(code=code, expires_at=expires_at)


class RedeemRefusal(StrEnum):
    """Why a code did not pair anyone. Each has its own reply; none changes anything."""

    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    OWN = "own"
    SELF_PAIRED = "self_paired"
    INVITER_PAIRED = "inviter_paired"


@dataclass(frozen=True)
class Paired:
    """Two people are now a couple."""

    couple_id: int
    inviter_id: int
    invitee_id: int


async def redeem(
    session: AsyncSession, invitee_id: int, code: str, now: datetime
) -> Paired | RedeemRefusal:
    """Pair the invitee with the inviter behind `code`, if every rule allows it."""
    invite = (
        await session.execute(
            select(Invite).where(Invite.code_hash == hash_code(code)).with_for_update()
        )
    ).scalar_one_or_none()
    if invite is None:
        return RedeemRefusal.UNKNOWN
    if invite.inviter_id == invitee_id:
        return RedeemRefusal.OWN
    if invite.used_at is not None:
        return RedeemRefusal.USED
    if invite.expires_at <= now:
        return RedeemRefusal.EXPIRED
    # Lock both rows in id order so two redemptions at once cannot deadlock or both succeed.
    first, second = sorted((invite.inviter_id, invitee_id))
    locked = {uid: await people.get_for_update(session, uid) for uid in (first, second)}
    inviter, invitee = locked[invite.inviter_id], locked[invitee_id]
    if invitee is None:
        raise LookupError("redeem needs a consented invitee")
    if invitee.couple_id is not None:
        return RedeemRefusal.SELF_PAIRED
    if inviter is None or inviter.couple_id is not None:
        return RedeemRefusal.INVITER_PAIRED
    couple = Couple(created_at=now)
    session.add(couple)
    await session.flush()
    inviter.couple_id, inviter.couple_slot = couple.id, 0
    invitee.couple_id, invitee.couple_slot = couple.id, 1
    invite.used_at = now
    # Neither partner's other outstanding invite may pull in a third person.
    await session.execute(delete(Invite).where(Invite.inviter_id == invitee.id))
    await session.flush()
    return Paired(couple_id=couple.id, inviter_id=inviter.id, invitee_id=invitee.id)


async def partner_of(session: AsyncSession, user: User) -> User | None:
    """The other person in the couple, if paired."""
    if user.couple_id is None:
        return None
    result = await session.execute(
        select(User).where(User.couple_id == user.couple_id, User.id != user.id)
    )
    return result.scalar_one_or_none()


async def couple_since(session: AsyncSession, couple_id: int) -> datetime | None:
    """When a couple was formed."""
    couple = await session.get(Couple, couple_id)
    return couple.created_at if couple is not None else None


@dataclass(frozen=True)
class Unlinked:
    """A pairing that just ended."""

    couple_id: int
    partner_id: int | None


async def unlink(
    session: AsyncSession, user: User, couple_id: int, now: datetime
) -> Unlinked | None:
    """End pairing `couple_id` if `user` is still in it (an old button must not end a new one).

    The couple row stays, marked ended, with its rounds: each former partner keeps their own
    answers. Open rounds close now, so nothing one-sided is ever revealed.
    """
    if user.couple_id is None or user.couple_id != couple_id:
        return None
    partner = await partner_of(session, user)
    await boundaries.end_sharing(session, couple_id)
    await session.execute(
        update(User).where(User.couple_id == couple_id).values(couple_id=None, couple_slot=None)
    )
    await session.execute(update(Couple).where(Couple.id == couple_id).values(ended_at=now))
    await session.execute(
        update(CheckinRound)
        .where(CheckinRound.couple_id == couple_id, CheckinRound.closes_at > now)
        .values(closes_at=now, remind_at=None)
    )
    await forget_empty_rounds(session, couple_id)
    await session.flush()
    return Unlinked(couple_id=couple_id, partner_id=partner.id if partner else None)


async def forget_empty_rounds(session: AsyncSession, couple_id: int) -> None:
    """Drop an ended couple's rounds that hold no answer any more, and the couple once empty."""
    answered = select(CheckinAnswer.round_id)
    await session.execute(
        delete(CheckinRound).where(
            CheckinRound.couple_id == couple_id, CheckinRound.id.not_in(answered)
        )
    )
    left = await session.execute(
        select(CheckinRound.id).where(CheckinRound.couple_id == couple_id).limit(1)
    )
    if left.first() is None:
        await session.execute(
            delete(Couple).where(Couple.id == couple_id, Couple.ended_at.is_not(None))
        )
