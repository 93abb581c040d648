"""/path and its buttons: translate taps and typed answers to core.path use cases and their
outcomes to messages. Words the partner hears are sent after the commit (silently in their
quiet hours); a stage's opening for the partner goes through the due queue instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import checkin_texts as ct
from bot import path_texts as pt
from bot import path_views as views
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
from bot.notify import tell
from content.path import path as content
from core import pairing, path_messages, path_reflection, people, safety
from core import path as path_core
from core.path import Outcome
from core.policy import quiet_now
from db.models import User

log = logging.getLogger(__name__)

AWAITING_PREFIX = "path:"
View = tuple[str, InlineKeyboardMarkup | None]


@dataclass
class Act:
    """What one press or answer leads to: the reply, and messages for the partner."""

    reply: View | None = None
    new_message: bool = False  # below the press (from a scheduled message), not in place
    held: tuple[int, int] | None = None  # (path, stage): words were held back, offer sharing
    partner: list[tuple[int, str, InlineKeyboardMarkup | None, bool]] = field(default_factory=list)


async def _tell_partner(
    session: AsyncSession, act: Act, partner_id: int | None, view: View, now: datetime
) -> None:
    partner = await people.get(session, partner_id) if partner_id is not None else None
    if partner is not None:
        act.partner.append((partner.id, view[0], view[1], quiet_now(partner, now)))


async def path_command(update: Update, context: TendContext) -> None:
    """Where the couple is: stage n of 10, the week's practices, what is next."""
    deps, message = context.deps, message_of(update)
    async with deps.transaction() as session:
        user = await set_up_person(session, update)
        if user is None:
            return
        paired = await pairing.partner_of(session, user) is not None
        where = await path_messages.where(session, user, paired, deps.clock.now())
        text, markup = views.status(where, user.role)
    await message.reply_text(text, reply_markup=markup)


async def on_button(update: Update, context: TendContext) -> None:
    """Every `path:` button. Ids come from the data and are checked against the presser."""
    query = query_of(update)
    parts = callback_parts(query, "path")
    ids = [int(p) for p in parts[1:3] if p.isdecimal()]
    if not in_private_chat(update) or not ids or len(ids) != len(parts[1:3]):
        await answer(query, texts.STALE_BUTTON)
        return
    now = context.deps.clock.now()
    async with context.deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        act = await _press(session, user, parts[0], ids, parts[3:], now) if user else None
    await answer(query)
    if act is None or act.reply is None:
        await message_of(update).reply_text(pt.STALE)
    elif act.new_message:
        await message_of(update).reply_text(act.reply[0], reply_markup=act.reply[1])
    else:
        await replace_buttons(query, *act.reply)
    await _send_partner(context, act)


async def _send_partner(context: TendContext, act: Act | None) -> None:
    for chat_id, text, markup, silent in act.partner if act else []:
        await tell(context.bot, chat_id, text, kind="path", markup=markup, silent=silent)


async def _press(
    session: AsyncSession, user: User, action: str, ids: list[int], rest: list[str], now: datetime
) -> Act | None:
    """Do what one button asks (inside the transaction). None: stale or not the presser's."""
    path_id, stage = ids[0], (ids[1] if len(ids) > 1 else 0)
    if action == "go":
        return await _started(session, user, await path_core.start(session, user, now), now)
    if action == "yes":
        done = await path_core.accept(session, user, path_id, now)
        return await _started(session, user, done, now)
    if action == "no":
        declined = await path_core.decline(session, user, path_id)
        return Act((pt.DECLINED, None)) if declined.outcome is Outcome.DECLINED else None
    if action == "show":
        return Act(await _status(session, user, now))
    if action in ("rf", "rs") and stage:
        question = rest[0] if action == "rs" and rest else None
        return await answer_step(session, user, path_id, stage, question, None, False, now)
    if action == "share" and stage:
        return await _share(session, user, path_id, stage, now)
    if action in ("leave", "help") and await path_core.owned(session, user, path_id, None, action):
        if action == "help":
            return Act((views.counsellor(), None), new_message=True)
        return Act(views.leave_confirm(path_id))
    return await _change(session, user, action, path_id, stage, now)


async def _status(session: AsyncSession, user: User, now: datetime) -> View:
    paired = await pairing.partner_of(session, user) is not None
    return views.status(await path_messages.where(session, user, paired, now), user.role)


async def _started(
    session: AsyncSession, user: User, done: path_core.Result, now: datetime
) -> Act | None:
    if done.outcome in (Outcome.STARTED_SOLO, Outcome.STARTED):
        solo = done.outcome is Outcome.STARTED_SOLO
        assert done.path_id is not None
        return Act(views.opening(done.path_id, 1, user.role, solo))
    if done.outcome is Outcome.INVITED:
        act = Act((pt.INVITED, None))
        assert done.path_id is not None
        await _tell_partner(session, act, done.partner_id, views.invitation(done.path_id), now)
        return act
    if done.outcome is Outcome.ALREADY_INVITED:
        return Act((pt.ALREADY_INVITED, None))
    if done.outcome is Outcome.EXISTS:
        return Act(await _status(session, user, now))
    return None


async def _change(
    session: AsyncSession, user: User, action: str, path_id: int, stage: int, now: datetime
) -> Act | None:
    """Ready, stay, pause, resume, leave: the path's state changes."""
    if action == "rdy" and stage:
        done = await path_core.ready(session, user, path_id, stage, now)
    elif action == "stay" and stage:
        done = await path_core.stay(session, user, path_id, stage)
    elif action in ("pause", "resume", "left"):
        change = {"pause": path_core.pause, "resume": path_core.resume, "left": path_core.leave}
        done = await change[action](session, user, path_id, now)
    else:
        return None
    notices = content().notices
    act = Act()
    if done.outcome is Outcome.MOVED:
        act.reply = views.opening(path_id, done.stage, user.role, done.partner_id is None)
    elif done.outcome is Outcome.WAITING:
        act.reply = (pt.MOVED_WAITING, None)
        shown = InlineKeyboardMarkup([[views.open_button(path_id)]])
        await _tell_partner(session, act, done.partner_id, (pt.PARTNER_READY, shown), now)
    elif done.outcome is Outcome.FINISHED:
        act.reply = (f"🧭 {notices.path_finished}", None)
        await _tell_partner(session, act, done.partner_id, act.reply, now)
    elif done.outcome is Outcome.NOT_YET:
        asked = await _ask(session, user, path_id, stage, 1, now)
        act.reply = (f"{pt.NOT_YET}\n\n{asked[0]}", asked[1])
    elif done.outcome is Outcome.STAYING:
        act.reply = (pt.STAYING, None)
    elif done.outcome in (Outcome.PAUSED, Outcome.RESUMED, Outcome.LEFT):
        mine, theirs = {
            Outcome.PAUSED: (f"🧭 {notices.path_paused}", pt.PARTNER_PAUSED),
            Outcome.RESUMED: (pt.RESUMED, pt.PARTNER_RESUMED),
            Outcome.LEFT: (pt.LEFT, pt.PARTNER_LEFT),
        }[done.outcome]
        act.reply = (mine, None)
        await _tell_partner(session, act, done.partner_id, (theirs, None), now)
    else:
        return None
    return act


async def _ask(
    session: AsyncSession, user: User, path_id: int, stage: int, number: int, now: datetime
) -> View:
    """Ask one closing question; the person's next message answers it."""
    name = path_reflection.QUESTIONS[number - 1]
    people.await_text(user, f"{AWAITING_PREFIX}{path_id}:{stage}:{name}", now)
    return views.question(path_id, stage, number)


async def answer_step(
    session: AsyncSession,
    user: User,
    path_id: int,
    stage: int,
    question: str | None,
    text: str | None,
    unsafe: bool,
    now: datetime,
) -> Act | None:
    """Open the reflection (question None), or take one answer (text None: skipped)."""
    found = await path_reflection.answerable(session, user, path_id, stage, now)
    if isinstance(found, path_reflection.Refusal):
        return None
    path, step = found
    if question is None:
        return Act(await _ask(session, user, path_id, stage, 1, now), new_message=True)
    if question not in path_reflection.QUESTIONS:
        return None
    if text is None and step.answered_at is not None:  # a Skip left on an earlier question
        return Act((pt.SAVED_SOLO if path.couple_id is None else pt.SAVED_WAITING, None))
    path_reflection.write(step, question, text, unsafe)
    if question == "helped":
        return Act(await _ask(session, user, path_id, stage, 2, now))
    people.await_text(user, None, now)
    done = await path_reflection.finish(session, user, path, step, now)
    act = Act(held=(path_id, stage) if step.held and path.couple_id else None)
    log.info("path.reflected user=%s path=%s stage=%s", user.id, path_id, stage)
    again = views.ready_row(path_id, stage)
    if path.couple_id is None:
        act.reply = (pt.SAVED_SOLO, InlineKeyboardMarkup([again]))
    elif not done.revealed:
        act.reply = (pt.SAVED_WAITING, None)
        if done.first_time:
            nudge = f"🧭 {content().notices.reflection_waiting}"
            button = views.answer_button(path_id, stage)
            await _tell_partner(session, act, done.partner_id, (nudge, button), now)
    else:
        assert done.theirs is not None and done.theirs_own and done.mine_shared
        mine = views.reveal(stage, done.mine, done.theirs, user.discreet)
        act.reply = (mine, InlineKeyboardMarkup([again]))
        partner = await people.get(session, done.partner_id) if done.partner_id else None
        if partner is not None:
            theirs = views.reveal(stage, done.theirs_own, done.mine_shared, partner.discreet)
            act.partner.append(
                (partner.id, theirs, InlineKeyboardMarkup([again]), quiet_now(partner, now))
            )
    return act


async def _share(
    session: AsyncSession, user: User, path_id: int, stage: int, now: datetime
) -> Act | None:
    shared = await path_reflection.share_held(session, user, path_id, stage)
    if not shared.taken:
        return None
    if shared.relay is None:
        return Act((pt.SHARED, None))
    act = Act((pt.SHARED_LATE, None))
    partner = await people.get(session, shared.partner_id) if shared.partner_id else None
    if partner is not None:
        text = views.addition(shared.relay, partner.discreet)
        act.partner.append((partner.id, text, None, quiet_now(partner, now)))
    return act


def _awaited(awaiting: str | None) -> tuple[int, int, str] | None:
    if awaiting is None or not awaiting.startswith(AWAITING_PREFIX):
        return None
    parts = awaiting.removeprefix(AWAITING_PREFIX).split(":")
    if len(parts) != 3 or not parts[0].isdecimal() or not parts[1].isdecimal():
        return None
    return int(parts[0]), int(parts[1]), parts[2]


async def on_answer_text(update: Update, context: TendContext) -> None:
    """A typed answer to a closing question (saved, encrypted, before "saved" is said)."""
    deps, message = context.deps, message_of(update)
    text = (message.text or "").strip()
    if len(text) > path_reflection.MAX_TEXT:
        await message.reply_text(pt.TOO_LONG.format(limit=path_reflection.MAX_TEXT))
        return
    unsafe = safety.looks_unsafe(text)  # the crisis reply went first (bot.handlers.crisis)
    now = deps.clock.now()
    try:
        async with deps.transaction() as session:
            user = await people.get(session, sender_id(update))
            asked = _awaited(user.awaiting) if user else None
            act = None
            if user is not None and asked is not None:
                people.await_text(user, None, now)
                act = await answer_step(session, user, *asked[:2], asked[2], text, unsafe, now)
            tidy = bool(user and user.tidy_chat and act)
    except SQLAlchemyError:
        log.exception("path.save_failed user=%s", sender_id(update))
        await message.reply_text(ct.NOT_SAVED)
        return
    if act is not None and act.held is not None:
        share = views.share_button(*act.held)
        await message.reply_text(pt.KEPT_PRIVATE, reply_markup=share)
    reply = act.reply if act is not None and act.reply else (pt.STALE, None)
    await message.reply_text(reply[0], reply_markup=reply[1])
    await tidy_up(update, tidy)
    await _send_partner(context, act)


def register(app: TendApp) -> None:
    """Wire /path and its buttons."""
    app.add_handler(CommandHandler("path", path_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^path:"))
