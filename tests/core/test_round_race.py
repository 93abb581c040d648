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

from core import checkin_outcomes as co
from core import checkins, pairing, people
from db.models import CheckinRound, User
from tests.core.conftest import ALICE, BOB, todays_round
from tests.core.test_tap_statements import tap

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


@pytest.mark.parametrize("attempt", range(6))
async def test_a_second_skip_and_the_partners_finish_at_once_never_deadlock(
    couple: Sessions, attempt: int
) -> None:
    # Found by trying: Alice had finished and tapped "Skip" again while Bob finished. Her
    # transaction wrote her answer, then waited for the round; Bob's held the round and, to
    # reveal, wrote to her answer (when she saw his): PostgreSQL's deadlock, an error for one
    # of them. Each of these transactions now locks the round before it writes anything.
    round_id = await todays_round(couple, ALICE)
    for who in (ALICE, BOB):
        for minute, question in enumerate(checkins.RATINGS):
            await tap(couple, who, f"ci:r:{round_id}:{question}:3", minute)
    await tap(couple, ALICE, f"ci:s:{round_id}", 5)  # Alice has finished: waiting for Bob
    by_alice = tap(couple, ALICE, f"ci:s:{round_id}", 6)
    by_bob = tap(couple, BOB, f"ci:s:{round_id}", 6)
    if attempt % 2:  # which of them reaches the database first
        again, bobs = await asyncio.gather(by_alice, by_bob)
    else:
        bobs, again = await asyncio.gather(by_bob, by_alice)
    reveals = [note for note in (*again.notes, *bobs.notes) if note.say == co.REVEAL]
    assert sorted(note.to for note in reveals) == sorted((ALICE, BOB))  # once each
