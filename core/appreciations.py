"""Appreciations: after a reveal, each partner may send the other one note, relayed by name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Appreciation, CheckinRound, User

MAX_TEXT = 1000


async def sent(session: AsyncSession, round_id: int, user_id: int) -> bool:
    """Whether this person already sent (or wrote and held back) one for this round."""
    found = await session.execute(
        select(Appreciation.id).where(
            Appreciation.round_id == round_id, Appreciation.from_user_id == user_id
        )
    )
    return found.first() is not None


async def may_send(session: AsyncSession, user: User, round_id: int) -> CheckinRound | None:
    """The round if it is this couple's, revealed, and the person has not sent one yet."""
    round_ = await session.get(CheckinRound, round_id)
    if (
        round_ is None
        or round_.couple_id is None
        or round_.couple_id != user.couple_id
        or round_.revealed_at is None
    ):
        return None
    return round_


async def record(
    session: AsyncSession, round_id: int, sender: User, recipient: User, text: str, now: datetime
) -> Appreciation | None:
    """Store it (None if one was already stored for this round: a double send)."""
    note = Appreciation(
        round_id=round_id,
        from_user_id=sender.id,
        to_user_id=recipient.id,
        created_at=now,
        text=text[:MAX_TEXT],
    )
    try:
        async with session.begin_nested():
            session.add(note)
    except IntegrityError:
        return None
    return note


async def held(session: AsyncSession, note_id: int, user: User) -> Appreciation | None:
    """One of this person's notes that was held back (not relayed yet)."""
    note = await session.get(Appreciation, note_id)
    if note is None or note.from_user_id != user.id or note.relayed_at is not None:
        return None
    return note
