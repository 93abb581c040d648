"""/summary: the week so far, with the 8-week chart."""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import CommandHandler

from bot import summaries
from bot.context import TendApp, TendContext
from bot.handlers.common import PRIVATE, message_of, set_up_person
from content import i18n

log = logging.getLogger(__name__)


async def summary_command(update: Update, context: TendContext) -> None:
    """Send the person's summary now (the weekly one comes by itself)."""
    deps, message = context.deps, message_of(update)
    async with deps.transaction() as session:
        user = await set_up_person(session, update)
        if user is None:
            return
        summary = await summaries.build(session, user.id, deps.clock.now())
    assert summary is not None
    await message.reply_chat_action(ChatAction.UPLOAD_PHOTO)
    started = time.perf_counter()
    with i18n.speaking(user.language):  # the bot's own sentences in the reader's language
        view = await summaries.render(summary, context.deps.metrics)
    log.info("summary.rendered user=%s ms=%.0f", user.id, (time.perf_counter() - started) * 1000)
    await message.reply_text(view.text)
    await message.reply_photo(view.chart, caption=view.caption, filename="summary.png")


def register(app: TendApp) -> None:
    """Wire /summary."""
    app.add_handler(CommandHandler("summary", summary_command, filters=PRIVATE))
