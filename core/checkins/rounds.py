"""A day's check-in round: opening it (one a day per couple, the same prompt for both, or one
per unpaired person), whose it is, and its open question."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from content import library
from core import path, timezones
from db.models import CheckinRound, Couple, User

ROUND_LIFETIME = timedelta(hours=24)


async def partners_of(session: AsyncSession, users: list[User]) -> dict[int, User]:
    """Each paired person's partner, in one query."""
    couple_ids = {u.couple_id for u in users if u.couple_id is not None}
    if not couple_ids:
        return {}
    members = await session.execute(select(User).where(User.couple_id.in_(couple_ids)))
    by_couple: dict[int, list[User]] = {}
    for member in members.scalars():
        assert member.couple_id is not None
        by_couple.setdefault(member.couple_id, []).append(member)
    partners: dict[int, User] = {}
    for user in users:
        for other in by_couple.get(user.couple_id or -1, []):
            if other.id != user.id:
                partners[user.id] = other
    return partners


async def open_round(session: AsyncSession, user: User, now: datetime) -> CheckinRound | None:
    """The person's round (their couple's, or their own when unpaired) still open now."""
    owner = (
        CheckinRound.couple_id == user.couple_id
        if user.couple_id is not None
        else CheckinRound.solo_user_id == user.id
    )
    result = await session.execute(
        select(CheckinRound)
        .where(owner, CheckinRound.closes_at > now)
        .order_by(CheckinRound.opened_at.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()


def belongs(round_: CheckinRound, user: User) -> bool:
    """Whether this round is the person's (their current couple's, or their solo one)."""
    if round_.couple_id is not None:
        return round_.couple_id == user.couple_id
    return round_.solo_user_id == user.id


def prompt_in_library(round_: CheckinRound) -> bool:
    """Whether the round's own question is still in the library (then `prompt_of` is it,
    whoever asks)."""
    return round_.prompt_id in library.by_id()


def prompt_of(round_: CheckinRound, roles: list[str | None]) -> library.Item:
    """The round's open question (a fitting one if it has left the library since)."""
    item = library.by_id().get(round_.prompt_id)
    return item if item is not None else library.pool("checkin", roles)[0]


async def round_for(
    session: AsyncSession, user: User, partner: User | None, now: datetime, rng: random.Random
) -> CheckinRound:
    """The open round of the person's couple (or their own), opening one if there is none.

    Opening takes the couple row's lock first and looks again under it: two partners whose
    dates differ at that moment (a /checkin in Berlin after midnight, the scheduled prompt in
    New York that evening) would otherwise open two rounds under two dates, with two questions.
    One person alone has one date at a time, so the (owner, date) unique constraint suffices."""
    current = await open_round(session, user, now)
    if current is None and user.couple_id is not None:
        # Lock first, then write (docs/conventions.md). NO KEY UPDATE: inserts that only
        # refer to the couple (its rounds, boundaries) are not held up.
        lock = select(Couple.id).where(Couple.id == user.couple_id).with_for_update(key_share=True)
        with session.no_autoflush:
            await session.execute(lock)
        current = await open_round(session, user, now)  # afresh, under the lock
    if current is None:
        current = await _open(session, user, partner, now, rng)
    return current


async def todays_prompt(
    session: AsyncSession, user: User, partner: User | None, now: datetime, rng: random.Random
) -> tuple[CheckinRound, library.Item]:
    """The open round and its prompt; the first prompt of a day opens the round."""
    round_ = await round_for(session, user, partner, now, rng)
    return round_, prompt_of(round_, [user.role, partner.role if partner else user.role])


async def _open(
    session: AsyncSession, user: User, partner: User | None, now: datetime, rng: random.Random
) -> CheckinRound:
    local_date = now.astimezone(timezones.zone(user.timezone or "UTC")).date()
    discreet = user.discreet or (partner is not None and partner.discreet)
    roles = [user.role, partner.role] if partner is not None else [user.role]
    candidates = library.pool("checkin", roles, allow_explicit=not discreet)
    couple = await session.get(Couple, user.couple_id) if user.couple_id is not None else None
    prefer = await path.section_of(session, user)  # the path's stage comes first
    if couple is not None and partner is not None:
        item, seen = library.choose(candidates, couple.seen_prompts, rng, prefer)
        round_ = CheckinRound(couple_id=couple.id, local_date=local_date)
        owner = CheckinRound.couple_id == couple.id
    else:
        # Unpaired: a private round. Recent solo prompts are not repeated either.
        recent = await session.execute(
            select(CheckinRound.prompt_id)
            .where(CheckinRound.solo_user_id == user.id)
            .order_by(CheckinRound.opened_at.desc())
            .limit(max(len(candidates) - 1, 0))
        )
        item, seen = library.choose(candidates, ",".join(recent.scalars()), rng, prefer)
        round_ = CheckinRound(solo_user_id=user.id, local_date=local_date)
        owner = CheckinRound.solo_user_id == user.id
    round_.prompt_id, round_.opened_at, round_.closes_at = item.id, now, now + ROUND_LIFETIME
    try:
        async with session.begin_nested():
            session.add(round_)
        if couple is not None and partner is not None:
            couple.seen_prompts = seen
        return round_
    except IntegrityError:
        # Another process opened it a moment ago (same owner, same date): join that one.
        existing = await session.execute(
            select(CheckinRound).where(owner, CheckinRound.local_date == local_date)
        )
        return existing.scalar_one()
