"""What is left over: plain text (answering a pending question), unknown commands, other media."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot import texts
from bot.context import TendApp, TendContext
from bot.handlers import appreciate, boundaries, checkin, journal, unprompted
from bot.handlers import path as path_flow
from bot.handlers.common import PRIVATE, answer, message_of, query_of, sender_id
from bot.handlers.onboarding import apply_timezone
from core import checkins, people, safety

log = logging.getLogger(__name__)


def _asked_for(awaiting: str) -> str:
    """Which flow an open question belongs to (for the reply when it has expired)."""
    if checkin.awaits_answer(awaiting):
        return "checkin"
    if journal.awaits_entry(awaiting):
        return "journal"
    if appreciate.awaits_note(awaiting):
        return "appreciation"
    if path_flow.awaits_answer(awaiting):
        return "path"
    return "boundary"


async def on_text(update: Update, context: TendContext) -> None:
    """Route plain text to whatever question is open for this person.

    A question asked hours ago no longer takes the message (it was likely meant for something
    else, and some answers reach the partner); words that read like danger always get the crisis
    resources, whether or not a question is open."""
    message = message_of(update)
    now = context.deps.clock.now()
    expired: str | None = None
    async with context.deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        awaiting = user.awaiting if user is not None else None
        stale = people.message_arrived(user, now) if user is not None else None
        if stale is not None:
            expired, awaiting = _asked_for(stale), None
        # Typing while a check-in waits for a tap: point to the buttons rather than shrug.
        mid_checkin = (
            user is not None
            and awaiting is None
            and expired is None
            and await checkins.started_unfinished(session, user, now)
        )
    unsafe = safety.looks_unsafe(message.text or "")
    # Words that read like danger were answered before any flow (bot.handlers.crisis).
    if user is None:
        await message.reply_text(texts.NEEDS_CONSENT)
    elif expired is not None:
        log.info("text.question_expired user=%s flow=%s", user.id, expired)
        if expired == "journal":  # clearly meant for it: one tap keeps it
            await unprompted.offer(update, context, texts.QUESTION_EXPIRED[expired])
        else:
            await message.reply_text(texts.QUESTION_EXPIRED[expired])
    elif awaiting == people.Awaiting.TIMEZONE:
        await apply_timezone(update, context, message.text or "")
    elif checkin.awaits_answer(awaiting):
        await checkin.on_answer_text(update, context)
    elif journal.awaits_entry(awaiting):
        await journal.save_entry(update, context, (message.text or "").strip())
    elif appreciate.awaits_note(awaiting):
        await appreciate.on_note_text(update, context)
    elif path_flow.awaits_answer(awaiting):
        await path_flow.on_answer_text(update, context)
    elif boundaries.awaits_input(awaiting):
        await boundaries.on_text(update, context)
    elif mid_checkin and not unsafe:
        await message.reply_text(texts.CHECKIN_WAITS_FOR_A_TAP)
    else:
        # Nothing was asked: a warm choice (danger words had the crisis reply first, in the guard).
        await unprompted.offer(update, context)


async def on_unknown_command(update: Update, context: TendContext) -> None:
    """A command nobody registered."""
    await message_of(update).reply_text(texts.UNKNOWN_COMMAND)


async def on_other_message(update: Update, context: TendContext) -> None:
    """Stickers, photos, voice and the like: not read, not stored."""
    await message_of(update).reply_text(texts.NOT_TEXT)


async def on_unknown_button(update: Update, context: TendContext) -> None:
    """Callback data no flow claims (old, or made up)."""
    await answer(query_of(update), texts.STALE_BUTTON)


def register(app: TendApp) -> None:
    """Wire the catch-alls; they go last so every flow sees its updates first."""
    app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, on_unknown_command))
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & filters.UpdateType.MESSAGE, on_text))
    app.add_handler(MessageHandler(PRIVATE & filters.UpdateType.MESSAGE, on_other_message))
    app.add_handler(CallbackQueryHandler(on_unknown_button))
