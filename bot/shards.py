"""More than one process taking updates (TEND_UPDATE_PROCESSES=N, PostgreSQL only).

One process is not enough when many people tap at the same moment: every update costs a few
milliseconds of one core (docs/scaling.md). With N processes:

- **The front** (`tend run`) receives every update (long polling or the webhook), as always. It
  keeps a chat's updates when `chat_id % N == 0` and writes every other update, as one line of
  JSON, to the standard input of process `chat_id % N`; that is all it does with them.
- **A shard** (`tend shard K N`, started by the front, never by hand) reads those lines and
  hands each update to its own application: the same handlers, the same chat-ordered
  processing and flood control. It sends no scheduled messages, sets no menus.

A chat's updates always go to the same process, in the order they came, so each chat stays in
order. What one process keeps in memory is per person or per chat (flood buckets, partner
notices from the sender's actions, the visit cache), so it stays right. What two chats share
(a couple's round, its reveal, reminders) lives in PostgreSQL, under the row locks the one
process already needed.

Each shard says on its standard output which updates it has taken (their handlers started, or
flood control dropped them). A shard that exits is started again (after a pause that grows to
`RESTART_MAX` seconds); the updates it had been given but not taken are handled by the front,
as are its chats meanwhile. An update that was being handled when its process died is lost, as
in any process killed mid-work (logged with a count, never its words). When the front stops, it
closes each shard's input: the shard finishes what it holds and exits. A shard whose front is
gone sees its input end and exits too. A shard ignores Ctrl+C (the front stops it) and, sent
SIGTERM itself, stops reading and exits after STOP_WAIT seconds at most.

Telegram's overall send budget (TEND_SEND_RATE) is split evenly: each of the N processes keeps
1/N of it, the front's dispatcher included.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import SecretStr
from telegram import Update

from bot.metrics import Metrics
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.context import TendApp

log = logging.getLogger(__name__)

# Longest line a shard reads: an update is a few kilobytes at most (4,096 characters of text).
LINE_LIMIT = 1 << 20
RESTART_FIRST = 1.0  # seconds before a shard that exited is started again
RESTART_MAX = 30.0  # the pause doubles each time it exits again soon, up to this
STOP_WAIT = 30.0  # seconds a shard has to finish what it holds once its input ends
SETTLED = 60.0  # a shard running this long resets the pause
READY_WAIT = 120.0  # seconds the front waits for a shard to say it is ready before polling
READY = b"ready\n"  # what a shard writes to its standard output once it takes updates


def owner(key: int, processes: int) -> int:
    """The process (0 = the front) that handles chat `key`: `key % processes` (never negative:
    group chat ids are, and Python's % keeps the result in 0..processes-1)."""
    return key % processes


def shard_settings(settings: Settings, index: int) -> Settings:
    """What shard `index` runs with: no dispatcher, and with TEND_METRICS_PORT its own port
    (TEND_METRICS_PORT + index; 0 stays 0, any free port)."""
    port = settings.metrics_port
    if port:
        port += index
    return settings.model_copy(update={"dispatch": False, "metrics_port": port})


def environment(settings: Settings) -> dict[str, str]:
    """The process environment for a shard: this one's, with every setting written out as its
    TEND_* variable (so a shard runs with exactly the front's settings, however they were given)
    and settings that are unset removed."""
    env = dict(os.environ)
    for name, value in settings.model_dump().items():
        variable = f"TEND_{name.upper()}"
        if value is None:
            env.pop(variable, None)
        elif isinstance(value, SecretStr):
            env[variable] = value.get_secret_value()
        elif isinstance(value, bool):
            env[variable] = "true" if value else "false"
        else:
            env[variable] = str(value)
    return env


@dataclass
class _Shard:
    index: int
    process: asyncio.subprocess.Process | None = None
    watcher: asyncio.Task[None] | None = field(default=None, repr=False)
    # Reads the shard's output: READY, then the id of each update it has taken.
    reader: asyncio.Task[None] | None = field(default=None, repr=False)
    ready: asyncio.Event = field(default_factory=asyncio.Event, repr=False)
    # Updates written to it and not yet taken, in the order they were written.
    untaken: dict[int, Update] = field(default_factory=dict, repr=False)


class Shards:
    """The front's side: starts processes 1..N-1, hands them their chats' updates, restarts
    one that exits, stops them. `route(update)` is called by the update processor for every
    update before anything else happens to it."""

    def __init__(
        self, settings: Settings, command: list[str] | None = None, metrics: Metrics | None = None
    ) -> None:
        self.processes = settings.update_processes
        self.metrics = metrics
        self._env = environment(settings)
        # How a shard is started (tests may point it elsewhere); its index and N are appended.
        self._command = command or [sys.executable, "-m", "bot", "shard"]
        self._shards = [_Shard(index) for index in range(1, self.processes)]
        self._stopping = False
        # Where the updates a dead shard never took go (set by the bot: its own update queue).
        self.replay: Callable[[Update], Awaitable[None]] | None = None

    async def start(self) -> None:
        """Start every shard and wait until each is ready (a second or two: an interpreter, the
        database), up to READY_WAIT seconds; a shard later than that is waited for by its input
        (what arrives for it queues there)."""
        cores = os.cpu_count() or 1
        if self.processes > cores:
            log.warning("shards.more_than_cores processes=%s cores=%s", self.processes, cores)
        for shard in self._shards:
            await self._spawn(shard)
        await asyncio.gather(*(self._ready(shard) for shard in self._shards))
        for shard in self._shards:
            shard.watcher = asyncio.create_task(self._watch(shard), name=f"shard-{shard.index}")

    async def _ready(self, shard: _Shard) -> None:
        try:
            await asyncio.wait_for(shard.ready.wait(), READY_WAIT)
        except TimeoutError:
            log.warning("shards.not_ready shard=%s", shard.index)

    async def _read(self, shard: _Shard, process: asyncio.subprocess.Process) -> None:
        """Follow one shard process's output until it ends: READY, then taken update ids."""
        assert process.stdout is not None
        while line := await process.stdout.readline():
            if line == READY:
                shard.ready.set()
                continue
            with contextlib.suppress(ValueError):
                shard.untaken.pop(int(line), None)
        shard.ready.set()  # ended before it was ready: nobody waits for it any longer

    async def _spawn(self, shard: _Shard) -> None:
        shard.process = await asyncio.create_subprocess_exec(
            *self._command,
            str(shard.index),
            str(self.processes),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,  # READY, then the ids of updates taken
            env=self._env,
            limit=LINE_LIMIT,
        )
        shard.ready = asyncio.Event()
        shard.reader = asyncio.create_task(self._read(shard, shard.process))
        log.info("shards.started shard=%s pid=%s", shard.index, shard.process.pid)

    async def _watch(self, shard: _Shard) -> None:
        pause = RESTART_FIRST
        loop = asyncio.get_running_loop()
        while not self._stopping:
            process = shard.process
            assert process is not None
            started = loop.time()
            code = await process.wait()
            if self._stopping:
                return
            log.error("shards.exited shard=%s code=%s", shard.index, code)
            if shard.reader is not None:
                await shard.reader  # every id it wrote before it ended has been read
            await self._take_back(shard)
            if loop.time() - started > SETTLED:
                pause = RESTART_FIRST
            await asyncio.sleep(pause)
            pause = min(pause * 2, RESTART_MAX)
            if self._stopping:
                return
            await self._spawn(shard)
            await self._ready(shard)

    async def _take_back(self, shard: _Shard) -> None:
        """Handle here, in their order, the updates a shard that ended had not taken."""
        untaken = list(shard.untaken.values())
        shard.untaken.clear()
        if untaken:
            log.warning("shards.taken_back shard=%s updates=%s", shard.index, len(untaken))
        if self.replay is not None:
            for update in untaken:
                await self.replay(update)

    def route(self, key: int | None, update: object) -> asyncio.StreamWriter | None:
        """Hand `update` (of chat `key`) to the process that owns the chat: returns the shard's
        input to drain when it was written there, None when this process handles it (its own
        chats, updates of no chat, and any chat whose shard is not running right now). Writes
        synchronously, so updates leave in the order they arrived."""
        if key is None or not isinstance(update, Update):
            return None
        index = owner(key, self.processes)
        if index == 0:
            return None
        shard = self._shards[index - 1]
        process = shard.process
        stdin = process.stdin if process is not None else None
        if process is None or process.returncode is not None or stdin is None:
            return None
        if stdin.is_closing():
            return None
        stdin.write(update.to_json().encode() + b"\n")
        shard.untaken[update.update_id] = update
        if self.metrics is not None:
            self.metrics.forwarded.labels(str(index)).inc()
        return stdin

    def pids(self) -> dict[int, int]:
        """The running shards' process ids."""
        return {
            shard.index: shard.process.pid
            for shard in self._shards
            if shard.process is not None and shard.process.returncode is None
        }

    async def stop(self) -> None:
        """Close every shard's input and wait for it to finish what it holds and exit (killed
        after STOP_WAIT seconds)."""
        if self._stopping:
            return
        self._stopping = True
        for shard in self._shards:
            if shard.watcher is not None:
                shard.watcher.cancel()
            process = shard.process
            if process is not None and process.stdin is not None:
                process.stdin.close()
        for shard in self._shards:
            process = shard.process
            if process is None:
                continue
            try:
                code = await asyncio.wait_for(process.wait(), STOP_WAIT)
            except TimeoutError:
                log.warning("shards.killed shard=%s", shard.index)
                process.kill()
                code = await process.wait()
            log.info("shards.stopped shard=%s code=%s", shard.index, code)


async def drain(stdin: asyncio.StreamWriter) -> None:
    """Wait until a shard has room for more (its pipe holds about 64 KB); a shard that exited
    meanwhile loses what was written (logged by its watcher)."""
    with contextlib.suppress(ConnectionError):
        await stdin.drain()


def run_shard(settings: Settings, index: int, processes: int) -> None:
    """A shard's process: build the bot without a poller and feed it the updates its front
    writes to standard input, until that ends. Refuses a bad index (ValueError)."""
    from bot.app import build_application, prepare_keys

    if not 1 <= index < processes or processes != settings.update_processes:
        raise ValueError(
            f"update process {index} of {processes} does not match TEND_UPDATE_PROCESSES="
            f"{settings.update_processes} (these are started by the bot itself, not by hand)"
        )
    settings = shard_settings(settings, index)
    prepare_keys(settings)
    app = build_application(settings, shard=index)
    processor = app.bot_data.deps.updates if app.bot_data.deps is not None else None
    if processor is not None:
        processor.taken = _say_taken
    asyncio.run(_serve(app, index))


def _say_taken(update: object) -> None:
    """Tell the front this update is taken (its handlers started, or it was dropped)."""
    if isinstance(update, Update):
        with contextlib.suppress(OSError):  # the front is gone: nobody to tell
            os.write(sys.stdout.fileno(), b"%d\n" % update.update_id)


async def _serve(tend_app: TendApp, index: int) -> None:
    from bot.app import start, stop

    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=LINE_LIMIT)
    # Ctrl+C reaches the whole process group: the front stops first and then closes this
    # input, so the shard finishes every update it was given. SIGTERM sent to the shard itself
    # (or to everyone, by a service manager) ends its input after STOP_WAIT at the latest.
    loop.add_signal_handler(signal.SIGINT, lambda: None)
    loop.add_signal_handler(signal.SIGTERM, lambda: loop.call_later(STOP_WAIT, reader.feed_eof))
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    try:
        await start(tend_app, poll=False)
    except BaseException:
        await stop(tend_app)  # release what post_init opened before it failed
        raise
    os.write(sys.stdout.fileno(), READY)
    log.info("shards.ready shard=%s", index)
    received = 0
    try:
        while True:
            try:
                line = await reader.readline()
            except ValueError:  # longer than LINE_LIMIT: skipped, the rest still read
                log.warning("shards.line_too_long shard=%s", index)
                continue
            if not line:
                break
            try:
                update = Update.de_json(json.loads(line), tend_app.bot)
            except (ValueError, TypeError, KeyError):
                log.warning("shards.bad_update shard=%s", index)
                continue
            received += 1
            await tend_app.update_queue.put(update)
    finally:
        await stop(tend_app)
        log.info("shards.done shard=%s updates=%s", index, received)
