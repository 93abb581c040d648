"""/hard: grounding at once (one message that moves along, one tap per step), then optionally a
private note and "let my partner know". Every rule is in core.hard_flow; this module decodes
the press, runs it in one transaction, delivers the outcome and words its keys.
"""

from __future__ import annotations

import logging
from html import escape

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import delivery, texts
from bot import hard_moment as hm
from bot import moment_texts as mt
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers.common import PRIVATE, in_private_chat, query_of, sender_id
from core import actions, hard_flow, people, words
from core.awaiting import Asks
from core.hard_moments import MAX_TEXT
from core.outcome import Note, Outcome, Reply

log = logging.getLogger(__name__)
TOASTS = {
    hard_flow.ALREADY: mt.ANSWER_ALREADY,
    hard_flow.TOLD_ALREADY: mt.TOLD_ALREADY,
    hard_flow.NOTED_ALREADY: mt.NOTED_ALREADY,
}


def _told(told: hard_flow.Told, language: str) -> View:
    said = hm.hard_moments(language).tell
    text = said.sent + ("\n" + said.sent_silently if told.silent else "")
    if told.noted:
        return escape(text), None
    log_button = hm.button(hm.hard_moments(language).after.log_button, "log", told.moment_id)
    return escape(text), InlineKeyboardMarkup([[log_button]])


def _quiet(moment_id: int, language: str) -> View:
    said = hm.hard_moments(language).tell
    row = [
        hm.button(said.send_anyway_button, "any", moment_id),
        hm.button(said.wait_button, "wait"),
    ]
    return escape(said.partner_quiet), InlineKeyboardMarkup([row])


def _notice_answered(moment_id: int, done: str, language: str, role: str | None) -> View:
    text, _ = hm.notice_view(moment_id, language, role)
    return f"{text}\n\n<i>{escape(done)}</i>", None


def view(reply: Reply) -> View:
    """/hard's replies in words (/hard's own in the reader's language)."""
    key, ref, language = reply.say, reply.ref or 0, reply.language
    content = hm.hard_moments(language)
    if key == hard_flow.GROUNDING:
        shown: hard_flow.Grounding = reply.data
        return hm.grounding_view(shown.role, shown.step, shown.paired, language)
    if key == hard_flow.INTENSITY:
        return hm.intensity_view(ref, language, paired=reply.data is not False)
    if key == hard_flow.TRIGGER:
        skip = hm.button(content.log.skip_button, "ts", ref)
        return escape(content.log.trigger_prompt), InlineKeyboardMarkup([[skip]])
    if key == hard_flow.HELPED:
        return hm.helped_view(ref, language)
    if key == hard_flow.SAVED:
        return hm.saved_view(ref, reply.data, language)
    if key == hard_flow.TOLD:
        return _told(reply.data, language)
    if key == hard_flow.PARTNER_QUIET:
        return _quiet(ref, language)
    if key == hard_flow.HELD_HOUR:
        offer = InlineKeyboardMarkup([[hm.button(content.after.log_button, "log", 0)]])
        return escape(content.tell.held_within_hour), offer if reply.data else None
    if key in (hard_flow.ANSWERED, hard_flow.ANSWER_FAILED, hard_flow.ANSWER_TOO_LATE):
        done = {
            hard_flow.ANSWERED: content.tell.answer_sent,
            hard_flow.ANSWER_FAILED: str(mt.ANSWER_FAILED),
            hard_flow.ANSWER_TOO_LATE: str(mt.ANSWER_TOO_LATE),
        }[key]
        return _notice_answered(ref, done, language, reply.data)
    return escape(
        str(
            {
                hard_flow.OKAY: mt.OKAY_FOR_NOW,
                hard_flow.NOT_NOW: mt.NOT_NOW,
                hard_flow.NEEDS_START: mt.NEEDS_START,
                hard_flow.GONE: mt.MOMENT_GONE,
                hard_flow.TELL_FAILED: mt.TELL_FAILED,
                hard_flow.UNPAIRED: content.tell.unpaired,
                hard_flow.TOO_LONG_AGO: mt.TOO_LONG_AGO,
            }[key]
        )
    ), None


def note_view(note: Note, name: str) -> View:
    """The partner's notice (naming nothing the person wrote), and their answer coming back,
    each in its reader's language."""
    if note.say == hard_flow.NOTICE:
        return hm.notice_view(note.ref or 0, note.language, note.data)
    return escape(hm.hard_moments(note.language).preset(note.data).text), None


async def untold(update: Update, context: TendContext, note: Note) -> None:
    """The notice did not reach the partner: it does not count against the hourly limit (its
    own small transaction, only when Telegram refused the notice)."""
    if note.say != hard_flow.NOTICE or note.ref is None:
        return
    async with context.deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is not None:
            await hard_flow.untold(session, user, note.ref)


async def hard_command(update: Update, context: TendContext) -> None:
    """Grounding at once, for anyone, any hour (quiet hours and pauses are about what tend
    sends by itself; this is an answer)."""
    log.info("hard.start user=%s", sender_id(update))
    async with context.deps.reading() as session:
        user = await people.get(session, sender_id(update))
        outcome = await hard_flow.grounding(session, user, 0)
    await delivery.deliver(update, context, outcome)


async def on_button(update: Update, context: TendContext) -> None:
    """Every `hd:` button; ids are checked against the presser in core.hard_flow."""
    query = query_of(update)
    pressed = actions.decode(query.data, "hd")
    if not in_private_chat(update) or pressed is None:
        await delivery.deliver(update, context, Outcome(toast=str(texts.STALE_BUTTON)))
        return
    deps = context.deps
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        old = query.message is not None and not query.message.is_accessible
        outcome = await hard_flow.press(session, user, pressed, deps.clock.now(), days_old=old)
    await delivery.deliver(update, context, outcome)


def register(app: TendApp) -> None:
    """Wire /hard and its buttons; the words of a noted moment come through core.words."""
    words.register(Asks.HARD_TRIGGER, MAX_TEXT, hard_flow.take_trigger)
    words.register(Asks.HARD_HELPED, MAX_TEXT, hard_flow.take_helped)
    delivery.views("hard", view, note_view, toasts=TOASTS)
    delivery.when_unsent("hard", untold)
    app.add_handler(CommandHandler("hard", hard_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^hd:"))
