"""Typed access to what handlers need (no untyped bot_data bags)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram.ext import Application, CallbackContext, ExtBot

from bot.batching import BatchLoader
from bot.charts import ChartPool
from bot.flood import FloodGuard
from bot.limiter import TendRateLimiter
from bot.metrics import Metrics
from bot.partner_notices import PartnerNotices
from bot.settings import Settings
from bot.updates import ChatOrderedProcessor
from bot.visits import RecentVisits
from core import people
from core.clock import Clock
from scheduler.service import DispatchService

if TYPE_CHECKING:  # the server (aiohttp) loads only when TEND_METRICS_PORT is set
    from bot.health import Health, HealthServer


@dataclass
class Deps:
    """Resources of one running bot; the engine is created in post_init, disposed at shutdown."""

    settings: Settings
    clock: Clock
    engine: AsyncEngine | None = None
    sessions: async_sessionmaker[AsyncSession] | None = None
    bot_username: str = ""
    limiter: TendRateLimiter | None = None
    dispatch: DispatchService | None = None
    charts: ChartPool | None = None  # the weekly charts' process pool (dispatch only)
    # Chooses prompts (not secrets); tests may seed it.
    rng: random.Random = field(default_factory=random.Random)
    flood: FloodGuard = field(default_factory=FloodGuard)
    # This process's metrics (its own registry) and, with TEND_METRICS_PORT, the server for
    # /metrics, /healthz and /readyz.
    metrics: Metrics = field(default_factory=Metrics)
    health: Health | None = None
    health_server: HealthServer | None = None
    # Notices one partner's actions send to the other: quiet after the first, merged.
    partner_notices: PartnerNotices = field(default_factory=PartnerNotices)
    # Whose visit this process read a few seconds ago (bot.visits): not read again yet.
    visits: RecentVisits = field(default_factory=RecentVisits)
    # Update processing (chat-ordered, bounded); None only in a bot built without it.
    updates: ChatOrderedProcessor | None = None
    # Which of TEND_UPDATE_PROCESSES this is (0: the front, or the only one; bot.shards).
    shard: int = 0
    # Visits asked for at the same moment are read together (bot.batching; `visit`).
    visit_reads: BatchLoader[int, people.Visit] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.visit_reads = BatchLoader(self._read_visits, people.NOT_FOUND)

    async def visit(self, user_id: int) -> people.Visit:
        """The person's visit (core.people.visit) as of now; NOT_FOUND without a row. Read
        together with every other visit asked for at the same moment (bot.batching)."""
        return await self.visit_reads.load(user_id)

    async def _read_visits(self, user_ids: list[int]) -> dict[int, people.Visit]:
        async with self.reading() as session:
            return await people.visits(session, user_ids, self.clock.now())

    def transaction(self) -> Any:
        """One unit of work: `async with deps.transaction() as session:` commits once at the end."""
        if self.sessions is None:
            raise RuntimeError("the database is not open yet")
        return self.sessions.begin()

    def reading(self) -> Any:
        """A read-only look: `async with deps.reading() as session:` writes nothing and, on
        SQLite, does not wait for the writers' turn (WAL readers run beside a writer)."""
        if self.sessions is None:
            raise RuntimeError("the database is not open yet")
        return self.sessions()


class BotData:
    """The application's bot_data: holds the Deps, typed."""

    def __init__(self) -> None:
        self.deps: Deps | None = None


class TendContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """Callback context with `context.deps`."""

    @property
    def deps(self) -> Deps:
        """This bot's resources."""
        deps = self.bot_data.deps
        if deps is None:
            raise RuntimeError("deps not set on the application")
        return deps


TendApp = Application[ExtBot[None], TendContext, dict[Any, Any], dict[Any, Any], BotData, Any]
