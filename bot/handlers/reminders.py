"""/schedule, /quiet, /pause, /resume and the buttons on scheduled messages: decode, one use
case (core.schedule_flow, core.settings_flow), deliver."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import delivery, texts
from bot import reminder_texts as rt
from bot.context import TendApp, TendContext
from bot.handlers.common import PRIVATE, answer, in_private_chat, query_of, sender_id
from bot.reminder_views import local_text as local_text  # /journal list shows times the same way
from bot.reminder_views import view
from core import actions, people, schedule_flow, settings_flow
from core.outcome import Outcome, say


async def schedule_command(update: Update, context: TendContext) -> None:
    """List reminders, or change one: time, on/off, days. Bad input changes nothing."""
    deps = context.deps
    args = [a.strip() for a in context.args or [] if a.strip()]
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            outcome: Outcome = say(settings_flow.NEEDS_CONSENT)
        else:
            outcome = await schedule_flow.schedule(session, user, args, deps.clock.now())
    await delivery.deliver(update, context, outcome)


async def quiet_command(update: Update, context: TendContext) -> None:
    """`/quiet 23:00 07:30`, `/quiet off`, or `/quiet` to see them."""
    args = [a for a in context.args or [] if a.strip()]
    async with context.deps.transaction() as session:
        outcome = await schedule_flow.quiet(session, sender_id(update), args)
    await delivery.deliver(update, context, outcome)


async def _pause(update: Update, context: TendContext, typed: str) -> None:
    deps = context.deps
    async with deps.transaction() as session:
        outcome = await settings_flow.pause(session, sender_id(update), typed, deps.clock.now())
    await delivery.deliver(update, context, outcome)


async def pause_command(update: Update, context: TendContext) -> None:
    """`/pause` (until /resume), `/pause 3d`, `/pause 12h`."""
    await _pause(update, context, " ".join(context.args or []))


async def resume_command(update: Update, context: TendContext) -> None:
    """End a pause; carry on from the next usual time, no backlog."""
    deps = context.deps
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            outcome: Outcome = say(settings_flow.NEEDS_CONSENT)
        else:
            outcome = await schedule_flow.resume(session, user, deps.clock.now())
    await delivery.deliver(update, context, outcome)


async def on_pause_button(update: Update, context: TendContext) -> None:
    """'Pause reminders' on a scheduled message: a 24-hour break."""
    query = query_of(update)
    if not in_private_chat(update) or actions.decode(query.data, "pause") is None:
        await answer(query, str(texts.STALE_BUTTON))
        return
    await _pause(update, context, "24h")


async def on_nudge_button(update: Update, context: TendContext) -> None:
    """Done / Later / Not today on a self-care nudge (only the person's own)."""
    query, deps = query_of(update), context.deps
    pressed = actions.decode(query.data, "nudge")
    if not in_private_chat(update) or pressed is None:
        await answer(query, str(texts.STALE_BUTTON))
        return
    async with deps.transaction() as session:
        outcome = await settings_flow.answer_nudge(
            session, sender_id(update), pressed, deps.clock.now()
        )
    await delivery.deliver(update, context, outcome)


def register(app: TendApp) -> None:
    """Wire this flow."""
    delivery.views(
        "reminders",
        view,
        toasts={
            settings_flow.NUDGE_STALE: rt.NUDGE_STALE,
            settings_flow.NUDGE_LATER_LIMIT: rt.NUDGE_LATER_LIMIT,
        },
    )
    app.add_handler(CommandHandler("schedule", schedule_command, filters=PRIVATE))
    app.add_handler(CommandHandler("quiet", quiet_command, filters=PRIVATE))
    app.add_handler(CommandHandler("pause", pause_command, filters=PRIVATE))
    app.add_handler(CommandHandler("resume", resume_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_pause_button, pattern=r"^pause:"))
    app.add_handler(CallbackQueryHandler(on_nudge_button, pattern=r"^nudge:"))
