"""Scheduled messages on the Telegram side: how they look, and the Notifier that sends them.

Each is worded inside `i18n.speaking(message.language)`: the bot's own sentences come out in
the recipient's language, like the content the planner picked for them."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from html import escape

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot import checkin_texts as ct
from bot import moment_texts as mt
from bot import path_views, share_views
from bot import reminder_texts as rt
from bot.charts import ChartCache, ChartPool
from bot.summaries import WeeklyView
from content import i18n
from core import actions
from scheduler.outbox import RESEND_IF_UNCERTAIN, Outgoing, SendResult, SendStatus

log = logging.getLogger(__name__)


def pause_row() -> list[InlineKeyboardButton]:
    """The button every scheduled message carries: a 24-hour break in one tap."""
    return [
        InlineKeyboardButton(str(rt.BUTTON_PAUSE), callback_data=actions.encode("pause", "24h"))
    ]


def nudge_text(item_text: str | None, snoozed: bool) -> str:
    """A self-care nudge's words under its discreet header (the header alone if the item is
    gone from the library)."""
    header = str(rt.SNOOZED_HEADER if snoozed else rt.HEADERS["selfcare"])
    return f"{header}\n\n{escape(item_text)}" if item_text else header


def render(message: Outgoing) -> tuple[str, InlineKeyboardMarkup]:
    """The text and buttons of one scheduled message (its opening stays discreet), in the
    recipient's language (`message.language`)."""
    with i18n.speaking(message.language):
        return _render(message, message.paired)


def _render(message: Outgoing, paired: bool) -> tuple[str, InlineKeyboardMarkup]:
    if message.notice:
        return str(rt.CHECKIN_PAUSED_NOTICE), InlineKeyboardMarkup([pause_row()])
    if message.kind == "path":
        return path_views.scheduled(message)
    if message.kind == "share":
        renew = message.item_id == "renew"
        words, buttons = share_views.invitation(message.ref or 0, renew, message.language)
        return words, InlineKeyboardMarkup([*buttons, pause_row()])
    header = rt.HEADERS[message.kind]
    if message.kind == "selfcare" and message.attempt > 0:
        header = rt.SNOOZED_HEADER
    text = f"{header}\n\n{escape(message.text)}"
    if message.kind == "checkin":
        text += "\n\n" + (rt.CHECKIN_FOOTER if paired else rt.CHECKIN_SOLO_FOOTER)
    rows: list[list[InlineKeyboardButton]] = []
    if message.kind == "checkin" and message.ref is not None:
        rows.append(
            [InlineKeyboardButton(str(rt.BUTTON_CHECKIN), callback_data=f"ci:go:{message.ref}")]
        )
    if message.kind == "selfcare":
        row = [
            InlineKeyboardButton(
                str(rt.BUTTON_DONE),
                callback_data=actions.encode("nudge", "done", message.delivery_id),
            )
        ]
        if message.can_snooze:
            row.append(
                InlineKeyboardButton(
                    str(rt.BUTTON_LATER),
                    callback_data=actions.encode("nudge", "later", message.delivery_id),
                )
            )
        row.append(
            InlineKeyboardButton(
                str(rt.BUTTON_NOT_TODAY),
                callback_data=actions.encode("nudge", "skip", message.delivery_id),
            )
        )
        rows.append(row)
    more = pause_row()
    if message.kind in ("selfcare", "affirmation"):
        # A hard moment can come with any nudge: grounding is one tap away.
        more.append(InlineKeyboardButton(str(mt.BUTTON_HARD_SHORT), callback_data="hd:go"))
    rows.append(more)
    return text, InlineKeyboardMarkup(rows)


SummaryMaker = Callable[[int], Awaitable[WeeklyView | None]]


def reminder_view(round_id: int) -> tuple[str, InlineKeyboardMarkup]:
    """The one gentle reminder to the partner who has not checked in yet."""
    button = InlineKeyboardButton(str(rt.BUTTON_CHECKIN), callback_data=f"ci:go:{round_id}")
    return str(ct.REMINDER), InlineKeyboardMarkup([[button], pause_row()])


class TelegramNotifier:
    """Sends scheduled messages through PTB; maps Telegram's answers to SendStatus."""

    def __init__(
        self,
        bot: Bot,
        summaries: SummaryMaker | None = None,
        charts: ChartCache | None = None,
        *,
        paid_broadcast: bool = False,
    ) -> None:
        self.bot = bot
        self.summaries = summaries
        # One chart per couple and week, drawn off the loop (a thread unless given a pool's).
        self.charts = charts or ChartCache(ChartPool(0).draw)
        # TEND_PAID_BROADCAST: scheduled messages may go above 30/s, paid in Stars. None leaves
        # the parameter out of the request entirely.
        self._paid: bool | None = True if paid_broadcast else None

    async def send_scheduled(self, message: Outgoing) -> SendResult:
        """Send once (or twice after a timeout, for kinds where a repeat beats a loss)."""
        if message.kind == "summary":
            return await self._send_summary(message)
        text, markup = render(message)
        tries = 2 if RESEND_IF_UNCERTAIN.get(message.kind, False) else 1
        return await self._attempt(
            lambda: self.bot.send_message(
                message.user_id, text, reply_markup=markup, allow_paid_broadcast=self._paid
            ),
            message.delivery_id,
            tries,
        )

    async def _send_summary(self, message: Outgoing) -> SendResult:
        """The weekly summary: its text (built now), then the couple's chart, uploaded once and
        sent to the second partner by file_id."""
        with i18n.speaking(message.language):
            view = await self.summaries(message.user_id) if self.summaries else None
        if view is None:
            self.charts.forget(message.user_id)
            return SendResult(SendStatus.FAILED)
        if len(view.people) == 1:
            self.charts.forget(message.user_id)  # unlinked: no couple chart shows them any more
        first = await self._attempt(
            lambda: self.bot.send_message(
                message.user_id,
                view.text,
                reply_markup=InlineKeyboardMarkup([pause_row()]),
                allow_paid_broadcast=self._paid,
            ),
            message.delivery_id,
            1,
        )
        if first.status is SendStatus.SENT:
            # The words arrived; a lost chart is not worth a failed delivery.
            await self._send_chart(message, view)
        return first

    async def _send_chart(self, message: Outgoing, view: WeeklyView) -> None:
        photo = await self.charts.photo(message.user_id, view.people, view.chart)
        sent: list[Message] = []

        async def call() -> Message:
            answer = await self.bot.send_photo(
                message.user_id,
                photo.input,
                caption=view.caption,
                filename=None if photo.file_id else "summary.png",
                allow_paid_broadcast=self._paid,
            )
            sent.append(answer)
            return answer

        await self._attempt(call, message.delivery_id, 1)
        if photo.upload:
            file_id = sent[0].photo[-1].file_id if sent and sent[0].photo else None
            self.charts.uploaded(message.user_id, view.people, view.chart, file_id)

    async def _attempt(
        self, call: Callable[[], Awaitable[Message]], delivery_id: int, tries: int
    ) -> SendResult:
        for attempt in range(tries):
            try:
                sent = await call()
            except Forbidden:
                return SendResult(SendStatus.BLOCKED)
            except BadRequest as exc:
                if "chat not found" in str(exc).lower():
                    return SendResult(SendStatus.BLOCKED)
                log.warning(
                    "dispatch.refused delivery=%s error=%s", delivery_id, type(exc).__name__
                )
                return SendResult(SendStatus.FAILED)
            except TimedOut:
                log.warning("dispatch.timed_out delivery=%s try=%d", delivery_id, attempt + 1)
                continue
            except (RetryAfter, NetworkError) as exc:
                log.warning("dispatch.failed delivery=%s error=%s", delivery_id, type(exc).__name__)
                return SendResult(SendStatus.FAILED)
            return SendResult(SendStatus.SENT, sent.message_id)
        return SendResult(SendStatus.UNCERTAIN)
