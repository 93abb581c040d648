"""The due-queue dispatcher: claim due reminders, decide, send through a Notifier, record.

Each batch is two transactions. The first claims rows (a lease, FOR UPDATE SKIP LOCKED on
PostgreSQL: scheduler/claim.py), decides for each (scheduler/plan.py, the rule in core.policy),
and writes a 'sending' delivery row per message; the second records what Telegram said and moves
each reminder to its next time (scheduler/record.py). A unique delivery per (reminder,
occurrence, attempt) makes a message go out once across any number of processes.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from asyncio import FIRST_COMPLETED
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import checkins, path
from core.clock import Clock
from scheduler import claim
from scheduler.outbox import Notifier, SendStatus
from scheduler.plan import Planned, plan
from scheduler.record import record

log = logging.getLogger(__name__)

ROTATING = frozenset({"selfcare", "affirmation"})  # kinds drawn from the library here


@dataclass
class DispatchStats:
    """Counters a benchmark or the logs can read."""

    claimed: int = 0
    sent: int = 0
    skipped: int = 0
    deferred: int = 0
    failed: int = 0
    released: int = 0  # not sent because the batch's lease was about to run out
    lateness: list[float] = field(default_factory=list)
    db_seconds: float = 0.0
    skip_reasons: Counter[str] = field(default_factory=Counter)  # policy reason → count


class Dispatcher:
    """Claims and sends due reminders. Safe to run in many processes on one PostgreSQL."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        notifier: Notifier,
        clock: Clock,
        worker_id: str,
        *,
        batch_size: int = 200,
        lease: timedelta = timedelta(minutes=2),
        lease_margin: timedelta | None = None,
        concurrency: int = 64,
        pipeline: int = 2,
        rng: random.Random | None = None,
        keep_lateness: bool = False,
        on_result: Callable[[str, str], None] | None = None,
    ) -> None:
        self.sessions, self.notifier, self.clock = sessions, notifier, clock
        self.worker_id, self.batch_size, self.lease = worker_id, batch_size, lease
        # A send starts only while this much of the lease is left (default a quarter of it),
        # so a slow batch is released, not sent after another process may have taken it over.
        self.lease_margin = lease / 4 if lease_margin is None else lease_margin
        self._send_slots = asyncio.Semaphore(concurrency)
        self.pipeline = max(pipeline, 1)
        self.rng = rng or random.Random()  # noqa: S311 - choosing a gentle message, not a secret
        self.stats = DispatchStats()
        self._keep_lateness = keep_lateness
        self._stopping = False
        # Told (kind, result) for each message decided or sent: the bot's metrics.
        self._on_result = on_result

    def stop(self) -> None:
        """Claim nothing more; a batch in hand is still finished and recorded."""
        self._stopping = True

    async def run_once(self, budget_seconds: float = 0.8) -> int:
        """Work through due reminders in batches until none is due or the budget is spent.

        The next batch is claimed while the one before is still being sent (at most `pipeline`
        batches claimed and not yet recorded), so the database round trips of a claim overlap
        Telegram's round trips instead of adding to them. Returns how many were claimed; every
        batch claimed here is sent and recorded before it returns.
        """
        started = time.monotonic()
        handled = 0
        pending: set[asyncio.Task[None]] = set()
        failure: BaseException | None = None
        try:
            while not self._stopping:
                planned = await self._claim_timed()
                handled += len(planned)
                if planned:
                    pending.add(asyncio.create_task(self._send_and_record(planned)))
                if len(planned) < self.batch_size or time.monotonic() - started > budget_seconds:
                    break
                while len(pending) >= self.pipeline:
                    done, pending = await asyncio.wait(pending, return_when=FIRST_COMPLETED)
                    failure = failure or _first_error(done)
                if failure is not None:
                    break
        finally:
            if pending:
                await asyncio.wait(pending)
                failure = failure or _first_error(pending)
        if failure is not None:
            raise failure
        return handled

    async def run_batch(self) -> int:
        """Claim one batch, send what is due, record it. Returns how many were claimed."""
        planned = await self._claim_timed()
        if planned:
            await self._send_and_record(planned)
        return len(planned)

    async def _claim_timed(self) -> list[Planned]:
        db_started = time.perf_counter()
        planned = await self._claim_and_plan()
        self.stats.db_seconds += time.perf_counter() - db_started
        return planned

    async def _send_and_record(self, planned: list[Planned]) -> None:
        sends = [p for p in planned if p.outgoing is not None]
        await asyncio.gather(*(self._send(p) for p in sends))
        db_started = time.perf_counter()
        await self._record(sends)
        self.stats.db_seconds += time.perf_counter() - db_started

    async def _send(self, planned: Planned) -> None:
        assert planned.outgoing is not None and planned.lease_until is not None
        async with self._send_slots:
            if self.clock.now() >= planned.lease_until - self.lease_margin:
                self.stats.released += 1  # recorded as released: claimed again, sent once
                return
            planned.result = await self.notifier.send_scheduled(planned.outgoing)
        if planned.result.status is SendStatus.SENT and self._keep_lateness:
            self.stats.lateness.append((self.clock.now() - planned.due).total_seconds())

    # -- phase 1: claim, decide, reserve (scheduler/claim.py, scheduler/plan.py) ------------
    async def _claim_and_plan(self) -> list[Planned]:
        now = self.clock.now()
        async with self.sessions.begin() as session:
            ids = await claim.claim(session, now, self.worker_id, self.lease, self.batch_size)
            if not ids:
                return []
            rows = await claim.claimed_rows(session, ids)
            partners = await checkins.partners_of(
                session, [u for r, u in rows if r.kind == "checkin"]
            )
            in_flight = await claim.in_flight(session, [r for r, _ in rows])
            # The stage a person's path is at: its section's items come first in the rotation.
            sections = await path.sections_of(session, [u for r, u in rows if r.kind in ROTATING])
            planned = [
                await plan(
                    session,
                    reminder,
                    user,
                    partners.get(user.id),
                    in_flight,
                    now,
                    self.rng,
                    sections.get(user.id),
                )
                for reminder, user in rows
            ]
            await claim.write_plan(session, [r for r, _ in rows], planned)
        for item in planned:
            item.lease_until = now + self.lease
        self._count_decided(planned)
        self.stats.claimed += len(planned)
        return planned

    def _count_decided(self, planned: list[Planned]) -> None:
        """Counters and metrics for the claims settled without a send."""
        for item in planned:
            if not item.outcome:
                continue
            if self._on_result is not None:
                self._on_result(item.kind, item.outcome)
            if item.outcome == "skipped":
                self.stats.skipped += 1
                self.stats.skip_reasons[item.reason] += 1
            elif item.outcome == "deferred":
                self.stats.deferred += 1

    # -- phase 2: record (scheduler/record.py) -----------------------------------------------
    async def _record(self, sends: list[Planned]) -> None:
        """Count the batch's send outcomes, then record them for the reminders still held."""
        if not sends:
            return
        now = self.clock.now()
        for planned in sends:
            result = planned.result
            if result is None:
                continue
            if self._on_result is not None:
                self._on_result(planned.kind, result.status.value)
            if result.status is SendStatus.SENT:
                self.stats.sent += 1
            else:
                self.stats.failed += 1
        await record(self.sessions, sends, self.worker_id, now)


def _first_error(tasks: set[asyncio.Task[None]]) -> BaseException | None:
    """The exception of the first failed task (every task's result is looked at)."""
    errors = [task.exception() for task in tasks if not task.cancelled()]
    return next((error for error in errors if error is not None), None)
