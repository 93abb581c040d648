"""The bot's own rate limiter against the fake server's flood control."""

from __future__ import annotations

import time

from bot.app import build_application
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.conftest import make_settings


async def test_limiter_keeps_to_30_per_second_and_1_per_chat(telegram: FakeTelegram):
    telegram.limits = True
    users = [FakeUser(telegram, 7000 + i, f"U{i}") for i in range(45)]
    for user in users:
        _ = user.chat
    app = build_application(
        make_settings(telegram, "sqlite+aiosqlite:///:memory:", rate_limits=True)
    )
    await app.bot.initialize()
    try:
        import asyncio

        started = time.monotonic()
        sends = [app.bot.send_message(u.id, "hello") for u in users]
        sends += [app.bot.send_message(users[0].id, f"again {i}") for i in range(5)]
        await asyncio.gather(*sends)
        elapsed = time.monotonic() - started
    finally:
        await app.bot.shutdown()
    assert telegram.rate_limited == 0, telegram.flood_reasons
    assert len(telegram.send_times) == 50
    assert elapsed >= 1.0  # 50 messages cannot leave within one second at 30/s
    assert elapsed >= 2.9  # one chat: 6 messages = a burst of 3, then 1 per second


async def test_without_the_limiter_the_fake_refuses_a_flood(telegram: FakeTelegram):
    import asyncio

    telegram.limits = True
    users = [FakeUser(telegram, 8000 + i, f"U{i}") for i in range(40)]
    for user in users:
        _ = user.chat
    app = build_application(make_settings(telegram, "sqlite+aiosqlite:///:memory:"))
    await app.bot.initialize()
    try:
        await asyncio.gather(*(app.bot.send_message(u.id, "hello") for u in users))
    finally:
        await app.bot.shutdown()
    assert telegram.rate_limited > 0  # the fake's flood control works…
    assert len(telegram.send_times) == 40  # …and the 429s were waited out, nothing lost
