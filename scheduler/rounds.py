"""Check-in rounds over time: one gentle reminder to the partner who has not answered yet.

A round whose first answer came 3 hours ago and is still not revealed gets one reminder to the
other partner: never inside their quiet hours (it waits for their end, if the round is still
open then), never while they are paused or have check-ins switched off, and never twice (the
claim is one UPDATE that only one process can win).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from core.policy import after_quiet, quiet_now
from core.reminders import is_paused
from db.models import CheckinAnswer, CheckinRound, Reminder, User

log = logging.getLogger(__name__)

SendReminder = Callable[[int, int], Awaitable[bool]]  # (user id, round id) -> delivered


class RoundReminders:
    """Finds due round reminders each tick and sends them."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        send: SendReminder,
        batch_size: int = 100,
    ) -> None:
        self.sessions, self.clock, self.send, self.batch_size = sessions, clock, send, batch_size

    async def run_once(self) -> int:
        """Send the reminders due now; returns how many were sent."""
        now = self.clock.now()
        targets: list[tuple[int, int]] = []
        async with self.sessions.begin() as session:
            due = select(CheckinRound).where(
                CheckinRound.remind_at <= now,
                CheckinRound.reminded_at.is_(None),
                CheckinRound.revealed_at.is_(None),
                CheckinRound.couple_id.is_not(None),
            )
            if session.get_bind().dialect.name == "postgresql":
                due = due.with_for_update(skip_locked=True)
            rounds = list((await session.execute(due.limit(self.batch_size))).scalars())
            for round_ in rounds:
                target = await self._decide(session, round_, now)
                if target is not None and await self._claim(session, round_.id, now):
                    targets.append((target, round_.id))
        sent = 0
        for user_id, round_id in targets:
            delivered = await self.send(user_id, round_id)
            sent += int(delivered)
            log.info("round.reminded round=%s user=%s delivered=%s", round_id, user_id, delivered)
        return sent

    async def _decide(
        self, session: AsyncSession, round_: CheckinRound, now: datetime
    ) -> int | None:
        """The partner to remind now, or None (the round is then settled or moved)."""
        members = list(
            (
                await session.execute(select(User).where(User.couple_id == round_.couple_id))
            ).scalars()
        )
        finished = set(
            (
                await session.execute(
                    select(CheckinAnswer.user_id).where(
                        CheckinAnswer.round_id == round_.id,
                        CheckinAnswer.completed_at.is_not(None),
                    )
                )
            ).scalars()
        )
        waiting = [u for u in members if u.id not in finished]
        if round_.closes_at <= now or len(waiting) != 1 or len(finished) != 1:
            round_.remind_at = None
            return None
        target = waiting[0]
        checkin_on = (
            await session.execute(
                select(Reminder.enabled).where(
                    Reminder.user_id == target.id, Reminder.kind == "checkin"
                )
            )
        ).scalar_one_or_none()
        if not target.active or is_paused(target, now) or checkin_on is False:
            round_.remind_at = None
            return None
        if quiet_now(target, now):
            later = after_quiet(target, now)
            round_.remind_at = later if later < round_.closes_at else None
            return None
        return target.id

    @staticmethod
    async def _claim(session: AsyncSession, round_id: int, now: datetime) -> bool:
        claimed = await session.execute(
            update(CheckinRound)
            .where(CheckinRound.id == round_id, CheckinRound.reminded_at.is_(None))
            .values(reminded_at=now, remind_at=None)
            .returning(CheckinRound.id)
            .execution_options(synchronize_session=False)
        )
        return claimed.first() is not None
