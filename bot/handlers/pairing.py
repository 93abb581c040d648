"""Invites and pairing: decode, one use case (core.pairing_flow), deliver. Unlinking is in
bot.handlers.rights."""

from __future__ import annotations

import logging
from dataclasses import replace
from html import escape

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import delivery, texts
from bot import pairing_texts as pt
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers.common import PRIVATE, answer, in_private_chat, query_of, sender_id
from core import actions, notices, pairing_flow, people, timezones
from core.outcome import Note, Outcome, Reply, say

log = logging.getLogger(__name__)

_SAID = {
    pairing_flow.JOIN_DECLINED: pt.JOIN_DECLINED,
    pairing_flow.JOIN_ASKED_SHORT: pt.JOIN_ASKED_SHORT,
    pairing_flow.REQUEST_CLOSED: pt.REQUEST_CLOSED,
    pairing_flow.CONFIRMED: pt.CONFIRMED,
    pairing_flow.PAIRED: texts.PAIRED_INVITER,
    pairing_flow.TURNED_AWAY: pt.TURNED_AWAY,
    pairing_flow.ALREADY_PAIRED: texts.INVITE_ALREADY_PAIRED,
    pairing_flow.NOT_PAIRED: texts.UNLINK_NOT_PAIRED,
    pairing_flow.NEEDS_CONSENT: texts.NEEDS_CONSENT,
}


def view(reply: Reply) -> View:
    """Pairing's replies in words (a name in `data` was read from Telegram by `named`)."""
    if reply.say == pairing_flow.OFFER:
        name, code = reply.data
        return pt.JOIN_ASK.format(name=name), pt.join_buttons(code)
    if reply.say == pairing_flow.JOIN_ASKED:
        return pt.JOIN_ASKED.format(name=reply.data), None
    if reply.say == pairing_flow.REFUSED:
        return str(texts.REDEEM_REFUSALS[reply.data]), None
    if reply.say == pairing_flow.INVITE:
        link, expires_at, zone = reply.data
        local = expires_at.astimezone(timezones.zone(zone or "UTC"))
        expires = texts.datetime_text(local) + ("" if zone else " UTC")
        return texts.INVITE_LINK.format(link=link, expires=expires), None
    return str(_SAID[reply.say]), None


def notice_view(note: Note, name: str) -> View:
    """The notices one person's pairing step causes for the other (`name`: the sender's)."""
    if note.say == notices.JOIN_REQUEST:
        assert note.ref is not None
        return pt.JOIN_REQUEST.format(name=name), pt.request_buttons(note.ref)
    said = {notices.PAIRED: texts.PAIRED_INVITEE, notices.PAIRING_ENDED: texts.PARTNER_UNLINKED}
    return str(said[note.say]), None


async def name_of(context: TendContext, user_id: int) -> str:
    """A person's first name as Telegram knows it right now (escaped; never stored)."""
    try:
        chat = await context.bot.get_chat(user_id)
    except TelegramError as exc:
        log.info("pairing.name_unavailable user=%s error=%s", user_id, type(exc).__name__)
        return str(pt.SOMEONE)
    return escape(chat.first_name[:64]) if chat.first_name else str(pt.SOMEONE)


async def named(context: TendContext, outcome: Outcome) -> Outcome:
    """The outcome with the inviter's name (read from Telegram now) in replies that show it."""
    replies = []
    for reply in outcome.replies:
        if reply.say in pairing_flow.NAMED and reply.ref is not None:
            name = await name_of(context, reply.ref)
            shown = (name, reply.data) if reply.say == pairing_flow.OFFER else name
            reply = replace(reply, data=shown)
        replies.append(reply)
    return replace(outcome, replies=tuple(replies))


async def _deliver(update: Update, context: TendContext, outcome: Outcome) -> None:
    await delivery.deliver(update, context, await named(context, outcome))


async def on_join(update: Update, context: TendContext) -> None:
    """The opener says the inviter is their partner: ask the inviter to confirm who it is."""
    query, deps = query_of(update), context.deps
    pressed = actions.decode(query.data, "join")
    if not in_private_chat(update) or pressed is None:
        await answer(query, str(texts.STALE_BUTTON))
        return
    if pressed.verb == "no":
        outcome = say(pairing_flow.JOIN_DECLINED)
    else:
        async with deps.transaction() as session:
            outcome = await pairing_flow.join(
                session, sender_id(update), pressed.word(0), deps.clock.now()
            )
    await _deliver(update, context, outcome)


async def on_request(update: Update, context: TendContext) -> None:
    """The inviter's answer: pair with the person who asked, or turn them away at once."""
    query, deps = query_of(update), context.deps
    pressed = actions.decode(query.data, "pair")
    if not in_private_chat(update) or pressed is None:
        await answer(query, str(texts.STALE_BUTTON))
        return
    async with deps.transaction() as session:
        outcome = await pairing_flow.answer_request(
            session, sender_id(update), pressed.number(), pressed.verb == "ok", deps.clock.now()
        )
    await delivery.deliver(update, context, outcome)


async def invite(update: Update, context: TendContext) -> None:
    """Make a one-time deep link for the partner (replacing any earlier one)."""
    deps = context.deps
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            outcome = say(pairing_flow.NEEDS_CONSENT)
        else:
            outcome = await pairing_flow.invite(session, user, deps.clock.now())
    if outcome.say == pairing_flow.INVITE:  # the link needs the bot's name, a Telegram thing
        made = outcome.replies[0]
        code, expires_at, zone = made.data
        link = f"https://t.me/{deps.bot_username}?start={code}"
        outcome = replace(outcome, replies=(replace(made, data=(link, expires_at, zone)),))
    await delivery.deliver(update, context, outcome)


def register(app: TendApp) -> None:
    """Wire this flow."""
    delivery.views("pairing", view)
    delivery.views("notice", view, notice_view)
    app.add_handler(CommandHandler("invite", invite, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_join, pattern=r"^join:"))
    app.add_handler(CallbackQueryHandler(on_request, pattern=r"^pair:"))
