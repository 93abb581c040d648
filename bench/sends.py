"""Scheduled sends the way production makes them: `python -m bench sends`.

People are set up with the core functions the onboarding handlers call (consent, side, time
zone, default reminders; couples paired through an invite), each with weeks of content history
(what they were already sent, and its delivery rows). The bot is `python -m bot` (what `tend run`
starts: the same dispatcher, batch size and connection pool), the fake Bot API another process
answering every call after a Telegram-like delay. Everyone's self-care nudge (or check-in, or
weekly summary) is then due at the same whole second, as a whole minute would make it, and
lateness is measured where a person would see it: when the (first) message reached the fake
server, against when it was due. BENCH_PROFILE=<file> samples the bot with py-spy meanwhile.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

KEY = "q0J6m3Zl7zBHPvgTn1X5m7o3CvJ4dM5qYb3xqGZ0pJc="
TOKEN = "700000001:TEST-fake-token"  # noqa: S105 - the fake Bot API's own
HISTORY_DAYS = 60
ROOT = Path(__file__).resolve().parents[1]


# -- worker side (run in its own process through bench.work) ----------------------------------
def onboard(path: str, people: int) -> dict[str, Any]:
    """Set up `people` people as the handlers do, paired two by two, with content history, in
    zones where it is daytime now (so quiet hours hold nothing back)."""
    from bench.work import ZONES
    from content import library
    from core import pairing, reminders
    from core import people as core_people
    from db import migrate
    from db.models import Delivery, Reminder
    from db.session import create_engine, create_sessionmaker
    from db.types import install_keyring

    async def run() -> dict[str, Any]:
        install_keyring([KEY])
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        await migrate.upgrade(engine)
        sessions = create_sessionmaker(engine)
        rng = random.Random(5)
        now = datetime.now(UTC)
        zones = [z for z in ZONES if 9 <= now.astimezone(_zone(z)).hour <= 19] or ["UTC"]
        roles = list(core_people.Role)
        started = time.perf_counter()
        history: list[dict[str, Any]] = []
        for uid in range(1, people + 1):
            async with sessions.begin() as session:  # the consent tap
                await core_people.give_consent(session, uid, now)
            async with sessions.begin() as session:  # the side, then the time zone
                found = await core_people.get(session, uid)
                assert found is not None
                user = found
                core_people.set_role(user, rng.choice(roles))
                core_people.set_timezone(user, rng.choice(zones))
                await reminders.ensure_defaults(session, user, now)
                await reminders.reschedule_all(session, user, now)
                if uid % 2 == 0:  # pairs with the person before, through an invite code
                    inviter = await core_people.get(session, uid - 1)
                    assert inviter is not None
                    invite = await pairing.create_invite(session, inviter, now)
                    assert not isinstance(invite, pairing.InviteRefusal)
                    await pairing.join(session, uid, invite.code, now)
                    paired = await pairing.confirm(session, uid - 1, uid, now)
                    assert isinstance(paired, pairing.Paired)
                for reminder in await reminders.reminders_of(session, uid):
                    if reminder.kind not in ("selfcare", "affirmation"):
                        continue
                    pool = library.pool(reminder.kind, [user.role], allow_explicit=False)
                    for day in range(HISTORY_DAYS, 0, -1):  # what they were sent before
                        item, reminder.seen_items = library.choose(pool, reminder.seen_items, rng)
                        slot = now - timedelta(days=day)
                        history.append(
                            {
                                "reminder_id": reminder.id,
                                "user_id": uid,
                                "kind": reminder.kind,
                                "slot_at": slot,
                                "attempt": 0,
                                "item_id": item.id,
                                "status": "sent",
                                "created_at": slot,
                                "sent_at": slot,
                            }
                        )
        async with sessions.begin() as session:
            from sqlalchemy import insert

            await session.execute(insert(Delivery), history)
            count = await session.scalar(_count(Reminder))
        await engine.dispose()
        return {"people": people, "reminders": count, "onboard_s": time.perf_counter() - started}

    return asyncio.run(run())


def _zone(name: str) -> Any:
    from core import timezones

    return timezones.zone(name)


def _count(model: Any) -> Any:
    from sqlalchemy import func, select

    return select(func.count()).select_from(model)


def make_due(path: str, lead: float, kind: str = "selfcare") -> dict[str, Any]:
    """Move everyone's reminder of `kind` to one whole second at least `lead` seconds from now."""
    from sqlalchemy import update

    from db.models import Reminder
    from db.session import create_engine

    async def run() -> dict[str, Any]:
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        due = datetime.fromtimestamp(int(time.time() + lead) + 1, UTC)
        async with engine.begin() as conn:
            moved = await conn.execute(
                update(Reminder).where(Reminder.kind == kind).values(next_fire_at=due, slot_at=due)
            )
        await engine.dispose()
        return {"due": due.timestamp(), "moved": moved.rowcount}

    return asyncio.run(run())


# -- driver side (the parent process) ---------------------------------------------------------
@dataclass(frozen=True)
class Run:
    """One measurement: how many people, Telegram's delay (s), flood limits, and whether the bot
    runs as before issue 12 (bench/before.py)."""

    people: int
    latency: float = 0.08
    limits: bool = False
    before: bool = False
    # or checkin (a joint prompt, which opens the couple's round), or summary (its text counts)
    kind: str = "selfcare"


def _proc_status(pid: int, field_name: str) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def onboarded(people: int, directory: Path) -> tuple[Path, dict[str, Any]]:
    """A database with `people` set up (in its own process); copy it for each run."""
    from bench.__main__ import work

    path = directory / f"onboarded-{people}.db"
    if path.exists():
        return path, {"people": people}
    return path, work("onboard", path, people)


def measure(run: Run, template: Path, timeout: float = 300) -> dict[str, Any]:
    """Start the fake API and the bot on a copy of `template`, make everyone due at once, and
    time the arrivals."""
    from bench.__main__ import FakeApi

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sends.db"
        shutil.copyfile(template, path)
        api = FakeApi(run.limits, latency=run.latency)
        env = {
            **os.environ,
            "TEND_BOT_TOKEN": TOKEN,
            "TEND_TELEGRAM_API_URL": api.url,
            "TEND_DATABASE_URL": f"sqlite+aiosqlite:///{path}",
            "TEND_ENCRYPTION_KEY": KEY,
            "TEND_RATE_LIMITS": "true" if run.limits else "false",
            "TEND_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
        command = ["-m", "bench.before"] if run.before else ["-m", "bot", "run"]
        bot = subprocess.Popen([sys.executable, *command], env=env, cwd=tmp)
        try:
            _wait(lambda: api.stats()["methods"].get("getUpdates", 0) > 0, 60, bot)
            spy = _profile(bot.pid)
            due = make_due(str(path), 0.5, run.kind)
            cpu_before = _cpu_seconds(bot.pid)
            api_before = _cpu_seconds(api.proc.pid)
            arrived: dict[int, float] = {}

            def everyone_arrived() -> bool:
                for chat, at in api.stats()["arrivals"]:
                    if at >= due["due"] - 0.5:
                        arrived.setdefault(chat, at)
                return len(arrived) >= int(due["moved"])

            _wait(everyone_arrived, timeout, bot)
            busy = _cpu_seconds(bot.pid) - cpu_before
            api_busy = _cpu_seconds(api.proc.pid) - api_before
            rate_limited = api.stats()["rate_limited"]
            peak = _proc_status(bot.pid, "VmHWM")
            if spy is not None:
                spy.send_signal(signal.SIGINT)
                spy.wait(timeout=30)
        finally:
            bot.send_signal(signal.SIGTERM)
            try:
                bot.wait(timeout=30)
            finally:
                if bot.poll() is None:
                    bot.kill()
                api.close()
    late = sorted(at - due["due"] for at in arrived.values())
    first, last = min(arrived.values()), max(arrived.values())
    return {
        "due": due["moved"],
        "sent": len(late),
        "per_s": (len(late) - 1) / (last - first) if last > first else float(len(late)),
        "late_p50": late[len(late) // 2],
        "late_p99": late[min(len(late) - 1, int(len(late) * 0.99))],
        "late_max": late[-1],
        "cpu_s": busy,
        "api_cpu_s": api_busy,
        "peak_mb": peak,
        "rate_limited": rate_limited,
    }


def _profile(pid: int) -> subprocess.Popen[bytes] | None:
    """With BENCH_PROFILE=<file>, sample the bot with py-spy (installed separately) meanwhile."""
    target = os.environ.get("BENCH_PROFILE")
    if not target:
        return None
    command = ["py-spy", "record", "--idle", "--nonblocking", "-r", "200", "-f", "raw"]
    return subprocess.Popen([*command, "-o", target, "--pid", str(pid)])


def _wait(condition: Any, timeout: float, bot: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if bot.poll() is not None:
            raise RuntimeError(f"the bot exited with {bot.returncode}")
        if time.monotonic() > deadline:
            raise TimeoutError("the bot did not send everything in time")
        time.sleep(0.05)


def line(label: str, r: dict[str, Any]) -> str:
    """One printed row."""
    return (
        f"  {label:<42} {r['sent']:>5} sent  {r['per_s']:6.0f} msg/s  lateness p50 "
        f"{r['late_p50']:5.2f} s  p99 {r['late_p99']:5.2f} s  max {r['late_max']:5.2f} s  "
        f"bot CPU {r['cpu_s']:4.2f} s (API {r['api_cpu_s']:4.2f} s)  peak RSS {r['peak_mb']:4.0f} MB"
    )
