"""Building the application: Telegram endpoints, defaults, limits, the handlers in order, and
the lifecycle hooks (bot.lifecycle); keys checked before start, and start/stop for callers that
own the event loop. Running it until a signal is bot.serve."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any, cast

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults

from bot import logsafety
from bot.context import BotData, Deps, TendApp, TendContext
from bot.flood import FloodGuard, Verdict
from bot.handlers import (
    activity,
    appreciate,
    boundaries,
    checkin,
    errors,
    fallback,
    groups,
    guard,
    hard,
    info,
    journal,
    language,
    measure,
    onboarding,
    pairing,
    path,
    reminders,
    report,
    rights,
    share,
    summary,
    unprompted,
)
from bot.instrumented import InstrumentedApplication
from bot.lifecycle import post_init, post_shutdown, post_stop
from bot.limiter import TendRateLimiter
from bot.metrics import Metrics
from bot.request import AiohttpRequest
from bot.settings import Settings
from bot.shards import Shards
from bot.updates import ChatOrderedProcessor
from core.clock import Clock, SystemClock
from db.envelope import check_keys
from db.keys import load_or_create_key_file
from db.session import create_engine
from db.types import install_keyring

# Connections to Telegram for everything but long polling: the dispatcher keeps up to 64 sends in
# flight, and replies to people need room beside them.
SEND_POOL = 128


def prepare_keys(settings: Settings) -> None:
    """Install the encryption keys: from TEND_ENCRYPTION_KEY, or the SQLite key file."""
    keys = settings.encryption_keys() or load_or_create_key_file(settings.database_url)
    install_keyring(keys)
    logsafety.install_key(keys[0])


def prepare_start(settings: Settings) -> None:
    """Install the keys and check they open what is stored: StartRefused (one line to show) when
    the key file is readable by others or missing over encrypted data, or when the key opens no
    stored data key. Idempotent; run before anything talks to Telegram."""
    prepare_keys(settings)
    asyncio.run(_check_keys(settings.database_url))


def build_application(
    settings: Settings, clock: Clock | None = None, *, receive_updates: bool = True, shard: int = 0
) -> TendApp:
    """Build the bot: Telegram endpoints, defaults, limits, handlers, lifecycle hooks.
    `receive_updates=False`: the dispatcher alone. `shard` K > 0: process K of
    TEND_UPDATE_PROCESSES, fed updates by the front (bot.shards) instead of polling; with more
    than one process, shard 0 (the front) hands the others their chats."""
    # Every process taking updates keeps an even share of Telegram's overall budget.
    limiter = TendRateLimiter(per_second=settings.send_rate / settings.update_processes)
    limiter.enabled = settings.rate_limits
    flood = FloodGuard(settings.flood_burst, settings.flood_rate, settings.flood_mute)
    processor = ChatOrderedProcessor(settings.concurrent_updates, flood)
    builder = _builder(settings, limiter, processor)
    if not receive_updates or shard > 0:
        builder = builder.updater(None)
    elif settings.update_processes > 1:
        processor.shards = Shards(settings)
    app = cast(TendApp, builder.build())
    deps = app.bot_data.deps = Deps(
        settings=settings,
        clock=clock or SystemClock(),
        limiter=limiter,
        flood=flood,
        updates=processor,
        shard=shard,
    )
    # This process's metrics: a registry of its own, made here (nothing at import time).
    deps.metrics = Metrics()
    cast(InstrumentedApplication, app).metrics = deps.metrics
    if processor.shards is not None:
        processor.shards.metrics = deps.metrics
        processor.shards.replay = app.update_queue.put  # what a dead shard never took
    limiter.observer = deps.metrics

    async def refuse(update: Update, verdict: Verdict) -> None:
        await guard.refused(update, verdict, deps)

    processor.refuse = refuse
    if receive_updates:
        _register(app)
    return app


def _builder(
    settings: Settings, limiter: TendRateLimiter, processor: ChatOrderedProcessor
) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    api = settings.telegram_api_url
    timeout = settings.telegram_timeout
    return (
        Application.builder()
        .token(settings.bot_token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .context_types(ContextTypes(context=TendContext, bot_data=BotData))
        .rate_limiter(limiter)
        .request(
            AiohttpRequest(
                SEND_POOL, connect_timeout=timeout, read_timeout=timeout, pool_timeout=timeout
            )
        )
        .concurrent_updates(processor)
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .application_class(InstrumentedApplication)
    )


def _register(app: TendApp) -> None:
    # Order matters: groups first (they never reach private flows), catch-alls last.
    for flow in (
        guard,
        activity,
        groups,
        onboarding,
        pairing,
        info,
        reminders,
        rights,
        checkin,
        measure,
        journal,
        language,
        appreciate,
        boundaries,
        path,
        summary,
        hard,
        share,
        report,
        unprompted,
        fallback,
        errors,
    ):
        flow.register(app)


async def start(app: TendApp, poll_timeout: float = 10.0, *, poll: bool = True) -> None:
    """Start like run_polling does, for callers that own the event loop (tests, the demo, the
    webhook); `poll=False` leaves receiving updates to the caller."""
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    if app.updater is not None and poll:
        await app.updater.start_polling(timeout=timedelta(seconds=poll_timeout))
    await app.start()


async def stop(app: TendApp) -> None:
    """Stop what `start` started: let in-flight work finish, then release resources."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
        if app.post_stop is not None:
            await app.post_stop(app)
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)


async def _check_keys(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await check_keys(engine)
    finally:
        await engine.dispose()
