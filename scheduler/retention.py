"""Keeping only what is needed: expired invites and old delivery records are pruned, and people
who have not been heard from for the retention period are erased as by /delete.

Nobody reachable is erased by surprise: two weeks before, outside their quiet hours, they are told
the date, and any message from them cancels it (`core.people.seen`). The erasure then waits at
least a week after the warning, however late it went out. People who blocked the bot cannot be
told and are erased on time; someone a warning never reached is erased a month late at most.

Runs beside the dispatcher (a sweeper of the DispatchService), at most once an interval.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import delete, false, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import held, notices, reminders, rights
from core.clock import Clock
from core.outcome import Note
from core.policy import quiet_now
from db.models import Delivery, Invite, User
from db.session import truncate_wal

log = logging.getLogger(__name__)
# An expired invite is kept one more day, so someone who opens the link a little late hears
# that it expired (and to ask for a new one) rather than that it was never there.
EXPIRED_INVITE_KEPT = timedelta(days=1)

DELIVERY_DAYS = 30
BATCH = 200
WARN_BEFORE = timedelta(days=14)  # the warning goes out this long before the erasure is due
NOTICE = timedelta(days=7)  # and the erasure never comes sooner than this after the warning
UNREACHED_GRACE = timedelta(days=30)  # a warning that never got through delays it no longer
WARN_BUDGET = 10.0  # seconds of warning per pass; the rest goes on at the next tick

# A warning counts only if it came after the person was last heard from (coalesce: never warned).
_warned_since_seen = func.coalesce(User.erasure_warned_at > User.last_seen_at, false())


class Warned(Enum):
    """What became of an erasure warning."""

    SENT = "sent"
    BLOCKED = "blocked"  # Telegram says the person blocked the bot: they cannot be told
    FAILED = "failed"  # try again at the next pass


def erasure_date(last_seen: datetime, warned: datetime, days: int) -> datetime:
    """When someone warned at `warned` is erased if they stay silent."""
    return max(last_seen + timedelta(days=days), warned + NOTICE)


class Retention:
    """One pass prunes, warns and erases; `tell_partner(partner_id, silent)` says a pairing
    ended (`silent`: in the partner's quiet hours) and `warn(user_id, erase_on, timezone)`
    tells a silent person when they will be erased."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        days: int,
        tell_partner: Callable[[int, bool], Awaitable[object]],
        warn: Callable[[int, datetime, str | None], Awaitable[Warned]],
        every: timedelta = timedelta(hours=1),
    ) -> None:
        self.sessions, self.clock, self.days = sessions, clock, days
        self.tell_partner, self.warn, self.every = tell_partner, warn, every
        self._last: datetime | None = None
        self._unfinished = False

    async def run_once(self) -> int:
        """Prune, warn and erase if an interval has passed (or warnings were left over from the
        last pass); returns how many rows or people went, plus warnings sent."""
        now = self.clock.now()
        if self._last is not None and now - self._last < self.every and not self._unfinished:
            return 0
        self._last = now
        async with self.sessions.begin() as session:
            invites = await session.execute(
                delete(Invite)
                .where(Invite.expires_at <= now - EXPIRED_INVITE_KEPT)
                .returning(Invite.code_hash)
            )
            deliveries = await session.execute(
                delete(Delivery)
                .where(Delivery.created_at < now - timedelta(days=DELIVERY_DAYS))
                .returning(Delivery.id)
            )
            pruned = len(invites.all()) + len(deliveries.all()) + await held.prune(session, now)
        warned = await self._warn_inactive(now)
        erased = await self._erase_inactive(now)
        if pruned or warned or erased:
            log.info("retention.done pruned=%s warned=%s erased=%s", pruned, warned, erased)
        return pruned + warned + erased

    async def _warn_inactive(self, now: datetime) -> int:
        """Tell the silent, two weeks ahead, when they will be erased (never in quiet hours).
        Each warning is claimed in the database before it is sent, so two processes never both
        send it; at most WARN_BUDGET seconds a pass, the rest at the next tick."""
        due = now - (timedelta(days=self.days) - WARN_BEFORE)
        started = time.monotonic()
        self._unfinished = False
        warned, after = 0, -1
        while True:
            async with self.sessions() as session:
                people = list(
                    (
                        await session.execute(
                            select(User)
                            .where(
                                User.id > after,
                                User.last_seen_at < due,
                                ~_warned_since_seen,
                                User.active.is_(True),
                            )
                            .order_by(User.id)
                            .limit(BATCH)
                        )
                    ).scalars()
                )
            for user in people:
                if time.monotonic() - started > WARN_BUDGET:
                    self._unfinished = True
                    return warned
                if quiet_now(user, now):
                    continue  # the next pass after their quiet hours
                try:
                    warned += await self._warn(user, now)
                except Exception:
                    log.exception("retention.warn_failed user=%s", user.id)
            if len(people) < BATCH:
                return warned
            after = people[-1].id

    async def _warn(self, user: User, now: datetime) -> bool:
        async with self.sessions.begin() as session:
            # The claim: only if still silent and not yet warned (by this or another process).
            claimed = (
                await session.execute(
                    update(User)
                    .where(
                        User.id == user.id,
                        User.last_seen_at == user.last_seen_at,
                        ~_warned_since_seen,
                    )
                    .values(erasure_warned_at=now)
                    .returning(User.id)
                )
            ).first()
        if claimed is None:
            return False
        erase_on = erasure_date(user.last_seen_at, now, self.days)
        outcome = await self.warn(user.id, erase_on, user.timezone)
        log.info("retention.warned user=%s outcome=%s", user.id, outcome.value)
        if outcome is Warned.SENT:
            return True
        async with self.sessions.begin() as session:
            await session.execute(
                update(User)
                .where(User.id == user.id, User.erasure_warned_at == now)
                .values(erasure_warned_at=None)
            )
            if outcome is Warned.BLOCKED:
                await reminders.mark_blocked(session, user.id)
        return False

    async def _erase_inactive(self, now: datetime) -> int:
        """Erase people silent for `days` (blocked the bot, or simply stopped), a batch a time:
        those who can be told only once the warning has had its week."""
        cutoff = now - timedelta(days=self.days)
        erasable = (User.last_seen_at < cutoff) & or_(
            User.active.is_(False),
            _warned_since_seen & (User.erasure_warned_at <= now - NOTICE),
            ~_warned_since_seen & (User.last_seen_at < cutoff - UNREACHED_GRACE),
        )
        erased = 0
        while True:
            partners: list[Note] = []
            async with self.sessions.begin() as session:
                ids = list(
                    (await session.execute(select(User.id).where(erasable).limit(BATCH))).scalars()
                )
                for user_id in ids:
                    done = await rights.erase_person(session, user_id, now)
                    if done is not None and done.former_partner_id is not None:
                        # Read now: silent in the partner's quiet hours, as after /delete.
                        pid = done.former_partner_id
                        partners.append(await notices.pairing_ended(session, pid, now))
                    log.info("retention.erased user=%s", user_id)
            erased += len(ids)
            if ids:
                await truncate_wal(self.sessions.kw["bind"])
            for notice in partners:
                await self.tell_partner(notice.to, notice.silent)
            if len(ids) < BATCH:
                return erased
