"""The demo's clock: it runs `speed` times faster than real time and can skip ahead.

It is the same injectable clock the bot always uses (nudges, reminders, expiry and summaries go
through the production dispatcher); only its pace is the demo's.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

UNITS = {"s": "seconds", "m": "minutes", "min": "minutes", "h": "hours", "d": "days"}
SKIP_BY = re.compile(r"^(\d+(?:\.\d+)?)\s*(s|m|min|h|d)$")
SKIP_TO = re.compile(r"^to\s+(\d{1,2}):(\d{2})$")
MAX_SKIP = timedelta(days=366)


class SkipError(ValueError):
    """A `:skip` that could not be read."""


class DemoClock:
    """now() = start + real time elapsed × speed + every skip so far."""

    def __init__(
        self,
        start: datetime,
        speed: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if start.tzinfo is None:
            raise ValueError("DemoClock needs an aware datetime")
        if speed < 0:
            raise ValueError("speed must not be negative")
        self._base = start.astimezone(UTC)
        self._monotonic = monotonic
        self._started = monotonic()
        self.speed = speed

    def now(self) -> datetime:
        """The demo's current instant."""
        elapsed = (self._monotonic() - self._started) * self.speed
        return self._base + timedelta(seconds=elapsed)

    def skip(self, delta: timedelta) -> None:
        """Jump forward."""
        if delta < timedelta(0):
            raise SkipError("time only moves forward here")
        self._base += delta

    def skip_command(self, text: str, zone: ZoneInfo) -> timedelta:
        """`1h`, `30m`, `2d` or `to 20:30` (the next such time in `zone`): jump at once;
        returns the jump. (DemoWorld.advance walks there instead, so nothing due is missed.)"""
        delta = self.parse_skip(text, zone)
        self.skip(delta)
        return delta

    def parse_skip(self, text: str, zone: ZoneInfo) -> timedelta:
        """How far `1h`, `30m`, `2d` or `to 20:30` (the next such time in `zone`) is from now;
        raises SkipError for anything else."""
        cleaned = " ".join(text.strip().lower().split())
        by = SKIP_BY.match(cleaned)
        if by:
            delta = timedelta(**{UNITS[by.group(2)]: min(float(by.group(1)), 10**7)})
            if delta > MAX_SKIP:
                raise SkipError("that's a long way: skip at most a year at a time")
        else:
            to = SKIP_TO.match(cleaned)
            if not to or int(to.group(1)) > 23 or int(to.group(2)) > 59:
                raise SkipError("try :skip 1h, :skip 30m, :skip 2d or :skip to 20:30")
            local = self.now().astimezone(zone)
            target = local.replace(
                hour=int(to.group(1)), minute=int(to.group(2)), second=0, microsecond=0
            )
            if target <= local:
                target += timedelta(days=1)
            delta = target.astimezone(UTC) - self.now()
        return delta
