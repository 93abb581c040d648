"""Benchmark workers, each run in its own process (so peak memory is its own): see bench/__main__.

python -m bench.work MODE ARGS… prints one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import random
import resource
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

ZONES = [
    "Europe/London",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Helsinki",
    "Europe/Moscow",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "America/Toronto",
    "America/Anchorage",
    "Pacific/Honolulu",
    "Pacific/Auckland",
    "Australia/Sydney",
    "Australia/Perth",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Shanghai",
    "Asia/Kolkata",
    "Asia/Dubai",
    "Asia/Jakarta",
    "Asia/Manila",
    "Asia/Karachi",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Cairo",
    "Africa/Johannesburg",
    "Atlantic/Reykjavik",
]


def rss_mb() -> float:
    """Current resident set size."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    """Peak resident set size of this process."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit(data: dict[str, Any]) -> None:
    print(json.dumps(data), flush=True)


def summary(days: int, couples: int, other_days: int, reps: int) -> None:
    """The check-in summary on two years of one couple's rounds: see bench/summary.py."""
    from bench import summary as summary_bench

    emit(summary_bench.measure(days, couples, other_days, reps))


# -- the naive design: one in-memory APScheduler job per reminder -----------------------------
def naive(count: int) -> None:
    from zoneinfo import ZoneInfo

    from apscheduler.schedulers.asyncio import AsyncIOScheduler
    from apscheduler.triggers.cron import CronTrigger

    async def build() -> dict[str, Any]:
        scheduler = AsyncIOScheduler(timezone=UTC)
        scheduler.start(paused=True)
        rng = random.Random(1)
        before = rss_mb()
        started = time.perf_counter()
        for index in range(count):
            zone = ZoneInfo(ZONES[index % len(ZONES)])
            scheduler.add_job(
                _noop,
                CronTrigger(hour=rng.randrange(24), minute=rng.randrange(60), timezone=zone),
                id=str(index),
                args=[index],
            )
        elapsed = time.perf_counter() - started
        return {
            "count": count,
            "build_s": elapsed,
            "rss_mb": rss_mb() - before,
            "peak_mb": peak_mb(),
        }

    emit(asyncio.run(build()))


def _noop(_: int) -> None:
    pass


# -- the due-queue design --------------------------------------------------------------------
async def _engine(path: str) -> Any:
    from db.session import create_engine, create_sessionmaker
    from db.types import install_keyring

    install_keyring(["q0J6m3Zl7zBHPvgTn1X5m7o3CvJ4dM5qYb3xqGZ0pJc="])
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    return engine, create_sessionmaker(engine)


def seed(count: int, path: str) -> None:
    """`count` reminders, one of each kind per person (what onboarding gives), random local
    times in 30 zones."""
    from zoneinfo import ZoneInfo

    from sqlalchemy import insert

    from core import rules
    from core.reminders import DEFAULT_DAYS, Kind
    from db import migrate
    from db.envelope import new_data_key
    from db.models import Reminder, User
    from db.types import Sealed

    async def run() -> dict[str, Any]:
        engine, _ = await _engine(path)
        await migrate.upgrade(engine)
        rng = random.Random(2)
        now = datetime.now(UTC)
        started = time.perf_counter()
        people = max(count // len(Kind), 1)
        chunk = 5000
        for first in range(0, people, chunk):
            users, reminders = [], []
            for uid in range(first + 1, min(first + chunk, people) + 1):
                zone_name = ZONES[uid % len(ZONES)]
                wrapped, cipher = new_data_key()
                users.append(
                    {
                        "id": uid,
                        "created_at": now,
                        "consent_at": now,
                        "consent_version": "bench",
                        # Each person's own data key, as the ORM would make it (db.envelope).
                        "data_key": wrapped,
                        "role": Sealed("unsaid", uid, cipher),
                        "timezone": zone_name,
                        "last_seen_at": now,
                        "quiet_start": None,
                        "quiet_end": None,
                    }
                )
                for kind in Kind:
                    minute = rng.randrange(1440)
                    days = DEFAULT_DAYS.get(kind, rules.EVERY_DAY)
                    fire = rules.next_fire(minute, days, ZoneInfo(zone_name), now)
                    reminders.append(
                        {
                            "user_id": uid,
                            "kind": kind.value,
                            "minute_of_day": minute,
                            "days": days,
                            "enabled": True,
                            "next_fire_at": fire,
                            "slot_at": fire,
                            "snoozes": 0,
                            "seen_items": "",
                        }
                    )
            async with engine.begin() as conn:
                await conn.execute(insert(User), users)
                await conn.execute(insert(Reminder), reminders)
        await engine.dispose()
        return {"count": count, "seed_s": time.perf_counter() - started}

    emit(asyncio.run(run()))


class NullNotifier:
    """Accepts every message at once (the database path alone)."""

    def __init__(self) -> None:
        self.count = 0

    async def send_scheduled(self, message: Any) -> Any:
        from scheduler.outbox import SendResult, SendStatus

        self.count += 1
        return SendResult(SendStatus.SENT, self.count)


async def _make_due(sessions: Any, due: int, now: datetime, spread: float = 0.0) -> int:
    from sqlalchemy import func, select, update

    from db.models import Reminder

    async with sessions.begin() as session:
        top = (await session.execute(select(func.max(Reminder.id)))).scalar_one()
        due = min(due, top)
        ids = random.Random(3).sample(range(1, top + 1), due)
        rows = [
            {
                "id": rid,
                "next_fire_at": now + timedelta(seconds=spread * i / due),
                "slot_at": now + timedelta(seconds=spread * i / due),
            }
            for i, rid in enumerate(ids)
        ]
        for start in range(0, len(rows), 5000):
            await session.execute(update(Reminder), rows[start : start + 5000])
    return due


def dbpath(path: str, due: int) -> None:
    """Claim + decide + reserve + record `due` reminders with a notifier that costs nothing."""
    from core.clock import SystemClock
    from scheduler.dispatch import Dispatcher

    async def run() -> dict[str, Any]:
        engine, sessions = await _engine(path)
        now = datetime.now(UTC)
        await _make_due(sessions, due, now - timedelta(seconds=1))
        dispatcher = Dispatcher(sessions, NullNotifier(), SystemClock(), "bench", batch_size=500)
        started = time.perf_counter()
        batches = 0
        while await dispatcher.run_batch():
            batches += 1
        elapsed = time.perf_counter() - started
        await engine.dispose()
        return {
            "due": due,
            "per_s": dispatcher.stats.sent / elapsed,
            "sent": dispatcher.stats.sent,
            "db_ms_per_batch": dispatcher.stats.db_seconds / max(batches, 1) * 1000,
            "batch": 500,
            "peak_mb": peak_mb(),
        }

    emit(asyncio.run(run()))


def first_claim(path: str) -> None:
    """Import the stack, open the database, migrate (no-op), claim once; the parent times it."""
    from bot.app import build_application  # noqa: F401 - the bot's import cost counts
    from core.clock import SystemClock
    from db import migrate
    from scheduler.dispatch import Dispatcher

    async def run() -> dict[str, Any]:
        engine, sessions = await _engine(path)
        await migrate.upgrade(engine)
        dispatcher = Dispatcher(sessions, NullNotifier(), SystemClock(), "bench")
        claimed = await dispatcher.run_batch()
        await engine.dispose()
        return {"claimed": claimed}

    emit(asyncio.run(run()))


def edit(path: str) -> None:
    """Change, then list, one person's reminders in a large table."""
    from core import reminders
    from core.clock import SystemClock
    from db.models import User

    kinds = len(reminders.Kind)

    async def run() -> dict[str, Any]:
        engine, sessions = await _engine(path)
        clock, rng, times = SystemClock(), random.Random(4), []
        async with sessions() as session:
            from sqlalchemy import func, select

            people = (await session.execute(select(func.max(User.id)))).scalar_one()
        for _ in range(50):
            uid = rng.randrange(1, people + 1)
            started = time.perf_counter()
            async with sessions.begin() as session:
                user = await session.get(User, uid)
                assert user is not None
                await reminders.set_time(
                    session,
                    user,
                    reminders.Kind.AFFIRMATION,
                    rng.randrange(8 * 60, 22 * 60),
                    clock.now(),
                )
            async with sessions() as session:
                assert len(await reminders.reminders_of(session, uid)) == kinds
            times.append(time.perf_counter() - started)
        await engine.dispose()
        times.sort()
        return {"edit_list_ms_p50": times[25] * 1000, "edit_list_ms_max": times[-1] * 1000}

    emit(asyncio.run(run()))


if __name__ == "__main__":
    from bench import paid, peak, report, sends

    mode, *rest = sys.argv[1:]
    {
        "naive": lambda: naive(int(rest[0])),
        "seed": lambda: seed(int(rest[0]), rest[1]),
        "dbpath": lambda: dbpath(rest[0], int(rest[1])),
        "first_claim": lambda: first_claim(rest[0]),
        "edit": lambda: edit(rest[0]),
        "summary": lambda: summary(int(rest[0]), int(rest[1]), int(rest[2]), int(rest[3])),
        "report": lambda: emit(report.measure(int(rest[0]), int(rest[1]))),
        "onboard": lambda: emit(sends.onboard(rest[0], int(rest[1]))),
        "peak_seed": lambda: emit(peak.seed(rest[0], int(rest[1]))),
        "peak_charts": lambda: emit(peak.chart_cpu(int(rest[0]))),
        "paid_seed": lambda: emit(paid.seed(rest[0], int(rest[1]))),
    }[mode]()
