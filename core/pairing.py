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
    """Why a code did not lead to a pairing request. Each has its own reply; none changes
    anything."""

    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    OWN = "own"
    SELF_PAIRED = "self_paired"
    INVITER_PAIRED = "inviter_paired"


@dataclass(frozen=True)
class Invitation:
    """An invite the opener may ask to join: whose it is (the name is read from Telegram by the
    caller, never stored)."""

    inviter_id: int


@dataclass(frozen=True)
class Joined:
    """The opener asked to pair; the inviter is asked to confirm."""

    inviter_id: int
    joiner_id: int
    first_time: bool = True  # False: they had asked already (the inviter is not asked twice)


@dataclass(frozen=True)
class Paired:
    """Two people are now a couple."""

    couple_id: int
    inviter_id: int
    invitee_id: int


async def _usable_invite(
    session: AsyncSession, joiner_id: int, code: str, now: datetime, lock: bool
) -> Invite | RedeemRefusal:
    query = select(Invite).where(Invite.code_hash == hash_code(code))
    invite = (
        await session.execute(query.with_for_update() if lock else query)
    ).scalar_one_or_none()
    if invite is None:
        return RedeemRefusal.UNKNOWN
    if invite.inviter_id == joiner_id:
        return RedeemRefusal.OWN
    if invite.used_at is not None or invite.joiner_id not in (None, joiner_id):
        return RedeemRefusal.USED  # a link is for one person: whoever asked first holds it
    if invite.expires_at <= now:
        return RedeemRefusal.EXPIRED
    return invite


async def invitation(
    session: AsyncSession, joiner_id: int, code: str, now: datetime
) -> Invitation | RedeemRefusal:
    """Whether the person who opened a link may ask to join it (reads only, changes nothing)."""
    invite = await _usable_invite(session, joiner_id, code, now, lock=False)
    if isinstance(invite, RedeemRefusal):
        return invite
    joiner = await session.get(User, joiner_id)
    inviter = await session.get(User, invite.inviter_id)
    if joiner is not None and joiner.couple_id is not None:
        return RedeemRefusal.SELF_PAIRED
    if inviter is None or inviter.couple_id is not None:
        return RedeemRefusal.INVITER_PAIRED
    return Invitation(inviter_id=invite.inviter_id)


async def join(
    session: AsyncSession, joiner_id: int, code: str, now: datetime
) -> Joined | RedeemRefusal:
    """The opener confirmed whose invite it is: hold the link for them until the inviter answers.

    Nobody is paired yet and nothing is shared. The inviter has INVITE_LIFETIME from now to
    answer; asking again changes nothing.
    """
    invite = await _usable_invite(session, joiner_id, code, now, lock=True)
    if isinstance(invite, RedeemRefusal):
        return invite
    seen = await invitation(session, joiner_id, code, now)
    if isinstance(seen, RedeemRefusal):
        return seen
    first_time = invite.joiner_id is None
    if first_time:
        invite.joiner_id, invite.joined_at = joiner_id, now
        invite.expires_at = now + INVITE_LIFETIME
        await session.flush()
    return Joined(inviter_id=invite.inviter_id, joiner_id=joiner_id, first_time=first_time)


async def asked_to_join(session: AsyncSession, user_id: int) -> bool:
    """Whether the person asked to join an invite and its inviter has not answered yet."""
    found = await session.execute(
        select(Invite.code_hash)
        .where(Invite.joiner_id == user_id, Invite.used_at.is_(None))
        .limit(1)
    )
    return found.first() is not None


class ConfirmRefusal(StrEnum):
    """Why the inviter's answer paired nobody (the request is gone, expired, or either person
    paired elsewhere meanwhile)."""

    NO_REQUEST = "no_request"
    PAIRED_ELSEWHERE = "paired_elsewhere"


async def _request(
    session: AsyncSession, inviter_id: int, joiner_id: int, now: datetime
) -> Invite | None:
    invite = (
        await session.execute(
            select(Invite)
            .where(Invite.inviter_id == inviter_id, Invite.joiner_id == joiner_id)
            .with_for_update()
        )
    ).scalar_one_or_none()
    if invite is None or invite.used_at is not None or invite.expires_at <= now:
        return None
    return invite


async def confirm(
    session: AsyncSession, inviter_id: int, joiner_id: int, now: datetime
) -> Paired | ConfirmRefusal:
    """The inviter says the person who asked is their partner: now they are a couple."""
    invite = await _request(session, inviter_id, joiner_id, now)
    if invite is None:
        return ConfirmRefusal.NO_REQUEST
    # Lock both rows in id order so two confirmations at once cannot deadlock or both succeed.
    first, second = sorted((inviter_id, joiner_id))
    locked = {uid: await people.get_for_update(session, uid) for uid in (first, second)}
    inviter, invitee = locked[inviter_id], locked[joiner_id]
    if inviter is None or invitee is None:
        return ConfirmRefusal.NO_REQUEST
    if inviter.couple_id is not None or invitee.couple_id is not None:
        return ConfirmRefusal.PAIRED_ELSEWHERE
    couple = Couple(created_at=now)
    session.add(couple)
    await session.flush()
    inviter.couple_id, inviter.couple_slot = couple.id, 0
    invitee.couple_id, invitee.couple_slot = couple.id, 1
    invite.used_at = now
    # Neither partner's other outstanding invite may pull in a third person, and a link the
    # joiner asked to join elsewhere opens again for its owner.
    await session.execute(delete(Invite).where(Invite.inviter_id == invitee.id))
    await session.execute(
        update(Invite)
        .where(Invite.joiner_id == invitee.id, Invite.inviter_id != inviter.id)
        .values(joiner_id=None, joined_at=None)
    )
    await session.flush()
    return Paired(couple_id=couple.id, inviter_id=inviter.id, invitee_id=invitee.id)


async def turn_away(session: AsyncSession, inviter_id: int, joiner_id: int, now: datetime) -> bool:
    """The inviter says this is not their partner: the request ends and the link with it (it has
    been seen by someone it was not meant for). False if there was no such open request."""
    invite = await _request(session, inviter_id, joiner_id, now)
    if invite is None:
        return False
    await session.delete(invite)
    await session.flush()
    return True


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
