"""Two processes taking updates (TEND_UPDATE_PROCESSES=2) on PostgreSQL, as real processes
through the fake Telegram: a couple split across them pairs and sees one reveal each, every chat
stays in order, a stranger is served, a shard killed with -9 is replaced while its chats are
still answered, and the logs hold ids only."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from collections.abc import AsyncIterator
from functools import partial
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import select

from db.models import CheckinAnswer, CheckinRound, JournalEntry
from db.session import create_engine, create_sessionmaker
from db.types import install_keyring
from demo.fake_telegram import FakeTelegram, FakeUser
from demo.fake_telegram.server import SentMessage
from tests.conftest import BACKENDS, TEST_KEY, process_environment
from tests.helpers import onboard, pair, wait_until

# Real processes on real time: one after another on one worker (they compete for the cores).
pytestmark = [
    pytest.mark.xdist_group("dispatch-processes"),
    # More than one process taking updates needs PostgreSQL (skipped only when narrowed to
    # SQLite; SQLite's refusal is tested in tests/unit/test_shards.py).
    pytest.mark.parametrize("backend", [b for b in BACKENDS if b == "postgresql"], indirect=True),
]

LATENCY = 0.05
STARTUP = 60.0  # seconds: two fresh interpreters on a loaded machine


class Front:
    """`tend run` with TEND_UPDATE_PROCESSES=2; its log (and its shard's) in one file."""

    def __init__(self, process: asyncio.subprocess.Process, log: Path) -> None:
        self.process = process
        self.log = log

    def text(self) -> str:
        return self.log.read_text()

    async def wait_log(self, pattern: str, count: int = 1) -> list[re.Match[str]]:
        """Wait until `pattern` matches `count` times in the log; the matches."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + STARTUP
        while True:
            found = list(re.finditer(pattern, self.text()))
            if len(found) >= count:
                return found
            if self.process.returncode is not None:
                raise AssertionError(f"tend stopped: {self.text()[-2000:]}")
            assert loop.time() < deadline, f"no {pattern!r} in the log: {self.text()[-2000:]}"
            await asyncio.sleep(0.1)


@pytest.fixture
async def front(telegram: FakeTelegram, database_url: str, tmp_path: Path) -> AsyncIterator[Front]:
    env = process_environment(
        telegram,
        database_url,
        update_processes="2",
        log_level="INFO",
        metrics_port="0",  # each process on a free port of its own
    )
    log = tmp_path / "tend.log"
    with log.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            env=env,
            cwd=tmp_path,
            stdout=sink,
            stderr=sink,
        )
    running = Front(process, log)
    try:
        await running.wait_log(r"shards\.ready shard=1")
        await running.wait_log(r"bot\.ready .*shard=0")
        yield running
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            await telegram.interrupt_polls()
        await asyncio.wait_for(process.wait(), STARTUP)
    assert process.returncode == 0, running.text()[-2000:]
    text = running.text()
    # The shard finished what it was given and said how much; nobody's words or names in logs.
    assert re.search(r"shards\.stopped shard=1 code=0", text), text[-2000:]
    # Each line says which process wrote it.
    assert re.search(r"process=1 shards\.ready shard=1", text)
    assert re.search(r"process=0 bot\.ready ", text)
    for word in ("Alice", "Bob", "Carol", "thought", "sorry"):
        assert word not in text


async def rows(database_url: str, model: object) -> list[object]:
    install_keyring([TEST_KEY])
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            return list((await session.execute(select(model))).scalars())  # type: ignore[call-overload]
    finally:
        await engine.dispose()


def showing(message: SentMessage, fragment: str) -> bool:
    return fragment in (message.text or "")


async def answered(user: FakeUser) -> None:
    """Everything the user sent before this has been handled: /help gets its answer after it
    (their chat is in order, in whichever process holds it)."""
    before = len(user.bot_messages())
    await user.send("/help")

    def helped() -> bool:
        later = user.bot_messages()[before:]
        return any("what i can do" in (m.text or "").lower() for m in later)

    await user.server.wait_for(helped, 30)


async def test_a_couple_split_across_two_processes(
    front: Front,
    telegram: FakeTelegram,
    database_url: str,
    alice: FakeUser,
    bob: FakeUser,
    carol: FakeUser,
):
    # Alice (1001) and Carol (1003) are the shard's, Bob (1002) the front's.
    await pair(alice, bob)
    await onboard(carol)
    flows: dict[int, SentMessage] = {}
    for user in (alice, bob):
        await user.send("/checkin")
        flows[user.id] = flow = await user.expect_text("1 of 4", timeout=30)
        for step, value in enumerate(("4", "3", "5")):
            await user.press(flow, value)
            await telegram.wait_for(partial(showing, flow, f"{step + 2} of 4"), 30)
    telegram.latency = LATENCY
    alice.mark_read()
    bob.mark_read()
    await alice.press(flows[alice.id], "skip")  # both finish in the same instant
    await bob.press(flows[bob.id], "skip")
    await answered(alice)  # replies seen after this: every reveal has been sent
    await answered(bob)
    for user in (alice, bob):
        reveals = [m for m in user.bot_messages() if "check-ins are in" in (m.text or "").lower()]
        assert len(reveals) == 1, [m.text for m in user.bot_messages()]
    assert not [m for m in carol.bot_messages() if "check-ins are in" in (m.text or "").lower()]
    (round_,) = await rows(database_url, CheckinRound)
    assert round_.revealed_at is not None  # type: ignore[attr-defined]
    answers = await rows(database_url, CheckinAnswer)
    assert len(answers) == 2

    # Each chat in order, whichever process holds it: only the message after /journal is kept.
    crowd = [alice, bob, carol]
    for user in crowd:
        await user.send("/journal")
        await user.send(f"first thought of {user.id} today")
        await user.send(f"second thought of {user.id} later")
    for user in crowd:
        await answered(user)
    entries = await rows(database_url, JournalEntry)
    assert sorted(e.text for e in entries) == sorted(  # type: ignore[attr-defined]
        f"first thought of {user.id} today" for user in crowd
    )
    # The operator's view, from the front (the first port opened): both processes run, and
    # the shard's chats went to it.
    (serving, *_) = await front.wait_log(r"health\.serving listen=\S+ port=(\d+)", count=2)
    base = f"http://127.0.0.1:{serving.group(1)}"
    async with aiohttp.ClientSession() as client:
        async with client.get(f"{base}/readyz") as response:
            assert response.status == 200, await response.text()
        async with client.get(f"{base}/metrics") as response:
            exposition = await response.text()
    assert "tend_update_processes_running 2.0" in exposition
    forwarded = re.search(r'tend_updates_forwarded_total\{process="1"\} (\d+)', exposition)
    assert forwarded is not None and int(forwarded.group(1)) > 10
    front.process.send_signal(signal.SIGTERM)
    await telegram.interrupt_polls()
    await asyncio.wait_for(front.process.wait(), STARTUP)
    (done,) = await front.wait_log(r"shards\.done shard=1 updates=(\d+)")
    assert int(done.group(1)) > 10  # Alice's and Carol's updates went to the shard


async def forwarded(base: str) -> int:
    """How many updates the front has handed to process 1 (its /metrics)."""
    async with aiohttp.ClientSession() as client, client.get(f"{base}/metrics") as response:
        found = re.search(
            r'tend_updates_forwarded_total\{process="1"\} (\d+)', await response.text()
        )
    return int(found.group(1)) if found else 0


async def test_a_shard_killed_is_replaced_and_nothing_it_had_not_taken_is_lost(
    front: Front, telegram: FakeTelegram, alice: FakeUser
):
    (serving, *_) = await front.wait_log(r"health\.serving listen=\S+ port=(\d+)", count=2)
    base = f"http://127.0.0.1:{serving.group(1)}"
    (started,) = await front.wait_log(r"shards\.started shard=1 pid=(\d+)")
    shard = int(started.group(1))
    os.kill(shard, signal.SIGSTOP)  # frozen: what reaches its pipe now is never taken
    before = await forwarded(base)
    for _ in range(3):
        await alice.send("/help")  # Alice (1001) is process 1's

    async def all_forwarded() -> bool:
        return await forwarded(base) >= before + 3

    await wait_until(all_forwarded)
    os.kill(shard, signal.SIGKILL)
    await front.wait_log(r"shards\.exited shard=1 code=-9")
    await front.wait_log(r"shards\.taken_back shard=1 updates=3")

    def helped_three_times() -> bool:
        said = [m.text or "" for m in alice.bot_messages()]
        return sum("what i can do" in text.lower() for text in said) == 3

    await telegram.wait_for(helped_three_times, 30)  # the front answered what the shard held
    await front.wait_log(r"shards\.started shard=1", count=2)
    await front.wait_log(r"shards\.ready shard=1", count=2)
    await onboard(FakeUser(telegram, 1005, "Erin"))  # an odd id: the new shard's
    await answered(alice)
