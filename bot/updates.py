"""Update processing: different chats side by side, each chat strictly in order.

PTB hands every update to an update processor (its extension point for concurrency). This one
keys updates by chat:

1. Flood control first: a person over their budget is answered once ("slow down") and the rest
   of their surplus is dropped here, before it waits in line or takes a worker. A chat never
   has more than `max_pending` updates waiting.
2. Then the chat's own lock: a person's second tap is handled after their first, whatever else
   is going on. Locks exist only while a chat has updates waiting or running.
3. Then one of `workers` slots (TEND_CONCURRENT_UPDATES): the bound on how many updates run at
   once. Waiting for Telegram's per-chat limit gives the slot back (see `WorkerSlot`), so a chat
   waiting for its turn at Telegram holds back only itself.

`process` is the one place where an update's handling starts and ends (for metrics).
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any, ClassVar

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.flood import FloodGuard, Verdict
from bot.limiter import WORKER_SLOT
from bot.shards import Shards, drain

log = logging.getLogger(__name__)

# PTB's own semaphore only bounds how many update tasks exist; the real bound is `workers`.
TASK_BOUND = 100_000

# With a single worker every update waits in this one line: strictly one at a time, in the
# order Telegram delivered them (PTB's default), only with floods still judged up front.
ONE_LINE = 0

Refuse = Callable[[Update, Verdict], Awaitable[None]]


class WorkerSlot:
    """One of the processor's worker slots, held by the update running in this task.

    `paused()` gives the slot back while the update only waits (Telegram's limits), and takes
    one again before it goes on."""

    def __init__(self, semaphore: asyncio.Semaphore) -> None:
        self._semaphore = semaphore
        self.held = False

    async def take(self) -> None:
        """Wait for a free slot."""
        await self._semaphore.acquire()
        self.held = True

    def give_back(self) -> None:
        """Free the slot (no-op when not held)."""
        if self.held:
            self.held = False
            self._semaphore.release()

    @asynccontextmanager
    async def paused(self) -> AsyncIterator[None]:
        """`async with slot.paused(): await wait()` runs the wait without holding a slot."""
        self.give_back()
        try:
            yield
        finally:
            await self.take()


class _ChatLine:
    __slots__ = ("lock", "pending")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.pending = 0


HELP_BUTTONS = ("hd:go", "hd:s:", "hd:tell:", "hd:any:", "safety:show")


def asks_for_help(update: Update) -> bool:
    """/hard, /safety, a grounding step or "let my partner know": flood control never keeps
    these out. They store nothing (telling is limited to once an hour by itself) and send one
    reply, so a flood of them costs little."""
    query = update.callback_query
    if query is not None:
        return (query.data or "").startswith(HELP_BUTTONS)
    message = update.message
    words = (message.text or "").split(maxsplit=1) if message is not None else []
    return bool(words) and words[0].split("@")[0] in ("/hard", "/safety")


def chat_key(update: object) -> int | None:
    """Which line an update waits in: its chat (or its sender); None runs it unordered."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


class ChatOrderedProcessor(BaseUpdateProcessor):
    """At most `workers` updates at once; one chat's updates one after another, in order.

    `flood` judges private updates before they queue; `refuse` (set once the bot exists) tells
    a person over the limit to slow down, and never raises."""

    # Every processor alive in this process, so the tests and the demo can wait until all of
    # them are idle (`all_idle`): with updates side by side, a later reply no longer proves
    # that earlier updates are done.
    _live: ClassVar[weakref.WeakSet[ChatOrderedProcessor]] = weakref.WeakSet()

    def __init__(self, workers: int, flood: FloodGuard, max_pending: int | None = None) -> None:
        super().__init__(TASK_BOUND)
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.flood = flood
        self.max_pending = max_pending or max(flood.burst, 1)
        self.refuse: Refuse | None = None
        # With TEND_UPDATE_PROCESSES above 1, in the front: other processes' chats go there.
        self.shards: Shards | None = None
        # In another update process: told of each update as it is taken (started or dropped).
        self.taken: Callable[[object], None] | None = None
        self._slots = asyncio.Semaphore(workers)
        self._lines: dict[int, _ChatLine] = {}
        self.running = 0  # updates whose handlers run now
        self.in_flight = 0  # updates handed to this processor and not finished
        self.dropped = 0
        ChatOrderedProcessor._live.add(self)

    @classmethod
    def all_idle(cls) -> bool:
        """Whether no processor in this process has an update in flight (tests, the demo)."""
        return all(processor.in_flight == 0 for processor in list(cls._live))

    async def wait_idle(self) -> None:
        """Wait until no update is in flight here (callers bound it with asyncio.timeout)."""
        while self.in_flight > 0:  # noqa: ASYNC110 - a counter, polled briefly by tests
            await asyncio.sleep(0.005)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release (updates in flight are awaited by PTB before this)."""

    def waiting(self, chat_id: int) -> int:
        """Updates of one chat waiting or running now."""
        line = self._lines.get(chat_id)
        return line.pending if line is not None else 0

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Hand another process's chat to it; else judge the flood, wait for the chat's turn,
        then for a worker slot, and run the update."""
        if self.shards is not None:
            # First, before any await: updates leave for their process in arrival order.
            stdin = self.shards.route(chat_key(update), update)
            if stdin is not None:
                _close(coroutine)
                await drain(stdin)
                return
        self.in_flight += 1
        try:
            await self._line_up(update, coroutine)
        finally:
            self.in_flight -= 1

    async def _line_up(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        if isinstance(update, Update) and not await self._admitted(update, key):
            if self.taken is not None:
                self.taken(update)
            _close(coroutine)
            return
        if self.workers == 1 and key is not None:
            key = ONE_LINE  # one worker: everyone in one line, in arrival order (as PTB does)
        if key is None:
            await self._run_in_slot(update, coroutine)
            return
        line = self._lines.get(key)
        if line is None:
            line = self._lines[key] = _ChatLine()
        line.pending += 1
        try:
            async with line.lock:
                await self._run_in_slot(update, coroutine)
        finally:
            line.pending -= 1
            if line.pending == 0 and self._lines.get(key) is line:
                del self._lines[key]

    async def _admitted(self, update: Update, key: int | None) -> bool:
        sender = update.effective_user
        chat = update.effective_chat
        if sender is None or chat is None or chat.type != "private":
            return True
        if asks_for_help(update):
            return True  # no limit stops a person asking for help (it stores nothing)
        verdict = self.flood.admit(sender.id)
        # (With one worker every update shares one line: only the flood bucket bounds a chat.)
        if verdict is Verdict.ADMIT and key is not None and self.waiting(key) >= self.max_pending:
            verdict = self.flood.silence(sender.id)
        if verdict is Verdict.ADMIT:
            return True
        self.dropped += 1
        if verdict is Verdict.WARN:
            log.info("updates.flood user=%s waiting=%s", sender.id, self.waiting(key or 0))
        if self.refuse is not None:
            # Outside the line and without a worker slot: it sends nothing, or one short reply
            # ("slow down" once per mute, the crisis reply at most once per mute).
            await self.refuse(update, verdict)
        return False

    async def _run_in_slot(self, update: object, coroutine: Awaitable[Any]) -> None:
        slot = WorkerSlot(self._slots)
        await slot.take()
        token = WORKER_SLOT.set(slot)
        try:
            await self.process(update, coroutine)
        finally:
            WORKER_SLOT.reset(token)
            slot.give_back()

    async def process(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run one update's handlers: where its processing starts and ends."""
        started = time.monotonic()
        if self.taken is not None:
            self.taken(update)
        self.running += 1
        try:
            await coroutine
        finally:
            self.running -= 1
            elapsed = time.monotonic() - started
            if elapsed > 5:
                update_id = update.update_id if isinstance(update, Update) else None
                log.warning("updates.slow update=%s seconds=%.1f", update_id, elapsed)


def _close(coroutine: Awaitable[Any]) -> None:
    """A dropped update's handler coroutine is never awaited: close it (no warning)."""
    if isinstance(coroutine, Coroutine):
        coroutine.close()
