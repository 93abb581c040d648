"""Joint check-in rounds: one prompt a day per couple, the same for both partners."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from content import library
from core import timezones
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


async def open_round(session: AsyncSession, couple_id: int, now: datetime) -> CheckinRound | None:
    """The couple's round that is still open now, if any."""
    result = await session.execute(
        select(CheckinRound)
        .where(CheckinRound.couple_id == couple_id, CheckinRound.closes_at > now)
        .order_by(CheckinRound.opened_at.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()


async def todays_prompt(
    session: AsyncSession, user: User, partner: User, now: datetime, rng: random.Random
) -> library.Item:
    """The prompt of the couple's open round; the first prompt of a day opens the round."""
    assert user.couple_id is not None
    current = await open_round(session, user.couple_id, now)
    if current is None:
        current = await _open(session, user, partner, now, rng)
    item = library.by_id().get(current.prompt_id)
    if item is None:  # the prompt left the library since the round opened
        item = library.pool("checkin", [user.role, partner.role])[0]
    return item


async def _open(
    session: AsyncSession, user: User, partner: User, now: datetime, rng: random.Random
) -> CheckinRound:
    assert user.couple_id is not None
    couple = await session.get(Couple, user.couple_id)
    assert couple is not None
    candidates = library.pool(
        "checkin", [user.role, partner.role], allow_explicit=not (user.discreet or partner.discreet)
    )
    item, seen = library.choose(candidates, couple.seen_prompts, rng)
    local_date = now.astimezone(timezones.zone(user.timezone or "UTC")).date()
    round_ = CheckinRound(
        couple_id=couple.id,
        local_date=local_date,
        prompt_id=item.id,
        opened_at=now,
        closes_at=now + ROUND_LIFETIME,
    )
    try:
        async with session.begin_nested():
            session.add(round_)
        couple.seen_prompts = seen
        return round_
    except IntegrityError:
        # Another process opened it a moment ago (same couple, same date): join that one.
        existing = await session.execute(
            select(CheckinRound).where(
                CheckinRound.couple_id == couple.id, CheckinRound.local_date == local_date
            )
        )
        return existing.scalar_one()
