"""`python -m bench.before`: `tend run` as it sent scheduled messages before issue 12, for the
side-by-side in `python -m bench sends`.

Three things differ from today's bot, and nothing else: PTB's default httpx transport with a
pool of 128 connections, one batch claimed at a time (claim, send, record, then the next claim),
and dispatch ticks at whatever phase the process started in.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

from telegram.request import HTTPXRequest

from bot import app, dispatching
from bot.cli import main
from scheduler.dispatch import Dispatcher
from scheduler.service import DispatchService


def _httpx(pool_size: int, **timeouts: float) -> HTTPXRequest:
    seconds = timeouts["read_timeout"]
    return HTTPXRequest(
        connection_pool_size=pool_size,
        connect_timeout=seconds,
        read_timeout=seconds,
        write_timeout=seconds,
        pool_timeout=seconds,
    )


def as_before() -> None:
    """Put the three old choices back into bot.app and bot.dispatching (this process only)."""
    patched: Any = app
    patched.AiohttpRequest = _httpx
    wiring: Any = dispatching
    wiring.Dispatcher = functools.partial(Dispatcher, pipeline=1)
    wiring.DispatchService = functools.partial(DispatchService, aligned=False)


if __name__ == "__main__":
    as_before()
    sys.exit(main(["run"]))
