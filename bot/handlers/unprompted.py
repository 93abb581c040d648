"""Words written when no question is open: a warm reply and a choice, never a closed door.

The words are held briefly (core.held, by the pipeline in core.words; bot.handlers.fallback
words the reply) so "keep it in my journal" needs one tap; "I'm having a
hard time" brings grounding steps (bot.hard_moment); "nothing" lets them go at once.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from bot import texts
from bot.context import TendApp, TendContext
from bot.handlers.common import (
    answer,
    in_private_chat,
    message_of,
    query_of,
    replace_buttons,
    sender_id,
)
from bot.hard_moment import hard_moment_help
from core import actions, held, people
from core.held import Outcome

log = logging.getLogger(__name__)


def choices(held_id: int, *, hard: bool = True) -> InlineKeyboardMarkup:
    """Keep it, a hard time, let it go: the buttons under words nobody asked for."""

    def button(label: str, verb: str) -> list[InlineKeyboardButton]:
        return [InlineKeyboardButton(label, callback_data=actions.encode("un", verb, held_id))]

    rows = [button(texts.BUTTON_KEEP_IT, "keep")]
    if hard:
        rows.append(button(texts.BUTTON_HARD_TIME, "hard"))
    rows.append(button(texts.BUTTON_LET_IT_GO, "drop"))
    return InlineKeyboardMarkup(rows)


async def on_button(update: Update, context: TendContext) -> None:
    """Keep it, a hard time, or nothing. Two taps at once: one acts, the other is told it's
    done; a tap after the hold expired says so kindly."""
    query = query_of(update)
    pressed = actions.decode(query.data, "un")
    if not in_private_chat(update) or pressed is None:
        await answer(query, texts.STALE_BUTTON)
        return
    action, held_id = pressed.verb, pressed.number()
    now = context.deps.clock.now()
    async with context.deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            await answer(query, texts.STALE_BUTTON)
            return
        role = user.role
        if action == "hard":
            still_held = await held.is_held(session, user, held_id, now)
        elif action == "keep":
            taken = await held.keep(session, user, held_id, now)
        else:
            taken = await held.let_go(session, user, held_id, now)
    if action == "hard":
        log.info("unprompted.hard_time user=%s held=%s held_still=%s", user.id, held_id, still_held)
        await answer(query)
        # The choice to keep the words stays open while they are still held.
        if still_held:
            shown = message_of(update).text_html or texts.UNPROMPTED
            await replace_buttons(query, shown, choices(held_id, hard=False))
        else:
            await replace_buttons(query, texts.UNPROMPTED_EXPIRED)
        text, markup = hard_moment_help(role)
        await message_of(update).reply_text(text, reply_markup=markup)
        return
    log.info(
        "unprompted.button user=%s held=%s action=%s outcome=%s",
        user.id,
        held_id,
        action,
        taken.outcome,
    )
    if taken.outcome is Outcome.HANDLED:
        await answer(query, texts.UNPROMPTED_DONE_ALREADY)
        return
    await answer(query)
    reply = {
        Outcome.KEPT: texts.UNPROMPTED_KEPT,
        Outcome.LET_GO: texts.UNPROMPTED_LET_GO,
        Outcome.EXPIRED: texts.UNPROMPTED_EXPIRED,
    }[taken.outcome]
    await replace_buttons(query, reply)


def register(app: TendApp) -> None:
    """Wire the buttons under the reply to an unprompted message."""
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^un:"))
