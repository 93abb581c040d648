"""/share: the fuller check-in a person offers freely. Every rule is in core.share_flow (only the
sharer starts, pauses or ends it); this module decodes the press, runs it in one transaction and
delivers the outcome; bot/share_views.py words it.
"""

from __future__ import annotations

from dataclasses import replace

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import delivery, texts
from bot import share_views as views
from bot.context import TendApp, TendContext
from bot.handlers.common import (
    PRIVATE,
    drop_buttons,
    in_private_chat,
    query_of,
    sender_id,
    set_up_person,
)
from content.i18n import Msg
from content.moments import share as content
from core import actions, languages, people, share_flow, words
from core.awaiting import Asks
from core.outcome import Outcome
from core.share import MAX_TEXT

DONE = Msg("Done already.")  # the toast of a press on something answered before
# A received share, answered ("thank you", "let's talk", or answered before): its buttons go.
ANSWERING = (share_flow.ANSWERED, share_flow.ASK_NOTE, share_flow.ANSWERED_ALREADY)


async def share_command(update: Update, context: TendContext) -> None:
    """The person's own plan and what they can do with it, or how to set one up."""
    deps = context.deps
    async with deps.transaction() as session:
        user = await set_up_person(session, update)
        if user is None:
            return
        outcome = await share_flow.open_share(session, user, deps.clock.now())
    await delivery.deliver(update, context, outcome)


async def on_button(update: Update, context: TendContext) -> None:
    """Every `sh:` button; ids are checked against the presser in core.share_flow."""
    pressed = actions.decode(query_of(update).data, "sh")
    if not in_private_chat(update) or pressed is None:
        await delivery.deliver(update, context, Outcome(toast=str(texts.STALE_BUTTON)))
        return
    deps = context.deps
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None or user.timezone is None:
            outcome = Outcome(toast=str(texts.STALE_BUTTON))
        else:
            outcome = await share_flow.press(session, user, pressed, deps.clock.now())
    language = languages.known(user.language if user is not None else None)
    not_theirs = content(language).receiver.not_theirs
    toasts = {share_flow.NOT_THEIRS: not_theirs}
    outcome = replace(outcome, toast=toasts.get(outcome.toast or "", outcome.toast))
    await delivery.deliver(update, context, outcome)
    if pressed.verb in ("t", "l") and outcome.say in ANSWERING:
        await drop_buttons(query_of(update))  # answered: "thank you" / "let's talk" go


def register(app: TendApp) -> None:
    """Wire /share and its buttons; its words (a time, a part, a note) come through
    core.words."""
    words.register(Asks.SHARE_TIME, MAX_TEXT, share_flow.take_time)
    words.register(Asks.SHARE_PART, MAX_TEXT, share_flow.take_part)
    words.register(Asks.SHARE_NOTE, MAX_TEXT, share_flow.take_note)
    delivery.views("share", views.view, views.note_view, toasts={share_flow.DONE_ALREADY: DONE})
    app.add_handler(CommandHandler("share", share_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^sh:"))
