"""Welcome, consent, the person's side and time zone."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import keyboards, texts
from bot import pairing_texts as pt
from bot.context import TendApp, TendContext
from bot.handlers.common import (
    PRIVATE,
    answer,
    callback_parts,
    consented_person,
    in_private_chat,
    message_of,
    query_of,
    replace_buttons,
    sender_id,
)
from bot.handlers.pairing import offer_join
from content import translations
from core import languages, pairing, people, reminders, timezones
from core.pairing import looks_like_code
from db.models import User

log = logging.getLogger(__name__)


def local_time_text(zone_name: str, now: datetime) -> str:
    """The current wall-clock time in a zone, as HH:MM."""
    return now.astimezone(timezones.zone(zone_name)).strftime("%H:%M")


async def next_step_message(
    session: AsyncSession, user: User
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The next onboarding question, or the closing words once all is answered."""
    step = people.onboarding_step(user)
    if step is people.Step.ROLE:
        return texts.ASK_ROLE, keyboards.roles()
    if step is people.Step.TIMEZONE:
        people.await_input(user, people.Awaiting.TIMEZONE)
        return texts.ASK_TIMEZONE, keyboards.zones()
    if user.couple_id is not None:
        return texts.ONBOARDING_DONE_PAIRED, None
    if await pairing.asked_to_join(session, user.id):
        return pt.ONBOARDING_DONE_WAITING, None
    return texts.ONBOARDING_DONE, None


async def start(update: Update, context: TendContext) -> None:
    """Welcome a new person (asking consent), or pick up where a known person left off."""
    deps = context.deps
    uid = sender_id(update)
    message = message_of(update)
    payload = context.args[0] if context.args else None
    code = payload if payload and looks_like_code(payload) else None
    async with deps.transaction() as session:
        user = await people.get(session, uid)
        if user is None:
            # Nothing is stored before consent; a pending code rides in the consent button.
            await message.reply_text(texts.WELCOME, reply_markup=keyboards.consent(code))
            log.info("onboarding.welcome user=%s with_code=%s", uid, code is not None)
            return
        people.touch(user, deps.clock.now())
        if people.onboarding_step(user) is people.Step.DONE:
            follow_up: tuple[str, InlineKeyboardMarkup | None] | None = None
        else:
            follow_up = await next_step_message(session, user)
    if payload is not None:
        await offer_join(update, context, code)
    elif follow_up is None:
        await message.reply_text(texts.WELCOME_BACK)
    if follow_up is not None:
        await message.reply_text(follow_up[0], reply_markup=follow_up[1])


async def on_consent(update: Update, context: TendContext) -> None:
    """Record consent (or store nothing on 'not now'), then continue onboarding."""
    query = query_of(update)
    await answer(query)
    if not in_private_chat(update):
        return
    parts = callback_parts(query, "consent")
    deps = context.deps
    uid = sender_id(update)
    if parts[:1] == ["no"]:
        async with deps.transaction() as session:
            known = await people.get(session, uid) is not None
        await replace_buttons(query, texts.WELCOME_BACK if known else texts.CONSENT_DECLINED)
        return
    code = parts[1] if len(parts) > 1 and looks_like_code(parts[1]) else None
    now = deps.clock.now()
    async with deps.transaction() as session:
        user, is_new = await people.give_consent(session, uid, now)
        if is_new:  # kept so the crisis reply can be in their language for words sent later
            user.language = languages.pick(query.from_user.language_code)
        follow_up = await next_step_message(session, user)
        consent_at, language = user.consent_at, user.language
    if is_new:
        log.info("onboarding.consented user=%s", uid)
        # One line, in the language picked, on how to change it (/language).
        hint = translations.menu_text(language, "hint")
        await replace_buttons(query, f"{texts.consent_thanks(consent_at)}\n\n{hint}")
    if code and is_new:
        await offer_join(update, context, code)
    await message_of(update).reply_text(follow_up[0], reply_markup=follow_up[1])


async def on_role(update: Update, context: TendContext) -> None:
    """Save which side the person is on."""
    query = query_of(update)
    parts = callback_parts(query, "role")
    role = parts[1] if len(parts) == 2 and parts[0] == "set" else ""
    if role not in {r.value for r in people.Role} or not in_private_chat(update):
        await answer(query, texts.STALE_BUTTON)
        return
    await answer(query)
    deps = context.deps
    async with deps.transaction() as session:
        user = await consented_person(session, update)
        if user is None:
            return
        was_onboarding = people.onboarding_step(user) is not people.Step.DONE
        people.set_role(user, people.Role(role))
        people.touch(user, deps.clock.now())
        follow_up = await next_step_message(session, user) if was_onboarding else None
    await replace_buttons(
        query, texts.ROLE_SAVED.format(label=texts.ROLE_LABELS[people.Role(role)])
    )
    if follow_up is not None:
        await message_of(update).reply_text(follow_up[0], reply_markup=follow_up[1])


async def apply_timezone(update: Update, context: TendContext, typed: str) -> None:
    """Set the zone `typed` names, or answer with suggestions and change nothing."""
    deps = context.deps
    message = message_of(update)
    zone_name = timezones.resolve(typed)
    if zone_name is None:
        suggestions = timezones.suggest(typed)
        await message.reply_text(
            texts.timezone_unknown(typed, bool(suggestions)),
            reply_markup=keyboards.zones(suggestions) if suggestions else None,
        )
        return
    now = deps.clock.now()
    async with deps.transaction() as session:
        user = await consented_person(session, update)
        if user is None:
            return
        was_onboarding = people.onboarding_step(user) is not people.Step.DONE
        people.set_timezone(user, zone_name)
        people.touch(user, now)
        if people.onboarding_step(user) is people.Step.DONE:
            await reminders.ensure_defaults(session, user, now)  # once, when onboarding ends
        await reminders.reschedule_all(session, user, now)  # local times follow the new zone
        follow_up = await next_step_message(session, user) if was_onboarding else None
    await message.reply_text(
        texts.TIMEZONE_SET.format(zone=zone_name, time=local_time_text(zone_name, now))
    )
    if follow_up is not None:
        await message.reply_text(follow_up[0], reply_markup=follow_up[1])


async def timezone_command(update: Update, context: TendContext) -> None:
    """`/timezone Europe/Berlin` sets it; `/timezone` alone shows it and asks."""
    if context.args:
        await apply_timezone(update, context, " ".join(context.args))
        return
    async with context.deps.transaction() as session:
        user = await consented_person(session, update)
        if user is None:
            return
        people.await_input(user, people.Awaiting.TIMEZONE)
        current = user.timezone
    text = texts.TIMEZONE_CURRENT.format(zone=current) if current else texts.ASK_TIMEZONE
    await message_of(update).reply_text(text, reply_markup=keyboards.zones())


async def on_timezone_button(update: Update, context: TendContext) -> None:
    """A tapped zone: set it like a typed one, then fold the buttons away."""
    query = query_of(update)
    parts = callback_parts(query, "tz")
    zone_name = timezones.resolve(parts[1]) if len(parts) == 2 and parts[0] == "set" else None
    if zone_name is None or not in_private_chat(update):
        await answer(query, texts.STALE_BUTTON)
        return
    await answer(query)
    # The question stays, its buttons fold away (its words come from the texts, not the
    # message: a press on an old message carries none).
    await replace_buttons(query, texts.ASK_TIMEZONE)
    await apply_timezone(update, context, zone_name)


def register(app: TendApp) -> None:
    """Wire this flow."""
    app.add_handler(CommandHandler("start", start, filters=PRIVATE))
    app.add_handler(CommandHandler("timezone", timezone_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_consent, pattern=r"^consent:"))
    app.add_handler(CallbackQueryHandler(on_role, pattern=r"^role:"))
    app.add_handler(CallbackQueryHandler(on_timezone_button, pattern=r"^tz:"))
