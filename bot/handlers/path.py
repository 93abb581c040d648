"""/path and its buttons: decode, run one core.path_flow use case in one transaction, deliver
its outcome after the commit. Typed reflection answers come through core.words."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import delivery, path_replies, texts
from bot.context import TendApp, TendContext
from bot.handlers.common import PRIVATE, answer, in_private_chat, query_of, sender_id, set_up_person
from core import actions, path_flow, path_reflection, people, words
from core.awaiting import Asks
from core.outcome import Outcome


async def path_command(update: Update, context: TendContext) -> None:
    """Where the couple is: stage n of 10, the week's practices, what is next."""
    deps = context.deps
    async with deps.transaction() as session:
        user = await set_up_person(session, update)
        if user is None:
            return
        outcome = await path_flow.status(session, user, deps.clock.now())
    await delivery.deliver(update, context, outcome)


async def on_button(update: Update, context: TendContext) -> None:
    """Every `path:` button; the use case checks the ids against the presser."""
    query = query_of(update)
    tap = actions.decode(query.data, "path")
    if tap is None or not in_private_chat(update):
        await answer(query, str(texts.STALE_BUTTON))
        return
    deps = context.deps
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            outcome = Outcome(toast=str(texts.STALE_BUTTON))
        else:
            outcome = await path_flow.press(session, user, tap, deps.clock.now())
    await delivery.deliver(update, context, outcome)


def register(app: TendApp) -> None:
    """Wire /path, its buttons, its words and its views."""
    words.register(Asks.PATH, path_reflection.MAX_TEXT, path_flow.take_answer)
    delivery.views("path", path_replies.view, path_replies.note_view)
    app.add_handler(CommandHandler("path", path_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^path:"))
