"""Column types every model shares: UTC datetimes and encrypted free text.

Free text is sealed with its writer's own data key (envelope encryption, see db.envelope): the
operator's keys (TEND_ENCRYPTION_KEY or the key file) only wrap those data keys. A stored value
reads `t1.<owner id>.<Fernet token>`; erasing a person destroys their data key, so every copy of
their words that is left anywhere (WAL, dead rows, backups) can no longer be read.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from sqlalchemy import DateTime, Dialect, Text
from sqlalchemy.types import TypeDecorator

_keyring: MultiFernet | None = None

ENVELOPE_PREFIX = "t1."


class KeyringMissingError(RuntimeError):
    """Encrypted text was read or written before a key was installed, or no key opens it."""


class UnsealedTextError(RuntimeError):
    """Free text was about to be written without its owner's data key (not through the ORM)."""


def install_keyring(keys: list[str]) -> MultiFernet:
    """Make `keys` (newest first) the operator's wrapping keys in this process."""
    global _keyring
    if not keys:
        raise ValueError("at least one encryption key is needed")
    _keyring = MultiFernet([Fernet(key.encode("ascii")) for key in keys])
    return _keyring


def keyring() -> MultiFernet:
    """Return the installed key set or fail loudly (never fall back to plain text)."""
    if _keyring is None:
        raise KeyringMissingError("no encryption key installed")
    return _keyring


class Sealed(str):
    """Plain text on its way to the database, carrying the data key of the person who owns it.

    Equal to the plain text in every way; db.envelope puts it in place at flush time."""

    owner: int
    cipher: Fernet

    def __new__(cls, text: str, owner: int, cipher: Fernet) -> Sealed:
        made = super().__new__(cls, text)
        made.owner, made.cipher = owner, cipher
        return made


def seal_token(text: str, owner: int, cipher: Fernet) -> str:
    """The stored form of `text` under `owner`'s data key."""
    return f"{ENVELOPE_PREFIX}{owner}.{cipher.encrypt(text.encode('utf-8')).decode('ascii')}"


def token_owner(token: str) -> int | None:
    """Whose data key a stored value needs (None: an older value under the operator's key)."""
    if not token.startswith(ENVELOPE_PREFIX):
        return None
    owner, _, _ = token[len(ENVELOPE_PREFIX) :].partition(".")
    return int(owner)


def token_body(token: str) -> bytes:
    """The Fernet token inside a stored value."""
    return token[len(ENVELOPE_PREFIX) :].partition(".")[2].encode("ascii")


class EncryptedText(TypeDecorator[str]):
    """Free text that people write, sealed with their own data key (Fernet) at rest.

    Writes accept only a Sealed value (db.envelope seals ORM writes at flush; anything else
    raises UnsealedTextError rather than store text under the wrong key). Reads return the stored
    token; db.envelope opens it when the ORM loads the row. `legacy_plain` marks a column that
    held plain text before it was encrypted (read as is until `db.envelope.adopt_legacy` ran).
    """

    impl = Text
    cache_ok = True

    def __init__(self, legacy_plain: bool = False) -> None:
        super().__init__()
        self.legacy_plain = legacy_plain

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, Sealed):
            return seal_token(value, value.owner, value.cipher)
        raise UnsealedTextError("encrypted text can only be written through the ORM")

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else str(value)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite keeps no offset by itself)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
