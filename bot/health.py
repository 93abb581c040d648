"""The operator's port (TEND_METRICS_PORT): /metrics for Prometheus, /healthz and /readyz.

/healthz answers 200 while the process's event loop serves. /readyz answers 200 only when the
database is reachable, its migrations are at the package's head, (when this process
dispatches) a dispatch pass finished recently, and (in the front of TEND_UPDATE_PROCESSES) every
other update process runs; otherwise 503 with one reason per line.
Nothing here names a person: answers hold kinds and numbers only.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.metrics import Metrics
from bot.settings import Settings
from bot.shards import Shards
from core.clock import Clock
from db import migrate
from db.models import Reminder, Worker
from scheduler.service import ALIVE, MAX_TICK, DispatchService

log = logging.getLogger(__name__)

# A pass works for at most MAX_TICK seconds; one that has not finished for this long is stuck.
TICK_STALE_AFTER = MAX_TICK + 60.0
# A health check never waits longer than this for the database.
CHECK_TIMEOUT = 5.0


@dataclass
class Health:
    """What the checks look at. `engine` and `dispatch` are filled in as the bot starts."""

    metrics: Metrics
    clock: Clock
    dispatch_on: bool
    engine: AsyncEngine | None = None
    dispatch: DispatchService | None = None
    tick_stale_after: float = TICK_STALE_AFTER
    head: str | None = field(default_factory=migrate.head_revision)
    # In the front of TEND_UPDATE_PROCESSES (bot.shards): the other processes taking updates.
    shards: Shards | None = None
    # Process K > 0 of TEND_UPDATE_PROCESSES: its gauge of running processes reads 0 (the
    # first process's counts them all, so a sum over every port stays right).
    update_process: int = 0

    async def problems(self) -> list[str]:
        """Why this process is not ready (empty: ready)."""
        engine = self.engine
        if engine is None:
            return ["database not open yet"]
        try:
            async with asyncio.timeout(CHECK_TIMEOUT), engine.connect() as conn:
                revision = await conn.scalar(text("SELECT version_num FROM alembic_version"))
        except Exception as exc:
            log.warning("health.database_unreachable error=%s", type(exc).__name__)
            return ["database unreachable"]
        found: list[str] = []
        if revision != self.head:
            found.append("database migrations not at head")
        if self.shards is not None:
            down = sorted(set(range(1, self.shards.processes)) - set(self.shards.pids()))
            found += [f"update process {index} not running" for index in down]
        if self.dispatch_on:
            age = self.tick_age()
            if age is None:
                found.append("dispatch not started")
            elif age > self.tick_stale_after:
                found.append(f"dispatch tick stalled ({age:.0f} s since the last pass)")
        return found

    def tick_age(self) -> float | None:
        """Seconds since this process last finished a dispatch pass (None: never)."""
        if self.dispatch is None or self.dispatch.last_tick is None:
            return None
        return time.monotonic() - self.dispatch.last_tick

    async def refresh_gauges(self) -> None:
        """Read what the gauges show from the database (at scrape time)."""
        age = self.tick_age()
        self.metrics.last_tick_age.set(-1 if age is None else age)
        running = 1 + (len(self.shards.pids()) if self.shards is not None else 0)
        self.metrics.update_processes.set(0 if self.update_process else running)
        if self.engine is None:
            return
        now = self.clock.now()
        try:
            async with asyncio.timeout(CHECK_TIMEOUT), self.engine.connect() as conn:
                oldest = await conn.scalar(
                    select(func.min(Reminder.next_fire_at)).where(Reminder.next_fire_at <= now)
                )
                alive = await conn.scalar(
                    select(func.count())
                    .select_from(Worker)
                    .where(Worker.heartbeat_at >= now - ALIVE)
                )
        except Exception as exc:
            log.warning("health.gauges_failed error=%s", type(exc).__name__)
            return
        self.metrics.dispatch_lag.set(_lag(now, oldest))
        self.metrics.dispatch_processes.set(int(alive or 0))


def _lag(now: datetime, oldest: datetime | str | None) -> float:
    if oldest is None:
        return 0.0
    if isinstance(oldest, str):  # SQLite hands an aggregate back as text, without the type
        oldest = datetime.fromisoformat(oldest).replace(tzinfo=now.tzinfo)
    return max((now - oldest).total_seconds(), 0.0)


class HealthServer:
    """The aiohttp server for the three paths, in the bot's event loop."""

    def __init__(self, health: Health, listen: str, port: int) -> None:
        self.health, self.listen, self.port = health, listen, port
        self._runner: web.AppRunner | None = None

    async def start(self) -> int:
        """Bind and serve; returns the port (the one chosen when 0 was asked for)."""
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/readyz", self._readyz)
        app.router.add_get("/metrics", self._metrics)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.listen, self.port)
        await site.start()
        if self._runner.addresses:  # the port actually bound (0 asks for any free one)
            self.port = int(self._runner.addresses[0][1])
        log.info("health.serving listen=%s port=%d", self.listen, self.port)
        return self.port

    async def stop(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _healthz(self, _request: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def _readyz(self, _request: web.Request) -> web.Response:
        problems = await self.health.problems()
        if problems:
            return web.Response(status=503, text="\n".join(problems) + "\n")
        return web.Response(text="ready\n")

    async def _metrics(self, _request: web.Request) -> web.Response:
        await self.health.refresh_gauges()
        body = self.health.metrics.exposition()
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


async def serve(metrics: Metrics, clock: Clock, settings: Settings) -> tuple[Health, HealthServer]:
    """Start serving /metrics, /healthz and /readyz on TEND_METRICS_LISTEN:TEND_METRICS_PORT;
    the caller fills in Health.engine and Health.dispatch as they come up."""
    health = Health(metrics, clock, dispatch_on=settings.dispatch)
    server = HealthServer(health, settings.metrics_listen, settings.metrics_port or 0)
    await server.start()
    return health, server
