"""Column types every model shares: UTC datetimes and encrypted free text."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import DateTime, Dialect, Text
from sqlalchemy.types import TypeDecorator

_keyring: MultiFernet | None = None


class KeyringMissingError(RuntimeError):
    """Encrypted text was read or written before a key was installed."""


def install_keyring(keys: list[str]) -> MultiFernet:
    """Make `keys` (newest first) the keys used by every EncryptedText column in this process."""
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


class EncryptedText(TypeDecorator[str]):
    """Free text that people write: Fernet (AES-128-CBC + HMAC-SHA256) at rest, str in Python."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return keyring().encrypt(value.encode("utf-8")).decode("ascii")

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        try:
            return keyring().decrypt(str(value).encode("ascii")).decode("utf-8")
        except InvalidToken as exc:
            # Never include the token or any text in the message: it may reach a log.
            raise KeyringMissingError("stored text could not be decrypted with any key") from exc


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
