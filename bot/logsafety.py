"""Logs that cannot betray anyone, whatever a library or a handler hands the logging module.

Two filters go on every handler tend installs (`install`):
- LibraryFilter: records from python-telegram-bot, httpx, httpcore, tornado, hpack and aiohttp
  keep their message template and the exception's type, never their arguments, exception text or
  traceback: those can hold whole updates, request bodies and Telegram's error text (PTB logs the
  received data at DEBUG, and again at CRITICAL when a webhook update cannot be read). tend's
  own records of such an exception keep the traceback but not the exception's message.
- PersonFilter: wherever tend logs a person (`user=%s`, `chat=%s`, `partner=%s`, ...), the
  Telegram id becomes a keyed hash: HMAC-SHA256 with a key derived from the operator's first
  key, 12 hex digits. Stable within a deployment (lines about one person can be followed), useless
  without the key (an id cannot be checked against a log). Before keys are installed a random
  per-process key is used.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import traceback

LIBRARIES = ("telegram", "httpx", "httpcore", "tornado", "hpack", "aiohttp")
PERSON_KEYS = frozenset(
    {"user", "chat", "partner", "inviter", "invitee", "joiner", "by", "presser", "to", "from"}
)

_key = secrets.token_bytes(32)
_CONVERSION = re.compile(r"%[#0 +-]*\d*(?:\.\d+)?[hlL]?([diouxXeEfFgGcrsa%])")
_KEY_BEFORE = re.compile(r"(\w+)=$")


def install_key(operator_key: str) -> None:
    """Derive the pseudonym key from the operator's first key (called when keys are installed)."""
    global _key
    _key = hmac.new(operator_key.encode("ascii"), b"tend log pseudonyms v1", "sha256").digest()


def pseudonym(telegram_id: int) -> str:
    """The keyed hash logged instead of a Telegram id (12 hex digits)."""
    return hmac.new(_key, str(telegram_id).encode("ascii"), hashlib.sha256).hexdigest()[:12]


def _from_library(name: str) -> bool:
    return name.split(".", 1)[0] in LIBRARIES


class LibraryFilter(logging.Filter):
    """Strip arguments, exception text and stack from third-party records (see the module)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not _from_library(record.name):
            error = record.exc_info[1] if record.exc_info else None
            if record.exc_info and error is not None and _from_library(type(error).__module__):
                # tend's own record of a library error: Telegram's error text can quote what was
                # sent ("can't parse entities: ..."). Keep the traceback, withhold the message.
                kind = type(error)
                record.exc_text = (
                    "Traceback (most recent call last):\n"
                    + "".join(traceback.format_tb(record.exc_info[2]))
                    + f"{kind.__module__}.{kind.__qualname__}: [message withheld]"
                )
                record.exc_info = None
            return True
        if not isinstance(record.msg, str):
            record.msg = f"<{type(record.msg).__name__}>"
        if record.args:
            record.msg = f"{record.msg} [arguments withheld]"
            record.args = None
        if record.exc_info:
            error = record.exc_info[1]
            record.msg = f"{record.msg} error={type(error).__name__}"
            record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


class PersonFilter(logging.Filter):
    """Log the keyed hash instead of a person's Telegram id (see the module)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.msg, str) or not isinstance(record.args, tuple) or not record.args:
            return True
        args = list(record.args)
        pieces: list[str] = []
        index, last = 0, 0
        for found in _CONVERSION.finditer(record.msg):
            if found.group(1) == "%":
                continue
            key = _KEY_BEFORE.search(record.msg, 0, found.start())
            value = args[index] if index < len(args) else None
            if key and key.group(1) in PERSON_KEYS and isinstance(value, int):
                pieces += [record.msg[last : found.start()], "%s"]
                last = found.end()
                args[index] = pseudonym(value)
            index += 1
        if pieces:
            record.msg = "".join(pieces) + record.msg[last:]
            record.args = tuple(args)
        return True


def install(handler: logging.Handler) -> logging.Handler:
    """Put both filters on `handler` (every handler that writes tend's logs needs them)."""
    handler.addFilter(LibraryFilter())
    handler.addFilter(PersonFilter())
    return handler
