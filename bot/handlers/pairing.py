"""Invites and pairing (unlinking is in bot.handlers.rights)."""

from __future__ import annotations

import logging
from html import escape

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import pairing_texts as pt
from bot import texts
from bot.context import TendApp, TendContext
from bot.handlers.common import (
    PRIVATE,
    answer,
    callback_parts,
    consented_person,
    first_name,
    in_private_chat,
    message_of,
    query_of,
    replace_buttons,
    sender_id,
)
from bot.notify import tell
from core import notices, pairing, people, timezones
from core.pairing import looks_like_code
from core.policy import quiet_now

log = logging.getLogger(__name__)


async def offer_join(update: Update, context: TendContext, code: str | None) -> None:
    """Someone opened an invite link: show whose it is (name read from Telegram now) and ask.

    Nothing is stored or changed here; a refusal gets its own reply.
    """
    deps, message, uid = context.deps, message_of(update), sender_id(update)
    async with deps.transaction() as session:
        seen = (
            await pairing.invitation(session, uid, code, deps.clock.now())
            if code is not None
            else pairing.RedeemRefusal.UNKNOWN
        )
    if isinstance(seen, pairing.RedeemRefusal):
        log.info("pairing.refused user=%s reason=%s", uid, seen.value)
        await message.reply_text(texts.REDEEM_REFUSALS[seen])
        return
    assert code is not None
    name = await name_of(context, seen.inviter_id)
    log.info("pairing.offered user=%s", uid)
    await message.reply_text(pt.JOIN_ASK.format(name=name), reply_markup=pt.join_buttons(code))


async def name_of(context: TendContext, user_id: int) -> str:
    """A person's first name as Telegram knows it right now (escaped; never stored)."""
    try:
        chat = await context.bot.get_chat(user_id)
    except TelegramError as exc:
        log.info("pairing.name_unavailable user=%s error=%s", user_id, type(exc).__name__)
        return pt.SOMEONE
    return escape((chat.first_name or pt.SOMEONE)[:64])


async def on_join(update: Update, context: TendContext) -> None:
    """The opener says the inviter is their partner: ask the inviter to confirm who it is."""
    query = query_of(update)
    parts = callback_parts(query, "join")
    code = parts[1] if len(parts) == 2 and parts[0] == "yes" else None
    if not in_private_chat(update) or (parts != ["no"] and not (code and looks_like_code(code))):
        await answer(query, texts.STALE_BUTTON)
        return
    await answer(query)
    if parts == ["no"]:
        await replace_buttons(query, pt.JOIN_DECLINED)
        return
    assert code is not None
    uid, deps = sender_id(update), context.deps
    silent = False
    async with deps.transaction() as session:
        if await people.get(session, uid) is None:
            joined: pairing.Joined | pairing.RedeemRefusal = pairing.RedeemRefusal.UNKNOWN
        else:
            joined = await pairing.join(session, uid, code, deps.clock.now())
        if isinstance(joined, pairing.Joined):
            notice = await notices.notice_for(
                session, joined.inviter_id, deps.clock.now(), notices.JOIN_REQUEST, kind="join"
            )
            silent = notice.silent
    if isinstance(joined, pairing.RedeemRefusal):
        log.info("pairing.refused user=%s reason=%s", uid, joined.value)
        await replace_buttons(query, texts.REDEEM_REFUSALS[joined])
        return
    if not joined.first_time:  # asked already: the inviter is not asked twice
        await replace_buttons(query, pt.JOIN_ASKED_SHORT)
        return
    log.info("pairing.join_asked inviter=%s joiner=%s", joined.inviter_id, uid)
    sent = await tell(
        context.bot,
        joined.inviter_id,
        pt.JOIN_REQUEST.format(name=first_name(update)),
        kind="join_request",
        markup=pt.request_buttons(uid),
        silent=silent,
    )
    name = await name_of(context, joined.inviter_id)
    await replace_buttons(
        query, pt.JOIN_ASKED.format(name=name) if sent is not None else pt.JOIN_ASKED_SHORT
    )


async def on_request(update: Update, context: TendContext) -> None:
    """The inviter's answer: pair with the person who asked, or turn them away at once."""
    query = query_of(update)
    parts = callback_parts(query, "pair")
    valid = len(parts) == 2 and parts[0] in ("ok", "no") and parts[1].isdecimal()
    if not in_private_chat(update) or not valid:
        await answer(query, texts.STALE_BUTTON)
        return
    await answer(query)
    uid, joiner_id, deps = sender_id(update), int(parts[1]), context.deps
    now = deps.clock.now()
    async with deps.transaction() as session:
        if parts[0] == "ok":
            outcome: pairing.Paired | pairing.ConfirmRefusal | bool = await pairing.confirm(
                session, uid, joiner_id, now
            )
        else:
            outcome = await pairing.turn_away(session, uid, joiner_id, now)
        # Whether the joiner hears silently (quiet hours), read in this same transaction.
        silent = (await notices.pairing_ended(session, joiner_id, now)).silent
    if isinstance(outcome, pairing.ConfirmRefusal) or outcome is False:
        log.info("pairing.request_closed user=%s", uid)
        await replace_buttons(query, pt.REQUEST_CLOSED)
    elif isinstance(outcome, pairing.Paired):
        log.info(
            "pairing.created couple=%s inviter=%s invitee=%s",
            outcome.couple_id,
            outcome.inviter_id,
            outcome.invitee_id,
        )
        await replace_buttons(query, pt.CONFIRMED)
        await announce_pairing(context, outcome, silent=silent)
    else:
        log.info("pairing.turned_away inviter=%s joiner=%s", uid, joiner_id)
        await replace_buttons(query, pt.TURNED_AWAY)
        # The joiner learns only that it ended, in the words an ended pairing always uses.
        await tell(
            context.bot,
            joiner_id,
            texts.PARTNER_UNLINKED,
            kind="unlinked",
            silent=silent,
        )


async def partner_silent(context: TendContext, user_id: int) -> bool:
    """Messages caused by the partner arrive without a sound inside the person's quiet hours.
    (A transaction of its own: flows read it with core.notices inside theirs instead.)"""
    async with context.deps.transaction() as session:
        user = await people.get(session, user_id)
        return user is not None and quiet_now(user, context.deps.clock.now())


async def announce_pairing(
    context: TendContext, paired: pairing.Paired, *, silent: bool = False
) -> None:
    """Both people learn at once that they are paired (the inviter has just tapped); `silent`:
    the invitee is in their quiet hours."""
    await tell(context.bot, paired.inviter_id, texts.PAIRED_INVITER, kind="paired")
    await tell(
        context.bot,
        paired.invitee_id,
        texts.PAIRED_INVITEE,
        kind="paired",
        silent=silent,
    )


async def invite(update: Update, context: TendContext) -> None:
    """Make a one-time deep link for the partner (replacing any earlier one)."""
    deps = context.deps
    message = message_of(update)
    now = deps.clock.now()
    async with deps.transaction() as session:
        user = await consented_person(session, update)
        if user is None:
            return
        people.touch(user, now)
        made = await pairing.create_invite(session, user, now)
        zone_name = user.timezone or "UTC"
        suffix = "" if user.timezone else " UTC"
    if isinstance(made, pairing.InviteRefusal):
        await message.reply_text(texts.INVITE_ALREADY_PAIRED)
        return
    link = f"https://t.me/{deps.bot_username}?start={made.code}"
    expires = made.expires_at.astimezone(timezones.zone(zone_name))
    await message.reply_text(
        texts.INVITE_LINK.format(link=link, expires=texts.datetime_text(expires) + suffix)
    )
    log.info("pairing.invite_created user=%s", user.id)


def register(app: TendApp) -> None:
    """Wire this flow."""
    app.add_handler(CommandHandler("invite", invite, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_join, pattern=r"^join:"))
    app.add_handler(CallbackQueryHandler(on_request, pattern=r"^pair:"))
