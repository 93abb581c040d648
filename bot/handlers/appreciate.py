"""Appreciations after a reveal, relayed with the sender's first name; /safety at any time."""

from __future__ import annotations

import logging
from html import escape

from sqlalchemy.exc import SQLAlchemyError
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import checkin_texts as ct
from bot import texts
from bot.context import TendApp, TendContext
from bot.handlers.common import (
    PRIVATE,
    answer,
    callback_parts,
    first_name,
    in_private_chat,
    message_of,
    query_of,
    sender_id,
    tidy_up,
)
from bot.notify import tell, veil
from bot.safety_texts import safety_resources
from core import appreciations, pairing, people, safety
from core.policy import quiet_now

log = logging.getLogger(__name__)

AWAITING_PREFIX = "ap:"


def awaits_note(awaiting: str | None) -> bool:
    """Whether the person's next message is an appreciation."""
    return awaiting is not None and awaiting.startswith(AWAITING_PREFIX)


async def on_button(update: Update, context: TendContext) -> None:
    """`ap:start:<round>` asks for the words; `ap:send:<note>` relays one held back."""
    query = query_of(update)
    parts = callback_parts(query, "ap")
    if not in_private_chat(update) or len(parts) != 2 or not parts[1].isdecimal():
        await answer(query, texts.STALE_BUTTON)
        return
    action, number = parts[0], int(parts[1])
    deps = context.deps
    now = deps.clock.now()
    relay: tuple[int, str, bool] | None = None
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            await answer(query, texts.STALE_BUTTON)
            return
        if action == "start":
            round_ = await appreciations.may_send(session, user, number)
            if round_ is None:
                reply = ct.APPRECIATE_NOT_NOW
            elif await appreciations.sent(session, number, user.id):
                reply = ct.APPRECIATE_ONCE
            else:
                people.await_text(user, f"{AWAITING_PREFIX}{number}", now)
                reply = ct.APPRECIATE_ASK
        elif action == "send":
            note = await appreciations.held(session, number, user)
            partner = await pairing.partner_of(session, user)
            if note is None or partner is None or partner.id != note.to_user_id:
                reply = texts.STALE_BUTTON
            else:
                words = veil(escape(note.text), partner.discreet)
                text = ct.APPRECIATION_RELAY.format(name=first_name(update), text=words)
                relay = (partner.id, text, quiet_now(partner, now))
                note.relayed_at = now
                reply = ct.APPRECIATE_SENT
        else:
            reply = texts.STALE_BUTTON
    await answer(query)
    if relay is not None:
        sent = await tell(context.bot, relay[0], relay[1], kind="appreciation", silent=relay[2])
        if sent is None:
            reply = ct.APPRECIATE_FAILED
    await message_of(update).reply_text(reply)


async def on_note_text(update: Update, context: TendContext) -> None:
    """The appreciation itself: stored, then relayed (held back if it reads like danger)."""
    deps, message = context.deps, message_of(update)
    text = (message.text or "").strip()
    if len(text) > appreciations.MAX_TEXT:
        await message.reply_text(ct.TOO_LONG.format(limit=appreciations.MAX_TEXT))
        return
    now = deps.clock.now()
    unsafe = safety.looks_unsafe(text)
    relay: tuple[int, str, bool] | None = None
    note_id = None
    try:
        async with deps.transaction() as session:
            user = await people.get(session, sender_id(update))
            if user is None:
                return
            tail = (user.awaiting or "").removeprefix(AWAITING_PREFIX)
            user.awaiting = None
            tidy = False
            round_ = (
                await appreciations.may_send(session, user, int(tail)) if tail.isdecimal() else None
            )
            partner = await pairing.partner_of(session, user)
            if round_ is None or partner is None:
                reply = ct.APPRECIATE_NOT_NOW
            else:
                note = await appreciations.record(session, round_.id, user, partner, text, now)
                tidy = note is not None and user.tidy_chat
                if note is None:
                    reply = ct.APPRECIATE_ONCE
                elif unsafe:
                    note_id, reply = note.id, ct.APPRECIATE_HELD
                else:
                    note.relayed_at = now
                    words = veil(escape(text), partner.discreet)
                    body = ct.APPRECIATION_RELAY.format(name=first_name(update), text=words)
                    relay = (partner.id, body, quiet_now(partner, now))
                    reply = ct.APPRECIATE_SENT
    except SQLAlchemyError:
        log.exception("appreciation.save_failed user=%s", sender_id(update))
        await message.reply_text(ct.NOT_SAVED)
        return
    markup = None
    if note_id is not None:
        button = InlineKeyboardButton(ct.BUTTON_SEND_ANYWAY, callback_data=f"ap:send:{note_id}")
        markup = InlineKeyboardMarkup([[button]])
    if relay is not None:
        sent = await tell(context.bot, relay[0], relay[1], kind="appreciation", silent=relay[2])
        if sent is None:
            reply = ct.APPRECIATE_FAILED
        log.info("appreciation.relayed user=%s delivered=%s", sender_id(update), sent is not None)
    await message.reply_text(reply, reply_markup=markup)
    await tidy_up(update, tidy)


async def safety_command(update: Update, context: TendContext) -> None:
    """Crisis and support resources, any time. Stores nothing, tells nobody."""
    zone = None
    async with context.deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        zone = user.timezone if user is not None else None
    await message_of(update).reply_text(safety_resources(zone))


async def on_safety_button(update: Update, context: TendContext) -> None:
    """The "Support and safety" button under /help."""
    query = query_of(update)
    await answer(query)
    async with context.deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        zone = user.timezone if user is not None else None
    await message_of(update).reply_text(safety_resources(zone))


def register(app: TendApp) -> None:
    """Wire appreciation buttons and /safety."""
    app.add_handler(CommandHandler("safety", safety_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^ap:"))
    app.add_handler(CallbackQueryHandler(on_safety_button, pattern=r"^safety:show$"))
