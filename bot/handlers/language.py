"""/language: the language tend writes to this person in (buttons with each language's name)."""

from __future__ import annotations

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import delivery, menu_texts, texts
from bot.context import TendApp, TendContext
from bot.delivery import View
from bot.handlers.common import (
    PRIVATE,
    answer,
    consented_person,
    in_private_chat,
    query_of,
    sender_id,
)
from content import i18n
from core import actions, language_choice, languages, people
from core.outcome import Outcome, Reply


def _buttons(current: str) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                ("✓ " if code == current else "") + languages.own_name(code),
                callback_data=actions.encode("lg", "set", code),
            )
        ]
        for code in languages.SUPPORTED
    ]
    return InlineKeyboardMarkup(rows)


def view(reply: Reply) -> View:
    """/language's two replies, each in the language it is about (plain text, no markup)."""
    language = str(reply.data)
    with i18n.speaking(language):
        if reply.say == language_choice.CHOOSE:
            name = languages.own_name(language)
            return menu_texts.LANGUAGE_CHOOSE.format(name=name), _buttons(language)
        return str(menu_texts.LANGUAGE_CHOSEN), None


async def language_command(update: Update, context: TendContext) -> None:
    """Show the languages, the person's own marked."""
    async with context.deps.transaction() as session:
        user = await consented_person(session, update)
        if user is None:
            return
        outcome = language_choice.show(user)
    await delivery.deliver(update, context, outcome)


async def on_language_button(update: Update, context: TendContext) -> None:
    """Switch to the pressed language (a stale or forged button changes nothing)."""
    query = query_of(update)
    press = actions.decode(query.data, "lg")
    if press is None or not in_private_chat(update):
        await answer(query, str(texts.STALE_BUTTON))
        return
    async with context.deps.transaction() as session:
        user = await people.get(session, sender_id(update))
        if user is None:
            outcome = Outcome(toast=str(texts.STALE_BUTTON))
        else:
            outcome = language_choice.choose(user, press.word(0))
    context.deps.visits.forget(sender_id(update))  # the next update reads the new language
    await delivery.deliver(update, context, outcome)


def commands(language: str) -> list[BotCommand]:
    """The command menu with its descriptions in `language` (English for a sentence its
    catalogue lacks: gettext's fallback)."""
    with i18n.speaking(language):
        return [BotCommand(name, str(description)) for name, description in menu_texts.COMMANDS]


def menus() -> list[tuple[str | None, list[BotCommand]]]:
    """The command menu per language: (None, English: the default for every other language),
    then (code, the same commands described in that language)."""
    found: list[tuple[str | None, list[BotCommand]]] = [(None, commands(languages.ENGLISH))]
    others = [code for code in languages.SUPPORTED if code != languages.ENGLISH]
    found.extend((code, commands(code)) for code in others)
    return found


async def publish_menus(bot: Bot) -> None:
    """Set the private-chat command menu, the default and one per language (Telegram shows a
    person the one for their app's language_code)."""
    for code, commands in menus():
        await bot.set_my_commands(
            commands, scope=BotCommandScopeAllPrivateChats(), language_code=code
        )


def register(app: TendApp) -> None:
    """Wire /language and its buttons."""
    delivery.views("language", view)
    app.add_handler(CommandHandler("language", language_command, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(on_language_button, pattern=r"^lg:"))
