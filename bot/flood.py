"""Per-person flood control: a token bucket per sender, measured on the monotonic clock.

A person can tap and type as fast as people do; a script sending a hundred messages a second
gets one "slow down" reply and is then not read for a few seconds. The update processor
(`bot/updates.py`) asks before an update waits in line, so a flood never takes a worker.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class Verdict(Enum):
    """What to do with one update."""

    ADMIT = "admit"
    WARN = "warn"  # the first one over the limit: say "slow down" once
    DROP = "drop"


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    muted_until: float = 0.0
    crisis_told_until: float = 0.0


class FloodGuard:
    """`burst` updates at once, then `rate` a second; over that, `mute` seconds of silence."""

    def __init__(
        self,
        burst: int = 40,
        rate: float = 10.0,
        mute: float = 10.0,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.burst, self.rate, self.mute, self._now = burst, rate, mute, now
        self._buckets: dict[int, _Bucket] = {}

    def admit(self, sender: int) -> Verdict:
        """Count one update from `sender`."""
        now = self._now()
        bucket = self._buckets.get(sender)
        if bucket is None:
            if len(self._buckets) > 10_000:
                self._forget_idle(now)
            bucket = self._buckets[sender] = _Bucket(tokens=float(self.burst), stamp=now)
        if now < bucket.muted_until:
            return Verdict.DROP
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return Verdict.ADMIT
        bucket.muted_until = now + self.mute
        return Verdict.WARN

    def silence(self, sender: int) -> Verdict:
        """Mute `sender` now as if their budget ran out (too many of theirs are waiting):
        WARN the first time, DROP while already muted."""
        now = self._now()
        bucket = self._buckets.setdefault(sender, _Bucket(tokens=0.0, stamp=now))
        if now < bucket.muted_until:
            return Verdict.DROP
        bucket.tokens, bucket.stamp, bucket.muted_until = 0.0, now, now + self.mute
        return Verdict.WARN

    def crisis_reply_due(self, sender: int) -> bool:
        """Whether a dropped message with words of danger from `sender` gets the crisis reply:
        yes, and then not again while this mute lasts (one reply per flood, not a hundred)."""
        now = self._now()
        bucket = self._buckets.get(sender)
        if bucket is None:
            return True
        if now < bucket.crisis_told_until:
            return False
        bucket.crisis_told_until = max(bucket.muted_until, now + self.mute)
        return True

    def _forget_idle(self, now: float) -> None:
        """Drop buckets that are full again and not muted (they hold nothing worth keeping)."""
        idle = self.burst / self.rate
        for sender in [s for s, b in self._buckets.items() if now - b.stamp > max(idle, 60)]:
            if self._buckets[sender].muted_until <= now:
                del self._buckets[sender]
