"""Paid broadcasts, measured: `python -m bench paid`.

People set up on PostgreSQL, everyone's self-care nudge due in the same second, sent by 1, 2 and
3 dispatch-only processes (`tend run --dispatch-only`) to the fake Bot API in its own process,
answering after 80 ms and refusing (429) anything above 1,000 messages a second overall or one a
second per chat: Telegram's limits for a bot on paid broadcasts. The bots run with
TEND_RATE_LIMITS=true and TEND_PAID_BROADCAST=true (a budget of 1,000/s). Duplicates are messages that reached one chat more than once. BENCH_PROFILE=<file>
runs the first process under cProfile (read it with pstats).
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from typing import Any

from bench.sends import KEY, ROOT, TOKEN, _cpu_seconds, _wait, _zone

RATE = 1000  # messages/s overall


def seed(url: str, people: int) -> dict[str, Any]:
    """An empty schema at `url`, then `people` set up as onboarding does, in a zone where it is
    daytime now (500 people a transaction)."""
    from sqlalchemy import text

    from bench.work import ZONES
    from core import people as core_people
    from core import reminders
    from db import migrate
    from db.session import create_engine, create_sessionmaker
    from db.types import install_keyring

    async def run() -> dict[str, Any]:
        install_keyring([KEY])
        engine = create_engine(url)
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await migrate.upgrade(engine)
        sessions = create_sessionmaker(engine)
        rng = random.Random(3)
        now = datetime.now(UTC)
        zones = [z for z in ZONES if 10 <= now.astimezone(_zone(z)).hour <= 18] or ["UTC"]
        started = time.perf_counter()
        for first in range(1, people + 1, 500):
            async with sessions.begin() as session:
                for uid in range(first, min(people, first + 499) + 1):
                    user, _ = await core_people.give_consent(session, uid, now)
                    core_people.set_role(user, rng.choice(list(core_people.Role)))
                    core_people.set_timezone(user, rng.choice(zones))
                    await reminders.ensure_defaults(session, user, now)
                    await reminders.reschedule_all(session, user, now)
        await engine.dispose()
        return {"people": people, "seed_s": time.perf_counter() - started}

    return asyncio.run(run())


def make_due(url: str, lead: float) -> dict[str, Any]:
    """Everyone's self-care nudge due at one whole second at least `lead` seconds from now."""
    from sqlalchemy import update

    from db.models import Reminder
    from db.session import create_engine

    async def run() -> dict[str, Any]:
        engine = create_engine(url)
        due = datetime.fromtimestamp(int(time.time() + lead) + 1, UTC)
        async with engine.begin() as conn:
            moved = await conn.execute(
                update(Reminder)
                .where(Reminder.kind == "selfcare")
                .values(next_fire_at=due, slot_at=due)
            )
        await engine.dispose()
        return {"due": due.timestamp(), "moved": moved.rowcount}

    return asyncio.run(run())


def measure(url: str, processes: int, timeout: float = 600) -> dict[str, Any]:
    """Start the fake API and `processes` dispatch-only bots, make everyone due, time arrivals."""
    from bench.__main__ import FakeApi

    api = FakeApi(True, latency=0.08, global_rate=RATE)
    env = {
        **os.environ,
        "TEND_BOT_TOKEN": TOKEN,
        "TEND_TELEGRAM_API_URL": api.url,
        "TEND_DATABASE_URL": url,
        "TEND_ENCRYPTION_KEY": KEY,
        "TEND_RATE_LIMITS": "true",
        "TEND_PAID_BROADCAST": "true",  # allow_paid_broadcast on every send, budget 1,000/s
        "TEND_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "bot", "run", "--dispatch-only"]
    profile = os.environ.get("BENCH_PROFILE")  # cProfile the first process into this file
    first = [*command[:1], "-m", "cProfile", "-o", profile, *command[1:]] if profile else command
    bots = [subprocess.Popen(first if i == 0 else command, env=env) for i in range(processes)]
    try:
        time.sleep(3 + processes)  # each writes its heartbeat and sees the others
        due = make_due(url, 1.0)
        cpu = [_cpu_seconds(b.pid) for b in bots]
        arrived: dict[int, list[float]] = {}

        def everyone_arrived() -> bool:
            arrived.clear()
            for chat, at in api.stats()["arrivals"]:
                if at >= due["due"] - 0.5:
                    arrived.setdefault(chat, []).append(at)
            return len(arrived) >= int(due["moved"])

        for bot in bots:
            _wait(everyone_arrived, timeout, bot)
            break
        time.sleep(1.0)  # a duplicate would arrive within the lease; give it a moment
        everyone_arrived()
        busy = sum(_cpu_seconds(b.pid) for b in bots) - sum(cpu)
        stats = api.stats()
    finally:
        for bot in bots:
            bot.send_signal(signal.SIGTERM)
        for bot in bots:
            try:
                bot.wait(timeout=30)
            finally:
                if bot.poll() is None:
                    bot.kill()
        api.close()
    firsts = sorted(min(v) for v in arrived.values())
    span = firsts[-1] - firsts[0]
    return {
        "processes": processes,
        "sent": len(firsts),
        "per_s": (len(firsts) - 1) / span if span > 0 else float(len(firsts)),
        "all_sent_s": firsts[-1] - due["due"],
        "duplicates": sum(len(v) - 1 for v in arrived.values()),
        "rate_limited": stats["rate_limited"],
        "cpu_ms_per_message": 1000 * busy / max(1, len(firsts)),
    }
