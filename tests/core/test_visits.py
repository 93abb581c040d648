"""core.people.visits: many people's visits in one read, each as `visit` alone would say."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import people
from db.models import User
from tests.core.conftest import NOON, person

Sessions = async_sessionmaker[AsyncSession]


async def test_many_visits_in_one_read_say_what_each_alone_says(sessions: Sessions) -> None:
    fresh, stale, blocked, gone = 11, 12, 13, 14
    for user_id in (fresh, stale, blocked):
        await person(sessions, user_id)
    async with sessions.begin() as session:
        await session.execute(update(User).values(last_seen_at=NOON))
        await session.execute(
            update(User).where(User.id == stale).values(last_seen_at=NOON - timedelta(hours=13))
        )
        await session.execute(update(User).where(User.id == blocked).values(active=False))
        await session.execute(update(User).where(User.id == fresh).values(language="es"))
    later = NOON + timedelta(hours=1)
    async with sessions() as session:
        together = await people.visits(session, [fresh, stale, blocked, gone], later)
        alone = {u: await people.visit(session, u, later) for u in (fresh, stale, blocked, gone)}
        nobody = await people.visits(session, [], later)
    assert set(together) == {fresh, stale, blocked}  # no row: left out
    assert together[fresh] == people.Visit(needs_writing=False, language="es")
    assert together[stale].needs_writing and together[blocked].needs_writing
    assert {u: together.get(u, people.NOT_FOUND) for u in alone} == alone
    assert alone[gone] == people.NOT_FOUND and not alone[gone].found
    assert nobody == {}
