"""The monthly look's buttons (`mm:`): answer, share or keep, skip; then the check-in goes on.

Buttons carry the round id; a round that is not the presser's, closed or already revealed is
refused like a check-in button (core.checkins.answerable). Rules are in core.measure.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot import measure_views, texts
from bot.context import TendApp, TendContext
from bot.handlers import checkin
from bot.handlers.common import (
    answer,
    callback_parts,
    in_private_chat,
    query_of,
    replace_buttons,
    sender_id,
)
from bot.notify import tell
from core import checkins, measure, people
from db.models import CheckinRound, User

log = logging.getLogger(__name__)


async def on_button(update: Update, context: TendContext) -> None:
    """Every `mm:` button."""
    query = query_of(update)
    parts = callback_parts(query, "mm")
    if not in_private_chat(update) or len(parts) < 2 or not parts[1].isdecimal():
        await answer(query, texts.STALE_BUTTON)
        return
    deps = context.deps
    follow_up: checkin.FollowUp = []
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            await answer(query, texts.STALE_BUTTON)
            return
        reply = await _act(
            session, user, int(parts[1]), parts[0], parts[2:], deps.clock.now(), follow_up
        )
    await answer(query)
    if reply is not None:
        await replace_buttons(query, *reply)
    for chat_id, text, markup, silent in follow_up:
        await tell(context.bot, chat_id, text, kind="checkin_reveal", markup=markup, silent=silent)


async def _act(
    session: AsyncSession,
    user: User,
    round_id: int,
    action: str,
    args: list[str],
    now: datetime,
    follow_up: checkin.FollowUp,
) -> checkin.Reply | None:
    found = await checkins.answerable(session, user, round_id, now)
    if isinstance(found, checkins.Refusal):
        log.info("measure.refused user=%s round=%s reason=%s", user.id, round_id, found.value)
        return checkin.REFUSALS[found], None
    check = await measure.pending(session, user, found, now)
    if check is None:  # done, skipped or not offered: the check-in carries on
        return await checkin.resume(session, user, found, now, follow_up)
    paired = found.couple_id is not None
    if action == "a" and len(args) == 2 and args[0] in measure.TOP and args[1].isdecimal():
        value = int(args[1])
        if value > measure.TOP[args[0]]:
            return None
        total = measure.answer(check, args[0], value, now)
        question = measure.next_question(check)
        if question is not None:
            return measure_views.step(found.id, check, question, paired=paired)
        before = (await measure.trend(session, user.id, found.local_date)).last_month
        log.info("measure.answered user=%s round=%s", user.id, found.id)
        return await _then_checkin(session, user, found, now, follow_up, total, before)
    if action == "p" and len(args) == 1 and args[0] in measure.TOP and paired:
        measure.toggle_shared(check, now)
        return measure_views.step(found.id, check, args[0], paired=paired)
    if action == "x":
        measure.skip(check, now)
        log.info("measure.skipped user=%s round=%s", user.id, found.id)
        return await _then_checkin(session, user, found, now, follow_up, None, None)
    return None


async def _then_checkin(
    session: AsyncSession,
    user: User,
    round_: CheckinRound,
    now: datetime,
    follow_up: checkin.FollowUp,
    total: int | None,
    before: int | None,
) -> checkin.Reply:
    text, markup = await checkin.resume(session, user, round_, now, follow_up)
    return f"{measure_views.done_note(total, before)}\n\n{text}", markup


def register(app: TendApp) -> None:
    """Wire the monthly look's buttons."""
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^mm:"))
