"""`python -m bench.peak_before`: `tend run` as it sent weekly summaries before issue 19, for
the side-by-side in `python -m bench peak`.

Two things differ from today's bot: summaries are built as many at once as are sent, and each
person's summary draws its own chart (render_chart, with "You" and "Your partner" in the legend)
in a thread of the bot's process, and uploads it.
"""

from __future__ import annotations

import sys
from typing import Any

from telegram import InlineKeyboardMarkup

from bot import dispatching, summaries
from bot.charts import ChartPool
from bot.cli import main
from bot.scheduled import TelegramNotifier, pause_row
from scheduler.outbox import Outgoing, SendResult, SendStatus


async def _send_summary(self: TelegramNotifier, message: Outgoing) -> SendResult:
    """The weekly summary as before: text, then this person's own chart, uploaded."""
    view: Any = await self.summaries(message.user_id) if self.summaries else None
    if view is None:
        return SendResult(SendStatus.FAILED)
    first = await self._attempt(
        lambda: self.bot.send_message(
            message.user_id, view.text, reply_markup=InlineKeyboardMarkup([pause_row()])
        ),
        message.delivery_id,
        1,
    )
    if first.status is SendStatus.SENT:
        await self._attempt(
            lambda: self.bot.send_photo(
                message.user_id, view.chart, caption=view.caption, filename="summary.png"
            ),
            message.delivery_id,
            1,
        )
    return first


def as_before() -> None:
    """Put the old summary path back (this process only)."""
    patched: Any = summaries
    patched.weekly_for = summaries.for_person  # text and chart_of (a thread) per person
    builder: Any = summaries.WeeklyBuilder.__init__
    builder.__defaults__ = (None, 64)  # metrics, at_once: every send builds at once, as before
    notifier: Any = TelegramNotifier
    notifier._send_summary = _send_summary
    module: Any = dispatching
    module.ChartPool = lambda: ChartPool(0)  # no pool process


if __name__ == "__main__":
    as_before()
    sys.exit(main(["run"]))
