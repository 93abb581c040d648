"""The private journal: entries only their writer ever sees."""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from content import library
from db.models import JournalEntry, User

MAX_TEXT = 4000
LIST_SIZE = 10


def prompt_for(user: User, rng: random.Random, prefer: str | None = None) -> library.Item:
    """A reflection prompt that suits the person (from `prefer`'s section first: the stage
    their path is at)."""
    candidates = library.pool("journal", [user.role])
    preferred = [item for item in candidates if item.section == prefer]
    return rng.choice(preferred or candidates)


async def write(
    session: AsyncSession, user: User, text: str, now: datetime, prompt_id: str | None = None
) -> JournalEntry:
    """Save one entry."""
    entry = JournalEntry(user_id=user.id, created_at=now, text=text[:MAX_TEXT], prompt_id=prompt_id)
    session.add(entry)
    await session.flush()
    return entry


async def recent(session: AsyncSession, user_id: int) -> tuple[list[JournalEntry], int]:
    """The newest entries and how many there are in all."""
    rows = await session.execute(
        select(JournalEntry)
        .where(JournalEntry.user_id == user_id)
        .order_by(JournalEntry.created_at.desc(), JournalEntry.id.desc())
        .limit(LIST_SIZE)
    )
    total = await session.execute(
        select(func.count()).select_from(JournalEntry).where(JournalEntry.user_id == user_id)
    )
    return list(rows.scalars()), int(total.scalar_one())
