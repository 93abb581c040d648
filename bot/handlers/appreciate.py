"""Appreciations after a reveal, relayed with the sender's first name; /safety at any time."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import checkin_texts as ct
from bot import delivery, texts
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers.common import PRIVATE, answer, in_private_chat, message_of, query_of, sender_id
from bot.handlers.crisis import safety_text
from bot.notify import where_help_is
from core import actions, appreciations, people, words
from core.awaiting import Asks
from core.outcome import Note, Outcome, Reply

log = logging.getLogger(__name__)


def view(reply: Reply) -> View:
    """The appreciation's replies in words."""
    if reply.say == appreciations.HELD:
        button = InlineKeyboardButton(
            str(ct.BUTTON_SEND_ANYWAY), callback_data=actions.encode("ap", "send", reply.ref or 0)
        )
        return str(ct.APPRECIATE_HELD), InlineKeyboardMarkup([[button]])
    said = {
        appreciations.NOT_NOW: ct.APPRECIATE_NOT_NOW,
        appreciations.ONCE: ct.APPRECIATE_ONCE,
        appreciations.ASK: ct.APPRECIATE_ASK,
        appreciations.SENT: ct.APPRECIATE_SENT,
        appreciations.FAILED: ct.APPRECIATE_FAILED,
        appreciations.UNKNOWN: texts.STALE_BUTTON,
    }[reply.say]
    return str(said), None


def note_view(note: Note, name: str) -> View:
    """The appreciation as the partner reads it: by the sender's first name."""
    text = ct.APPRECIATION_RELAY.format(name=name, text=delivery.quoted(note))
    return text + where_help_is(note.words), None  # sent anyway: where help is


async def on_button(update: Update, context: TendContext) -> None:
    """`ap:start:<round>` asks for the words; `ap:send:<note>` relays one held back."""
    query = query_of(update)
    press = actions.decode(query.data, "ap")
    if not in_private_chat(update) or press is None:
        await answer(query, str(texts.STALE_BUTTON))
        return
    deps = context.deps
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            outcome = Outcome(toast=str(texts.STALE_BUTTON))
        elif press.verb == "start":
            outcome = await appreciations.start(session, user, press.number(), deps.clock.now())
        else:
            outcome = await appreciations.send_anyway(
                session, user, press.number(), deps.clock.now()
            )
    await delivery.deliver(update, context, outcome, below=True)


async def safety_command(update: Update, context: TendContext) -> None:
    """Crisis and support resources, any time. Stores nothing, tells nobody."""
    await message_of(update).reply_text(await safety_text(update, context.deps))


async def on_safety_button(update: Update, context: TendContext) -> None:
    """The "Support and safety" button under /help."""
    query = query_of(update)
    await answer(query)
    await message_of(update).reply_text(await safety_text(update, context.deps))


def register(app: TendApp) -> None:
    """Wire appreciation buttons and /safety; typed appreciations come through core.words."""
    words.register(Asks.APPRECIATION, appreciations.MAX_TEXT, appreciations.take_note)
    delivery.views("appreciation", view, note_view)
    app.add_handler(CommandHandler("safety", safety_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^ap:"))
    app.add_handler(CallbackQueryHandler(on_safety_button, pattern=r"^safety:show$"))
