"""The Application with one addition: every update's handling is timed and counted.

It wraps `process_update` (whatever update processor runs it) and notes `process_error`
calls made while an update is handled, so an update whose handler failed counts as "error".
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from typing import Any

from telegram.ext import Application

from bot.metrics import Metrics, update_kind


class _Handling:
    __slots__ = ("failed",)

    def __init__(self) -> None:
        self.failed = False


_current: ContextVar[_Handling | None] = ContextVar("tend_update_handling", default=None)


class InstrumentedApplication(Application[Any, Any, Any, Any, Any, Any]):
    """Application that reports each update to `metrics` (set right after building)."""

    __slots__ = ("metrics",)
    metrics: Metrics

    async def process_update(self, update: object) -> None:
        """Handle one update as PTB does, then record its kind, outcome and duration."""
        metrics: Metrics | None = getattr(self, "metrics", None)
        handling = _Handling()
        token = _current.set(handling)
        started = time.perf_counter()
        try:
            await super().process_update(update)
        except BaseException:
            handling.failed = True
            raise
        finally:
            _current.reset(token)
            if metrics is not None:
                outcome = "error" if handling.failed else "ok"
                metrics.record_update(update_kind(update), outcome, time.perf_counter() - started)

    async def process_error(
        self, update: object | None, error: Exception, *args: Any, **kwargs: Any
    ) -> bool:
        """Mark the update being handled (if any) as failed, then run the error handlers."""
        handling = _current.get()
        if handling is not None and update is not None:
            handling.failed = True
        return await super().process_error(update, error, *args, **kwargs)
