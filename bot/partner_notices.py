"""Messages one partner's actions send to the other, kept kind: nobody can use tend to buzz
their partner's phone again and again.

Per pair (sender → receiver), in this process's memory:
- the first notice in `WINDOW` arrives as usual (with a sound);
- later ones in that window arrive silently (still delivered, no buzz), and the window
  starts again from each notice, so a burst of edits stays quiet until things calm down;
- a notice that only updates an earlier one of the same kind (the review day changed again)
  replaces that message in place instead of adding another (an edit never buzzes).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import TelegramError

from bot.notify import tell

log = logging.getLogger(__name__)

WINDOW = 600.0  # seconds: ten minutes of quiet after a partner notice
MAX_PAIRS = 50_000


class PartnerNotices:
    """When each pair last heard from the other, and the last message of each mergeable kind."""

    def __init__(self, window: float = WINDOW, now: Callable[[], float] = time.monotonic) -> None:
        self.window, self._now = window, now
        self._last: dict[tuple[int, int], float] = {}
        self._merge: dict[tuple[int, int, str], tuple[float, int]] = {}

    def quiet(self, sender: int, receiver: int) -> bool:
        """Count one notice from `sender` to `receiver`; True: send it without a sound."""
        now = self._now()
        if len(self._last) > MAX_PAIRS:
            self._forget(now)
        last = self._last.get((sender, receiver))
        self._last[(sender, receiver)] = now
        return last is not None and now - last < self.window

    def earlier(self, sender: int, receiver: int, kind: str) -> int | None:
        """The message id of this kind sent within the window, to be replaced (or None)."""
        found = self._merge.get((sender, receiver, kind))
        if found is None or self._now() - found[0] >= self.window:
            return None
        return found[1]

    def remember(self, sender: int, receiver: int, kind: str, message_id: int) -> None:
        """Note the message a mergeable notice went out as."""
        self._merge[(sender, receiver, kind)] = (self._now(), message_id)

    def _forget(self, now: float) -> None:
        for key in [k for k, at in self._last.items() if now - at >= self.window]:
            del self._last[key]
        for mkey in [k for k, (at, _) in self._merge.items() if now - at >= self.window]:
            del self._merge[mkey]


async def tell_partner(
    bot: Bot,
    gate: PartnerNotices,
    sender: int,
    receiver: int,
    text: str,
    *,
    kind: str,
    markup: InlineKeyboardMarkup | None = None,
    silent: bool = False,
    merge: bool = False,
) -> int | None:
    """Send a notice caused by `sender` to `receiver` through the gate; `merge` replaces an
    earlier notice of the same kind within the window. Returns the message id, or None."""
    quiet = gate.quiet(sender, receiver)
    if merge:
        earlier = gate.earlier(sender, receiver, kind)
        if earlier is not None:
            try:
                await bot.edit_message_text(text, receiver, earlier, reply_markup=markup)
            except TelegramError as exc:  # gone or unchanged: send it as a new message
                log.info(
                    "notify.merge_failed chat=%s kind=%s error=%s",
                    receiver,
                    kind,
                    type(exc).__name__,
                )
            else:
                log.info("notify.merged chat=%s kind=%s message=%s", receiver, kind, earlier)
                gate.remember(sender, receiver, kind, earlier)
                return earlier
    if quiet and not silent:
        log.info("notify.quiet chat=%s kind=%s", receiver, kind)
    sent = await tell(bot, receiver, text, kind=kind, markup=markup, silent=silent or quiet)
    if merge and sent is not None:
        gate.remember(sender, receiver, kind, sent)
    return sent
