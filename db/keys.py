"""Where the operator's keys come from: TEND_ENCRYPTION_KEY, or a key file on the SQLite default.

These keys only wrap each person's data key (db.envelope). A key file that others can read, or a
missing key file beside a database that already holds encrypted text, stops the start with one
clear line (StartRefused) instead of going on: the first would hand the key to anyone on the
machine, the second would make a new key and leave every stored word unreadable.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from pathlib import Path

from cryptography.fernet import Fernet

from db.session import sqlite_path

log = logging.getLogger(__name__)

KEY_FILE_NAME = "tend.key"


class StartRefused(RuntimeError):
    """tend must not start as things are; the message says why and what to do (one line)."""


def key_file_for(database_url: str) -> Path:
    """The key file that sits beside the SQLite database (the data directory)."""
    db_file = sqlite_path(database_url)
    directory = db_file.parent if db_file is not None else Path()
    return directory / KEY_FILE_NAME


def holds_encrypted_text(db_file: Path) -> bool:
    """Whether a SQLite database already holds data keys or sealed text (read-only look)."""
    if not db_file.exists() or db_file.stat().st_size == 0:
        return False
    with sqlite3.connect(f"file:{db_file}?mode=ro", uri=True) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "users" not in tables:
            return False
        columns = {row[1] for row in conn.execute("PRAGMA table_info(users)")}
        # Before data keys existed, any stored person meant text under the operator's key.
        probe = "data_key" if "data_key" in columns else "id"
        query = f"SELECT 1 FROM users WHERE {probe} IS NOT NULL LIMIT 1"  # noqa: S608 - fixed name
        return conn.execute(query).fetchone() is not None


def check_private(path: Path) -> None:
    """Refuse a key file that users other than its owner can read or change."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise StartRefused(
            f"the key file {path} can be read by other users (mode {mode:o}); "
            f"make it private with: chmod 600 {path}"
        )


def load_or_create_key_file(database_url: str) -> list[str]:
    """Read the SQLite key file, creating it (mode 0600) on first start. StartRefused when the
    file is readable by others, or missing while the database already holds encrypted text."""
    path = key_file_for(database_url)
    if path.exists():
        check_private(path)
        return [line.strip() for line in path.read_text().splitlines() if line.strip()]
    db_file = sqlite_path(database_url)
    if db_file is not None and holds_encrypted_text(db_file):
        raise StartRefused(
            f"the key file {path} is missing but {db_file} holds encrypted text; restore the "
            "key file from your backup (or set TEND_ENCRYPTION_KEY) - a new key could not read it"
        )
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(Fernet.generate_key().decode("ascii") + "\n")
    log.warning(
        "keys.created path=%s note=back this file up; without it stored text cannot be read, "
        "and anyone with a copy of the data directory also has the key",
        path,
    )
    return load_or_create_key_file(database_url)
