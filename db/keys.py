"""Where the encryption keys come from: TEND_ENCRYPTION_KEY, or a key file on the SQLite default."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from cryptography.fernet import Fernet

from db.session import sqlite_path

log = logging.getLogger(__name__)

KEY_FILE_NAME = "tend.key"


def key_file_for(database_url: str) -> Path:
    """The key file that sits beside the SQLite database (the data directory)."""
    db_file = sqlite_path(database_url)
    directory = db_file.parent if db_file is not None else Path()
    return directory / KEY_FILE_NAME


def load_or_create_key_file(database_url: str) -> list[str]:
    """Read the SQLite key file, creating it (mode 0600) on first start."""
    path = key_file_for(database_url)
    if path.exists():
        return [line.strip() for line in path.read_text().splitlines() if line.strip()]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(Fernet.generate_key().decode("ascii") + "\n")
    log.warning(
        "keys.created path=%s note=back this file up; without it stored text cannot be read, "
        "and anyone with a copy of the data directory also has the key",
        path,
    )
    return load_or_create_key_file(database_url)
