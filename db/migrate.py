"""Apply Alembic migrations from code: at start, and from `tend db upgrade`."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import time
from collections.abc import AsyncIterator, Iterator
from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db.session import sqlite_path

log = logging.getLogger(__name__)

# Any constant works; it only has to be the same in every tend process on one database.
ADVISORY_LOCK_ID = 7_311_042_026

# How long a starting process waits for another one's migration before giving up.
MIGRATION_WAIT = "5min"

# Alembic keeps its context in module globals: one migration at a time per process.
_in_process = asyncio.Lock()


@contextlib.contextmanager
def _file_lock(path: Path | None) -> Iterator[None]:
    """On SQLite, processes starting together take turns through a lock file beside the data."""
    if path is None:
        yield
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = os.open(path.with_name(path.name + ".migrate-lock"), os.O_WRONLY | os.O_CREAT, 0o600)
    with os.fdopen(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def alembic_config() -> Config:
    """An Alembic config that finds the migrations inside the installed package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(files("db") / "migrations"))
    return cfg


def head_revision() -> str | None:
    """The newest revision the package ships."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _run(connection: Connection, target: str, direction: str) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    if direction == "up":
        command.upgrade(cfg, target)
    else:
        command.downgrade(cfg, target)


@contextlib.asynccontextmanager
async def _foreign_keys_off(conn: AsyncConnection) -> AsyncIterator[None]:
    """On SQLite, a migration that rebuilds a table (batch mode) drops the old one: with foreign
    keys on, that would cascade and delete every row that points at it. Off while migrating
    (SQLite reads the pragma only outside a transaction), checked and on again afterwards."""
    if conn.dialect.name != "sqlite":
        yield
        return
    await conn.execute(text("PRAGMA foreign_keys=OFF"))
    await conn.commit()
    try:
        yield
        broken = (await conn.execute(text("PRAGMA foreign_key_check"))).all()
        if broken:
            raise RuntimeError(f"migration left {len(broken)} rows pointing nowhere")
    finally:
        await conn.rollback()
        await conn.execute(text("PRAGMA foreign_keys=ON"))
        await conn.commit()


async def upgrade(engine: AsyncEngine, target: str = "head") -> None:
    """Bring the schema to `target`; processes starting together never race (see the locks)."""
    started = time.perf_counter()
    lock_file = sqlite_path(str(engine.url)) if engine.dialect.name == "sqlite" else None
    async with _in_process:
        with _file_lock(lock_file):
            async with engine.connect() as conn, _foreign_keys_off(conn), conn.begin():
                if engine.dialect.name == "postgresql":
                    # Another process may be migrating: wait for it longer than for a row lock.
                    await conn.execute(text(f"SET LOCAL lock_timeout = '{MIGRATION_WAIT}'"))
                    # Transaction-scoped: released by the commit, even if this process dies.
                    await conn.execute(
                        text("SELECT pg_advisory_xact_lock(:id)"), {"id": ADVISORY_LOCK_ID}
                    )
                await conn.run_sync(_run, target, "up")
    log.info("db.migrated target=%s ms=%d", target, (time.perf_counter() - started) * 1000)


async def downgrade(engine: AsyncEngine, target: str) -> None:
    """Step the schema down to `target` (used by the stairway test and by operators)."""
    async with _in_process, engine.connect() as conn, _foreign_keys_off(conn), conn.begin():
        await conn.run_sync(_run, target, "down")
