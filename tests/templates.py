"""Migrated databases for tests, without migrating for every test (and one TLS context).

Running every migration takes most of a second (more on a busy machine), and nearly every test
wants a freshly migrated, empty database. So each test process migrates once per backend: on
SQLite into a template file that each test copies; on PostgreSQL in its own database, whose rows
are deleted (and sequences restarted) before each test. Whenever the PostgreSQL schema is not the
one the migrations made (a migration test left it empty, half-way or downgraded), it is rebuilt.
"""

from __future__ import annotations

import functools
import shutil
import ssl
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx._transports.default as httpx_transports
import pytest
from httpx._config import create_ssl_context as _create_ssl_context
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from db import migrate
from db.session import create_engine

_sqlite_template: Path | None = None
# The tables the migrations made in this process's PostgreSQL database, once they have run.
_postgres_tables: set[str] | None = None
_head: str | None = None


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await migrate.upgrade(engine)
        if engine.dialect.name == "sqlite":  # all in the main file, nothing left in the WAL
            async with engine.connect() as conn:
                await conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    finally:
        await engine.dispose()


async def fresh_sqlite(path: Path, factory: pytest.TempPathFactory) -> str:
    """A copy of this process's migrated SQLite template at `path` (made on first use, 0600 in
    a 0700 directory, as the bot makes them); its URL."""
    global _sqlite_template
    if _sqlite_template is None:
        template = factory.mktemp("template") / "data" / "tend.db"
        await _migrate(f"sqlite+aiosqlite:///{template}")
        _sqlite_template = template
    _copy(_sqlite_template, path)
    return f"sqlite+aiosqlite:///{path}"


def _copy(template: Path, path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    path.chmod(0o600)


async def _tables(url: str) -> set[str]:
    """The public tables of the database."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            query = text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            return set((await conn.execute(query)).scalars())
    finally:
        await engine.dispose()


async def end_tend_sessions(conn: AsyncConnection) -> None:
    """End tend's sessions left on this database by an earlier test (a process killed or
    stuck), and let anything else that still holds a lock fail this transaction after 30 s
    instead of waiting for ever."""
    await conn.execute(
        text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = 'tend'"
        )
    )
    await conn.execute(text("SET LOCAL lock_timeout = '30s'"))


async def _empty_if_migrated(url: str, migrated: set[str] | None, head: str | None) -> bool:
    """If the database holds exactly the `migrated` tables at revision `head`, delete every
    row but the Alembic revision and restart every sequence (for a few rows, far quicker than
    TRUNCATE) and say True; else change nothing and say False. tend sessions left by an earlier
    test are ended first, so none holds a lock."""
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await end_tend_sessions(conn)
            query = text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            tables = set((await conn.execute(query)).scalars())
            if tables != migrated or "alembic_version" not in tables:
                return False
            version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
            if version != head:
                return False
            # Foreign keys are not checked while deleting: every table ends up empty anyway.
            await conn.execute(text("SET LOCAL session_replication_role = replica"))
            quote = conn.dialect.identifier_preparer.quote
            for table in sorted(tables - {"alembic_version"}):
                await conn.execute(text(f"DELETE FROM {quote(table)}"))
            query = text("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")
            for sequence in list((await conn.execute(query)).scalars()):
                await conn.execute(text(f"ALTER SEQUENCE {quote(sequence)} RESTART"))
            return True
    finally:
        await engine.dispose()


async def clean_postgres(url: str, reset: Callable[[str], Awaitable[None]]) -> None:
    """Leave the PostgreSQL database of `url` migrated to the newest revision with no rows:
    emptied in place when its schema is the migrated one, else `reset` (an empty schema) and
    migrated again."""
    global _postgres_tables, _head
    _head = _head or migrate.head_revision()
    if await _empty_if_migrated(url, _postgres_tables, _head):
        return
    await reset(url)
    await _migrate(url)
    _postgres_tables = await _tables(url)
    await _no_commit_waits(url)


async def _no_commit_waits(url: str) -> None:
    """Commits in this test database stop waiting for the disk (synchronous_commit off, for its
    sessions from now on): what a commit makes visible is the same, only a server crash could
    lose the last of it. On a shared machine, waiting for the disk is a large part of a test."""
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            name = conn.dialect.identifier_preparer.quote(str(engine.url.database))
            await conn.execute(text(f"ALTER DATABASE {name} SET synchronous_commit = off"))
    finally:
        await engine.dispose()


@functools.cache
def _default_ssl_context() -> ssl.SSLContext:
    return _create_ssl_context()


def _shared_ssl_context(
    verify: ssl.SSLContext | str | bool = True, cert: Any = None, trust_env: bool = True
) -> ssl.SSLContext:
    """httpx's create_ssl_context, but the default context is made once per process: loading
    the certificate bundle again for every client (each bot makes one) costs a tenth of a second
    per test, and the tests never speak TLS."""
    if verify is True and cert is None and trust_env:
        return _default_ssl_context()
    return _create_ssl_context(verify=verify, cert=cert, trust_env=trust_env)


def share_ssl_context() -> None:
    """Make every httpx client in this process share one default TLS context."""
    httpx_transports.create_ssl_context = _shared_ssl_context  # type: ignore[attr-defined]
