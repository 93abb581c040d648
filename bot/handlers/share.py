"""/share: the fuller check-in a person offers freely. Translates taps and words into core.share
calls; views in bot/share_views.py. Only the sharer starts, pauses or ends it (core checks)."""

from __future__ import annotations

import logging
from datetime import datetime
from html import escape

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import checkin_texts as ct
from bot import moment_texts as mt
from bot import share_views as views
from bot import texts
from bot.context import TendApp, TendContext
from bot.handlers.common import (
    PRIVATE,
    answer,
    callback_parts,
    in_private_chat,
    message_of,
    query_of,
    replace_buttons,
    sender_id,
    set_up_person,
    tidy_up,
)
from bot.notify import tell, veil
from content.moments import share as content
from core import pairing, people, rules, safety
from core import share as core
from core.policy import quiet_now
from db.models import SharePlan, User

log = logging.getLogger(__name__)
AWAITING = "sh:"
CHANGES = {c.value: c for c in core.Change}
# A message to the other partner: chat, text, buttons, silently.
Relay = tuple[int, str, InlineKeyboardMarkup | None, bool]
Outcome = tuple[views.View | None, Relay | None]


async def share_command(update: Update, context: TendContext) -> None:
    """The person's own plan and what they can do with it, or how to set one up."""
    deps = context.deps
    async with deps.transaction() as session:
        user = await set_up_person(session, update)
        if user is None:
            return
        plan = await core.plan_of(session, user.id)
        if user.couple_id is None:
            view: views.View = (mt.SHARE_UNPAIRED, None)
        elif plan is None:
            view = views.rhythms()
        else:
            view = views.status(plan, user.timezone, deps.clock.now())
    await message_of(update).reply_text(view[0], reply_markup=view[1])


async def on_button(update: Update, context: TendContext) -> None:
    """Every sh: button; ids are checked against the presser in core before anything else."""
    query = query_of(update)
    parts = callback_parts(query, "sh")
    if not in_private_chat(update) or not parts:
        await answer(query, texts.STALE_BUTTON)
        return
    action, args = parts[0], parts[1:]
    numbers = [int(a) for a in args if a.isdecimal()]
    deps, now = context.deps, context.deps.clock.now()
    reply: views.View | None = None
    edit: views.View | None = None
    relay: Relay | None = None
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None or user.timezone is None:
            await answer(query, texts.STALE_BUTTON)
            return
        if action in ("new", "no") and not args:
            if action == "no":
                edit = (escape(mt.NOT_TODAY), None)
            else:
                reply = views.rhythms() if user.couple_id else (mt.SHARE_UNPAIRED, None)
        elif action == "r" and len(args) == 1 and args[0] in core.RHYTHMS:
            people.await_text(user, f"{AWAITING}time:{args[0]}", now)
            reply = (escape(content().setup.time_prompt), None)
        elif len(numbers) != len(args) or not numbers:
            pass
        elif action == "len" and len(numbers) == 2:
            plan = await core.change(session, user, numbers[0], core.Change.RENEW, now, numbers[1])
            if plan is not None:
                edit = (
                    escape(mt.LENGTH_SET.format(end=views.day(plan.ends_at, user.timezone))),
                    None,
                )
        elif action in CHANGES and len(numbers) == 1:
            plan = await core.change(session, user, numbers[0], CHANGES[action], now)
            if plan is not None:
                setup = content().setup
                said = {"pause": setup.paused, "resume": setup.resumed, "end": setup.ended}
                words = said.get(action) or mt.LENGTH_SET.format(
                    end=views.day(plan.ends_at, user.timezone)
                )
                edit = (escape(words), None)
        elif action == "skip" and len(numbers) == 1:
            if await core.own_plan(session, user, numbers[0]) is not None:
                edit = (escape(mt.NOT_TODAY), None)
        elif action == "go" and user.couple_id is None and len(numbers) == 1:
            if await core.own_plan(session, user, numbers[0]) is not None:
                reply = (mt.SHARE_UNPAIRED, None)  # their own invitation, after the pairing ended
        elif action in ("go", "edit") and len(numbers) == 1:
            entry = (
                await core.start_entry(session, user, numbers[0], now)
                if action == "go"
                else await core.own_draft(session, user, numbers[0])
            )
            if entry is not None:
                people.await_text(user, f"{AWAITING}p:{entry.id}:0", now)
                reply = views.part_prompt(entry.id, 0)
        elif action == "k" and len(numbers) == 2:
            reply = await _next_part(session, user, numbers[0], numbers[1], None, now)
        elif action == "send" and len(numbers) == 1:
            reply, relay = await _send(session, user, numbers[0], now)
        elif action in ("t", "l") and len(numbers) == 1:
            reply, relay = await _reply(session, user, numbers[0], action, now)
        elif action in ("ns", "na") and len(numbers) == 1:
            reply, relay = await _note(session, user, numbers[0], None, action == "na", now)
    if reply is None and edit is None:
        log.info("share.refused user=%s action=%s", sender_id(update), action)
        owner_only = action in ("go", "pause", "resume", "end", "renew", "len")
        await answer(query, content().receiver.not_theirs if owner_only else texts.STALE_BUTTON)
        return
    log.info("share.button user=%s action=%s", sender_id(update), action)
    await answer(query)
    await _deliver(context, update, relay, reply)
    if edit is not None:
        await replace_buttons(query, edit[0], edit[1])


async def _deliver(
    context: TendContext,
    update: Update,
    relay: Relay | None,
    reply: views.View | None,
) -> None:
    if relay is not None:
        chat, text, markup, silent = relay
        sent = await tell(context.bot, chat, text, kind="share", markup=markup, silent=silent)
        if sent is None:
            reply = (mt.SEND_FAILED, None)
    if reply is not None:
        await message_of(update).reply_text(reply[0], reply_markup=reply[1])


async def _next_part(
    session: AsyncSession, user: User, entry_id: int, index: int, words: str | None, now: datetime
) -> views.View | None:
    """Keep part `index` (None: skipped) and ask the next, or show the review after the last."""
    entry = await core.write_part(session, user, entry_id, index, words)
    if entry is None:
        people.await_text(user, None, now)
        return None
    if index + 1 < len(core.PARTS):
        people.await_text(user, f"{AWAITING}p:{entry.id}:{index + 1}", now)
        return views.part_prompt(entry.id, index + 1)
    people.await_text(user, None, now)
    written = core.parts_of(entry)
    if not written:
        return escape(mt.EMPTY), None
    return views.review(entry, any(safety.looks_unsafe(words) for _, words in written))


async def _send(session: AsyncSession, user: User, entry_id: int, now: datetime) -> Outcome:
    partner = await pairing.partner_of(session, user)
    quiet = partner is not None and quiet_now(partner, now)
    outcome = await core.send(session, user, entry_id, now, quiet=quiet)
    if outcome is core.SendRefusal.EMPTY:
        return (escape(mt.EMPTY), None), None
    if outcome is core.SendRefusal.UNPAIRED:
        return (mt.SHARE_UNPAIRED, None), None
    if not isinstance(outcome, core.Sent) or partner is None:
        return None, None
    entry = await core.received(session, partner, outcome.entry_id)
    assert entry is not None
    text, markup = views.received(entry, partner.discreet)
    return (escape(content().invite.sent), None), (partner.id, text, markup, outcome.silent)


def _relay_reply(result: core.Replied, note: str | None, discreet: bool) -> Relay | None:
    if result.status is not core.ReplyStatus.RELAY or result.to_user_id is None:
        return None
    said = content().reply
    if result.response == "thanks":
        text = escape(said.thank_you)
    elif note:
        text = f"{escape(said.talk_with_note)}\n\n{veil(escape(note), discreet)}"
    else:
        text = escape(said.talk)
    return result.to_user_id, text, None, False


async def _sharer_discreet(session: AsyncSession, result: core.Replied) -> bool:
    sharer = await people.get(session, result.to_user_id) if result.to_user_id else None
    return sharer.discreet if sharer is not None else True


async def _reply(
    session: AsyncSession, user: User, entry_id: int, action: str, now: datetime
) -> Outcome:
    result = await core.reply(session, user, entry_id, "thanks" if action == "t" else "talk", now)
    if result.status is core.ReplyStatus.ALREADY:
        return (mt.ANSWERED_ALREADY, None), None
    if result.status is core.ReplyStatus.ASK_NOTE and result.reply_id is not None:
        people.await_text(user, f"{AWAITING}n:{result.reply_id}", now)
        skip = InlineKeyboardButton(mt.SKIP_NOTE, callback_data=f"sh:ns:{result.reply_id}")
        return (escape(content().receiver.talk_prompt), InlineKeyboardMarkup([[skip]])), None
    relay = _relay_reply(result, None, True)
    if relay is None:
        return None, None
    return (escape(content().receiver.answered), None), relay


async def _note(
    session: AsyncSession,
    user: User,
    reply_id: int,
    words: str | None,
    anyway: bool,
    now: datetime,
) -> Outcome:
    unsafe = words is not None and safety.looks_unsafe(words)
    if user.awaiting == f"{AWAITING}n:{reply_id}":
        people.await_text(user, None, now)
    result = await core.talk_note(
        session, user, reply_id, words, now, unsafe=unsafe, send_anyway=anyway
    )
    if result.status is core.ReplyStatus.ALREADY:
        return (mt.ANSWERED_ALREADY, None), None
    if result.status is core.ReplyStatus.HELD:
        button = InlineKeyboardButton(mt.BUTTON_SEND_ANYWAY, callback_data=f"sh:na:{reply_id}")
        return (mt.NOTE_HELD, InlineKeyboardMarkup([[button]])), None
    if result.status is not core.ReplyStatus.RELAY:
        return None, None
    row = await core.reply_row(session, reply_id)
    note = row.note if row is not None else None
    relay = _relay_reply(result, note, await _sharer_discreet(session, result))
    return (escape(content().receiver.answered), None), relay


async def on_text(update: Update, context: TendContext) -> None:
    """A time for the plan, a part of a share, or the note after "let's talk" (danger words had
    the crisis reply first, in the guard; a note that reads like danger is held)."""
    deps, message = context.deps, message_of(update)
    words = (message.text or "").strip()
    if len(words) > core.MAX_TEXT:
        await message.reply_text(ct.TOO_LONG.format(limit=core.MAX_TEXT))
        return
    now = deps.clock.now()
    relay: Relay | None = None
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            return
        step, _, rest = (user.awaiting or "").removeprefix(AWAITING).partition(":")
        numbers = [int(n) for n in rest.split(":") if n.isdecimal()]
        reply: views.View | None = None
        if step == "time":
            reply = await _set_time(session, user, rest, words, now)
        elif step == "p" and len(numbers) == 2:
            reply = await _next_part(session, user, numbers[0], numbers[1], words, now)
        elif step == "n" and len(numbers) == 1:
            reply, relay = await _note(session, user, numbers[0], words, False, now)
        else:
            people.await_text(user, None, now)
        tidy = user.tidy_chat and step != "time"
    log.info("share.words user=%s step=%s taken=%s", sender_id(update), step, reply is not None)
    await _deliver(context, update, relay, reply or (views.NOT_FOUND, None))
    await tidy_up(update, tidy)


async def _set_time(
    session: AsyncSession, user: User, rhythm: str, words: str, now: datetime
) -> views.View:
    minute = rules.parse_time(words)
    if minute is None:
        return escape(content().setup.bad_time), None
    plan = await core.set_up(session, user, rhythm, minute, now)
    if plan is core.SetUpRefusal.IN_QUIET_HOURS:
        return mt.SHARE_IN_QUIET, None
    people.await_text(user, None, now)
    if plan is core.SetUpRefusal.UNPAIRED:
        return mt.SHARE_UNPAIRED, None
    if not isinstance(plan, SharePlan):
        return views.NOT_FOUND, None
    return views.confirm(plan, user.timezone)


def register(app: TendApp) -> None:
    """Wire /share and its buttons."""
    app.add_handler(CommandHandler("share", share_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^sh:"))
