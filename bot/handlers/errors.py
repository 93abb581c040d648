"""The last line of defence: log ids and the error's type, tell the person kindly."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import NetworkError, TelegramError

from bot import texts
from bot.context import TendApp, TendContext

log = logging.getLogger(__name__)


async def on_error(update: object, context: TendContext) -> None:
    """Never log the update itself: it holds what people wrote."""
    error = context.error
    if update is None and isinstance(error, NetworkError):
        # Polling lost Telegram (the network dropped): PTB retries with a growing pause (up to
        # 30 s) for as long as it takes. One line each time, no traceback.
        log.warning("telegram.unreachable error=%s (polling retries)", type(error).__name__)
        return
    update_id = update.update_id if isinstance(update, Update) else None
    log.error(
        "update.failed update=%s error=%s",
        update_id,
        type(error).__name__,
        exc_info=(type(error), error, error.__traceback__) if error is not None else None,
    )
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private":
        return
    try:
        await context.bot.send_message(update.effective_chat.id, str(texts.SOMETHING_WRONG))
    except TelegramError as exc:
        log.warning("update.failed_reply update=%s error=%s", update_id, type(exc).__name__)


def register(app: TendApp) -> None:
    """Wire the global error handler."""
    app.add_error_handler(on_error)
