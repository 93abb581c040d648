"""/checkin at the moment the scheduled check-in prompt goes out: one round, one question.

Partners in zones whose dates differ at that moment (Berlin already on the 27th, New York still
on the 26th) would open rounds under different dates, which the (couple, date) unique
constraint does not stop: the couple row's lock does (core.checkins.round_for)."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import checkins, pairing, people
from db.models import CheckinRound, User
from tests.core.conftest import ALICE, BOB

Sessions = async_sessionmaker[AsyncSession]
# 02:30 on the 27th in Berlin (Alice types /checkin); 20:30 on the 26th in New York (Bob's
# scheduled prompt).
AT = datetime(2026, 11, 27, 1, 30, tzinfo=UTC)


async def prompt_for(sessions: Sessions, user_id: int, seed: int, touch: bool) -> tuple[int, str]:
    async with sessions.begin() as session:
        user = await session.get(User, user_id)
        assert user is not None
        if touch:
            people.touch(user, AT)  # an earlier write in the same transaction, as /checkin makes
        partner = await pairing.partner_of(session, user)
        round_, item = await checkins.todays_prompt(session, user, partner, AT, random.Random(seed))
        return round_.id, item.id


@pytest.mark.parametrize("touch", [True, False])
async def test_checkin_and_the_scheduled_prompt_at_once_share_one_round(
    couple: Sessions, touch: bool
) -> None:
    async with couple.begin() as session:
        bob = await session.get(User, BOB)
        assert bob is not None
        people.set_timezone(bob, "America/New_York")
    by_alice, by_bob = await asyncio.gather(
        prompt_for(couple, ALICE, 1, touch), prompt_for(couple, BOB, 7, touch)
    )
    assert by_alice == by_bob  # the same round, so the same question
    async with couple.begin() as session:
        rounds = await session.scalar(select(func.count()).select_from(CheckinRound))
    assert rounds == 1
