"""`python -m bench.peak_before`: `tend run` as it sent weekly summaries before issue 19, for
the side-by-side in `python -m bench peak`.

What differs from today's bot: summaries are read one person at a time (not as a group in one
transaction) and built as many at once as are sent; each person's summary draws its own chart
(render_chart, with "You" and "Your partner" in the legend) in a thread of the bot's process and
uploads it; the start-up heap is not frozen out of the cyclic collector.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from datetime import datetime
from types import SimpleNamespace
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


class _Builder:
    """Each summary read alone (about ten queries) and drawn, as many at once as are sent."""

    def __init__(
        self, sessions: Any, now: Callable[[], datetime], metrics: Any = None, at_once: int = 64
    ) -> None:
        self.sessions, self.now, self.metrics = sessions, now, metrics
        self._gate = asyncio.Semaphore(at_once)

    async def __call__(self, user_id: int) -> Any:
        async with self._gate:
            await asyncio.sleep(0)
            return await summaries.for_person(self.sessions, user_id, self.now(), self.metrics)


def as_before() -> None:
    """Put the old summary path back (this process only)."""
    patched: Any = summaries
    patched.WeeklyBuilder = _Builder  # text and chart_of (a thread) per person, read alone
    notifier: Any = TelegramNotifier
    notifier._send_summary = _send_summary
    module: Any = dispatching
    module.ChartPool = lambda: ChartPool(0)  # no pool process
    module.gc = SimpleNamespace(collect=lambda: 0, freeze=lambda: None)  # start-up heap not frozen


if __name__ == "__main__":
    as_before()
    sys.exit(main(["run"]))
