"""What is left over: plain text (answering a pending question), unknown commands, other media.

Every typed message goes through the one pipeline (core.words.take, one transaction); the flow
whose question is open takes it there. This module words the pipeline's own replies.
"""

from __future__ import annotations

import logging
from typing import Final

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot import boundary_texts as bt
from bot import checkin_texts as ct
from bot import delivery, texts
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers.common import PRIVATE, answer, message_of, query_of, sender_id
from bot.handlers.unprompted import choices
from core import checkins, words
from core.outcome import Reply

log = logging.getLogger(__name__)

# On words that joined the offer just above them (core.held.join): "noted", from Telegram's
# short list of reactions a bot may set.
HELD_REACTION: Final = "✍"


def view(reply: Reply) -> View:
    """The pipeline's own replies in words."""
    if reply.say == words.UNPROMPTED:
        assert reply.ref is not None
        question = texts.QUESTION_EXPIRED[reply.data] if reply.data else texts.UNPROMPTED
        return str(question), choices(reply.ref)
    if reply.say == words.TOO_LONG:
        too_long = bt.TOO_LONG if reply.data == "boundary" else ct.TOO_LONG
        return too_long.format(limit=reply.ref), None
    if reply.say == words.EXPIRED:
        return str(texts.QUESTION_EXPIRED[reply.data]), None
    if reply.say == words.NOT_TEXT:
        return str(texts.NOT_TEXT_WAITING.get(reply.data, texts.NOT_TEXT)), None
    said = {
        words.NEEDS_CONSENT: texts.NEEDS_CONSENT,
        words.NOT_SAVED: ct.NOT_SAVED,
        words.WAITS_FOR_A_TAP: texts.CHECKIN_WAITS_FOR_A_TAP,
    }[reply.say]
    return str(said), None


async def on_text(update: Update, context: TendContext) -> None:
    """Plain text: whatever question is open takes it (a question asked hours ago no longer
    does); with none open, a warm choice. Words that read like danger had the crisis reply
    first, in the guard."""
    deps = context.deps
    text = message_of(update).text or ""
    outcome = await words.take(
        deps.transaction, sender_id(update), text, deps.clock.now(), checkins.started_unfinished
    )
    if outcome.say == words.JOINED:  # its offer is just above: a quiet sign it was read
        await acknowledge(update)
        return
    await delivery.deliver(update, context, outcome)


async def acknowledge(update: Update) -> None:
    """React to the person's message with HELD_REACTION (no new message, no sound); a refusal
    is logged by id and let be: the words are held either way."""
    message = message_of(update)
    try:
        await message.set_reaction(HELD_REACTION)
    except TelegramError as exc:
        log.info("unprompted.reaction_failed chat=%s error=%s", message.chat_id, type(exc).__name__)


async def on_unknown_command(update: Update, context: TendContext) -> None:
    """A command nobody registered."""
    await message_of(update).reply_text(str(texts.UNKNOWN_COMMAND))


async def on_other_message(update: Update, context: TendContext) -> None:
    """Stickers, photos, voice and the like: not read, not stored (the reply names what an
    open question waits for)."""
    deps = context.deps
    outcome = await words.not_text(deps.transaction, sender_id(update), deps.clock.now())
    await delivery.deliver(update, context, outcome)


async def on_unknown_button(update: Update, context: TendContext) -> None:
    """Callback data no flow claims (old, or made up)."""
    await answer(query_of(update), str(texts.STALE_BUTTON))


def register(app: TendApp) -> None:
    """Wire the catch-alls; they go last so every flow sees its updates first."""
    delivery.views("words", view)
    app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, on_unknown_command))
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & filters.UpdateType.MESSAGE, on_text))
    app.add_handler(MessageHandler(PRIVATE & filters.UpdateType.MESSAGE, on_other_message))
    app.add_handler(CallbackQueryHandler(on_unknown_button))
