"""Engine and session factory, built from settings at start (never at import)."""

from __future__ import annotations

import asyncio
import os
import stat
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from db.onehop import use_one_trip_cursors


def is_sqlite(url: str) -> bool:
    """Whether a database URL names SQLite."""
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL (relative to the working directory), or None."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    use_one_trip_cursors(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # Erased text must not linger in free pages of the file.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_private(path: Path) -> None:
    """The database, its WAL and shared-memory file readable by their owner only (0600), in a
    data directory that only the owner can enter (0700, when the directory holds nothing but
    tend's files: a working or home directory is left as it is). The database file is made before
    SQLite opens it: SQLite gives its WAL and -shm files the database file's mode. Files from
    before are corrected."""
    if path.parent != Path():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Only a data directory of tend's own (nothing else in it, ours): never a home or /tmp.
        others = [p for p in path.parent.iterdir() if not p.name.startswith((path.name, "tend."))]
        if not others and path.parent.stat().st_uid == os.getuid():
            path.parent.chmod(0o700)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for file in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))):
        if file.exists() and stat.S_IMODE(file.stat().st_mode) != 0o600:
            file.chmod(0o600)


# On PostgreSQL nothing waits for ever: a lock still held after LOCK_TIMEOUT fails the statement
# (the person is told to send it again) and a transaction left idle is ended by the server, so a
# stuck connection can never hold everyone else's rows. SQLite's busy_timeout does the same there.
LOCK_TIMEOUT = "15s"
IDLE_IN_TRANSACTION_TIMEOUT = "5min"
APPLICATION_NAME = "tend"
# Seconds a pooled PostgreSQL connection may sit unused before it is checked at its next use.
PING_IDLE_AFTER = 10.0
# Connections one engine holds at most, all kept open once opened. SQLAlchemy's default (5, and
# 10 more "overflow" ones closed as soon as 5 sit idle) opened and closed connections through
# every burst, and on PostgreSQL a new connection prepares each statement again: with 15 kept,
# 300 people's burst in `bench updates` took 15% less CPU. docs/operating.md counts 15 per
# process against PostgreSQL's max_connections.
POOL_SIZE = 15


def create_engine(
    url: str,
    *,
    lock_timeout: str = LOCK_TIMEOUT,
    ping_idle_after: float = PING_IDLE_AFTER,
    **kwargs: Any,
) -> AsyncEngine:
    """Create the async engine; SQLite gets foreign keys, secure_delete and WAL; PostgreSQL
    sessions get a lock timeout and an idle-in-transaction timeout, and a pooled connection
    unused for `ping_idle_after` seconds is checked before use (`_ping_when_idle`). The pool
    keeps up to `POOL_SIZE` connections open (`kwargs` may say otherwise)."""
    in_memory = is_sqlite(url) and sqlite_path(url) is None  # one connection (StaticPool)
    if "poolclass" not in kwargs and not in_memory:
        kwargs.setdefault("pool_size", POOL_SIZE)
        kwargs.setdefault("max_overflow", 0)
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is not None:
            make_private(path)
        engine = create_async_engine(url, hide_parameters=True, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    settings = {
        "application_name": APPLICATION_NAME,  # how operators spot tend in pg_stat_activity
        "lock_timeout": lock_timeout,
        "idle_in_transaction_session_timeout": IDLE_IN_TRANSACTION_TIMEOUT,
    }
    kwargs.setdefault("connect_args", {}).setdefault("server_settings", {}).update(settings)
    engine = create_async_engine(url, hide_parameters=True, **kwargs)
    if not kwargs.get("pool_pre_ping"):
        _ping_when_idle(engine, ping_idle_after)
    return engine


def _ping_when_idle(engine: AsyncEngine, idle_after: float) -> None:
    """Check a pooled connection before use only when it sat unused for `idle_after` seconds.

    SQLAlchemy's `pool_pre_ping` checks every checkout; on asyncpg that is three round trips
    (BEGIN, an empty statement, ROLLBACK) before each transaction: with it, 300 people's burst
    in `bench updates` cost 3.5 ms of CPU per update, without it 2.8 ms (one run each,
    PostgreSQL). A connection in steady use is alive; one that waited through a quiet spell (a
    database restart, a server timeout) is checked and, if dead, replaced before anyone sees
    it, as `PoolEvents.checkout` documents for DisconnectionError. A connection that dies while
    in steady use fails one statement, and SQLAlchemy then throws away the pool's older
    connections."""
    pool = engine.sync_engine.pool
    dialect = engine.sync_engine.dialect

    def checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None or time.monotonic() - idle_since < idle_after:
            return  # new, or in steady use
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as exc:
            raise DisconnectionError("idle connection found dead") from exc

    event.listen(pool, "checkin", checked_in)
    event.listen(pool, "checkout", checkout)


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Session factory: one session per update or per dispatch batch. On SQLite, `begin()`
    transactions of this process run one at a time (see `OneWriterSessions`)."""
    if engine.dialect.name == "sqlite":
        return OneWriterSessions(engine, expire_on_commit=False)
    return async_sessionmaker(engine, expire_on_commit=False)


async def truncate_wal(engine: AsyncEngine) -> bool:
    """After an erasure on SQLite: copy the write-ahead log into the database (where
    secure_delete has zeroed the erased rows) and truncate it to nothing, so no old page of the
    erased person stays in the WAL. True when done; False when readers kept it from finishing
    (the next erasure or checkpoint does it) or on PostgreSQL (nothing to do here)."""
    if engine.dialect.name != "sqlite":
        return False
    async with engine.connect() as conn:
        busy, _, _ = (await conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))).one()
        await conn.commit()
    return not busy


class _Turn:
    """The writer's turn of one `begin()` block (see `OneWriterSessions`): the task that holds
    it, so a block opened inside another in the same task shares it (never waits for itself)."""

    __slots__ = ("lock", "task")

    def __init__(self, lock: asyncio.Lock) -> None:
        self.lock = lock
        self.task = asyncio.current_task()


# The outermost `begin()` block of this task holding the turn, if any.
_CURRENT_TURN: ContextVar[_Turn | None] = ContextVar("tend_sqlite_turn", default=None)


class OneWriterSessions(async_sessionmaker[AsyncSession]):
    """SQLite allows one writer at a time, and a writer that finds the file locked sleeps and
    polls (busy_timeout): with many updates at once some waited 10 s and failed with "database
    is locked". Here the `begin()` blocks of this process take turns on an asyncio lock
    instead, in arrival order, so none starves: a block waits for the turn when it begins and
    holds it until it commits or rolls back (one update's one short transaction; never while
    waiting for Telegram). A block opened inside another (same task) shares its turn.

    Sessions made without `begin()` (`Deps.reading`) never take the turn: WAL readers run beside
    the writer and see what was committed when they read. busy_timeout still covers other
    processes on the same file.

    Taking the turn only at a block's first write (so a block that only reads never waits) was
    tried and measured slower (`bench updates`, 2026-11-30, 300 people at once: p99 3.4 s
    against 2.4 s, 3.4 against 2.5 ms of CPU per update): watching every statement for the
    first write cost more than the waiting it saved, and more blocks open at once meant more
    driver threads taking turns on the GIL."""

    def begin(self) -> Any:
        """`async with sessions.begin() as session:`, in this process's writer turn."""
        return self._in_turn(super().begin())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.turn = asyncio.Lock()

    @asynccontextmanager
    async def _in_turn(self, inner: Any) -> AsyncIterator[AsyncSession]:
        held = _CURRENT_TURN.get()
        if held is not None and held.lock is self.turn and held.task is asyncio.current_task():
            async with inner as session:  # inside a block of ours: its turn is ours
                yield session
            return
        async with self.turn:
            token = _CURRENT_TURN.set(_Turn(self.turn))
            try:
                async with inner as session:
                    yield session
            finally:
                _CURRENT_TURN.reset(token)
