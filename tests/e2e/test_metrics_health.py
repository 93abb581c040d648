"""The operator's port: /metrics moves with real traffic, /healthz and /readyz say what is wrong."""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select

from bot.app import build_application, prepare_keys, start, stop
from bot.context import TendApp
from db.models import Reminder
from db.session import create_engine
from demo.fake_telegram import FakeTelegram, FakeUser, Fault
from tests.conftest import LIFECYCLE_SECONDS, make_settings
from tests.helpers import onboard, settle, wait_until

BERLIN = ZoneInfo("Europe/Berlin")
DOCKERFILE = Path(__file__).resolve().parents[2] / "Dockerfile"
# Every label the metrics use; a person's id, name or words must never be one of their values.
LABELS = {"kind", "outcome", "result", "method", "part", "le"}


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


@pytest.fixture
async def served(telegram: FakeTelegram, database_url: str, clock) -> AsyncIterator[TendApp]:
    """The bot with its metrics port open (on a free port)."""
    settings = make_settings(telegram, database_url, metrics_port=0)
    prepare_keys(settings)
    app = build_application(settings, clock)
    async with asyncio.timeout(LIFECYCLE_SECONDS):
        await start(app, poll_timeout=1)
    yield app
    await telegram.interrupt_polls()
    async with asyncio.timeout(LIFECYCLE_SECONDS):
        await stop(app)


async def get(app: TendApp, path: str) -> tuple[int, str]:
    deps = app.bot_data.deps
    assert deps is not None and deps.health_server is not None
    url = f"http://127.0.0.1:{deps.health_server.port}{path}"
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return response.status, await response.text()


async def samples(app: TendApp) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    status, body = await get(app, "/metrics")
    assert status == 200
    found = {}
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            found[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return found


def value(
    found: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str
) -> float:
    """Sum of the samples of `name` whose labels include `labels`."""
    wanted = set(labels.items())
    return sum(v for (n, ls), v in found.items() if n == name and wanted <= ls)


async def ready(app: TendApp) -> bool:
    return (await get(app, "/readyz"))[0] == 200


async def test_metrics_count_updates_nudges_and_429s_and_name_nobody(
    served: TendApp, alice: FakeUser, clock, telegram: FakeTelegram
):
    status, body = await get(served, "/healthz")
    assert (status, body) == (200, "ok\n")
    before = await samples(served)
    await onboard(alice)
    clock.set(berlin(27, 9))
    await alice.expect_text("a small moment")

    async def nudge_counted() -> bool:
        found = await samples(served)
        return value(found, "tend_scheduled_sends_total", kind="selfcare", result="sent") == 1

    await wait_until(nudge_counted)
    found = await samples(served)
    assert value(found, "tend_updates_total", kind="command", outcome="ok") >= 1
    assert value(found, "tend_updates_total", kind="callback_query", outcome="ok") >= 1
    assert value(found, "tend_update_seconds_count") == value(found, "tend_updates_total") > 0
    assert value(found, "tend_telegram_request_seconds_count", method="sendMessage") >= 2
    assert value(found, "tend_telegram_retry_after_total") == 0
    assert value(before, "tend_scheduled_sends_total") == 0

    telegram.inject(
        Fault(
            "sendMessage",
            code=429,
            description="Too Many Requests: retry after 1",
            retry_after=1,
            chat_id=alice.id,
        )
    )
    await alice.send("/help")
    await alice.expect_text("what i can do")
    found = await samples(served)
    assert value(found, "tend_telegram_retry_after_total") == 1
    assert value(found, "tend_telegram_retry_after_paused_seconds_total") >= 1
    assert value(found, "tend_telegram_request_seconds_count", outcome="RetryAfter") == 1

    # A reply Telegram refuses: the error handler runs, and the update counts as an error.
    telegram.inject(
        Fault("sendMessage", code=400, description="Bad Request: odd failure", chat_id=alice.id)
    )
    await alice.send("/help")
    await alice.expect_text("something went wrong")
    found = await samples(served)
    assert value(found, "tend_updates_total", kind="command", outcome="error") == 1
    assert value(found, "tend_telegram_request_seconds_count", outcome="BadRequest") == 1

    for name, labels in found:
        for label, text in labels:
            assert label in LABELS, (name, label)
            assert not text.isdecimal(), (name, label, text)  # no id is a label value
            assert str(alice.id) not in text and "alice" not in text.lower()


async def test_dispatch_lag_and_processes_are_read_at_scrape(
    served: TendApp, alice: FakeUser, clock, telegram: FakeTelegram
):
    await onboard(alice)
    found = await samples(served)
    assert value(found, "tend_dispatch_processes") == 1
    assert 0 <= value(found, "tend_dispatch_last_tick_age_seconds") < 60
    deps = served.bot_data.deps
    assert deps is not None and deps.dispatch is not None
    await deps.dispatch.stop()  # nothing is sent any more: due reminders wait and age
    clock.set(berlin(28, 12))
    async with deps.transaction() as session:
        oldest = (
            await session.execute(
                select(func.min(Reminder.next_fire_at)).where(Reminder.user_id == alice.id)
            )
        ).scalar_one()
    found = await samples(served)
    assert value(found, "tend_dispatch_lag_seconds") == (clock.now() - oldest).total_seconds()
    assert value(found, "tend_dispatch_lag_seconds") > 3600


async def test_readyz_fails_when_the_tick_stalls_and_recovers(
    served: TendApp, alice: FakeUser, clock, telegram: FakeTelegram
):
    await onboard(alice)
    await settle(telegram)
    assert await get(served, "/readyz") == (200, "ready\n")
    deps = served.bot_data.deps
    assert deps is not None and deps.health is not None
    deps.health.tick_stale_after = 0.5
    # The 09:00 nudge hangs at Telegram for 3 s (then arrives): the pass in hand cannot finish.
    telegram.inject(Fault("sendMessage", chat_id=alice.id, delay=3.0, deliver=True))
    clock.set(berlin(27, 9))

    async def stalled() -> bool:
        status, body = await get(served, "/readyz")
        return status == 503 and "dispatch tick stalled" in body

    await wait_until(stalled)
    await alice.expect_text("a small moment")

    await wait_until(lambda: ready(served))


async def docker_healthcheck(app: TendApp) -> int:
    """Run the Dockerfile's HEALTHCHECK command against this bot; its exit code."""
    match = re.search(r"HEALTHCHECK .*?CMD (\[.*?\])\n", DOCKERFILE.read_text(), re.S)
    assert match is not None
    command = json.loads(match.group(1))
    deps = app.bot_data.deps
    assert deps is not None and deps.health_server is not None
    env = {**os.environ, "TEND_METRICS_PORT": str(deps.health_server.port)}
    process = await asyncio.create_subprocess_exec(
        sys.executable, *command[1:], env=env, stderr=asyncio.subprocess.DEVNULL
    )
    return await asyncio.wait_for(process.wait(), 30)


async def test_readyz_fails_when_the_database_is_gone(served: TendApp, telegram: FakeTelegram):
    deps = served.bot_data.deps
    assert deps is not None and deps.health is not None
    await wait_until(lambda: ready(served))  # after the first dispatch pass
    assert await docker_healthcheck(served) == 0
    # The checks' connection now leads to a database server that is not there.
    gone = create_engine("postgresql+asyncpg://tend@127.0.0.1:9/gone")
    deps.health.engine, kept = gone, deps.health.engine
    try:
        status, body = await get(served, "/readyz")
        assert (status, body) == (503, "database unreachable\n")
        assert (await get(served, "/healthz"))[0] == 200  # the process itself still serves
        assert (await get(served, "/metrics"))[0] == 200
        assert await docker_healthcheck(served) != 0
    finally:
        deps.health.engine = kept
        await gone.dispose()
    assert (await get(served, "/readyz"))[0] == 200


async def test_no_port_no_server(bot: TendApp):
    deps = bot.bot_data.deps
    assert deps is not None and deps.health_server is None
    assert deps.metrics.exposition().startswith(b"# HELP")
