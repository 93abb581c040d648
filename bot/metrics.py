"""Prometheus metrics of one process, in its own registry (made per application, never global).

Labels hold kinds, outcomes and Bot API method names only: never a person's id, name or words.
Everything here is cheap to call when nobody scrapes (no server runs unless TEND_METRICS_PORT).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

# Seconds: replies should take well under a second; a scheduled send waits for the limiter.
FAST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# Update kinds (the Update field that is set); anything else counts as "other".
UPDATE_KINDS = (
    "message",
    "edited_message",
    "callback_query",
    "channel_post",
    "my_chat_member",
    "chat_member",
)
SEND_RESULTS = ("sent", "skipped", "deferred", "blocked", "failed", "uncertain")


class Metrics:
    """The counters, histograms and gauges of one running bot.

    `record_update(kind, outcome, seconds)` is the one hook for update processing; it is already
    called for every update by bot.instrumented.InstrumentedApplication.process_update (whatever
    update processor runs it), so a processor must not call it again. The dispatcher, the rate
    limiter and the summary renderer call the others."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry(auto_describe=True)
        r = self.registry
        self.updates = Counter(
            "tend_updates", "Updates handled, by kind and outcome", ["kind", "outcome"], registry=r
        )
        self.update_seconds = Histogram(
            "tend_update_seconds",
            "Time to handle one update",
            ["kind"],
            buckets=FAST_BUCKETS,
            registry=r,
        )
        self.scheduled = Counter(
            "tend_scheduled_sends",
            "Scheduled messages by kind and result (sent, skipped, deferred, blocked, failed, "
            "uncertain)",
            ["kind", "result"],
            registry=r,
        )
        self.dispatch_lag = Gauge(
            "tend_dispatch_lag_seconds",
            "Age of the oldest due reminder (0 when nothing is due), read at scrape",
            registry=r,
        )
        self.dispatch_processes = Gauge(
            "tend_dispatch_processes",
            "Live dispatch processes on this database (heartbeat in the last 15 s), read at scrape",
            registry=r,
        )
        self.forwarded = Counter(
            "tend_updates_forwarded",
            "Updates this process (the front) handed to another update process, by process",
            ["process"],
            registry=r,
        )
        self.update_processes = Gauge(
            "tend_update_processes_running",
            "Processes taking updates that run now (TEND_UPDATE_PROCESSES), counted by the first "
            "one (the others show 0), read at scrape",
            registry=r,
        )
        self.last_tick_age = Gauge(
            "tend_dispatch_last_tick_age_seconds",
            "Seconds since this process finished a dispatch pass (-1: dispatch is off)",
            registry=r,
        )
        self.retry_after = Counter(
            "tend_telegram_retry_after", "429 answers from Telegram (flood control)", registry=r
        )
        self.retry_after_seconds = Counter(
            "tend_telegram_retry_after_paused_seconds",
            "Seconds every request was paused for 429 answers",
            registry=r,
        )
        self.telegram_seconds = Histogram(
            "tend_telegram_request_seconds",
            "Bot API call latency, by method and outcome (ok or the error type)",
            ["method", "outcome"],
            buckets=FAST_BUCKETS,
            registry=r,
        )
        self.summary_seconds = Histogram(
            "tend_summary_render_seconds",
            "Summary rendering time by part (text, chart); the count is how many were rendered",
            ["part"],
            buckets=FAST_BUCKETS,
            registry=r,
        )

    def record_update(self, kind: str, outcome: str, seconds: float) -> None:
        """One update handled: kind (an UPDATE_KINDS entry or "command"/"other"), outcome
        ("ok" or "error"), seconds from the start of its handling to the end."""
        self.updates.labels(kind, outcome).inc()
        self.update_seconds.labels(kind).observe(seconds)

    def scheduled_send(self, kind: str, result: str) -> None:
        """One scheduled message decided or sent: kind (selfcare, affirmation, checkin,
        summary), result (one of SEND_RESULTS)."""
        self.scheduled.labels(kind, result).inc()

    def telegram_call(self, method: str, seconds: float, outcome: str) -> None:
        """One Bot API request: the method name (e.g. sendMessage), its latency, "ok" or the
        error's type name."""
        self.telegram_seconds.labels(method, outcome).observe(seconds)

    def retry_after_paused(self, seconds: float) -> None:
        """A 429 answer, and how long every request pauses for it."""
        self.retry_after.inc()
        self.retry_after_seconds.inc(seconds)

    @contextlib.contextmanager
    def rendering(self, part: str) -> Iterator[None]:
        """Time one summary part ("text" or "chart") while the block runs."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.summary_seconds.labels(part).observe(time.perf_counter() - started)

    def exposition(self) -> bytes:
        """The registry in Prometheus' text format."""
        return generate_latest(self.registry)


def update_kind(update: object) -> str:
    """The kind label of an update: which field is set ("command" for a /command)."""
    for kind in UPDATE_KINDS:
        value = getattr(update, kind, None)
        if value is not None:
            text = getattr(value, "text", None) if kind == "message" else None
            if isinstance(text, str) and text.startswith("/"):
                return "command"
            return kind
    return "other"
