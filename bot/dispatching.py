"""The scheduled side, wired from the settings in post_init (when TEND_DISPATCH is on): the
Dispatcher with its Notifier and chart pool, the sweepers (round reminders, retention), and the
DispatchService that runs them beside the bot."""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from telegram import Bot
from telegram.ext import Application

from bot import summaries, texts
from bot.charts import ChartCache, ChartPool, ChartSpec
from bot.context import Deps
from bot.notify import tell, warn
from bot.scheduled import TelegramNotifier, reminder_view
from scheduler.dispatch import Dispatcher
from scheduler.retention import Retention, Warned
from scheduler.rounds import RoundReminders
from scheduler.service import DispatchService


async def start_dispatch(app: Application[Any, Any, Any, Any, Any, Any], deps: Deps) -> None:
    """Build the dispatcher and its sweepers from `deps.settings` and start them; the running
    service is `deps.dispatch` (stopped in post_stop), the chart pool `deps.charts`."""
    assert deps.sessions is not None
    dispatcher = Dispatcher(
        deps.sessions,
        _notifier(app.bot, deps),
        deps.clock,
        f"{socket.gethostname()[:32]}-{os.getpid()}-{secrets.token_hex(3)}",
        lease=timedelta(seconds=deps.settings.dispatch_lease),
        # Claimed-but-unsent messages are what a crash can touch: keep the batch near what
        # can be in flight at once (the send concurrency, or a second of the rate budget);
        # the next batch is claimed while one is sent, so two batches at most.
        batch_size=int(deps.settings.send_rate * 2) if deps.settings.rate_limits else 64,
        concurrency=64,
        rng=deps.rng,
        on_result=deps.metrics.scheduled_send,
    )
    deps.dispatch = DispatchService(
        dispatcher,
        deps.sessions,
        deps.limiter,
        deps.clock,
        # An even share with the other update processes (bot.shards), then split by dispatchers.
        total_rate=deps.settings.send_rate / deps.settings.update_processes,
        interval=deps.settings.dispatch_interval,
        sweepers=_sweepers(app.bot, deps),
    )
    await deps.dispatch.start()
    if deps.health is not None:
        deps.health.dispatch = deps.dispatch


def _notifier(bot: Bot, deps: Deps) -> TelegramNotifier:
    """Scheduled messages out through Telegram; the weekly charts drawn in a process pool."""
    assert deps.sessions is not None
    summary_for = summaries.WeeklyBuilder(deps.sessions, deps.clock.now, deps.metrics)

    pool = deps.charts = ChartPool()
    pool.start()

    async def draw_chart(spec: ChartSpec) -> bytes:
        if deps.metrics is None:
            return await pool.draw(spec)
        with deps.metrics.rendering("chart"):
            return await pool.draw(spec)

    return TelegramNotifier(
        bot,
        summary_for,
        ChartCache(draw_chart),
        paid_broadcast=deps.settings.paid_broadcast,
    )


def _sweepers(bot: Bot, deps: Deps) -> list[Callable[[], Awaitable[int]]]:
    """What runs after each dispatch tick: round reminders, then retention."""
    sessions = deps.sessions
    assert sessions is not None

    async def remind(user_id: int, round_id: int) -> bool:
        text, markup = reminder_view(round_id)
        return await tell(bot, user_id, text, kind="checkin_reminder", markup=markup) is not None

    async def pairing_ended(partner_id: int, silent: bool) -> None:
        await tell(bot, partner_id, str(texts.PARTNER_UNLINKED), kind="unlinked", silent=silent)

    async def erasure_warning(user_id: int, erase_on: datetime, zone: str | None) -> Warned:
        text = texts.erasure_warning(deps.settings.retention_days, erase_on, zone)
        return await warn(bot, user_id, text, kind="erasure_warning")

    retention = Retention(
        sessions, deps.clock, deps.settings.retention_days, pairing_ended, erasure_warning
    )
    return [RoundReminders(sessions, deps.clock, remind).run_once, retention.run_once]
