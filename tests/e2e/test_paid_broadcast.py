"""TEND_PAID_BROADCAST: only scheduled messages carry allow_paid_broadcast, and only when set."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from pydantic import SecretStr, ValidationError

from bot.app import build_application, prepare_keys, start, stop
from bot.settings import PAID_BROADCAST_RATE, Settings
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.conftest import LIFECYCLE_SECONDS, make_settings
from tests.helpers import onboard, settle

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


@pytest.mark.parametrize("paid", [True, False])
async def test_paid_broadcast_marks_scheduled_sends_only(
    paid: bool, telegram: FakeTelegram, database_url: str, clock
):
    settings = make_settings(telegram, database_url, paid_broadcast=paid)
    assert settings.send_rate == (PAID_BROADCAST_RATE if paid else 30)
    prepare_keys(settings)
    app = build_application(settings, clock)
    async with asyncio.timeout(LIFECYCLE_SECONDS):
        await start(app, poll_timeout=1)
    try:
        alice = FakeUser(telegram, 1001, "Alice", "alice_t")
        await onboard(alice)
        await alice.send("/help")
        await alice.expect_text("what i can do")
        clock.set(berlin(27, 9))
        await alice.expect_text("a small moment")
        clock.set(berlin(29, 19))  # Sunday 19:00: the weekly summary, words then the chart
        await alice.expect_text("your week")
        await telegram.wait_for(lambda: telegram.calls_of("sendPhoto"))
        await settle(telegram)
        registry = app.bot_data.deps.metrics.registry  # type: ignore[union-attr]
        for part in ("text", "chart"):  # the summary's rendering is measured, part by part
            sample = registry.get_sample_value("tend_summary_render_seconds_count", {"part": part})
            assert sample == 1
    finally:
        await telegram.interrupt_polls()
        async with asyncio.timeout(LIFECYCLE_SECONDS):
            await stop(app)
    calls = telegram.calls_of("sendMessage") + telegram.calls_of("sendPhoto")
    flagged = [c for c in calls if c.params.get("allow_paid_broadcast")]
    if not paid:
        assert flagged == []
        assert all("allow_paid_broadcast" not in c.params for c in calls)
        return
    texts = [c.params.get("text", "") for c in flagged]
    assert any("small moment" in text.lower() for text in texts)
    assert any("your week" in text.lower() for text in texts)
    assert {c.method for c in flagged} == {"sendMessage", "sendPhoto"}
    replies = [c for c in calls if c not in flagged]
    assert replies and all("allow_paid_broadcast" not in c.params for c in replies)
    assert any("What I can do" in c.params.get("text", "") for c in replies)


def test_paid_broadcast_budget_is_capped_and_an_explicit_rate_wins():
    def settings(**values: object) -> Settings:
        return Settings(_env_file=None, bot_token=SecretStr("1:x"), **values)  # type: ignore[call-arg, arg-type]

    assert settings(paid_broadcast=True).send_rate == 1000
    assert settings(paid_broadcast=True, send_rate=300).send_rate == 300
    assert settings().send_rate == 30
    with pytest.raises(ValidationError, match="at most 1000"):
        settings(paid_broadcast=True, send_rate=5000)
