"""Telegram's limits, kept by the bot itself: N messages/s overall, 1/s per chat (burst 3).

PTB's AIORateLimiter has no per-private-chat limit, so this replaces it. It also waits out a
429 (pausing every request), and retries 5xx and connection errors with backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from contextlib import AbstractAsyncContextManager
from contextvars import ContextVar
from datetime import timedelta
from typing import Any, Protocol

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

JSON = bool | dict[str, Any] | list[dict[str, Any]]
# Requests leave a little apart so they also arrive within the limit after network jitter.
WINDOW = 1.03


class CallObserver(Protocol):
    """Told about every Bot API call (the bot's metrics implement this)."""

    def telegram_call(self, method: str, seconds: float, outcome: str) -> None:
        """One request: its method, latency in seconds, "ok" or the error's type name."""

    def retry_after_paused(self, seconds: float) -> None:
        """A 429 answer and the seconds every request pauses for it."""


class Slot(Protocol):
    """A worker slot the caller holds (see bot/updates.py)."""

    def paused(self) -> AbstractAsyncContextManager[None]:
        """Give the slot back for the duration of a wait."""


# Set by the update processor around each update: a handler waiting here for Telegram's limits
# holds no worker, so other chats go on (its own chat still waits, in order).
WORKER_SLOT: ContextVar[Slot | None] = ContextVar("tend_worker_slot", default=None)


async def _without_slot(wait: Awaitable[Any]) -> None:
    slot = WORKER_SLOT.get()
    if slot is None:
        await wait
        return
    async with slot.paused():
        await wait


class ChatBucket:
    """A token bucket for one chat."""

    __slots__ = ("last", "lock", "tokens")

    def __init__(self, burst: float) -> None:
        self.tokens, self.last, self.lock = burst, time.monotonic(), asyncio.Lock()


class TendRateLimiter(BaseRateLimiter[int]):
    """Global sliding window plus per-chat token buckets; retries as described above."""

    def __init__(
        self,
        per_second: float = 30.0,
        per_chat: float = 1.0,
        chat_burst: int = 3,
        max_retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        self.per_second = per_second
        self.per_chat, self.chat_burst = per_chat, chat_burst
        self.max_retries, self.backoff = max_retries, backoff
        self.enabled = per_second > 0
        self._window: deque[float] = deque()
        self._next_slot = 0.0
        self._global = asyncio.Lock()
        self._chats: dict[int | str, ChatBucket] = {}
        self._open = asyncio.Event()
        self._open.set()
        self.retry_after_seen = 0
        self.observer: CallObserver | None = None

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    def set_rate(self, per_second: float) -> None:
        """Share of the overall budget for this process (processes share Telegram's 30/s)."""
        self.per_second = max(per_second, 1.0)

    def _bucket(self, chat_id: int | str) -> ChatBucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            if len(self._chats) > 50_000:  # forget idle chats; a full bucket holds no state
                self._prune()
            bucket = self._chats[chat_id] = ChatBucket(self.chat_burst)
        return bucket

    def _take_at_once(self, chat_id: int | str) -> bool:
        """Take both tokens now if no wait is needed (no await: nothing can slip in between)."""
        bucket = self._bucket(chat_id)
        if bucket.lock.locked() or self._global.locked():
            return False
        now = time.monotonic()
        tokens = min(self.chat_burst, bucket.tokens + (now - bucket.last) * self.per_chat / WINDOW)
        if tokens < 1 or self._global_wait(now) > 0:
            return False
        bucket.tokens, bucket.last = tokens - 1, now
        return True

    async def _take_chat_then_global(self, chat_id: int | str) -> None:
        bucket = self._bucket(chat_id)
        refill = self.per_chat / WINDOW  # a shade under the limit, for network jitter
        # The chat's lock is held through the global wait and the token is taken at departure,
        # so the bucket sees the times Telegram will see (and a chat's messages keep order).
        async with bucket.lock:
            while True:
                now = time.monotonic()
                tokens = min(self.chat_burst, bucket.tokens + (now - bucket.last) * refill)
                if tokens >= 1:
                    break
                await asyncio.sleep((1 - tokens) / refill)
            await self._take_global()
            now = time.monotonic()
            bucket.tokens = min(self.chat_burst, bucket.tokens + (now - bucket.last) * refill) - 1
            bucket.last = now

    def _prune(self) -> None:
        now = time.monotonic()
        idle = [
            key
            for key, b in self._chats.items()
            if not b.lock.locked() and now - b.last > self.chat_burst / self.per_chat
        ]
        for key in idle:
            del self._chats[key]

    async def _take_global(self) -> None:
        # Evenly spaced departures (not bursts of N then a pause): arrivals stay under N per
        # second at Telegram even when the network or the event loop adds some jitter. Slots
        # are planned times, so a late wake-up does not push every later message back.
        async with self._global:
            while True:
                now = time.monotonic()
                wait = self._global_wait(now)
                if wait <= 0:
                    return
                await asyncio.sleep(wait)

    def _global_wait(self, now: float) -> float:
        """Seconds until the next global slot; 0 means it was free and is now taken."""
        while self._window and now - self._window[0] >= WINDOW:
            self._window.popleft()
        slot = max(now, self._next_slot)
        if len(self._window) >= self.per_second:
            slot = max(slot, self._window[0] + WINDOW)
        if slot > now:
            return slot - now
        self._window.append(now)
        self._next_slot = max(
            self._next_slot + WINDOW / self.per_second, now - WINDOW / self.per_second
        )
        return 0.0

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSON:
        """Wait for the limits, make the call, handle 429 / 5xx / connection errors."""
        if endpoint == "setMessageReaction":
            # No message: a quiet sign on the person's own (bot.handlers.fallback), best effort.
            # It never waits for the chat's one message a second (a crisis reply in the same
            # chat would wait behind a row of them), is never retried, and a 429 on it pauses
            # nothing else; its caller logs a refusal and lets it be.
            return await self._call(endpoint, callback, args, kwargs)
        chat_id = data.get("chat_id")
        for attempt in range(self.max_retries + 1):
            if not self._open.is_set():
                await _without_slot(self._open.wait())
            if self.enabled and chat_id is not None and not self._take_at_once(chat_id):
                # A wait: an update's worker slot is given back meanwhile and taken again
                # before the call (its chat's later updates still wait behind it, in order).
                await _without_slot(self._take_chat_then_global(chat_id))
            try:
                return await self._call(endpoint, callback, args, kwargs)
            except RetryAfter as exc:
                self.retry_after_seen += 1
                pause = _seconds(exc.retry_after) + 0.1
                last = attempt == self.max_retries
                if self.observer is not None:
                    self.observer.retry_after_paused(0.0 if last else pause)
                if last:
                    raise
                log.warning("telegram.retry_after endpoint=%s seconds=%.1f", endpoint, pause)
                self._open.clear()
                try:
                    await _without_slot(asyncio.sleep(pause))
                finally:
                    self._open.set()
            except (BadRequest, Forbidden, TimedOut):
                raise  # final answers (or possibly delivered): the caller decides
            except NetworkError as exc:
                if attempt == self.max_retries:
                    raise
                delay = self.backoff * 2**attempt
                log.warning(
                    "telegram.retry endpoint=%s error=%s delay=%.1f",
                    endpoint,
                    type(exc).__name__,
                    delay,
                )
                await _without_slot(asyncio.sleep(delay))
        raise AssertionError("unreachable")

    async def _call(
        self,
        endpoint: str,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
    ) -> JSON:
        if self.observer is None:
            return await callback(*args, **kwargs)
        started = time.perf_counter()
        outcome = "ok"
        try:
            return await callback(*args, **kwargs)
        except Exception as exc:
            outcome = type(exc).__name__
            raise
        finally:
            self.observer.telegram_call(endpoint, time.perf_counter() - started, outcome)


def _seconds(value: int | float | timedelta) -> float:
    with contextlib.suppress(AttributeError):
        return float(value.total_seconds())  # type: ignore[union-attr]
    return float(value)  # type: ignore[arg-type]
