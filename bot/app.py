"""All wiring in one place: build the application, open resources in post_init, close them after."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, cast
from urllib.parse import urlparse

from telegram import BotCommand, BotCommandScopeAllPrivateChats, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ContextTypes, Defaults

from bot import texts
from bot.context import BotData, Deps, TendApp, TendContext
from bot.handlers import errors, fallback, groups, info, onboarding, pairing, rights
from bot.settings import Settings
from core.clock import Clock, SystemClock
from db import migrate
from db.keys import load_or_create_key_file
from db.session import create_engine, create_sessionmaker
from db.types import install_keyring

log = logging.getLogger(__name__)

WEBHOOK_PATH = "telegram"


def prepare_keys(settings: Settings) -> None:
    """Install the encryption keys: from TEND_ENCRYPTION_KEY, or the SQLite key file."""
    keys = settings.encryption_keys() or load_or_create_key_file(settings.database_url)
    install_keyring(keys)


def build_application(settings: Settings, clock: Clock | None = None) -> TendApp:
    """Build the bot: Telegram endpoints, defaults, handlers, lifecycle hooks."""
    api = settings.telegram_api_url
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
        # Retries after a 429 once the pause Telegram asked for has passed.
        .rate_limiter(AIORateLimiter(max_retries=3))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    app = cast(TendApp, builder.build())
    app.bot_data.deps = Deps(settings=settings, clock=clock or SystemClock())
    # Order matters: groups first (they never reach private flows), catch-alls last.
    for flow in (groups, onboarding, pairing, info, rights, fallback, errors):
        flow.register(app)
    return app


def _deps(app: Application[Any, Any, Any, Any, Any, Any]) -> Deps:
    deps = cast(BotData, app.bot_data).deps
    if deps is None:
        raise RuntimeError("application built without deps")
    return deps


async def _post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    deps = _deps(app)
    deps.engine = create_engine(deps.settings.database_url)
    await migrate.upgrade(deps.engine)
    deps.sessions = create_sessionmaker(deps.engine)
    deps.bot_username = app.bot.username
    await app.bot.set_my_commands(
        [BotCommand(name, description) for name, description in texts.COMMAND_MENU],
        scope=BotCommandScopeAllPrivateChats(),
    )
    log.info("bot.ready bot=%s", app.bot.id)


async def _post_shutdown(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    deps = _deps(app)
    if deps.engine is not None:
        await deps.engine.dispose()
        deps.engine = None
    log.info("bot.stopped")


async def start(app: TendApp, poll_timeout: float = 10.0) -> None:
    """Start like run_polling does, for callers that own the event loop (tests, the demo)."""
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    if app.updater is None:
        raise RuntimeError("application without an updater")
    await app.updater.start_polling(timeout=timedelta(seconds=poll_timeout))
    await app.start()


async def stop(app: TendApp) -> None:
    """Stop what `start` started: let in-flight updates finish, then release resources."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)


def run(settings: Settings, clock: Clock | None = None) -> None:
    """Run until SIGINT/SIGTERM: long polling by default, a webhook when TEND_WEBHOOK_URL is set."""
    prepare_keys(settings)
    app = build_application(settings, clock)
    if settings.webhook_url:
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        path = urlparse(settings.webhook_url).path.strip("/") or WEBHOOK_PATH
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=path,
            webhook_url=settings.webhook_url,
            secret_token=secret,
            allowed_updates=["message", "edited_message", "callback_query", "channel_post"],
        )
    else:
        app.run_polling(
            allowed_updates=["message", "edited_message", "callback_query", "channel_post"]
        )
