"""Keeping only what is needed: expired invites and old delivery records are pruned, and people
who have not been heard from for the retention period are erased as by /delete.

Runs beside the dispatcher (a sweeper of the DispatchService), at most once an interval.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import rights
from core.clock import Clock
from db.models import Delivery, Invite, User

log = logging.getLogger(__name__)

DELIVERY_DAYS = 30
BATCH = 200


class Retention:
    """One pass prunes and erases; `tell_partner(partner_id)` says a pairing ended."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        days: int,
        tell_partner: Callable[[int], Awaitable[object]],
        every: timedelta = timedelta(hours=1),
    ) -> None:
        self.sessions, self.clock, self.days = sessions, clock, days
        self.tell_partner, self.every = tell_partner, every
        self._last: datetime | None = None

    async def run_once(self) -> int:
        """Prune and erase if an interval has passed; returns how many rows or people went."""
        now = self.clock.now()
        if self._last is not None and now - self._last < self.every:
            return 0
        self._last = now
        async with self.sessions.begin() as session:
            invites = await session.execute(
                delete(Invite).where(Invite.expires_at <= now).returning(Invite.code_hash)
            )
            deliveries = await session.execute(
                delete(Delivery)
                .where(Delivery.created_at < now - timedelta(days=DELIVERY_DAYS))
                .returning(Delivery.id)
            )
            pruned = len(invites.all()) + len(deliveries.all())
        erased = await self._erase_inactive(now)
        if pruned or erased:
            log.info("retention.done pruned=%s erased=%s", pruned, erased)
        return pruned + erased

    async def _erase_inactive(self, now: datetime) -> int:
        """Erase people silent for `days` (blocked the bot, or simply stopped), a batch a time."""
        cutoff = now - timedelta(days=self.days)
        erased = 0
        while True:
            partners: list[int] = []
            async with self.sessions.begin() as session:
                ids = list(
                    (
                        await session.execute(
                            select(User.id).where(User.last_seen_at < cutoff).limit(BATCH)
                        )
                    ).scalars()
                )
                for user_id in ids:
                    done = await rights.erase_person(session, user_id, now)
                    if done is not None and done.former_partner_id is not None:
                        partners.append(done.former_partner_id)
                    log.info("retention.erased user=%s", user_id)
            erased += len(ids)
            for partner_id in partners:
                await self.tell_partner(partner_id)
            if len(ids) < BATCH:
                return erased
