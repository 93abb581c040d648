"""Logging: ids, kinds and timings only. Noisy libraries that print URLs or updates are quieted."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import TextIO

from pythonjsonlogger.json import JsonFormatter

from bot import logsafety

# httpx logs every request URL at INFO (the URL holds the bot token); PTB logs whole updates at
# DEBUG (they hold what people wrote); the webhook server logs request lines.
QUIET_LOGGERS = (
    "httpx",
    "httpcore",
    "telegram",
    "tornado.access",
    "hpack",
    "aiosqlite",
    "asyncio",
    "apscheduler.executors.default",
)


class RedactingFormatter(logging.Formatter):
    """A formatter that blanks out secrets (the token) wherever they appear, as a last resort."""

    def __init__(self, secrets: Iterable[str], fmt: str) -> None:
        super().__init__(fmt)
        self._secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return text


class RedactingJsonFormatter(JsonFormatter):
    """One JSON object per line (python-json-logger): time, level, logger, message, and the
    traceback if any; secrets blanked in the finished line as with the text format."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__(
            TEXT_FORMAT,
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
        self._secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        text = str(super().format(record))
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return text


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


# With TEND_UPDATE_PROCESSES above 1, which process wrote a line (0: the one polling).
PROCESS_TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s process=%(update_process)s %(message)s"


class _UpdateProcess(logging.Filter):
    """Marks every record with the index of the update process that wrote it."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def filter(self, record: logging.LogRecord) -> bool:
        record.update_process = self.index
        return True


def formatter(
    kind: str, secrets: Iterable[str] = (), *, process: int | None = None
) -> logging.Formatter:
    """The formatter TEND_LOG_FORMAT names: "json" (one object per line) or "text"; with
    `process`, each line says which update process wrote it (JSON: `update_process`)."""
    if kind == "json":
        return RedactingJsonFormatter(secrets)  # the filter's field is added as an extra
    return RedactingFormatter(secrets, TEXT_FORMAT if process is None else PROCESS_TEXT_FORMAT)


def configure(
    level: str,
    secrets: Iterable[str] = (),
    stream: TextIO | None = None,
    fmt: str = "text",
    *,
    process: int | None = None,
) -> None:
    """Set up the root logger (on stderr unless a stream is given) in the `fmt` format;
    `process`: this is update process K of TEND_UPDATE_PROCESSES (said on every line)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter(fmt, secrets, process=process))
    if process is not None:
        handler.addFilter(_UpdateProcess(process))
    logsafety.install(handler)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    quiet_libraries()


def quiet_libraries() -> None:
    """Keep third-party loggers at WARNING whatever the root level is."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
