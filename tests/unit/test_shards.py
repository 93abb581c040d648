"""TEND_UPDATE_PROCESSES: who owns a chat, what a shard is started with, what is refused.
(The processes themselves: tests/e2e/test_update_processes.py.)"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pydantic import SecretStr, ValidationError

from bot.app import build_application
from bot.health import Health
from bot.metrics import Metrics
from bot.settings import Settings
from bot.shards import Shards, environment, owner, shard_settings
from core.clock import ManualClock
from db.session import create_engine
from tests.conftest import START

POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
KEY = "Xh0CbmnkFmXKLu5jMUj7rCIBCZvRhD8bIEJlaC6m0eU="


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, bot_token=SecretStr("1:x"), **values)  # type: ignore[call-arg,arg-type]


def test_sqlite_refuses_more_than_one_process():
    with pytest.raises(ValidationError, match="TEND_UPDATE_PROCESSES above 1 needs PostgreSQL"):
        settings(update_processes=2)
    assert settings(update_processes=1).update_processes == 1


def test_each_chat_has_one_owner_and_all_owners_are_used():
    assert [owner(chat, 3) for chat in (0, 1, 2, 3, 1001, 1002)] == [0, 1, 2, 0, 2, 0]
    assert owner(-1001234567890, 3) in (0, 1, 2)  # groups have negative ids
    assert {owner(chat, 4) for chat in range(100, 140)} == {0, 1, 2, 3}


def test_a_shard_gets_every_setting_of_its_front(monkeypatch: pytest.MonkeyPatch):
    front = settings(
        database_url=POSTGRES,
        encryption_key=SecretStr(KEY),
        update_processes=3,
        rate_limits=False,
        flood_rate=2.5,
        metrics_port=9100,
        log_format="json",
    )
    monkeypatch.setenv("TEND_OPERATOR_CONTACT", "left from before")  # unset in the front: removed
    env = environment(front)
    assert "TEND_OPERATOR_CONTACT" not in env
    for name in list(os.environ):
        if name not in env:
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    again = Settings(_env_file=None)  # type: ignore[call-arg]
    assert again.model_dump() == front.model_dump()
    assert again.bot_token.get_secret_value() == "1:x"
    shard = shard_settings(again, 2)
    assert (shard.dispatch, shard.metrics_port) == (False, 9102)  # its own port, no dispatcher
    assert shard_settings(settings(metrics_port=0), 1).metrics_port == 0


def test_the_send_budget_is_shared_evenly():
    front = settings(database_url=POSTGRES, encryption_key=SecretStr(KEY), update_processes=3)
    app = build_application(front)
    deps = app.bot_data.deps
    assert deps is not None and deps.limiter is not None and deps.updates is not None
    assert deps.limiter.per_second == pytest.approx(10.0)
    assert deps.updates.shards is not None  # the front hands chats out
    shard = build_application(front, shard=1)
    assert shard.updater is None  # fed by the front, never polls
    assert shard.bot_data.deps is not None and shard.bot_data.deps.updates is not None
    assert shard.bot_data.deps.updates.shards is None


async def test_readyz_names_an_update_process_that_is_not_running(database_url: str):
    front = settings(database_url=POSTGRES, encryption_key=SecretStr(KEY), update_processes=2)
    metrics = Metrics()
    # A "shard" that exits at once: never ready, restarted after a pause, down meanwhile.
    shards = Shards(front, command=[sys.executable, "-c", "pass"], metrics=metrics)
    await shards.start()
    engine = create_engine(database_url)
    health = Health(metrics, ManualClock(START), dispatch_on=False, engine=engine, shards=shards)
    try:
        assert "update process 1 not running" in await health.problems()
        await health.refresh_gauges()
        assert metrics.registry.get_sample_value("tend_update_processes_running") == 1
    finally:
        await shards.stop()
        await engine.dispose()
    assert Health(metrics, ManualClock(START), dispatch_on=False, engine=None).shards is None


def test_a_shard_started_by_hand_is_refused_in_one_line():
    done = subprocess.run(
        [sys.executable, "-m", "bot", "shard", "1", "2"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "started by the bot itself" in done.stderr
    assert "Traceback" not in done.stderr
