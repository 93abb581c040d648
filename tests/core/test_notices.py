"""The quiet-hours rule for messages a partner's action causes, the same on every path:
/unlink and /delete (core.notices) and a retention erasure (scheduler.retention)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import notices, rights
from core.clock import ManualClock
from db.models import User
from scheduler.retention import Retention, Warned
from tests.core.conftest import ALICE, BOB, NIGHT, NOON

Sessions = async_sessionmaker[AsyncSession]


@pytest.mark.parametrize(("at", "silent"), [(NOON, False), (NIGHT, True)])
async def test_pairing_ended_by_delete_is_silent_in_quiet_hours(
    couple: Sessions, at: datetime, silent: bool
) -> None:
    async with couple.begin() as session:
        erased = await rights.erase_person(session, BOB, at)
        assert erased is not None and erased.former_partner_id == ALICE
        note = await notices.pairing_ended(session, ALICE, at)
    assert (note.to, note.say, note.silent) == (ALICE, notices.PAIRING_ENDED, silent)


@pytest.mark.parametrize(("at", "silent"), [(NOON, False), (NIGHT, True)])
async def test_pairing_ended_by_retention_erasure_follows_the_same_rule(
    couple: Sessions, at: datetime, silent: bool
) -> None:
    days = 180
    async with couple.begin() as session:  # Bob blocked the bot long ago
        await session.execute(
            update(User)
            .where(User.id == BOB)
            .values(active=False, last_seen_at=at - timedelta(days=days + 1))
        )
    told: list[tuple[int, bool]] = []

    async def tell_partner(partner_id: int, quiet: bool) -> None:
        told.append((partner_id, quiet))

    async def warn(user_id: int, erase_on: datetime, zone: str | None) -> Warned:
        return Warned.SENT

    retention = Retention(couple, ManualClock(at), days, tell_partner, warn)
    assert await retention.run_once() >= 1
    assert told == [(ALICE, silent)]
