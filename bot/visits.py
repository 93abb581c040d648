"""What this process last learned about each person's visit, for a few seconds.

Every update starts with `bot.handlers.activity.reactivate`: a read that says whether the visit
must be written (core.people.visit) and which language the person reads. People send their
updates in bursts (a command, then two or three taps), and under load that read was about a
third of the CPU of a small update (`bench updates`: /help 1.7 → 0.7 ms without it). So a person
whose visit this process read or wrote less than `FRESH` ago (by the injectable clock) is not read
again: nothing can need writing yet (a visit is written at most every 12 hours), and their
language is the one read then.

What can go stale, and for how long (at most `FRESH`):
- A language chosen in this process is forgotten at once (`forget`, from /language and
  consent). Chosen through another process (several webhook receivers), the old language is
  used for at most `FRESH`.
- A person the dispatcher marked blocked (Telegram answered 403) who unblocks the bot and writes
  within `FRESH` of their previous update: their reminders come back with their next update
  after that.
Nothing is kept but an id, a language code and a time; the table is bounded (`LIMIT`), oldest
dropped first.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta
from typing import Final

FRESH: Final = timedelta(seconds=20)
LIMIT: Final = 50_000
_UNKNOWN: Final = ""  # a person whose language was never stored (before it was kept)


class RecentVisits:
    """user id -> (language read, when): `recent`, `remember`, `forget`. One per process."""

    def __init__(self, fresh: timedelta = FRESH, limit: int = LIMIT) -> None:
        self.fresh = fresh
        self.limit = limit
        self._seen: OrderedDict[int, tuple[str, datetime]] = OrderedDict()

    def recent(self, user_id: int, now: datetime) -> str | None:
        """The language read for `user_id` less than `fresh` ago ("" when their row has none);
        None when there is nothing fresh (read it)."""
        found = self._seen.get(user_id)
        if found is None:
            return None
        language, at = found
        if not at <= now < at + self.fresh:
            del self._seen[user_id]
            return None
        return language

    def remember(self, user_id: int, language: str | None, now: datetime) -> None:
        """After a visit was read (and written, if it needed it): the person's stored language
        (None: none stored) as of `now`."""
        self._seen[user_id] = (language or _UNKNOWN, now)
        self._seen.move_to_end(user_id)
        while len(self._seen) > self.limit:
            self._seen.popitem(last=False)

    def forget(self, user_id: int) -> None:
        """The person's language (or anything the visit reads) changed: read it next time."""
        self._seen.pop(user_id, None)
