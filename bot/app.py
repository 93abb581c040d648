"""All wiring in one place: build the application, open resources in post_init, close them after."""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import secrets
import signal
import socket
from datetime import datetime, timedelta
from typing import Any, cast
from urllib.parse import urlparse

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, Defaults

from bot import logsafety, summaries, texts, webhook
from bot.charts import ChartCache, ChartPool, ChartSpec
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
from bot.limiter import TendRateLimiter
from bot.metrics import Metrics
from bot.notify import tell, warn
from bot.request import AiohttpRequest
from bot.scheduled import TelegramNotifier, reminder_view
from bot.settings import Settings
from bot.updates import ChatOrderedProcessor
from core import reminders as reminder_rules
from core.clock import Clock, SystemClock
from db import migrate
from db.envelope import check_keys
from db.keys import load_or_create_key_file
from db.rotate import adopt_legacy
from db.session import create_engine, create_sessionmaker
from db.types import install_keyring
from scheduler.dispatch import Dispatcher
from scheduler.retention import Retention, Warned
from scheduler.rounds import RoundReminders
from scheduler.service import DispatchService

log = logging.getLogger(__name__)

WEBHOOK_PATH = "telegram"
# Connections to Telegram for everything but long polling: the dispatcher keeps up to 64 sends in
# flight, and replies to people need room beside them.
SEND_POOL = 128
BACKFILL_BATCH = 1000


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
    settings: Settings, clock: Clock | None = None, *, receive_updates: bool = True
) -> TendApp:
    """Build the bot: Telegram endpoints, defaults, limits, handlers, lifecycle hooks."""
    api = settings.telegram_api_url
    limiter = TendRateLimiter(per_second=settings.send_rate)
    limiter.enabled = settings.rate_limits
    timeout = settings.telegram_timeout
    flood = FloodGuard(settings.flood_burst, settings.flood_rate, settings.flood_mute)
    processor = ChatOrderedProcessor(settings.concurrent_updates, flood)
    builder = (
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
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
        .application_class(InstrumentedApplication)
    )
    if not receive_updates:
        builder = builder.updater(None)
    app = cast(TendApp, builder.build())
    deps = app.bot_data.deps = Deps(
        settings=settings,
        clock=clock or SystemClock(),
        limiter=limiter,
        flood=flood,
        updates=processor,
    )
    # This process's metrics: a registry of its own, made here (nothing at import time).
    deps.metrics = Metrics()
    cast(InstrumentedApplication, app).metrics = deps.metrics
    limiter.observer = deps.metrics

    async def refuse(update: Update, verdict: Verdict) -> None:
        await guard.refused(update, verdict, deps)

    processor.refuse = refuse
    if receive_updates:
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
    return app


def _deps(app: Application[Any, Any, Any, Any, Any, Any]) -> Deps:
    deps = cast(BotData, app.bot_data).deps
    if deps is None:
        raise RuntimeError("application built without deps")
    return deps


async def _post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    deps = _deps(app)
    if deps.settings.metrics_port is not None and deps.health_server is None:
        from bot.health import serve  # aiohttp loads only when the port is wanted

        # First: /healthz answers while the migrations run.
        deps.health, deps.health_server = await serve(deps.metrics, deps.clock, deps.settings)
    deps.engine = create_engine(deps.settings.database_url)
    await migrate.upgrade(deps.engine)
    await adopt_legacy(deps.engine)  # rows from before per-person data keys get theirs
    if deps.health is not None:
        deps.health.engine = deps.engine
    deps.sessions = create_sessionmaker(deps.engine)
    deps.bot_username = app.bot.username
    if app.updater is not None:
        await language.publish_menus(app.bot)
    sessions = deps.sessions
    added = BACKFILL_BATCH
    while added == BACKFILL_BATCH:  # people set up before a kind existed get its default
        async with sessions.begin() as session:
            added = await reminder_rules.add_missing_defaults(
                session, deps.clock.now(), BACKFILL_BATCH
            )
    if deps.settings.dispatch:
        summary_for = summaries.WeeklyBuilder(sessions, deps.clock.now, deps.metrics)

        pool = deps.charts = ChartPool()
        pool.start()

        async def draw_chart(spec: ChartSpec) -> bytes:
            if deps.metrics is None:
                return await pool.draw(spec)
            with deps.metrics.rendering("chart"):
                return await pool.draw(spec)

        async def remind(user_id: int, round_id: int) -> bool:
            text, markup = reminder_view(round_id)
            return (
                await tell(app.bot, user_id, text, kind="checkin_reminder", markup=markup)
                is not None
            )

        async def pairing_ended(partner_id: int, silent: bool) -> None:
            await tell(app.bot, partner_id, texts.PARTNER_UNLINKED, kind="unlinked", silent=silent)

        async def erasure_warning(user_id: int, erase_on: datetime, zone: str | None) -> Warned:
            text = texts.erasure_warning(deps.settings.retention_days, erase_on, zone)
            return await warn(app.bot, user_id, text, kind="erasure_warning")

        retention = Retention(
            sessions, deps.clock, deps.settings.retention_days, pairing_ended, erasure_warning
        )
        worker_id = f"{socket.gethostname()[:32]}-{os.getpid()}-{secrets.token_hex(3)}"
        dispatcher = Dispatcher(
            deps.sessions,
            TelegramNotifier(
                app.bot,
                summary_for,
                ChartCache(draw_chart),
                paid_broadcast=deps.settings.paid_broadcast,
            ),
            deps.clock,
            worker_id,
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
            total_rate=deps.settings.send_rate,
            interval=deps.settings.dispatch_interval,
            sweepers=[
                RoundReminders(sessions, deps.clock, remind).run_once,
                retention.run_once,
            ],
        )
        await deps.dispatch.start()
        if deps.health is not None:
            deps.health.dispatch = deps.dispatch
    log.info("bot.ready bot=%s dispatch=%s", app.bot.id, deps.settings.dispatch)


async def _post_stop(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    # The bot's connection is still open here, so a batch in flight can finish and be recorded.
    deps = _deps(app)
    if deps.dispatch is not None:
        await deps.dispatch.stop()
        deps.dispatch = None


async def _post_shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    deps = _deps(app)
    await _post_stop(app)
    if deps.health_server is not None:
        await deps.health_server.stop()
        deps.health_server = deps.health = None
    if deps.charts is not None:
        await deps.charts.stop()
        deps.charts = None
    if deps.engine is not None:
        await deps.engine.dispose()
        deps.engine = None
    log.info("bot.stopped")


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


ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "channel_post"]


def run(settings: Settings, clock: Clock | None = None, *, dispatch_only: bool = False) -> None:
    """Run until SIGINT/SIGTERM: long polling by default, a webhook when TEND_WEBHOOK_URL is set,
    or (dispatch_only) only the scheduled-message dispatcher. StartRefused (before anything
    else) when the keys cannot be used: see prepare_start."""
    prepare_start(settings)
    # What is loaded by now (every module, class and function) lives as long as the process:
    # kept out of the cyclic collector's full passes, which otherwise walked all of it (about
    # 0.1 s of the event loop in one step, a few times during the Sunday peak).
    gc.collect()
    gc.freeze()
    if dispatch_only:
        settings = settings.model_copy(update={"dispatch": True})
        asyncio.run(_run_dispatch_only(build_application(settings, clock, receive_updates=False)))
        return
    app = build_application(settings, clock)
    if settings.webhook_url:
        asyncio.run(_run_webhook(app, settings))
    else:
        app.run_polling(allowed_updates=ALLOWED_UPDATES)


async def _check_keys(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await check_keys(engine)
    finally:
        await engine.dispose()


async def _run_webhook(app: TendApp, settings: Settings) -> None:
    """Serve Telegram's webhook calls (bot.webhook) until SIGINT/SIGTERM."""
    url = settings.webhook_url or ""
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    path = urlparse(url).path.strip("/") or WEBHOOK_PATH
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    await start(app, poll=False)
    server = webhook.make_server(app.bot, app.update_queue, path, secret)
    try:
        server.listen(settings.webhook_port, address=settings.webhook_listen)
        await app.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
        log.info("webhook.listening port=%s", settings.webhook_port)
        await stopping.wait()
    finally:
        server.stop()
        await server.close_all_connections()
        await stop(app)


async def _run_dispatch_only(app: TendApp) -> None:
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    await start(app)
    try:
        await stopping.wait()
    finally:
        await stop(app)
