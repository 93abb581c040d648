"""Sending messages the person did not just ask for (to a partner, later on a schedule)."""

from __future__ import annotations

import logging
from html import escape

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot import moment_texts as mt
from core import safety
from scheduler.retention import Warned

log = logging.getLogger(__name__)


def veil(words_html: str, discreet: bool) -> str:
    """A person's words in a message their partner's actions caused (acknowledged, a note, an
    appreciation, an addition): under a spoiler when the reader chose discreet previews, so a
    locked screen and the chat list show only the neutral first line, never the words."""
    return f"<tg-spoiler>{words_html}</tg-spoiler>" if discreet else words_html


def where_help_is(*words: str | None) -> str:
    """A short, calm line pointing to /safety (with two newlines before it) to put under a
    partner's relayed words that read like danger and were sent anyway; "" when none of
    `words` does. It never names the writer's state, only where help is."""
    if any(text and safety.looks_unsafe(text) for text in words):
        return f"\n\n<i>{escape(str(mt.PARTNER_IN_PAIN))}</i>"
    return ""


async def tell(
    bot: Bot,
    chat_id: int,
    text: str,
    *,
    kind: str,
    markup: InlineKeyboardMarkup | None = None,
    silent: bool = False,
) -> int | None:
    """Send one message; a refusal is logged (ids and kind only) and never raised."""
    try:
        message = await bot.send_message(
            chat_id, text, reply_markup=markup, disable_notification=silent
        )
    except Forbidden:
        log.info("notify.blocked chat=%s kind=%s", chat_id, kind)
    except BadRequest as exc:
        log.warning("notify.refused chat=%s kind=%s error=%s", chat_id, kind, type(exc).__name__)
    except RetryAfter as exc:
        log.warning(
            "notify.rate_limited chat=%s kind=%s retry_after=%s", chat_id, kind, exc.retry_after
        )
    except TimedOut:
        # Telegram may still have delivered it; a blind resend could repeat it.
        log.warning("notify.timed_out chat=%s kind=%s", chat_id, kind)
    except NetworkError as exc:
        log.warning("notify.network chat=%s kind=%s error=%s", chat_id, kind, type(exc).__name__)
    else:
        log.info("notify.sent chat=%s kind=%s message=%s", chat_id, kind, message.message_id)
        return message.message_id
    return None


async def warn(bot: Bot, chat_id: int, text: str, *, kind: str) -> Warned:
    """Send a notice that must reach the person: whether it did, could not, or should be retried."""
    try:
        message = await bot.send_message(chat_id, text)
    except Forbidden:
        log.info("notify.blocked chat=%s kind=%s", chat_id, kind)
        return Warned.BLOCKED
    except TimedOut:
        # Telegram may well have delivered it: counted as told, never sent a second time.
        log.warning("notify.timed_out chat=%s kind=%s", chat_id, kind)
        return Warned.SENT
    except TelegramError as exc:
        log.warning("notify.failed chat=%s kind=%s error=%s", chat_id, kind, type(exc).__name__)
        return Warned.FAILED
    log.info("notify.sent chat=%s kind=%s message=%s", chat_id, kind, message.message_id)
    return Warned.SENT
