"""The demo's world: a local Bot API server, the real bot on a throwaway database, two people.

Everything listens on and connects to 127.0.0.1; nothing needs a token or the network.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import random
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from cryptography.fernet import Fernet
from sqlalchemy import func, select

from bot.app import build_application, prepare_keys, start, stop
from bot.context import TendApp
from bot.settings import Settings
from core.policy import MISFIRE_GRACE
from db.models import CheckinRound, Reminder
from demo.clock import DemoClock
from demo.fake_telegram import FakeTelegram, FakeUser
from demo.fake_telegram.server import SentMessage

PEOPLE = (("sam", 1001, "Sam"), ("alex", 1002, "Alex"))
# Why the production rule leaves a due message unsent (core.policy reasons), in words.
NOT_SENT_BECAUSE = {
    "paused": "reminders were paused",
    "partner_paused": "a partner had paused",
    "inactive": "switched off",
    "too_late": f"over {MISFIRE_GRACE.seconds // 3600} h late",
}
# The most steps one skip takes (a year of three reminders a day each for two people is ~2,200).
MAX_STEPS = 5000
DISPATCH_WAIT = 30.0  # seconds two dispatcher passes may take at most


@dataclass
class SkipReport:
    """What a skip walked past: messages the bot sent on the way, and those it did not send."""

    arrived_at: datetime
    sent: int = 0
    not_sent: Counter[str] = field(default_factory=Counter)

    def line(self, zone: ZoneInfo) -> str:
        """One line for the person watching, e.g. "Now Tue 08 Dec, 20:30 · 6 messages came on
        the way · 2 not sent: reminders were paused"."""
        parts = [f"Now {self.arrived_at.astimezone(zone):%a %d %b, %H:%M}"]
        plural = "" if self.sent == 1 else "s"
        parts.append(f"{self.sent} message{plural} came on the way" if self.sent else "")
        if self.not_sent:
            why = ", ".join(
                f"{count} {NOT_SENT_BECAUSE.get(reason, reason)}"
                for reason, count in sorted(self.not_sent.items())
            )
            parts.append(f"not sent, as in production: {why}")
        return " · ".join(p for p in parts if p)


PROBES = 990001
DEMO_ZONE = ZoneInfo("Europe/Berlin")


@dataclass
class DemoWorld:
    """What `tend demo` runs: open() starts it, close() stops it."""

    server: FakeTelegram
    app: TendApp
    clock: DemoClock
    out_dir: Path
    people: dict[str, FakeUser]
    _probes: itertools.cycle[int] = field(
        default_factory=lambda: itertools.cycle(range(PROBES, PROBES + 100))
    )
    _saved: dict[int, Path] = field(default_factory=dict)

    @classmethod
    async def open(
        cls, clock: DemoClock, out_dir: Path, seed: int | None = None, *, log_to_file: bool = True
    ) -> DemoWorld:
        """Start the local Bot API server and the bot (polling it, dispatcher on)."""
        _prepare(out_dir, log_to_file)
        server = FakeTelegram()
        await server.start()
        values: dict[str, object] = {
            "bot_token": server.token,
            "telegram_api_url": server.url,
            "database_url": f"sqlite+aiosqlite:///{out_dir / 'demo.db'}",
            "encryption_key": Fernet.generate_key().decode(),
            "rate_limits": False,
            "dispatch_interval": 0.2,
        }
        settings = Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]
        prepare_keys(settings)
        app = build_application(settings, clock)
        deps = app.bot_data.deps
        if seed is not None and deps is not None:
            deps.rng = random.Random(seed)  # noqa: S311 - picks prompts, no secret
        await start(app, poll_timeout=1)
        people = {key: FakeUser(server, uid, name) for key, uid, name in PEOPLE}
        return cls(server, app, clock, out_dir, people)

    async def close(self) -> None:
        """Stop the bot, then the server."""
        await self.server.interrupt_polls()
        await stop(self.app)
        await self.server.stop()

    async def settle(self) -> None:
        """Wait until the bot has handled everything sent so far: the probe's reply means all
        earlier updates were fetched; then none may be in flight (chats run side by side)."""
        probe = FakeUser(self.server, next(self._probes), "Probe")
        probe.mark_read()
        await probe.send("/help")
        await probe.expect(timeout=15)
        updates = self.app.bot_data.deps.updates if self.app.bot_data.deps else None
        if updates is not None:
            async with asyncio.timeout(15):
                await updates.wait_idle()

    async def advance(
        self, delta: timedelta, on_step: Callable[[], Awaitable[None]] | None = None
    ) -> SkipReport:
        """Move the clock forward by `delta` the way time passes for a running bot: to each due
        time in turn (reminders, snoozes, check-in reminders), letting the dispatcher send what
        is due before going on, so each message goes out on time as in production. `on_step`
        runs after every stop (the scripted demo prints what came)."""
        deps = self.app.bot_data.deps
        assert deps is not None and deps.sessions is not None and deps.dispatch is not None
        stats = deps.dispatch.dispatcher.stats
        skipped_before = Counter(stats.skip_reasons)
        messages_before = self._bot_messages()
        target = self.clock.now() + delta
        for _ in range(MAX_STEPS):
            await self._dispatched()
            now = self.clock.now()
            due = await self._next_due(now, target)
            if due is None:
                break
            self.clock.skip(due - now)
            await self._dispatched()
            if on_step is not None:
                await on_step()
        if target > self.clock.now():
            self.clock.skip(target - self.clock.now())
            await self._dispatched()
        not_sent = Counter(stats.skip_reasons)
        not_sent.subtract(skipped_before)
        return SkipReport(
            self.clock.now(),
            self._bot_messages() - messages_before,
            Counter({k: v for k, v in not_sent.items() if v > 0}),
        )

    async def _next_due(self, now: datetime, until: datetime) -> datetime | None:
        """The first moment after `now`, up to `until`, when something is due."""
        deps = self.app.bot_data.deps
        assert deps is not None and deps.sessions is not None
        async with deps.sessions() as session:
            reminder = await session.scalar(
                select(func.min(Reminder.next_fire_at)).where(
                    Reminder.next_fire_at > now, Reminder.next_fire_at <= until
                )
            )
            round_ = await session.scalar(
                select(func.min(CheckinRound.remind_at)).where(
                    CheckinRound.remind_at > now,
                    CheckinRound.remind_at <= until,
                    CheckinRound.reminded_at.is_(None),
                    CheckinRound.revealed_at.is_(None),
                )
            )
        found = [moment for moment in (reminder, round_) if moment is not None]
        return min(found) if found else None

    async def _dispatched(self) -> None:
        """One whole dispatcher pass from now: everything due now has been sent and recorded."""
        deps = self.app.bot_data.deps
        assert deps is not None and deps.dispatch is not None
        async with asyncio.timeout(DISPATCH_WAIT):
            await deps.dispatch.pass_now()

    def _bot_messages(self) -> int:
        return sum(len(user.bot_messages()) for user in self.people.values())

    def saved_file(self, message: SentMessage) -> Path | None:
        """A picture or document the bot sent, written to the demo folder (once)."""
        data = message.photo if message.photo is not None else message.document
        if data is None:
            return None
        if message.message_id not in self._saved:
            name = message.file_name or "summary.png"
            path = self.out_dir / f"{message.message_id:04d}-{name}"
            path.write_bytes(data)
            self._saved[message.message_id] = path
        return self._saved[message.message_id]


def _prepare(out_dir: Path, log_to_file: bool) -> None:
    """Make the demo folder; the bot's log (ids and kinds only) goes to a file in it, so the
    terminal stays a chat."""
    from bot import logs

    out_dir.mkdir(parents=True, exist_ok=True)
    # A throwaway database: each demo starts afresh (its key is new each time too).
    for leftover in out_dir.glob("demo.db*"):
        leftover.unlink()
    if not log_to_file:
        return
    path = out_dir / "tend-demo.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    logs.quiet_libraries()
