"""Help, privacy notice and the settings overview."""

from __future__ import annotations

from datetime import datetime

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import delivery, keyboards, texts
from bot import moment_texts as mt
from bot import reminder_texts as rt
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers.common import (
    PRIVATE,
    answer,
    in_private_chat,
    message_of,
    query_of,
    sender_id,
)
from bot.handlers.onboarding import local_time_text
from core import actions, people, settings_flow, timezones
from core.outcome import Reply
from db.models import User


async def help_command(update: Update, context: TendContext) -> None:
    """List the commands and where to find real help. Works before consent; stores nothing."""
    await message_of(update).reply_text(texts.HELP, reply_markup=keyboards.help_buttons())


async def privacy_command(update: Update, context: TendContext) -> None:
    """What is kept and who sees it. Works before consent; stores nothing."""
    settings = context.deps.settings
    await message_of(update).reply_text(
        texts.privacy(settings.operator_contact, settings.retention_days)
    )


def view(reply: Reply) -> View:
    """The settings' replies in words."""
    if reply.say == settings_flow.OVERVIEW:
        return _overview(*reply.data)
    if reply.say == settings_flow.SWITCHED:
        switch, on = reply.data
        return str(_SWITCHED[switch][0 if on else 1]), None
    return texts.NEEDS_CONSENT, None


_SWITCHED = {
    "hard": (mt.HARD_SHARED_ON, mt.HARD_SHARED_OFF),
    "tidy": (texts.TIDY_ON, texts.TIDY_OFF),
    "review": (texts.SHARE_REVIEW_ON, texts.SHARE_REVIEW_OFF),
    "askfirst": (texts.ASK_FIRST_ON, texts.ASK_FIRST_OFF),
    "discreet": (rt.DISCREET_ON, rt.DISCREET_OFF),
}


def _overview(user: User, since: datetime | None, now: datetime) -> View:
    zone_text = texts.SETTINGS_NOT_SET
    if user.timezone:
        zone_text = f"{user.timezone} (it's {local_time_text(user.timezone, now)} there now)"
    role_text = texts.ROLE_LABELS[people.Role(user.role)] if user.role else texts.SETTINGS_NOT_SET
    if since is not None:
        local_since = since.astimezone(timezones.zone(user.timezone or "UTC"))
        partner_text = texts.SETTINGS_PAIRED.format(date=texts.date_text(local_since))
    else:
        partner_text = texts.SETTINGS_UNPAIRED

    def state(on: bool) -> str:
        return "on" if on else "off"

    text = texts.SETTINGS.format(
        zone=zone_text,
        role=role_text,
        partner=partner_text,
        discreet=state(user.discreet),
        ask_first=state(user.ask_before_reveal),
        share_review=state(user.share_review),
        tidy=state(user.tidy_chat),
        hard=state(user.hard_in_summary),
    )
    markup = keyboards.settings(
        user.discreet,
        user.ask_before_reveal,
        user.share_review,
        user.tidy_chat,
        hard=user.hard_in_summary,
    )
    return text, markup


async def settings_command(update: Update, context: TendContext) -> None:
    """Show the time zone, side and pairing, with buttons to change them."""
    deps = context.deps
    async with deps.transaction() as session:
        outcome = await settings_flow.overview(session, sender_id(update), deps.clock.now())
    await delivery.deliver(update, context, outcome)


async def on_settings_button(update: Update, context: TendContext) -> None:
    """Open the chosen change from /settings (each answer comes below it)."""
    query, deps = query_of(update), context.deps
    pressed = actions.decode(query.data, "settings")
    if not in_private_chat(update) or pressed is None:
        await answer(query, texts.STALE_BUTTON)
        return
    async with deps.transaction() as session:
        outcome = await settings_flow.press(
            session, sender_id(update), pressed.verb, deps.clock.now()
        )
    await delivery.deliver(update, context, outcome)


def register(app: TendApp) -> None:
    """Wire this flow."""
    delivery.views("settings", view)
    app.add_handler(CommandHandler("help", help_command, filters=PRIVATE))
    app.add_handler(CommandHandler("privacy", privacy_command, filters=PRIVATE))
    app.add_handler(CommandHandler("settings", settings_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_settings_button, pattern=r"^settings:"))
