"""/boundaries and its buttons. Every rule (who may change or answer what, what reaches the
partner and when danger words are held back) lives in core.boundary_flow; this module decodes
the update, runs it in one transaction and delivers the outcome after the commit."""

from __future__ import annotations

import logging

from sqlalchemy import update as sql_update
from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import boundary_replies, delivery, texts
from bot.context import TendApp, TendContext
from bot.handlers.common import (
    PRIVATE,
    answer,
    in_private_chat,
    message_of,
    query_of,
    sender_id,
    set_up_person,
)
from core import actions, boundaries, boundary_flow, people, words
from core import boundary_act as ba
from core.awaiting import Asks
from core.boundary_act import Act
from core.boundary_answers import take_words
from core.outcome import Outcome, Reply
from db.models import Boundary

log = logging.getLogger(__name__)


async def boundaries_command(update: Update, context: TendContext) -> None:
    """The list, or `add`, `guide`, `review <day>`."""
    deps = context.deps
    args = (message_of(update).text or "").split()[1:]
    async with deps.transaction() as session:
        user = await set_up_person(session, update)
        if user is None:
            return
        act = Act(session, user, deps.clock.now())
        await boundary_flow.command(act, args)
    await delivery.deliver(update, context, act.outcome())


async def on_button(update: Update, context: TendContext) -> None:
    """Every `bd:` button."""
    query = query_of(update)
    pressed = actions.decode(query.data, "bd")
    if not in_private_chat(update) or pressed is None:
        await answer(query, str(texts.STALE_BUTTON))
        return
    deps = context.deps
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            outcome = Outcome(toast=str(texts.STALE_BUTTON))
        else:
            act = Act(session, user, deps.clock.now())
            await boundary_flow.press(act, pressed)
            outcome = act.outcome()
    await delivery.deliver(update, context, outcome)


async def remember_card(context: TendContext, owner_id: int, reply: Reply, shown: int) -> None:
    """Note which message is the owner's card now (a later answer updates that one). The one
    write after a send: the message id exists only once Telegram has it. Only a convenience,
    so a failure is logged and passed over."""
    if reply.say != ba.CARD or reply.ref is None:
        return
    try:
        async with context.deps.transaction() as session:
            await session.execute(
                sql_update(Boundary)
                .where(Boundary.id == reply.ref, Boundary.owner_id == owner_id)
                .values(owner_card_message_id=shown)
            )
    except SQLAlchemyError:
        log.warning("boundary.card_not_noted user=%s boundary=%s", owner_id, reply.ref)


def register(app: TendApp) -> None:
    """Wire /boundaries and its buttons; typed words come through core.words."""
    for what, limit in (
        (Asks.BOUNDARY_NEW, boundaries.MAX_STATEMENT),
        (Asks.BOUNDARY_EDIT, boundaries.MAX_STATEMENT),
        (Asks.BOUNDARY_CONSEQUENCE, boundaries.MAX_CONSEQUENCE),
        (Asks.BOUNDARY_NOTE, boundaries.MAX_NOTE),
    ):
        words.register(what, limit, take_words)
    delivery.views(
        "boundary", boundary_replies.reply_view, boundary_replies.note_view, remember_card
    )
    app.add_handler(CommandHandler("boundaries", boundaries_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^bd:"))
