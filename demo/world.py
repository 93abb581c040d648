"""The demo's world: a local Bot API server, the real bot on a throwaway database, two people.

Everything listens on and connects to 127.0.0.1; nothing needs a token or the network.
"""

from __future__ import annotations

import itertools
import logging
import random
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from cryptography.fernet import Fernet

from bot.app import build_application, prepare_keys, start, stop
from bot.context import TendApp
from bot.settings import Settings
from demo.clock import DemoClock
from demo.fake_telegram import FakeTelegram, FakeUser
from demo.fake_telegram.server import SentMessage

PEOPLE = (("sam", 1001, "Sam"), ("alex", 1002, "Alex"))
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
        """Wait until the bot has handled everything sent so far (updates go one by one)."""
        probe = FakeUser(self.server, next(self._probes), "Probe")
        probe.mark_read()
        await probe.send("/help")
        await probe.expect(timeout=15)

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
