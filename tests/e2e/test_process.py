"""The real entry points as separate processes: `python -m bot`, `tend`, signals, webhook mode."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from pathlib import Path

import pytest
from aiohttp import ClientSession

from demo.fake_telegram import FakeTelegram, FakeUser
from tests.conftest import TEST_KEY
from tests.helpers import PROCESS_START, wait_until

CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith("TEND_")}


async def run_cli(*args: str, env: dict[str, str], cwd: Path) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        *args,
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_missing_token_is_one_clear_line_and_exit_2(backend, tmp_path):
    code, out, err = await run_cli("bot", env=CLEAN_ENV, cwd=tmp_path)
    assert code == 2
    assert err.strip().count("\n") == 0 and "TEND_BOT_TOKEN" in err
    assert "Traceback" not in err and out == ""
    assert not (tmp_path / "tend.db").exists()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_postgres_without_key_is_refused_clearly(backend, tmp_path):
    env = {
        **CLEAN_ENV,
        "TEND_BOT_TOKEN": "1:x",
        "TEND_DATABASE_URL": "postgresql+asyncpg://postgres@127.0.0.1:5432/test",
    }
    code, _, err = await run_cli("bot", env=env, cwd=tmp_path)
    assert code == 2 and "TEND_ENCRYPTION_KEY" in err and "Traceback" not in err


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_tend_db_upgrade_builds_the_schema(backend, tmp_path):
    code, _, err = await run_cli("bot.cli", "db", "upgrade", env=CLEAN_ENV, cwd=tmp_path)
    assert code == 0, err
    assert (tmp_path / "tend.db").exists()  # the default URL is relative to the working dir


async def test_python_m_bot_serves_and_stops_cleanly_on_sigterm(
    telegram: FakeTelegram, database_url, tmp_path
):
    env = {
        **CLEAN_ENV,
        "TEND_BOT_TOKEN": telegram.token,
        "TEND_TELEGRAM_API_URL": telegram.url,
        "TEND_DATABASE_URL": database_url,
        "TEND_ENCRYPTION_KEY": TEST_KEY,
        "TEND_LOG_LEVEL": "DEBUG",
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await wait_until(lambda: telegram.calls_of("getUpdates"), timeout=PROCESS_START)
        alice = FakeUser(telegram, 5001, "Alice", "alice_t")
        await alice.send("/start")
        await alice.expect_text("not therapy", timeout=20)
        assert telegram.calls_of("setMyCommands")
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 30)
    finally:
        if proc.returncode is None:
            proc.kill()
    assert proc.returncode == 0, err.decode()[-2000:]
    logged = err.decode()
    assert "bot.stopped" in logged
    assert telegram.token not in logged and "Alice" not in logged


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_webhook_mode_checks_the_secret_token(telegram: FakeTelegram, database_url, tmp_path):
    port = free_port()
    env = {
        **CLEAN_ENV,
        "TEND_BOT_TOKEN": telegram.token,
        "TEND_TELEGRAM_API_URL": telegram.url,
        "TEND_DATABASE_URL": database_url,
        "TEND_ENCRYPTION_KEY": TEST_KEY,
        "TEND_WEBHOOK_URL": "https://tend.example/hook",
        "TEND_WEBHOOK_SECRET": "s3cret-Token",
        "TEND_WEBHOOK_LISTEN": "127.0.0.1",
        "TEND_WEBHOOK_PORT": str(port),
        "TEND_LOG_LEVEL": "DEBUG",
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await wait_until(lambda: telegram.webhook is not None, timeout=PROCESS_START)
        assert telegram.webhook is not None
        assert telegram.webhook["url"] == "https://tend.example/hook"
        assert telegram.webhook["secret_token"] == "s3cret-Token"
        alice = FakeUser(telegram, 5002, "Alice")
        _ = alice.chat
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": alice.id, "type": "private"},
                "from": alice.info,
                "text": "/help",
                "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
            },
        }
        url = f"http://127.0.0.1:{port}/hook"
        async with ClientSession() as http:
            for _ in range(100):  # the listener may come up just after setWebhook
                try:
                    async with http.post(url, json=update) as response:
                        status = response.status
                    break
                except OSError:
                    await asyncio.sleep(0.1)
            assert status == 403
            headers = {"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            async with http.post(url, json=update, headers=headers) as response:
                assert response.status == 403
            headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token"}
            async with http.post(
                url,
                data=json.dumps(update),
                headers={**headers, "Content-Type": "application/json"},
            ) as response:
                assert response.status == 200
        await alice.expect_text("what i can do", timeout=10)
        # Updates of one chat run in arrival order: had a refused request been processed, its
        # reply would have come before this one.
        assert len(alice.bot_messages()) == 1
        proc.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(proc.communicate(), 30)
    finally:
        if proc.returncode is None:
            proc.kill()
    assert proc.returncode == 0
    logged = (out + err).decode()
    assert "DEBUG" in logged or "INFO" in logged  # it did log
    for secret in ("Alice", "s3cret-Token", telegram.token, '"text"'):
        assert secret not in logged  # request bodies, names, the secret: never logged


async def test_no_network_at_start_is_one_line_and_a_nonzero_exit(tmp_path):
    env = {
        **CLEAN_ENV,
        "TEND_BOT_TOKEN": "1:x",
        "TEND_TELEGRAM_API_URL": f"http://127.0.0.1:{free_port()}",  # nothing listens there
    }
    code, out, err = await run_cli("bot", env=env, cwd=tmp_path)
    assert code == 3, err
    assert err.strip().count("\n") == 0 and "cannot reach Telegram" in err, err
    assert "Traceback" not in err and out == "" and "1:x" not in err
    assert not (tmp_path / "tend.key").exists()  # nothing made before Telegram answered


@pytest.mark.parametrize(
    ("setting", "value", "named"),
    [
        ("TEND_LOG_LEVEL", "LOUD", "TEND_LOG_LEVEL: must be one of"),
        ("TEND_ENCRYPTION_KEY", "notakey", "TEND_ENCRYPTION_KEY: each key must be"),
        ("TEND_DATABASE_URL", "nonsense", "TEND_DATABASE_URL: not a database URL"),
        ("TEND_DATABASE_URL", "mysql://x/y", "TEND_DATABASE_URL: tend runs on SQLite"),
        ("TEND_DATABASE_URL", "postgresql://u@h/db", "TEND_DATABASE_URL: use the asyncpg"),
    ],
)
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_a_setting_tend_cannot_use_is_one_line_and_exit_2(
    backend, tmp_path, setting, value, named
):
    env = {**CLEAN_ENV, "TEND_BOT_TOKEN": "1:x", setting: value}
    code, out, err = await run_cli("bot", env=env, cwd=tmp_path)
    assert code == 2, err
    assert err.strip().count("\n") == 0 and err.startswith(f"tend: {named}"), err
    assert "Traceback" not in err and out == "" and "notakey" not in err
    assert not (tmp_path / "tend.db").exists()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_postgres_down_or_missing_is_one_line_before_anything_starts(backend, tmp_path):
    base = {**CLEAN_ENV, "TEND_BOT_TOKEN": "1:x", "TEND_ENCRYPTION_KEY": TEST_KEY}
    down = f"postgresql+asyncpg://postgres:secret@127.0.0.1:{free_port()}/tend"
    missing = "postgresql+asyncpg://postgres:secret@127.0.0.1:5432/no_such_database_here"
    for url, exit_code, says in (
        (down, 3, "cannot reach PostgreSQL at 127.0.0.1:"),
        (missing, 2, "PostgreSQL at 127.0.0.1:5432/no_such_database_here refused tend"),
    ):
        code, out, err = await run_cli("bot", env={**base, "TEND_DATABASE_URL": url}, cwd=tmp_path)
        assert code == exit_code, err
        assert err.strip().count("\n") == 0 and err.startswith(f"tend: {says}"), err
        assert "Traceback" not in err and out == "" and "secret" not in err


async def test_a_token_telegram_refuses_is_one_line_and_exit_2(telegram: FakeTelegram, tmp_path):
    env = {**CLEAN_ENV, "TEND_BOT_TOKEN": "1:wrong", "TEND_TELEGRAM_API_URL": telegram.url}
    code, _, err = await run_cli("bot.cli", "run", "--dispatch-only", env=env, cwd=tmp_path)
    assert code == 2, err
    assert err.strip().count("\n") == 0 and "does not accept TEND_BOT_TOKEN" in err, err
    assert "Traceback" not in err and "1:wrong" not in err


async def test_a_network_drop_while_running_is_waited_out_quietly(tmp_path):
    first = FakeTelegram()
    url = await first.start()
    port = int(url.rsplit(":", 1)[1])
    env = {
        **CLEAN_ENV,
        "TEND_BOT_TOKEN": first.token,
        "TEND_TELEGRAM_API_URL": url,
        "TEND_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'tend.db'}",
        "TEND_ENCRYPTION_KEY": TEST_KEY,
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    second = FakeTelegram()
    try:
        await wait_until(lambda: first.calls_of("getUpdates"), timeout=PROCESS_START)
        await first.stop()  # the network drops: connections are refused
        await asyncio.sleep(3)  # the drop lasts a few failed polls, each retried after a pause
        await second.start(port=port)  # the network is back: the same process polls again
        await wait_until(lambda: second.calls_of("getUpdates"), timeout=45)
        alice = FakeUser(second, 5001, "Alice", "alice_t")
        await alice.send("/start")
        await alice.expect_text("not therapy", timeout=20)
        await second.interrupt_polls()
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 30)
    finally:
        if proc.returncode is None:
            proc.kill()
        await second.stop()
    logged = err.decode()
    assert proc.returncode == 0, logged[-2000:]
    assert "telegram.unreachable" in logged or "telegram.retry" in logged, logged[-2000:]
    assert "Traceback" not in logged, logged[-3000:]
