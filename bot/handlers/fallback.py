"""What is left over: plain text (answering a pending question), unknown commands, other media.

Every typed message goes through the one pipeline (core.words.take, one transaction); the flow
whose question is open takes it there. This module words the pipeline's own replies.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot import boundary_texts as bt
from bot import checkin_texts as ct
from bot import delivery, texts
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers import hard, share
from bot.handlers.common import PRIVATE, answer, message_of, query_of, sender_id
from bot.handlers.onboarding import apply_timezone
from bot.handlers.unprompted import choices
from core import awaiting, checkins, people, words
from core.awaiting import Asks
from core.outcome import Reply


def view(reply: Reply) -> View:
    """The pipeline's own replies in words."""
    if reply.say == words.UNPROMPTED:
        assert reply.ref is not None
        question = texts.QUESTION_EXPIRED[reply.data] if reply.data else texts.UNPROMPTED
        return question, choices(reply.ref)
    if reply.say == words.TOO_LONG:
        too_long = bt.TOO_LONG if reply.data == "boundary" else ct.TOO_LONG
        return too_long.format(limit=reply.ref), None
    if reply.say == words.EXPIRED:
        return texts.QUESTION_EXPIRED[reply.data], None
    return {
        words.NEEDS_CONSENT: texts.NEEDS_CONSENT,
        words.NOT_SAVED: ct.NOT_SAVED,
        words.WAITS_FOR_A_TAP: texts.CHECKIN_WAITS_FOR_A_TAP,
    }[reply.say], None


async def on_text(update: Update, context: TendContext) -> None:
    """Plain text: whatever question is open takes it (a question asked hours ago no longer
    does); with none open, a warm choice. Words that read like danger had the crisis reply
    first, in the guard."""
    deps = context.deps
    text = message_of(update).text or ""
    outcome = await words.take(
        deps.transaction, sender_id(update), text, deps.clock.now(), checkins.started_unfinished
    )
    if outcome.say == words.HANDOFF:  # a question whose handler takes the words itself
        asked = outcome.replies[0].data
        if asked.what is Asks.HARD:
            await hard.on_text(update, context)
        elif asked.what is Asks.SHARE:
            await share.on_text(update, context)
        else:  # the time zone question of setting up
            await apply_timezone(update, context, text)
        return
    await delivery.deliver(update, context, outcome)


async def on_unknown_command(update: Update, context: TendContext) -> None:
    """A command nobody registered."""
    await message_of(update).reply_text(texts.UNKNOWN_COMMAND)


async def on_other_message(update: Update, context: TendContext) -> None:
    """Stickers, photos, voice and the like: not read, not stored; an open question stays
    open, and the reply says so."""
    async with context.deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        asked = user is not None and awaiting.waiting(user, context.deps.clock.now())
    await message_of(update).reply_text(texts.NOT_TEXT_ASKED if asked else texts.NOT_TEXT)


async def on_unknown_button(update: Update, context: TendContext) -> None:
    """Callback data no flow claims (old, or made up)."""
    await answer(query_of(update), texts.STALE_BUTTON)


def register(app: TendApp) -> None:
    """Wire the catch-alls; they go last so every flow sees its updates first."""
    delivery.views("words", view)
    app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, on_unknown_command))
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & filters.UpdateType.MESSAGE, on_text))
    app.add_handler(MessageHandler(PRIVATE & filters.UpdateType.MESSAGE, on_other_message))
    app.add_handler(CallbackQueryHandler(on_unknown_button))
