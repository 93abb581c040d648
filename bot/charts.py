"""Weekly charts for scheduled summaries: drawn once per couple and week, off the event loop.

Both partners' weekly charts show the same thing (only revealed rounds, never an answer kept
private: see core/summary.py), so the chart is drawn once, uploaded with the first partner's
summary, and sent to the second by the file_id Telegram gave back. Charts are drawn in a small
process pool (`ChartPool`) so matplotlib never holds the event loop's GIL.

What is kept (`ChartCache`): per couple and chart, the PNG (numbers, no words) and its file_id,
until both partners had it or `KEEP` passed, whichever is first; the key holds a digest of the
chart's numbers, so a changed picture (a new answer, an unlink, an erasure) never matches an
old entry, and `forget` drops a person's entries at once.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import multiprocessing
import os
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Final

KEEP: Final = 30 * 60.0  # seconds an entry may wait for the second partner
UPLOAD_WAIT: Final = 60.0  # seconds the second partner waits for the first one's upload


@dataclass(frozen=True)
class ChartSpec:
    """What a chart shows: line label -> dimension -> weekly values (None = gap), the week
    labels, subplot titles, the text for an empty chart, and whether it has a legend."""

    series: Mapping[str, Mapping[str, Sequence[float | None]]]
    week_labels: Sequence[str]
    titles: Mapping[str, str]
    empty_text: str = ""
    legend: bool = True

    def digest(self) -> str:
        """A stable hash of everything drawn (hex)."""
        raw = json.dumps(
            [self.series, self.week_labels, self.titles, self.empty_text, self.legend],
            sort_keys=True,
        )
        return hashlib.sha256(raw.encode()).hexdigest()


def _draw(spec: ChartSpec) -> bytes:
    from core.chart import paint  # matplotlib loads in the worker, not in the bot's process

    return paint(spec.series, spec.week_labels, spec.titles, spec.empty_text, spec.legend)


def _warm() -> None:
    import core.chart  # noqa: F401 - import matplotlib once, when the worker starts


class ChartPool:
    """At most `workers` processes drawing charts (default: one per spare core, at most 2).
    Without `start` (tests of other things, `workers=0`), charts are drawn in a thread."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers if workers is not None else max(1, min(2, (os.cpu_count() or 2) - 1))
        self._pool: ProcessPoolExecutor | None = None
        self._starting: asyncio.Future[ProcessPoolExecutor] | None = None
        self._enabled = False

    def start(self) -> None:
        """Allow worker processes (spawned: a clean interpreter, no copy of the bot). They are
        started at the first chart, not now: a process that never draws one (most of the week,
        or one that only sends nudges) has no children that could outlive it after a kill -9
        and hold its output pipes open."""
        self._enabled = self.workers > 0

    def _spawn(self) -> ProcessPoolExecutor:
        """A pool with its workers started (blocking: about 0.1 s of CPU per worker, so it
        runs in a thread, not in a step of the event loop)."""
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(self.workers, context, initializer=_warm)
        for _ in range(self.workers):
            pool.submit(_warm)  # each submit starts a worker while none is idle
        return pool

    async def _executor(self) -> ProcessPoolExecutor | None:
        if self._pool is None and self._enabled:
            if self._starting is None:
                self._starting = asyncio.ensure_future(asyncio.to_thread(self._spawn))
            pool = await asyncio.shield(self._starting)
            if self._pool is None and self._enabled:
                self._pool = pool
        return self._pool

    async def draw(self, spec: ChartSpec) -> bytes:
        """The chart's PNG, drawn in a worker process (or a thread before `start`)."""
        pool = await self._executor()
        if pool is None:
            return await asyncio.to_thread(_draw, spec)
        return await asyncio.get_running_loop().run_in_executor(pool, _draw, spec)

    async def stop(self) -> None:
        """Stop the workers (charts being drawn are finished first)."""
        pool, self._pool = self._pool, None
        starting, self._starting = self._starting, None
        self._enabled = False
        if pool is None and starting is not None:
            pool = await asyncio.shield(starting)  # a pool still starting is stopped too
        if pool is not None:
            await asyncio.to_thread(pool.shutdown, True, cancel_futures=True)


@dataclass
class _Entry:
    people: frozenset[int]
    png: asyncio.Task[bytes]
    born: float
    uploaded: asyncio.Future[str | None] = field(default_factory=asyncio.Future)
    uploader: int | None = None
    served: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Photo:
    """What to send: `file_id` when the chart was already uploaded, else the PNG `data`;
    `upload` says this send's answer should be reported back with `ChartCache.uploaded`."""

    data: bytes | None
    file_id: str | None
    upload: bool

    @property
    def input(self) -> str | bytes:
        """What send_photo takes: the file_id, else the PNG."""
        if self.file_id is not None:
            return self.file_id
        assert self.data is not None
        return self.data


class ChartCache:
    """One chart per couple and picture, drawn once and uploaded once (see the module doc)."""

    def __init__(
        self,
        draw: Callable[[ChartSpec], Awaitable[bytes]],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._draw = draw
        self._clock = clock
        self._entries: dict[tuple[frozenset[int], str], _Entry] = {}
        self.drawn = 0  # charts drawn since start (the benchmark reads it)

    def _expire(self) -> None:
        now = self._clock()
        for key, entry in list(self._entries.items()):
            if now - entry.born > KEEP:
                self._drop(key)

    def _drop(self, key: tuple[frozenset[int], str]) -> None:
        entry = self._entries.pop(key)
        if not entry.uploaded.done():
            entry.uploaded.set_result(None)

    def held(self) -> int:
        """How many charts are kept now."""
        self._expire()
        return len(self._entries)

    def forget(self, user_id: int) -> None:
        """Drop every chart that shows `user_id` (unlinked, erased)."""
        for key, entry in list(self._entries.items()):
            if user_id in entry.people:
                self._drop(key)

    async def photo(self, user_id: int, people: Sequence[int], spec: ChartSpec) -> Photo:
        """The chart for `user_id`, shared by `people` (the couple; one person draws alone)."""
        self._expire()
        if len(people) < 2:
            self.drawn += 1
            return Photo(await self._draw(spec), None, upload=False)
        key = (frozenset(people), spec.digest())
        entry = self._entries.get(key)
        if entry is None:
            self.drawn += 1
            task = asyncio.ensure_future(self._draw(spec))
            entry = _Entry(frozenset(people), task, self._clock())
            self._entries[key] = entry
        entry.served.add(user_id)
        if entry.uploader is not None and entry.uploader != user_id:
            try:
                file_id = await asyncio.wait_for(asyncio.shield(entry.uploaded), UPLOAD_WAIT)
            except TimeoutError:
                file_id = None
            if file_id is not None:
                if entry.served >= entry.people and self._entries.get(key) is entry:
                    self._drop(key)  # both partners have it: nothing left to keep
                return Photo(None, file_id, upload=False)
        entry.uploader = user_id
        return Photo(await asyncio.shield(entry.png), None, upload=True)

    def uploaded(
        self, user_id: int, people: Sequence[int], spec: ChartSpec, file_id: str | None
    ) -> None:
        """Report the upload's file_id (None when it failed) so the partner's copy can use it."""
        entry = self._entries.get((frozenset(people), spec.digest()))
        if entry is None or entry.uploader != user_id or entry.uploaded.done():
            return
        entry.uploaded.set_result(file_id)
        if file_id is None:
            entry.uploaded = asyncio.Future()  # the partner uploads the bytes instead
            entry.uploader = None
