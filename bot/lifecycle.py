"""The application's lifecycle hooks: post_init opens what the bot needs (health server,
database, migrations, menus, the dispatcher when asked for), post_stop stops the dispatcher
while the bot's connection is still open, post_shutdown releases the rest."""

from __future__ import annotations

import logging
from typing import Any, cast

from telegram.ext import Application

from bot.context import BotData, Deps
from bot.dispatching import start_dispatch
from bot.handlers import language
from core import reminders as reminder_rules
from db import migrate
from db.rotate import adopt_legacy
from db.session import create_engine, create_sessionmaker

log = logging.getLogger(__name__)

BACKFILL_BATCH = 1000


def _deps(app: Application[Any, Any, Any, Any, Any, Any]) -> Deps:
    deps = cast(BotData, app.bot_data).deps
    if deps is None:
        raise RuntimeError("application built without deps")
    return deps


async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Open the resources in order: /healthz first (it answers while the migrations run), the
    database and its migrations, the menus, the default-reminder backfill, then dispatch."""
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
        deps.health.update_process = deps.shard
    deps.sessions = create_sessionmaker(deps.engine)
    deps.bot_username = app.bot.username
    if app.updater is not None:
        await language.publish_menus(app.bot)
    if deps.shard == 0:
        await _backfill(deps)
    if deps.settings.dispatch:
        await start_dispatch(app, deps)
    if deps.updates is not None and deps.updates.shards is not None:
        await deps.updates.shards.start()  # after the migrations: shards only check them
        if deps.health is not None:
            deps.health.shards = deps.updates.shards
    log.info(
        "bot.ready bot=%s dispatch=%s shard=%s", app.bot.id, deps.settings.dispatch, deps.shard
    )


async def _backfill(deps: Deps) -> None:
    sessions = deps.sessions
    assert sessions is not None
    added = BACKFILL_BATCH
    while added == BACKFILL_BATCH:  # people set up before a kind existed get its default
        async with sessions.begin() as session:
            added = await reminder_rules.add_missing_defaults(
                session, deps.clock.now(), BACKFILL_BATCH
            )


async def post_stop(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Stop the dispatcher (a batch in flight finishes and is recorded) and the other update
    processes (each finishes the updates it was given)."""
    # The bot's connection is still open here, so a batch in flight can finish and be recorded.
    deps = _deps(app)
    if deps.dispatch is not None:
        await deps.dispatch.stop()
        deps.dispatch = None
    if deps.updates is not None and deps.updates.shards is not None:
        await deps.updates.shards.stop()  # no update arrives any more: they finish theirs


async def post_shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Release everything post_init opened: dispatcher, health server, chart pool, engine."""
    deps = _deps(app)
    await post_stop(app)
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
