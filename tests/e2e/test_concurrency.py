"""Updates side by side through the fake Telegram with 80 ms latency: each chat in order,
different chats at once, floods kept out of line, the reveal once, the dispatcher on time."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot import texts
from bot.app import build_application, prepare_keys, start, stop
from bot.context import TendApp
from bot.safety_texts import crisis_reply
from bot.visits import RecentVisits
from db.models import CheckinAnswer, CheckinRound, JournalEntry
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.conftest import make_settings
from tests.helpers import full_ticks, onboard, pair, rows, settle

LATENCY = 0.08  # Telegram from a typical server


@contextlib.asynccontextmanager
async def own_bot(
    telegram: FakeTelegram, database_url: str, clock: Any, **overrides: Any
) -> AsyncIterator[TendApp]:
    """A bot with other settings than the `bot` fixture's."""
    settings = make_settings(telegram, database_url, **overrides)
    prepare_keys(settings)
    app = build_application(settings, clock)
    await start(app, poll_timeout=1)
    try:
        yield app
    finally:
        await telegram.interrupt_polls()
        await stop(app)


async def people(telegram: FakeTelegram, count: int, first: int = 3000) -> list[FakeUser]:
    """`count` onboarded people (without latency: onboarding is not what is measured)."""
    crowd = [FakeUser(telegram, first + i, f"Person{i}") for i in range(count)]
    await asyncio.gather(*map(onboard, crowd))
    return crowd


async def test_each_chat_in_order_under_load(bot: TendApp, telegram: FakeTelegram):
    crowd = await people(telegram, 8)
    telegram.latency = LATENCY
    for user in crowd:  # everyone at once: /journal, then two messages
        await user.send("/journal")
        await user.send(f"first thought of {user.id} today")
        await user.send(f"second thought of {user.id} later")
    await settle(telegram)
    entries = await rows(bot, JournalEntry)
    assert len(entries) == len(crowd)  # only the message right after /journal was saved
    for entry in entries:
        assert entry.text == f"first thought of {entry.user_id} today"


async def test_a_crowd_arriving_at_once_has_its_visits_read_together(
    bot: TendApp, telegram: FakeTelegram
):
    crowd = await people(telegram, 8)
    deps = bot.bot_data.deps
    assert deps is not None
    deps.visits = RecentVisits()  # as after a restart: nobody's visit read yet
    before = deps.visit_reads.reads
    telegram.latency = LATENCY
    for user in crowd:
        user.mark_read()
        await user.send("/help")
    await settle(telegram)
    for user in crowd:
        assert len(user.new_messages()) == 1  # each answered, once
    assert 1 <= deps.visit_reads.reads - before < len(crowd) // 2


@pytest.mark.parametrize("attempt", range(3))
async def test_partners_finishing_at_the_same_instant_see_one_reveal_each(
    bot: TendApp, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, attempt: int
):
    await pair(alice, bob)
    flows = {}
    for user in (alice, bob):
        await user.send("/checkin")
        flows[user.id] = flow = await user.expect_text("1 of 4")
        for value in ("4", "3", "5"):
            await user.press(flow, value)
            await settle(telegram)
    telegram.latency = LATENCY
    alice.mark_read()
    bob.mark_read()
    await alice.press(flows[alice.id], "skip")  # both finish in the same instant
    await bob.press(flows[bob.id], "skip")
    await settle(telegram)
    for user in (alice, bob):
        reveals = [m for m in user.new_messages() if "check-ins are in" in (m.text or "").lower()]
        assert len(reveals) == 1, [m.text for m in user.new_messages()]
    (round_,) = await rows(bot, CheckinRound)
    assert round_.revealed_at is not None
    answers = await rows(bot, CheckinAnswer, round_id=round_.id)
    assert len(answers) == 2 and all(a.completed_at is not None for a in answers)


async def test_a_flood_does_not_hold_back_anyone_else(
    bot: TendApp, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await onboard(alice)
    await onboard(bob)
    telegram.latency = LATENCY
    for number in range(40):  # the flood guard's whole burst: all of it is read
        await alice.send(f"flood message number {number}")
    await bob.send("/help")
    await bob.expect_text("what i can do", timeout=10)
    # One at a time, /help would wait for Alice's 40 replies (at least 80 ms each, over 3 s):
    # side by side it comes while her chat is still being answered. (Counted, not timed: a
    # loaded machine slows both alike.)
    answered_then = len(alice.bot_messages())
    assert bot.bot_data.deps.updates.in_flight > 0  # type: ignore[union-attr]
    await settle(telegram)
    assert answered_then < len(alice.bot_messages())


async def test_the_flood_beyond_the_burst_never_queues(
    bot: TendApp, alice: FakeUser, telegram: FakeTelegram
):
    await onboard(alice)
    telegram.latency = LATENCY
    updates = bot.bot_data.deps.updates  # type: ignore[union-attr]
    assert updates is not None
    alice.mark_read()
    for number in range(120):
        await alice.send(f"flood message number {number}")
    await telegram.wait_for(lambda: telegram.pending_updates == 0, timeout=10)
    assert updates.waiting(alice.id) <= updates.max_pending
    await settle(telegram)
    assert sum(str(texts.SLOW_DOWN)[:30] in (m.text or "") for m in alice.new_messages()) == 1
    assert updates.dropped >= 120 - updates.max_pending - 1


async def test_a_flooded_cry_for_help_still_gets_the_crisis_reply(
    bot: TendApp, alice: FakeUser, telegram: FakeTelegram
):
    await onboard(alice)
    alice.mark_read()
    for number in range(45):
        await alice.send(f"flood message number {number}")
    await alice.send("I want to kill myself tonight")  # over the limit, and still answered
    await alice.send("I want to kill myself, I mean it")  # once per flood, not once a message
    await settle(telegram)
    crisis = crisis_reply("Europe/Berlin")[:40]
    assert sum(crisis in (m.text or "") for m in alice.new_messages()) == 1


async def test_dispatcher_ticks_on_time_while_updates_are_in_flight(
    bot: TendApp, telegram: FakeTelegram
):
    crowd = await people(telegram, 10)
    telegram.latency = LATENCY
    for user in crowd:
        for number in range(20):
            await user.send(f"message number {number} from a busy person")
    updates = bot.bot_data.deps.updates  # type: ignore[union-attr]
    assert updates is not None
    await telegram.wait_for(lambda: updates.in_flight > 0)
    await full_ticks(bot, 3, timeout=30)  # interval 0.2 s: three passes, not held by updates
    # Each chat's 20 replies take 1.6 s at least: the passes ended while updates were going on
    # (had updates held them, they would have ended only after the last update).
    assert updates.in_flight > 0
    await settle(telegram)


async def test_a_chat_waiting_for_its_limit_holds_back_only_itself(
    telegram: FakeTelegram,
    database_url: str,
    clock: Any,
    alice: FakeUser,
    bob: FakeUser,
    carol: FakeUser,
):
    # Two workers, Telegram's limits on: Alice's and Carol's replies wait for their chats' 1/s;
    # were they to hold both workers meanwhile, Bob's /help would wait seconds.
    async with own_bot(telegram, database_url, clock, rate_limits=True, concurrent_updates=2):
        await asyncio.gather(onboard(alice), onboard(bob), onboard(carol))
        for user in (alice, carol):
            user.mark_read()
            for _ in range(8):
                await user.send("/help")
        await telegram.wait_for(lambda: len(alice.new_messages()) >= 2, timeout=10)
        started = time.monotonic()
        await bob.send("/help")
        await bob.expect_text("what i can do", timeout=15)
        assert time.monotonic() - started < 1.5  # the others' 8 replies need about 6 s each
        assert len(alice.new_messages()) < 8
        await telegram.wait_for(lambda: len(alice.new_messages()) == 8, timeout=20)


async def test_one_worker_handles_one_update_at_a_time(
    telegram: FakeTelegram, database_url: str, clock: Any
):
    async with own_bot(telegram, database_url, clock, concurrent_updates=1) as app:
        updates = app.bot_data.deps.updates  # type: ignore[union-attr]
        assert updates is not None and updates.workers == 1
        crowd = await people(telegram, 4)
        telegram.latency = LATENCY
        peak = 0

        async def watch() -> None:
            nonlocal peak
            while True:
                peak = max(peak, updates.running)
                await asyncio.sleep(0.002)

        watcher = asyncio.create_task(watch())
        for user in crowd:
            await user.send("/help")
        await settle(telegram)
        watcher.cancel()
        assert peak == 1
