"""The monthly look's buttons (`mm:`): answer, share or keep, skip; then the check-in goes on.

Every rule is in core.measure_flow (the round must be the presser's and still answerable, like
a check-in button); this module decodes the press, runs it in one transaction and delivers.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot import delivery, measure_views, texts
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers.common import in_private_chat, query_of, sender_id
from content import report_texts as rt
from core import actions, measure_flow, people
from core.outcome import Note, Outcome, Reply


def view(reply: Reply | Note) -> View:
    """The monthly look's replies (and the partner's shared score beside a reveal) in words."""
    if reply.say == measure_flow.STEP:
        step = reply.data
        return measure_views.step(step.round_id, step.check, step.question, paired=step.paired)
    if reply.say == measure_flow.AFTER:
        after = reply.data
        text, markup = delivery.render(after.then)
        return f"{measure_views.done_note(after.total, after.before)}\n\n{text}", markup
    return rt.MEASURE_PARTNER.format(score=reply.data), None


def note_view(note: Note, name: str) -> View:
    """Notes: the partner's shared score after a reveal."""
    return view(note)


async def on_button(update: Update, context: TendContext) -> None:
    """Every `mm:` button."""
    query = query_of(update)
    pressed = actions.decode(query.data, "mm")
    if not in_private_chat(update) or pressed is None:
        await delivery.deliver(update, context, Outcome(toast=str(texts.STALE_BUTTON)))
        return
    deps = context.deps
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            outcome = Outcome(toast=str(texts.STALE_BUTTON))
        else:
            outcome = await measure_flow.press(session, user, pressed, deps.clock.now())
    await delivery.deliver(update, context, outcome)


def register(app: TendApp) -> None:
    """Wire the monthly look's buttons and views."""
    delivery.views("measure", view, note_view)
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^mm:"))
