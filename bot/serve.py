"""Running the bot until SIGINT/SIGTERM: long polling, a webhook, or the dispatcher alone."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from urllib.parse import urlparse

from bot import webhook
from bot.app import build_application, prepare_start, start, stop
from bot.context import TendApp
from bot.settings import Settings
from core.clock import Clock

log = logging.getLogger(__name__)

WEBHOOK_PATH = "telegram"
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
