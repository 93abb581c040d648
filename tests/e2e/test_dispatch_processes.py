"""Real processes: kill -9 in the middle of a dispatch, restart; two dispatchers on one database."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from core import people, reminders
from db import migrate
from db.models import Delivery, Reminder, Worker
from db.session import create_engine, create_sessionmaker
from db.types import install_keyring
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.conftest import BACKENDS, TEST_KEY, process_environment
from tests.helpers import wait_until

PEOPLE = 60
# Real time and 2-second leases: these run one after another on one worker, not beside each
# other (each starts processes that compete for the same cores).
pytestmark = pytest.mark.xdist_group("dispatch-processes")


async def seed_due(database_url: str, telegram: FakeTelegram) -> None:
    """PEOPLE people whose three daily reminders all fell due a minute ago (real time)."""
    install_keyring([TEST_KEY])
    engine = create_engine(database_url)
    await migrate.upgrade(engine)
    sessions = create_sessionmaker(engine)
    now = datetime.now(UTC)
    async with sessions.begin() as session:
        for index in range(PEOPLE):
            user_id = 20_000 + index
            user, _ = await people.give_consent(session, user_id, now)
            people.set_role(user, people.Role.UNSAID)
            people.set_timezone(user, "UTC")
            reminders.set_quiet(user, None, None)
            await reminders.ensure_defaults(session, user, now)
            _ = FakeUser(telegram, user_id, f"P{index}").chat
        await session.execute(
            update(Reminder)
            .where(Reminder.kind != "summary")
            .values(next_fire_at=now - timedelta(minutes=1), slot_at=now - timedelta(minutes=1))
        )
    await engine.dispose()


async def workers_running(database_url: str) -> int:
    """Dispatch processes that have started (each writes its heartbeat after it set up its
    SIGTERM handler, so from then on it stops cleanly)."""
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            return len((await session.execute(select(Worker.id))).scalars().all())
    finally:
        await engine.dispose()


async def due_left(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            rows = (await session.execute(select(Reminder.next_fire_at))).scalars().all()
            statuses = Counter((await session.execute(select(Delivery.status))).scalars())
    finally:
        await engine.dispose()
    now = datetime.now(UTC)
    assert statuses["sending"] == 0 or any(r is not None and r <= now for r in rows)
    return sum(1 for r in rows if r is None or r <= now)


def dispatcher_env(telegram: FakeTelegram, database_url: str) -> dict[str, str]:
    return process_environment(telegram, database_url, dispatch_lease="2", dispatch_interval="0.2")


async def spawn(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        "--dispatch-only",
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


def messages_by_chat_and_kind(telegram: FakeTelegram) -> Counter[tuple[int, str]]:
    kinds = {"small moment": "selfcare", "thought to carry": "affirmation", "check-in": "checkin"}
    counts: Counter[tuple[int, str]] = Counter()
    for chat in telegram.chats.values():
        for message in chat.messages:
            for marker, kind in kinds.items():
                first_line = (message.text or "").split("\n", 1)[0].lower()
                if message.from_bot and marker in first_line:
                    counts[(chat.id, kind)] += 1
    return counts


async def test_kill_9_mid_dispatch_then_restart(
    telegram: FakeTelegram, database_url: str, tmp_path: Path
):
    await seed_due(database_url, telegram)
    telegram.send_delay = 0.15
    env = dispatcher_env(telegram, database_url)
    first = await spawn(env, tmp_path)

    async def some_sent() -> bool:
        return len(telegram.send_times) >= 40

    await wait_until(some_sent)
    first.send_signal(signal.SIGKILL)
    await first.wait()
    sent_before_restart = len(telegram.send_times)
    telegram.send_delay = 0
    second = await spawn(env, tmp_path)

    async def all_rescheduled() -> bool:
        return await due_left(database_url) == 0

    try:
        await wait_until(all_rescheduled)
    finally:
        second.send_signal(signal.SIGTERM)
        await second.wait()
    counts = messages_by_chat_and_kind(telegram)
    everyone = [
        (20_000 + i, kind) for i in range(PEOPLE) for kind in ("selfcare", "affirmation", "checkin")
    ]
    repeated = [key for key in everyone if key[1] != "checkin" and counts[key] > 1]
    assert repeated == []  # a nudge or affirmation is never sent twice
    assert all(1 <= counts[(uid, "checkin")] <= 2 for uid, _ in everyone)  # never lost
    lost = [key for key in everyone if counts[key] == 0]
    assert len(lost) <= 64  # only what was claimed and in flight when the process died
    assert sent_before_restart >= 40 and second.returncode == 0


# Two processes on one database is what PostgreSQL is for (skipped only when narrowed to SQLite).
@pytest.mark.parametrize("backend", [b for b in BACKENDS if b == "postgresql"], indirect=True)
async def test_two_dispatch_processes_send_every_message_once(
    telegram: FakeTelegram, database_url: str, tmp_path: Path
):
    await seed_due(database_url, telegram)
    telegram.send_delay = 0.02
    env = dispatcher_env(telegram, database_url)
    procs = [await spawn(env, tmp_path) for _ in range(2)]

    async def all_rescheduled() -> bool:
        return await due_left(database_url) == 0

    async def both_started() -> bool:
        return await workers_running(database_url) >= 2

    try:
        await wait_until(all_rescheduled)
        # A process still starting when the other has sent everything would die of SIGTERM
        # before its handler exists (exit -15): stop them only once both are running.
        await wait_until(both_started)
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            await proc.wait()
    counts = messages_by_chat_and_kind(telegram)
    assert len(counts) == PEOPLE * 3 and set(counts.values()) == {1}
    assert [proc.returncode for proc in procs] == [0, 0]
