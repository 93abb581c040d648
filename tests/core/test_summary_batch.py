"""Summaries read for many people at once are the ones read one by one (core.summary_batch)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import summary, summary_batch
from core.pairing import partner_of
from db.models import (
    Appreciation,
    CheckinAnswer,
    CheckinRound,
    HardMoment,
    MonthlyCheck,
    Path,
    User,
)
from tests.core.conftest import ALICE, BOB, NOON, person

CAROL, DAN, NOBODY = 1003, 1004, 1999


async def _history(sessions: async_sessionmaker[AsyncSession]) -> None:
    """Rounds over nine weeks (some private parts, one not revealed, one unfinished), hard
    moments with words, appreciations, monthly looks and paths: a couple and a person alone."""
    async with sessions.begin() as session:
        alice = await session.get(User, ALICE)
        bob = await session.get(User, BOB)
        assert alice is not None and bob is not None and alice.couple_id is not None
        bob.hard_in_summary = True
        bob.timezone = "Pacific/Kiritimati"  # already tomorrow: another eight weeks' start
        alice.share_review = bob.share_review = True
        today = date(2026, 11, 26)
        for back in range(0, 63, 2):
            day = today - timedelta(days=back)
            at = NOON - timedelta(days=back)
            revealed = None if back == 6 else at + timedelta(hours=1)
            round_ = CheckinRound(
                couple_id=alice.couple_id,
                local_date=day,
                prompt_id="p",
                opened_at=at,
                closes_at=at + timedelta(days=1),
                revealed_at=revealed,
            )
            session.add(round_)
            await session.flush()
            for uid, mask in ((ALICE, back % 2), (BOB, 4 if back == 10 else 0)):
                done = None if (uid == BOB and back == 12) else at
                session.add(_answer(round_.id, uid, back, mask, done))
            if back < 7:
                session.add(
                    Appreciation(
                        round_id=round_.id,
                        from_user_id=ALICE,
                        to_user_id=BOB,
                        created_at=at,
                        text="thank you",
                        relayed_at=at,
                    )
                )
        for uid, hours, helped in ((ALICE, 30, "a walk"), (BOB, 200, "tea"), (CAROL, 5, "Tea")):
            session.add(
                HardMoment(
                    user_id=uid,
                    created_at=NOON - timedelta(hours=hours),
                    intensity=3,
                    helped=helped,
                )
            )
        for uid, month in ((ALICE, date(2026, 11, 1)), (ALICE, date(2026, 10, 1))):
            session.add(_look(uid, month))
        session.add(_look(CAROL, date(2026, 9, 1)))
        session.add(Path(couple_id=alice.couple_id, status="paused", stage=3, created_at=NOON))
        session.add(Path(solo_user_id=CAROL, status="active", stage=2, created_at=NOON))


def _answer(round_id: int, uid: int, back: int, mask: int, done: object) -> CheckinAnswer:
    return CheckinAnswer(
        round_id=round_id,
        user_id=uid,
        safety=1 + back % 5,
        connection=1 + (back // 3) % 5,
        agreements=2,
        text_skipped=True,
        private_mask=mask,
        started_at=NOON,
        updated_at=NOON,
        completed_at=done,
    )


def _look(uid: int, month: date) -> MonthlyCheck:
    return MonthlyCheck(
        user_id=uid,
        month=month,
        happy=4,
        warm=3,
        rewarding=2,
        satisfied=5,
        created_at=NOON,
        updated_at=NOON,
        completed_at=NOON,
    )


async def test_the_group_read_gives_each_person_the_summary_read_alone(
    couple: async_sessionmaker[AsyncSession],
) -> None:
    sessions = couple
    await person(sessions, CAROL)
    await person(sessions, DAN)
    async with sessions.begin() as session:
        dan = await session.get(User, DAN)
        assert dan is not None
        dan.timezone = None  # not set up: no summary
    await _history(sessions)
    now = NOON + timedelta(hours=7)
    alone = {}
    for uid in (ALICE, BOB, CAROL):
        async with sessions.begin() as session:
            user = await session.get(User, uid)
            assert user is not None
            alone[uid] = await summary.gather(session, user, await partner_of(session, user), now)
    async with sessions.begin() as session:
        together = await summary_batch.gather_many(session, [ALICE, BOB, CAROL, DAN, NOBODY], now)
    assert together == alone
    assert alone[ALICE].path_paused and alone[CAROL].path_stage == 2
    assert alone[ALICE].partner_hard is not None and alone[BOB].partner_hard is None
    carol_hard = alone[CAROL].hard
    assert carol_hard is not None and carol_hard.helped_most == "Tea"
    assert alone[ALICE].monthly is not None and alone[ALICE].private_week is not None
    assert (alone[ALICE].sent, alone[BOB].got) == (4, 4)
