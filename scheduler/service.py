"""APScheduler in the bot's event loop: a dispatch tick every second and a worker heartbeat.

The heartbeat lets processes on one database share Telegram's overall budget: each takes
TEND_SEND_RATE divided by the number of live senders.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from db.models import Worker
from scheduler.dispatch import Dispatcher
from scheduler.outbox import SendRate

log = logging.getLogger(__name__)

HEARTBEAT = timedelta(seconds=5)
ALIVE = timedelta(seconds=15)
# A tick works through due batches for at most this long before yielding to the next tick.
MAX_TICK = 30.0


class DispatchService:
    """Owns the APScheduler jobs; started in post_init, stopped before the bot shuts down."""

    def __init__(
        self,
        dispatcher: Dispatcher,
        sessions: async_sessionmaker[AsyncSession],
        limiter: SendRate | None,
        clock: Clock,
        *,
        total_rate: float,
        interval: float = 1.0,
        aligned: bool = True,
        sweepers: Sequence[Callable[[], Awaitable[int]]] = (),
    ) -> None:
        self.dispatcher, self.sessions, self.limiter = dispatcher, sessions, limiter
        # Other time-driven work (check-in round reminders) runs after each dispatch pass.
        self.sweepers = tuple(sweepers)
        self.clock, self.total_rate, self.interval = clock, total_rate, interval
        self.aligned = aligned  # tick on whole multiples of the interval (see start)
        self._scheduler: AsyncIOScheduler | None = None
        self._busy = asyncio.Lock()
        # Runs of our jobs in progress. APScheduler cancels running coroutine jobs when it shuts
        # down, so stop() waits for these first: a batch in hand is never cut off mid-send.
        self._running: set[asyncio.Task[None]] = set()
        self._stopping = False
        self.ticks = 0  # completed passes (lets a caller wait for "everything due has run")
        self.last_tick: float | None = None  # time.monotonic() when the last pass finished

    async def start(self) -> None:
        """Register with the other processes, then tick at once and every `interval`."""
        await self.heartbeat()
        scheduler = AsyncIOScheduler(timezone=UTC)
        first = datetime.now(UTC)
        # Every reminder is due on a whole minute: ticking on whole multiples of the interval
        # (whole seconds by default) claims it within milliseconds instead of up to a second late.
        step = self.interval
        aligned = datetime.fromtimestamp(math.ceil(first.timestamp() / step) * step, UTC)
        # (An interval job counts from its previous run, so the first run must be the aligned
        # one; the tick at once is a job of its own.)
        when: dict[str, datetime] = (
            {"start_date": aligned} if self.aligned else {"next_run_time": first}
        )
        # A tick keeps going while work is due; a second instance may start meanwhile and
        # returns at once (so APScheduler never logs a skipped run every second).
        scheduler.add_job(
            self._guarded(self.tick),
            "interval",
            seconds=self.interval,
            id="dispatch",
            max_instances=2,
            coalesce=True,
            misfire_grace_time=None,
            **when,
        )
        if self.aligned:
            scheduler.add_job(self._guarded(self.tick), "date", run_date=first, id="dispatch-now")
        scheduler.add_job(
            self._guarded(self.heartbeat),
            "interval",
            seconds=HEARTBEAT.total_seconds(),
            id="heartbeat",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
        scheduler.start()
        self._scheduler = scheduler
        log.info("dispatch.started worker=%s", self.dispatcher.worker_id)

    def _guarded(self, job: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
        """A job run that does nothing once stopping began, and that stop() can wait for."""

        async def run() -> None:
            if self._stopping:
                return
            task = asyncio.current_task()
            assert task is not None
            self._running.add(task)
            try:
                await job()
            finally:
                self._running.discard(task)

        run.__name__ = getattr(job, "__name__", "job")
        return run

    async def tick(self) -> None:
        """One dispatch round (skipped if the previous one is still busy)."""
        if self._busy.locked():
            return
        async with self._busy:
            await self._pass()

    async def pass_now(self) -> None:
        """One whole pass now, after any pass in progress has finished: everything due at the
        clock's current time is sent and recorded when this returns (the demo's clock moves in
        steps and needs each step handled before the next)."""
        async with self._busy:
            if not self._stopping:
                await self._pass()

    async def _pass(self) -> None:
        """Send what is due, then run the sweepers; count the pass."""
        try:
            handled = await self.dispatcher.run_once(budget_seconds=MAX_TICK)
        except Exception:
            log.exception("dispatch.tick_failed worker=%s", self.dispatcher.worker_id)
            return
        for sweep in self.sweepers:
            if self._stopping:
                break
            try:
                handled += await sweep()
            except Exception:
                log.exception("dispatch.sweep_failed worker=%s", self.dispatcher.worker_id)
        if handled:
            log.info("dispatch.tick worker=%s handled=%d", self.dispatcher.worker_id, handled)
        self.ticks += 1
        self.last_tick = time.monotonic()

    async def heartbeat(self) -> None:
        """Say this process is alive and take its share of the overall send rate."""
        now = self.clock.now()
        try:
            async with self.sessions.begin() as session:
                row = await session.get(Worker, self.dispatcher.worker_id)
                if row is None:
                    session.add(Worker(id=self.dispatcher.worker_id, heartbeat_at=now))
                else:
                    row.heartbeat_at = now
                await session.execute(delete(Worker).where(Worker.heartbeat_at < now - ALIVE * 4))
                alive = (
                    await session.execute(
                        select(func.count())
                        .select_from(Worker)
                        .where(Worker.heartbeat_at >= now - ALIVE)
                    )
                ).scalar_one()
        except Exception:
            log.exception("dispatch.heartbeat_failed worker=%s", self.dispatcher.worker_id)
            return
        if self.limiter is not None:
            self.limiter.set_rate(self.total_rate / max(int(alive), 1))

    async def stop(self) -> None:
        """Stop ticking, let a running batch finish and record, leave the worker table."""
        if self._scheduler is None:
            return
        self._stopping = True
        self.dispatcher.stop()
        self._scheduler.pause()
        while self._running:  # the batch in hand is finished and recorded, not cancelled
            await asyncio.gather(*self._running, return_exceptions=True)
        self._scheduler.shutdown(wait=False)
        self._scheduler = None
        try:
            async with self.sessions.begin() as session:
                await session.execute(delete(Worker).where(Worker.id == self.dispatcher.worker_id))
        except Exception:
            log.exception("dispatch.leave_failed worker=%s", self.dispatcher.worker_id)
        log.info("dispatch.stopped worker=%s", self.dispatcher.worker_id)
