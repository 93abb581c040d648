"""Words written when no question is open: a warm reply and a choice, never a closed door.

The words are held briefly (core.held, by the pipeline in core.words; bot.handlers.fallback
words the reply) so "keep it in my journal" needs one tap; "I'm having a
hard time" brings grounding steps (bot.hard_moment); "nothing" lets them go at once.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot import delivery, texts
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers.common import (
    answer,
    in_private_chat,
    message_of,
    query_of,
    sender_id,
)
from bot.hard_moment import hard_moment_help
from content.i18n import Msg
from core import actions, unprompted_flow
from core.outcome import Reply

log = logging.getLogger(__name__)


def choices(held_id: int, *, hard: bool = True) -> InlineKeyboardMarkup:
    """Keep it, a hard time, let it go: the buttons under words nobody asked for."""

    def button(label: Msg, verb: str) -> list[InlineKeyboardButton]:
        return [InlineKeyboardButton(str(label), callback_data=actions.encode("un", verb, held_id))]

    rows = [button(texts.BUTTON_KEEP_IT, "keep")]
    if hard:
        rows.append(button(texts.BUTTON_HARD_TIME, "hard"))
    rows.append(button(texts.BUTTON_LET_IT_GO, "drop"))
    return InlineKeyboardMarkup(rows)


def view(reply: Reply) -> View:
    """The unprompted choice's replies in words."""
    if reply.say == unprompted_flow.STILL_HELD:  # the choice to keep the words stays open
        assert reply.ref is not None
        return reply.data or str(texts.UNPROMPTED), choices(reply.ref, hard=False)
    if reply.say == unprompted_flow.HARD_HELP:
        return hard_moment_help(reply.data, reply.language)
    said = {
        unprompted_flow.KEPT: texts.UNPROMPTED_KEPT,
        unprompted_flow.LET_GO: texts.UNPROMPTED_LET_GO,
        unprompted_flow.EXPIRED: texts.UNPROMPTED_EXPIRED,
    }
    return str(said[reply.say]), None


async def on_button(update: Update, context: TendContext) -> None:
    """Keep it, a hard time, or nothing. Two taps at once: one acts, the other is told it's
    done; a tap after the hold expired says so kindly."""
    query, deps = query_of(update), context.deps
    pressed = actions.decode(query.data, "un")
    if not in_private_chat(update) or pressed is None:
        await answer(query, str(texts.STALE_BUTTON))
        return
    async with deps.transaction() as session:
        outcome = await unprompted_flow.press(session, sender_id(update), pressed, deps.clock.now())
    if outcome.say == unprompted_flow.STILL_HELD:
        # The question stays as it was shown (an old message carries no text: the usual words).
        shown = replace(outcome.replies[0], data=message_of(update).text_html)
        outcome = replace(outcome, replies=(shown, *outcome.replies[1:]))
    await delivery.deliver(update, context, outcome)


def register(app: TendApp) -> None:
    """Wire the buttons under the reply to an unprompted message."""
    delivery.views(
        "unprompted", view, toasts={unprompted_flow.DONE_ALREADY: texts.UNPROMPTED_DONE_ALREADY}
    )
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^un:"))
