"""Small helpers every flow uses."""

from __future__ import annotations

import logging
import warnings
from html import escape

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import filters
from telegram.warnings import PTBUserWarning

from bot import texts
from core import people
from db.models import User

log = logging.getLogger(__name__)

PRIVATE = filters.ChatType.PRIVATE


def sender_id(update: Update) -> int:
    """The Telegram id of the person behind an update."""
    user = update.effective_user
    if user is None:
        raise ValueError("update without a sender")
    return user.id


def first_name(update: Update) -> str:
    """The sender's first name as Telegram gives it (escaped), for messages to their partner;
    "" if there is none (the note's view then says "your partner", in the partner's language:
    bot.delivery.render_note)."""
    user = update.effective_user
    return escape((user.first_name if user else "")[:64])


def message_of(update: Update) -> Message:
    """The message an update carries.

    A button pressed on an old message arrives with an InaccessibleMessage (id, chat, date 0,
    no text): that gives a stand-in Message with the same id and chat and no text, so replies
    still reach the chat. Handlers read ids from callback data and words from the database,
    never from the message a button sits on.
    """
    message = update.effective_message
    if message is not None:
        return message
    query = update.callback_query
    if query is not None and query.message is not None:
        old = query.message
        stand_in = Message(message_id=old.message_id, date=old.date, chat=old.chat)
        stand_in.set_bot(query.get_bot())
        return stand_in
    raise ValueError("update without a message")


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


async def answer(query: CallbackQuery, text: str | None = None) -> None:
    """Answer a button press (stops the spinner; a short notice if `text`).

    Telegram refuses an answer that comes late ("query is too old…") and the network can fail:
    that never decides whether the press's work is done, so it is logged and passed over.
    """
    try:
        await query.answer(text)
    except TelegramError as exc:
        log.info("callback.answer_failed user=%s error=%s", query.from_user.id, type(exc).__name__)


# Telegram's answers to an edit that mean "this message will not change": pressed twice (the
# message already shows the answer), deleted meanwhile, or too old or not ours to edit.
NOT_MODIFIED = "not modified"
EDIT_IMPOSSIBLE = ("message to edit not found", "message can't be edited")


async def replace_buttons(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Turn a question into its answer, so an old button cannot be pressed again.

    Works on a message Telegram calls inaccessible (edited by chat and id). When the message can
    no longer be edited (deleted, too old), the answer is sent as a new message instead; when it
    already shows this answer, nothing happens. Other refusals are logged, never raised.
    """
    old = query.message
    if old is None:
        return
    bot = query.get_bot()
    try:
        await bot.edit_message_text(
            text, chat_id=old.chat.id, message_id=old.message_id, reply_markup=markup
        )
    except BadRequest as exc:
        reason = str(exc).lower()
        if NOT_MODIFIED in reason:
            return
        log.info("callback.edit_failed user=%s error=%s", query.from_user.id, type(exc).__name__)
        if any(kind in reason for kind in EDIT_IMPOSSIBLE):
            await _send_instead(query, text, markup)
    except Forbidden:
        log.info("callback.edit_blocked user=%s", query.from_user.id)
    except TelegramError as exc:
        log.info("callback.edit_failed user=%s error=%s", query.from_user.id, type(exc).__name__)


async def drop_buttons(query: CallbackQuery) -> None:
    """Take the buttons off the pressed message, keeping its words (an answered question whose
    answer comes below). A message already without them, or one Telegram will not edit, is
    left as it is (logged by ids, never raised)."""
    old = query.message
    if old is None:
        return
    where = {"chat_id": old.chat.id, "message_id": old.message_id}
    try:
        # A plain call: Bot.edit_message_reply_markup would add the bot's default parse mode,
        # which is no field of this method (and the Bot API check refuses unknown fields).
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PTBUserWarning)
            await query.get_bot().do_api_request("editMessageReplyMarkup", api_kwargs=where)
    except TelegramError as exc:
        log.info(
            "callback.unbutton_failed user=%s error=%s", query.from_user.id, type(exc).__name__
        )


async def _send_instead(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    old = query.message
    if old is None:
        return
    try:
        await query.get_bot().send_message(old.chat.id, text, reply_markup=markup)
    except TelegramError as exc:
        log.info("callback.send_failed user=%s error=%s", query.from_user.id, type(exc).__name__)


async def set_up_person(session: AsyncSession, update: Update) -> User | None:
    """The person, if they consented and finished onboarding (else told what to do first)."""
    user = await consented_person(session, update)
    if user is not None and user.timezone is None:
        await message_of(update).reply_text(str(texts.NEEDS_SETUP))
        return None
    return user


async def consented_person(session: AsyncSession, update: Update) -> User | None:
    """The person behind the update, or None after asking them to /start (nothing is stored)."""
    user = await people.get(session, sender_id(update))
    if user is None:
        await message_of(update).reply_text(str(texts.NEEDS_CONSENT))
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
