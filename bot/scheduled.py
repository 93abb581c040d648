"""Scheduled messages on the Telegram side: how they look, and the Notifier that sends them."""

from __future__ import annotations

import logging
from html import escape

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot import reminder_texts as rt
from scheduler.outbox import RESEND_IF_UNCERTAIN, Outgoing, SendResult, SendStatus

log = logging.getLogger(__name__)


def pause_row() -> list[InlineKeyboardButton]:
    """The button every scheduled message carries: a 24-hour break in one tap."""
    return [InlineKeyboardButton(rt.BUTTON_PAUSE, callback_data="pause:24h")]


def render(message: Outgoing, paired: bool = True) -> tuple[str, InlineKeyboardMarkup]:
    """The text and buttons of one scheduled message (its opening stays discreet)."""
    if message.notice:
        return rt.CHECKIN_PAUSED_NOTICE, InlineKeyboardMarkup([pause_row()])
    header = rt.HEADERS[message.kind]
    if message.kind == "selfcare" and message.attempt > 0:
        header = rt.SNOOZED_HEADER
    text = f"{header}\n\n{escape(message.text)}"
    if message.kind == "checkin":
        text += "\n\n" + (rt.CHECKIN_FOOTER if paired else rt.CHECKIN_SOLO_FOOTER)
    rows: list[list[InlineKeyboardButton]] = []
    if message.kind == "selfcare":
        row = [
            InlineKeyboardButton(rt.BUTTON_DONE, callback_data=f"nudge:done:{message.delivery_id}")
        ]
        if message.can_snooze:
            row.append(
                InlineKeyboardButton(
                    rt.BUTTON_LATER, callback_data=f"nudge:later:{message.delivery_id}"
                )
            )
        row.append(
            InlineKeyboardButton(
                rt.BUTTON_NOT_TODAY, callback_data=f"nudge:skip:{message.delivery_id}"
            )
        )
        rows.append(row)
    rows.append(pause_row())
    return text, InlineKeyboardMarkup(rows)


class TelegramNotifier:
    """Sends scheduled messages through PTB; maps Telegram's answers to SendStatus."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send_scheduled(self, message: Outgoing) -> SendResult:
        """Send once (or twice after a timeout, for kinds where a repeat beats a loss)."""
        text, markup = render(message)
        tries = 2 if RESEND_IF_UNCERTAIN.get(message.kind, False) else 1
        for attempt in range(tries):
            try:
                sent = await self.bot.send_message(message.user_id, text, reply_markup=markup)
            except Forbidden:
                return SendResult(SendStatus.BLOCKED)
            except BadRequest as exc:
                if "chat not found" in str(exc).lower():
                    return SendResult(SendStatus.BLOCKED)
                log.warning(
                    "dispatch.refused delivery=%s error=%s", message.delivery_id, type(exc).__name__
                )
                return SendResult(SendStatus.FAILED)
            except TimedOut:
                log.warning(
                    "dispatch.timed_out delivery=%s try=%d", message.delivery_id, attempt + 1
                )
                continue
            except (RetryAfter, NetworkError) as exc:
                log.warning(
                    "dispatch.failed delivery=%s error=%s", message.delivery_id, type(exc).__name__
                )
                return SendResult(SendStatus.FAILED)
            return SendResult(SendStatus.SENT, sent.message_id)
        return SendResult(SendStatus.UNCERTAIN)
