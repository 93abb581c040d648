"""Small helpers every flow uses."""

from __future__ import annotations

import itertools
import logging
from html import escape

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import filters

from bot import texts
from bot.safety_texts import crisis_reply
from core import people
from db.models import User

log = logging.getLogger(__name__)
_crisis_replies = itertools.count(1)

PRIVATE = filters.ChatType.PRIVATE


def sender_id(update: Update) -> int:
    """The Telegram id of the person behind an update."""
    user = update.effective_user
    if user is None:
        raise ValueError("update without a sender")
    return user.id


def first_name(update: Update) -> str:
    """The sender's first name as Telegram gives it (escaped), for messages to their partner."""
    user = update.effective_user
    name = (user.first_name if user else "") or "Your partner"
    return escape(name[:64])


def message_of(update: Update) -> Message:
    """The message an update carries."""
    message = update.effective_message
    if message is None:
        raise ValueError("update without a message")
    return message


def query_of(update: Update) -> CallbackQuery:
    """The button press an update carries."""
    query = update.callback_query
    if query is None:
        raise ValueError("update without a callback query")
    return query


def in_private_chat(update: Update) -> bool:
    """Buttons and commands act only in a private chat with the bot."""
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


def callback_parts(query: CallbackQuery, flow: str) -> list[str]:
    """`flow:action:arg` → [action, arg…]; an empty list if the data is not for this flow."""
    data = query.data or ""
    parts = data.split(":")
    if len(parts) < 2 or parts[0] != flow:
        return []
    return parts[1:]


async def replace_buttons(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Turn a question into its answer, so an old button cannot be pressed again."""
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        # Pressed twice: the message already shows this answer.
        if "not modified" not in str(exc).lower():
            raise


NEEDS_SETUP = "Let's finish setting up first: /start picks up where you left off."


async def set_up_person(session: AsyncSession, update: Update) -> User | None:
    """The person, if they consented and finished onboarding (else told what to do first)."""
    user = await consented_person(session, update)
    if user is not None and user.timezone is None:
        await message_of(update).reply_text(NEEDS_SETUP)
        return None
    return user


async def consented_person(session: AsyncSession, update: Update) -> User | None:
    """The person behind the update, or None after asking them to /start (nothing is stored)."""
    user = await people.get(session, sender_id(update))
    if user is None:
        await message_of(update).reply_text(texts.NEEDS_CONSENT)
    return user


async def tidy_up(update: Update, tidy: bool) -> None:
    """With "tidy chat" on, delete the person's message once what it said is saved."""
    message = update.effective_message
    if not tidy or message is None:
        return
    try:
        await message.delete()
    except TelegramError as exc:  # older than 48 hours, or already gone
        log.info("tidy.failed user=%s error=%s", sender_id(update), type(exc).__name__)
    else:
        log.info("tidy.deleted user=%s", sender_id(update))


async def send_crisis_reply(update: Update, zone: str | None, where: str) -> None:
    """Words that read like danger: crisis resources at once, privately. Logged only as a count
    since start: no person, no flow (`where` is kept for callers, not logged)."""
    log.info("safety.crisis_replies total=%d", next(_crisis_replies))
    await message_of(update).reply_text(crisis_reply(zone))
