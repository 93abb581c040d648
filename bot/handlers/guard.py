"""First look at every private update, before any flow or database work: floods, edits and
forwarded messages are answered here and go no further."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot import texts
from bot.context import TendApp, TendContext
from bot.flood import Verdict
from bot.handlers.common import answer, in_private_chat
from bot.handlers.crisis import answer_danger_first

log = logging.getLogger(__name__)


async def guard(update: Update, context: TendContext) -> None:
    """Drop a flood, refuse edits and forwards; everything else goes on to the flows."""
    sender = update.effective_user
    if sender is None or not in_private_chat(update):
        return
    verdict = context.deps.flood.admit(sender.id)
    if verdict is Verdict.DROP:
        raise ApplicationHandlerStop
    reply = None
    if verdict is Verdict.WARN:
        log.info("guard.flood user=%s", sender.id)
        reply = texts.SLOW_DOWN
    else:
        # Danger words get help before anything else is decided about the message (an edit
        # or a forward is not read as an answer, but its words are still checked).
        await answer_danger_first(update, context)
        if update.edited_message is not None:
            log.info("guard.edited user=%s", sender.id)
            reply = texts.EDITS_NOT_READ
        elif update.message is not None and update.message.forward_origin is not None:
            log.info("guard.forwarded user=%s", sender.id)
            reply = texts.FORWARDS_NOT_READ
    if reply is None:
        return
    message = update.effective_message
    try:
        if update.callback_query is not None:
            await answer(update.callback_query, reply)
        elif message is not None:
            await message.reply_text(reply)
    except TelegramError as exc:
        log.info("guard.reply_failed user=%s error=%s", sender.id, type(exc).__name__)
    raise ApplicationHandlerStop


def register(app: TendApp) -> None:
    """Runs in group -2, before the activity check and every flow."""
    app.add_handler(TypeHandler(Update, guard), group=-2)
