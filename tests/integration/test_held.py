"""core.held on a real database: hold, keep once, let go, expire, someone else's hold, the cap."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import held
from core.held import Outcome
from db.models import HeldMessage, JournalEntry, User
from tests.integration.conftest import make_person

NOW = datetime(2026, 11, 29, 21, 0, tzinfo=UTC)


async def _hold(sessions: async_sessionmaker[AsyncSession], user_id: int, text: str) -> int:
    async with sessions.begin() as session:
        user = await session.get(User, user_id)
        assert user is not None
        return (await held.hold(session, user, text, NOW)).id


async def _tap(
    sessions: async_sessionmaker[AsyncSession], user_id: int, held_id: int, at: datetime, keep: bool
) -> Outcome:
    async with sessions.begin() as session:
        user = await session.get(User, user_id)
        assert user is not None
        act = held.keep if keep else held.let_go
        return (await act(session, user, held_id, at)).outcome


async def _journal(sessions: async_sessionmaker[AsyncSession]) -> list[str]:
    async with sessions.begin() as session:
        # ORM rows, so the words are opened with the writer's data key.
        return [e.text for e in (await session.execute(select(JournalEntry))).scalars()]


async def test_keep_once_even_when_tapped_twice_at_once(sessions):
    await make_person(sessions, 1, "Europe/Berlin", NOW)
    held_id = await _hold(sessions, 1, "i cant do this anymore")
    later = NOW + timedelta(minutes=5)
    outcomes = await asyncio.gather(
        _tap(sessions, 1, held_id, later, keep=True), _tap(sessions, 1, held_id, later, keep=True)
    )
    assert sorted(outcomes) == sorted([Outcome.KEPT, Outcome.HANDLED])
    assert await _journal(sessions) == ["i cant do this anymore"]
    assert await _tap(sessions, 1, held_id, later, keep=False) is Outcome.HANDLED


async def test_let_go_expire_and_someone_elses_hold(sessions):
    await make_person(sessions, 1, "Europe/Berlin", NOW)
    await make_person(sessions, 2, "Europe/Berlin", NOW)
    first = await _hold(sessions, 1, "first")
    second = await _hold(sessions, 1, "second")
    assert await _tap(sessions, 2, first, NOW, keep=True) is Outcome.EXPIRED  # not theirs
    assert await _tap(sessions, 1, first, NOW, keep=False) is Outcome.LET_GO
    late = NOW + held.HOLD_FOR
    assert await _tap(sessions, 1, second, late, keep=True) is Outcome.EXPIRED
    assert await _journal(sessions) == []
    async with sessions.begin() as session:
        assert await held.prune(session, late) == 2
        assert (await session.execute(select(HeldMessage))).all() == []


async def test_only_the_newest_holds_are_kept(sessions):
    await make_person(sessions, 1, "Europe/Berlin", NOW)
    ids = [await _hold(sessions, 1, f"message {n}") for n in range(held.MAX_HELD + 3)]
    async with sessions.begin() as session:
        left = (await session.execute(select(HeldMessage.id).order_by(HeldMessage.id))).scalars()
        assert list(left) == ids[3:]
