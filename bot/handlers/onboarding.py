"""Welcome, consent, the person's side and time zone: decode, one use case (core.setup_flow),
deliver. Typed time zone names come through core.words like any other words."""

from __future__ import annotations

from datetime import datetime

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import delivery, keyboards, menu_texts, texts
from bot import pairing_texts as pt
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers.common import PRIVATE, answer, in_private_chat, query_of, sender_id
from bot.handlers.pairing import named
from content import i18n
from core import actions, people, setup_flow, timezones, words
from core.awaiting import Asks
from core.outcome import Outcome, Reply, say


def local_time_text(zone_name: str, now: datetime) -> str:
    """The current wall-clock time in a zone, as HH:MM."""
    return now.astimezone(timezones.zone(zone_name)).strftime("%H:%M")


_SAID = {
    setup_flow.WELCOME_BACK: texts.WELCOME_BACK,
    setup_flow.DECLINED: texts.CONSENT_DECLINED,
    setup_flow.NEEDS_CONSENT: texts.NEEDS_CONSENT,
    setup_flow.TIMEZONE_FOLDED: texts.ASK_TIMEZONE,
}
_DONE = {
    setup_flow.DONE: texts.ONBOARDING_DONE,
    setup_flow.DONE_PAIRED: texts.ONBOARDING_DONE_PAIRED,
    setup_flow.DONE_WAITING: pt.ONBOARDING_DONE_WAITING,
}


def view(reply: Reply) -> View:
    """Setting up's replies in words."""
    key, data = reply.say, reply.data
    if key == setup_flow.WELCOME:
        return str(texts.WELCOME), keyboards.consent(data)
    if key == setup_flow.CONSENTED:
        # One line, in the language picked from Telegram's, on how to change it (/language).
        consent_at, language = data
        with i18n.speaking(language):
            hint = str(menu_texts.LANGUAGE_HINT)
        return f"{texts.consent_thanks(consent_at)}\n\n{hint}", None
    if key == setup_flow.ASK_ROLE:
        return str(texts.ASK_ROLE), keyboards.roles()
    if key == setup_flow.ASK_TIMEZONE:
        return str(texts.ASK_TIMEZONE), keyboards.zones()
    if key == setup_flow.TIMEZONE_SHOWN:
        return texts.TIMEZONE_CURRENT.format(zone=data), keyboards.zones()
    if key == setup_flow.ROLE_SAVED:
        return texts.ROLE_SAVED.format(label=texts.ROLE_LABELS[data]), None
    if key == setup_flow.TIMEZONE_SET:
        zone, now = data
        return texts.TIMEZONE_SET.format(zone=zone, time=local_time_text(zone, now)), None
    if key == setup_flow.TIMEZONE_UNKNOWN:
        typed, suggestions = data
        markup = keyboards.zones(suggestions) if suggestions else None
        return texts.timezone_unknown(typed, bool(suggestions)), markup
    if key in _DONE:
        return texts.all_set(_DONE[key]), None
    return str(_SAID[key]), None


async def start(update: Update, context: TendContext) -> None:
    """Welcome a new person (asking consent), or pick up where a known person left off."""
    deps = context.deps
    payload = context.args[0] if context.args else None
    async with deps.transaction() as session:
        outcome = await setup_flow.start(session, sender_id(update), payload, deps.clock.now())
    await delivery.deliver(update, context, await named(context, outcome))


async def on_consent(update: Update, context: TendContext) -> None:
    """Record consent (or store nothing on 'not now'), then continue setting up."""
    query, deps = query_of(update), context.deps
    pressed = actions.decode(query.data, "consent")
    if not in_private_chat(update) or pressed is None:
        await answer(query, str(texts.STALE_BUTTON))
        return
    async with deps.transaction() as session:
        if pressed.verb == "no":
            outcome = await setup_flow.decline(session, sender_id(update))
        else:
            code = pressed.word(0) if pressed.args else None
            language = query.from_user.language_code
            outcome = await setup_flow.consent(
                session, sender_id(update), code, language, deps.clock.now()
            )
    await delivery.deliver(update, context, await named(context, outcome))


async def on_role(update: Update, context: TendContext) -> None:
    """Save which side the person is on."""
    query, deps = query_of(update), context.deps
    pressed = actions.decode(query.data, "role")
    if not in_private_chat(update) or pressed is None:
        await answer(query, str(texts.STALE_BUTTON))
        return
    async with deps.transaction() as session:
        outcome = await setup_flow.choose_role(
            session, sender_id(update), pressed.word(0), deps.clock.now()
        )
    await delivery.deliver(update, context, outcome)


async def timezone_command(update: Update, context: TendContext) -> None:
    """`/timezone Europe/Berlin` sets it; `/timezone` alone shows it and asks."""
    deps = context.deps
    typed = " ".join(context.args or [])
    async with deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            outcome: Outcome = say(setup_flow.NEEDS_CONSENT)
        elif typed:
            outcome = await setup_flow.set_zone(session, user, typed, deps.clock.now())
        else:
            outcome = setup_flow.ask_zone(user, deps.clock.now())
    await delivery.deliver(update, context, outcome)


async def on_timezone_button(update: Update, context: TendContext) -> None:
    """A tapped zone: set it like a typed one; the question's buttons fold away."""
    query, deps = query_of(update), context.deps
    pressed = actions.decode(query.data, "tz")
    if not in_private_chat(update) or pressed is None:
        await answer(query, str(texts.STALE_BUTTON))
        return
    async with deps.transaction() as session:
        outcome = await setup_flow.press_zone(
            session, sender_id(update), pressed.word(0), deps.clock.now()
        )
    await delivery.deliver(update, context, outcome)


def register(app: TendApp) -> None:
    """Wire this flow; typed time zone names come through core.words."""
    words.register(Asks.TIMEZONE, setup_flow.MAX_ZONE_TEXT, setup_flow.take_zone)
    delivery.views("setup", view)
    app.add_handler(CommandHandler("start", start, filters=PRIVATE))
    app.add_handler(CommandHandler("timezone", timezone_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_consent, pattern=r"^consent:"))
    app.add_handler(CallbackQueryHandler(on_role, pattern=r"^role:"))
    app.add_handler(CallbackQueryHandler(on_timezone_button, pattern=r"^tz:"))
