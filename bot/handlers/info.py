"""Help, privacy notice and the settings overview."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import keyboards, texts
from bot import moment_texts as mt
from bot import reminder_texts as rt
from bot.context import TendApp, TendContext
from bot.handlers.common import (
    PRIVATE,
    answer,
    callback_parts,
    consented_person,
    in_private_chat,
    message_of,
    query_of,
)
from bot.handlers.onboarding import local_time_text
from core import pairing, people, timezones


async def help_command(update: Update, context: TendContext) -> None:
    """List the commands and where to find real help. Works before consent; stores nothing."""
    await message_of(update).reply_text(texts.HELP, reply_markup=keyboards.help_buttons())


async def privacy_command(update: Update, context: TendContext) -> None:
    """What is kept and who sees it. Works before consent; stores nothing."""
    settings = context.deps.settings
    await message_of(update).reply_text(
        texts.privacy(settings.operator_contact, settings.retention_days)
    )


async def settings_command(update: Update, context: TendContext) -> None:
    """Show the time zone, side and pairing, with buttons to change them."""
    deps = context.deps
    now = deps.clock.now()
    async with deps.transaction() as session:
        user = await consented_person(session, update)
        if user is None:
            return
        since = (
            await pairing.couple_since(session, user.couple_id)
            if user.couple_id is not None
            else None
        )
    zone_text = texts.SETTINGS_NOT_SET
    if user.timezone:
        zone_text = f"{user.timezone} (it's {local_time_text(user.timezone, now)} there now)"
    role_text = texts.ROLE_LABELS[people.Role(user.role)] if user.role else texts.SETTINGS_NOT_SET
    if since is not None:
        local_since = since.astimezone(timezones.zone(user.timezone or "UTC"))
        partner_text = texts.SETTINGS_PAIRED.format(date=texts.date_text(local_since))
    else:
        partner_text = texts.SETTINGS_UNPAIRED
    await message_of(update).reply_text(
        texts.SETTINGS.format(
            zone=zone_text,
            role=role_text,
            partner=partner_text,
            discreet="on" if user.discreet else "off",
            ask_first="on" if user.ask_before_reveal else "off",
            share_review="on" if user.share_review else "off",
            tidy="on" if user.tidy_chat else "off",
            hard="on" if user.hard_in_summary else "off",
        ),
        reply_markup=keyboards.settings(
            user.discreet,
            user.ask_before_reveal,
            user.share_review,
            user.tidy_chat,
            hard=user.hard_in_summary,
        ),
    )


async def on_settings_button(update: Update, context: TendContext) -> None:
    """Open the chosen change from /settings."""
    query = query_of(update)
    parts = callback_parts(query, "settings")
    if not in_private_chat(update) or parts not in (
        ["tz"],
        ["role"],
        ["discreet"],
        ["askfirst"],
        ["review"],
        ["tidy"],
        ["hard"],
    ):
        await answer(query, texts.STALE_BUTTON)
        return
    await answer(query)
    message = message_of(update)
    async with context.deps.transaction() as session:
        user = await consented_person(session, update)
        if user is None:
            return
        if parts == ["tz"]:
            people.await_input(user, people.Awaiting.TIMEZONE)
        discreet = people.toggle_discretion(user) if parts == ["discreet"] else user.discreet
        if parts == ["askfirst"]:
            user.ask_before_reveal = not user.ask_before_reveal
        ask_first = user.ask_before_reveal
        if parts == ["review"]:
            user.share_review = not user.share_review
        share_review = user.share_review
        if parts == ["tidy"]:
            user.tidy_chat = not user.tidy_chat
        tidy = user.tidy_chat
        if parts == ["hard"]:
            user.hard_in_summary = not user.hard_in_summary
        hard = user.hard_in_summary
    if parts == ["hard"]:
        await message.reply_text(mt.HARD_SHARED_ON if hard else mt.HARD_SHARED_OFF)
    elif parts == ["tidy"]:
        await message.reply_text(texts.TIDY_ON if tidy else texts.TIDY_OFF)
    elif parts == ["review"]:
        await message.reply_text(texts.SHARE_REVIEW_ON if share_review else texts.SHARE_REVIEW_OFF)
    elif parts == ["askfirst"]:
        await message.reply_text(texts.ASK_FIRST_ON if ask_first else texts.ASK_FIRST_OFF)
    elif parts == ["discreet"]:
        await message.reply_text(rt.DISCREET_ON if discreet else rt.DISCREET_OFF)
    elif parts == ["tz"]:
        await message.reply_text(texts.ASK_TIMEZONE, reply_markup=keyboards.zones())
    else:
        await message.reply_text(texts.ASK_ROLE, reply_markup=keyboards.roles())


def register(app: TendApp) -> None:
    """Wire this flow."""
    app.add_handler(CommandHandler("help", help_command, filters=PRIVATE))
    app.add_handler(CommandHandler("privacy", privacy_command, filters=PRIVATE))
    app.add_handler(CommandHandler("settings", settings_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_settings_button, pattern=r"^settings:"))
