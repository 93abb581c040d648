"""The bot was down for more than a day: old occurrences are skipped, and the newest one, only
minutes late, is still sent once (README: under 2 hours late is sent once)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.app import build_application, prepare_keys, start, stop
from core.clock import ManualClock
from db.models import Delivery
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.conftest import LIFECYCLE_SECONDS, make_settings
from tests.helpers import berlin, onboard, rows, settle


async def test_after_26_hours_down_the_nudge_30_minutes_late_is_sent_once(
    telegram: FakeTelegram, database_url: str, clock: ManualClock, alice: FakeUser
):
    settings = make_settings(telegram, database_url)
    prepare_keys(settings)
    first = build_application(settings, clock)
    async with asyncio.timeout(LIFECYCLE_SECONDS):
        await start(first, poll_timeout=1)
    await onboard(alice)
    clock.set(berlin(27, 7, 30))  # stopped early one morning, before the 09:00 nudge
    await settle(telegram)
    await telegram.interrupt_polls()
    async with asyncio.timeout(LIFECYCLE_SECONDS):
        await stop(first)
    alice.mark_read()

    clock.set(berlin(27, 7, 30) + timedelta(hours=26))  # back the next morning at 09:30
    second = build_application(settings, clock)
    telegram.resume_polls()
    async with asyncio.timeout(LIFECYCLE_SECONDS):
        await start(second, poll_timeout=1)
    try:
        await alice.expect_among("a small moment for you", timeout=10)
        await settle(telegram)
        nudges = await rows(second, Delivery, user_id=alice.id, kind="selfcare")
        assert [d.slot_at for d in nudges] == [berlin(28, 9)]  # today's only; yesterday's skipped
        clock.advance(timedelta(minutes=5))
        await settle(telegram)
        assert len(await rows(second, Delivery, user_id=alice.id, kind="selfcare")) == 1
    finally:
        await telegram.interrupt_polls()
        async with asyncio.timeout(LIFECYCLE_SECONDS):
            await stop(second)
