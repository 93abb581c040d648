"""Invites, pairing and unlinking."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import keyboards, texts
from bot.context import TendApp, TendContext
from bot.handlers.common import (
    PRIVATE,
    answer,
    callback_parts,
    consented_person,
    in_private_chat,
    message_of,
    query_of,
    replace_buttons,
    sender_id,
)
from bot.notify import tell
from core import pairing, people, timezones
from scheduler.policy import quiet_now

log = logging.getLogger(__name__)


async def redeem_code(
    session: AsyncSession, uid: int, code: str | None, now: datetime
) -> pairing.Paired | pairing.RedeemRefusal:
    """Try an invite code from a deep link; a malformed one counts as unknown."""
    if code is None:
        return pairing.RedeemRefusal.UNKNOWN
    outcome = await pairing.redeem(session, uid, code, now)
    if isinstance(outcome, pairing.Paired):
        log.info(
            "pairing.created couple=%s inviter=%s invitee=%s",
            outcome.couple_id,
            outcome.inviter_id,
            outcome.invitee_id,
        )
    else:
        log.info("pairing.refused user=%s reason=%s", uid, outcome.value)
    return outcome


async def partner_silent(context: TendContext, user_id: int) -> bool:
    """Messages caused by the partner arrive without a sound inside the person's quiet hours."""
    async with context.deps.transaction() as session:
        user = await people.get(session, user_id)
        return user is not None and quiet_now(user, context.deps.clock.now())


async def announce_pairing(context: TendContext, paired: pairing.Paired) -> None:
    """Both people learn at once that they are paired."""
    await tell(context.bot, paired.invitee_id, texts.PAIRED_INVITEE, kind="paired")
    await tell(
        context.bot,
        paired.inviter_id,
        texts.PAIRED_INVITER,
        kind="paired",
        silent=await partner_silent(context, paired.inviter_id),
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


async def unlink(update: Update, context: TendContext) -> None:
    """Ask for confirmation before ending the pairing."""
    message = message_of(update)
    async with context.deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        couple_id = user.couple_id if user is not None else None
    if user is None:
        await message.reply_text(texts.NEEDS_CONSENT)
    elif couple_id is None:
        await message.reply_text(texts.UNLINK_NOT_PAIRED)
    else:
        await message.reply_text(texts.UNLINK_CONFIRM, reply_markup=keyboards.unlink(couple_id))


async def on_unlink(update: Update, context: TendContext) -> None:
    """End the pairing named on the button, if the presser is still in it."""
    query = query_of(update)
    parts = callback_parts(query, "unlink")
    valid = parts == ["no"] or (len(parts) == 2 and parts[0] == "yes" and parts[1].isdecimal())
    if not in_private_chat(update) or not valid:
        await answer(query, texts.STALE_BUTTON)
        return
    await answer(query)
    if parts == ["no"]:
        await replace_buttons(query, texts.UNLINK_KEPT)
        return
    couple_id = int(parts[1])
    uid = sender_id(update)
    async with context.deps.transaction() as session:
        user = await people.get(session, uid)
        ended = (
            await pairing.unlink(session, user, couple_id, context.deps.clock.now())
            if user is not None
            else None
        )
    if ended is None:
        log.info("pairing.unlink_refused user=%s", uid)
        await replace_buttons(query, texts.UNLINK_STALE)
        return
    log.info("pairing.ended couple=%s by=%s", ended.couple_id, uid)
    await replace_buttons(query, texts.UNLINK_DONE)
    if ended.partner_id is not None:
        await tell(
            context.bot,
            ended.partner_id,
            texts.PARTNER_UNLINKED,
            kind="unlinked",
            silent=await partner_silent(context, ended.partner_id),
        )


def register(app: TendApp) -> None:
    """Wire this flow."""
    app.add_handler(CommandHandler("invite", invite, filters=PRIVATE))
    app.add_handler(CommandHandler("unlink", unlink, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_unlink, pattern=r"^unlink:"))
