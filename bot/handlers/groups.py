"""Groups, supergroups and channels: one line saying private chats only; nothing stored."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import MessageHandler, filters

from bot import texts
from bot.context import TendApp, TendContext

log = logging.getLogger(__name__)

NOT_PRIVATE = ~filters.ChatType.PRIVATE


async def refuse_group(update: Update, context: TendContext) -> None:
    """Answer a command outside a private chat with one line."""
    message = update.effective_message
    if message is None:
        return
    try:
        await message.reply_text(str(texts.GROUP_REFUSAL))
    except TelegramError as exc:
        # A channel where the bot may not post, a group that removed it: nothing more to do.
        log.info("groups.refusal_failed chat=%s error=%s", message.chat_id, type(exc).__name__)
    log.info("groups.refused chat=%s type=%s", message.chat_id, message.chat.type)


async def added_to_group(update: Update, context: TendContext) -> None:
    """Someone added the bot to a group: say once where it works, then leave."""
    message = update.effective_message
    if message is None or not any(m.id == context.bot.id for m in message.new_chat_members):
        return
    try:
        await message.reply_text(str(texts.GROUP_REFUSAL))
        await context.bot.leave_chat(message.chat_id)
    except TelegramError as exc:
        log.info("groups.leave_failed chat=%s error=%s", message.chat_id, type(exc).__name__)
    log.info("groups.left chat=%s type=%s", message.chat_id, message.chat.type)


def register(app: TendApp) -> None:
    """Wire before every private flow, so group commands never reach them."""
    app.add_handler(
        MessageHandler(filters.StatusUpdate.NEW_CHAT_MEMBERS & NOT_PRIVATE, added_to_group)
    )
    commands = filters.COMMAND & NOT_PRIVATE
    app.add_handler(
        MessageHandler(
            commands & (filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST),
            refuse_group,
        )
    )
