"""`tend backup FILE` and `tend restore FILE` for the SQLite database.

A backup is SQLite's online backup API (`sqlite3.Connection.backup`): one consistent snapshot
taken in a read transaction, safe while the bot runs and writes (WAL readers never block
writers). It holds the encrypted text but not the key.

A restore never overwrites a database that is in use: the target must not exist, or with
`force` it must show no sign of a live process (no `-wal`/`-shm` file beside it, which SQLite
keeps while any connection is open or after an unclean stop, and no dispatch heartbeat in the
last 15 s). The backup is copied next to the target, migrated to the package's head, and
checked by reading a sample of every table's encrypted text through the models (the same
decrypt path the bot uses); only then is it moved into place.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import cast

from sqlalchemy import Table, or_, select
from sqlalchemy.ext.asyncio import AsyncEngine

from db import migrate
from db.models import Base
from db.session import create_engine, create_sessionmaker
from db.types import EncryptedText

# Rows read per table to prove the key opens the text (newest first).
SAMPLE = 200
# A dispatch heartbeat younger than this means a process is using the database.
LIVE_HEARTBEAT = timedelta(seconds=15)


class BackupError(RuntimeError):
    """A backup or restore that was refused; the message says why, with paths only."""


def _copy(source: Path, target: Path) -> None:
    """Copy a SQLite database with the online backup API into a new file `target`."""
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # all pages in one step: one consistent snapshot
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{source} is not a readable SQLite database ({exc})") from exc
        finally:
            dst.close()
    finally:
        src.close()


def backup(database: Path, target: Path) -> int:
    """Write a consistent copy of the SQLite file `database` to the new file `target`.

    Returns the copy's size in bytes. BackupError if the database is missing or `target`
    exists (a backup never overwrites anything)."""
    if not database.is_file():
        raise BackupError(f"no SQLite database at {database}")
    if target.exists():
        raise BackupError(f"{target} exists already: choose a new file name")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        _copy(database, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size


def in_use(database: Path) -> str | None:
    """Why `database` looks in use by a process (None: it does not)."""
    for suffix in ("-wal", "-shm"):
        if database.with_name(database.name + suffix).exists():
            return (
                f"{database.name}{suffix} exists: a process has the database open, or it was not "
                "closed cleanly (stop tend; run `tend db upgrade` once to settle it)"
            )
    conn = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True, timeout=5)
    try:
        latest = conn.execute("SELECT max(heartbeat_at) FROM workers").fetchone()[0]
    except sqlite3.DatabaseError:
        latest = None  # no workers table (an old or foreign file): nothing says it is live
    finally:
        conn.close()
    if latest is not None:
        beat = datetime.fromisoformat(str(latest)).replace(tzinfo=UTC)
        if datetime.now(UTC) - beat < LIVE_HEARTBEAT:
            return "a tend process sent a heartbeat in the last 15 s"
    return None


@dataclass(frozen=True)
class Restored:
    """What a restore checked: encrypted values read per table."""

    checked: dict[str, int]


async def verify_text(engine: AsyncEngine) -> dict[str, int]:
    """Read up to SAMPLE rows of every model with encrypted columns and touch each encrypted
    value (decrypting it as the bot would). Returns values read per table; raises the db
    layer's error if the installed keys do not open one."""
    sessions = create_sessionmaker(engine)
    checked: dict[str, int] = {}
    async with sessions() as session:
        for mapper in Base.registry.mappers:
            table = cast(Table, mapper.local_table)
            columns = [c for c in table.columns if isinstance(c.type, EncryptedText)]
            if not columns:
                continue
            attributes = [mapper.get_property_by_column(c).key for c in columns]
            query = (
                select(mapper.class_)
                .where(or_(*(c.isnot(None) for c in columns)))
                .order_by(*(c.desc() for c in table.primary_key.columns))
                .limit(SAMPLE)
            )
            count = 0
            for row in (await session.execute(query)).scalars():
                count += sum(getattr(row, name) is not None for name in attributes)
            checked[str(table.name)] = count
    return checked


async def restore(source: Path, database: Path, *, force: bool = False) -> Restored:
    """Put the backup `source` in place of the SQLite file `database` (see the module doc).

    The encryption keys must be installed first. BackupError if refused; nothing is changed
    then."""
    staged = _stage(source, database, force)
    try:
        engine = create_engine(f"sqlite+aiosqlite:///{staged}")
        try:
            await migrate.upgrade(engine)
            checked = await verify_text(engine)
        except Exception as exc:
            raise BackupError(
                f"the restored copy could not be read ({type(exc).__name__}): is the key the "
                "one that was in use when the backup was made?"
            ) from exc
        finally:
            await engine.dispose()
        _put_in_place(staged, database)
    finally:
        for leftover in _files_of(staged):
            leftover.unlink(missing_ok=True)
    return Restored(checked)


def _stage(source: Path, database: Path, force: bool) -> Path:
    """Check that the restore may go ahead, then copy the backup next to the target."""
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    if database.exists():
        if not force:
            raise BackupError(f"{database} exists: pass --force to replace it (tend stopped)")
        reason = in_use(database)
        if reason is not None:
            raise BackupError(f"{database} is in use: {reason}")
    database.parent.mkdir(parents=True, exist_ok=True)
    staged = database.with_name(database.name + ".restoring")
    for leftover in _files_of(staged):
        leftover.unlink(missing_ok=True)
    try:
        _copy(source, staged)
    except BaseException:
        for leftover in _files_of(staged):
            leftover.unlink(missing_ok=True)
        raise
    return staged


def _put_in_place(staged: Path, database: Path) -> None:
    for old in _files_of(database)[1:]:  # the old file's WAL must not meet the new file
        old.unlink(missing_ok=True)
    os.replace(staged, database)


def _files_of(database: Path) -> list[Path]:
    """The database file and the files SQLite keeps beside it."""
    names = ("", "-wal", "-shm", "-journal")
    return [database.with_name(database.name + suffix) for suffix in names]


def key_location(encryption_key_set: bool, key_file: Path) -> str:
    """One line saying where the key lives (never the key itself)."""
    if encryption_key_set:
        where = "in TEND_ENCRYPTION_KEY"
    else:
        with contextlib.suppress(OSError):
            key_file = key_file.resolve()
        where = f"in the key file {key_file}"
    return (
        f"The key is not in the backup: it is {where}. Keep a copy of it apart from the "
        "backup; without it the stored text cannot be read."
    )
