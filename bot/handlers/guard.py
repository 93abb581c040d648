"""First look at every private update, before any flow or database work: words that read like
danger are answered first; edits and forwarded messages are answered here and go no further.
Floods are judged earlier, by the update processor (`bot/updates.py`), which calls `refused` for
an update it keeps out of line."""

from __future__ import annotations

import logging

from telegram import Update, User
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot import texts
from bot.context import Deps, TendApp, TendContext
from bot.flood import Verdict
from bot.handlers.common import answer, in_private_chat
from bot.handlers.crisis import answer_danger, answer_danger_first, words_of
from content import i18n
from content.i18n import Msg
from core import languages, safety

log = logging.getLogger(__name__)


async def guard(update: Update, context: TendContext) -> None:
    """Refuse edits and forwards; everything else goes on to the flows."""
    sender = update.effective_user
    if sender is None or not in_private_chat(update):
        return
    # Danger words get help before anything else is decided about the message (an edit
    # or a forward is not read as an answer, but its words are still checked).
    await answer_danger_first(update, context)
    reply = None
    if update.edited_message is not None:
        log.info("guard.edited user=%s", sender.id)
        reply = texts.EDITS_NOT_READ
    elif update.message is not None and update.message.forward_origin is not None:
        log.info("guard.forwarded user=%s", sender.id)
        reply = texts.FORWARDS_NOT_READ
    if reply is None:
        return
    # This runs before the visit is read (bot.handlers.activity), so the language is read here.
    with i18n.speaking(await _stored_language(sender, context.deps)):
        await _answer(update, reply, sender.id)
    raise ApplicationHandlerStop


async def refused(update: Update, verdict: Verdict, deps: Deps) -> None:
    """An update flood control keeps out of line: words that read like danger still get the
    crisis reply, once per mute (nothing else of it is read); the first one over the limit gets
    "slow down"."""
    sender = update.effective_user
    if sender is None:
        return
    words = words_of(update)
    if words and safety.looks_unsafe(words) and deps.flood.crisis_reply_due(sender.id):
        await answer_danger(update, deps)
    if verdict is Verdict.WARN:
        log.info("guard.flood user=%s", sender.id)
        # One read by primary key, once per mute: the flood itself is never read.
        with i18n.speaking(await _stored_language(sender, deps)):
            await _answer(update, texts.SLOW_DOWN, sender.id)


async def _stored_language(sender: User, deps: Deps) -> str:
    """The person's language (kept at consent or by /language; Telegram's guess before that):
    from their visit a few seconds ago (bot.visits), else one read of their row."""
    now = deps.clock.now()
    kept = deps.visits.recent(sender.id, now)
    if kept is None:
        kept = (await deps.visit(sender.id)).language
    return kept or languages.pick(sender.language_code)


async def _answer(update: Update, reply: Msg, sender_id: int) -> None:
    message = update.effective_message
    try:
        if update.callback_query is not None:
            await answer(update.callback_query, str(reply))
        elif message is not None:
            await message.reply_text(str(reply))
    except TelegramError as exc:
        log.info("guard.reply_failed user=%s error=%s", sender_id, type(exc).__name__)


def register(app: TendApp) -> None:
    """Runs in group -2, before the activity check and every flow."""
    app.add_handler(TypeHandler(Update, guard), group=-2)
