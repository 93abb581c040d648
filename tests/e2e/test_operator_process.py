"""A real `tend run --dispatch-only` process configured as the deployment runs it: JSON logs on
stderr, the operator's port answering /healthz, /readyz and /metrics, a clean stop."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path
from typing import Any

from aiohttp import ClientSession

from demo.fake_telegram import FakeTelegram
from tests.conftest import process_environment
from tests.helpers import wait_until


async def next_record(stream: asyncio.StreamReader, seen: list[dict[str, Any]]) -> dict[str, Any]:
    line = await asyncio.wait_for(stream.readline(), 60)
    assert line, "the process ended its log"
    record: dict[str, Any] = json.loads(line)  # every line is one JSON object
    seen.append(record)
    return record


async def test_dispatch_process_serves_health_and_logs_json(
    telegram: FakeTelegram, database_url: str, tmp_path: Path
):
    env = process_environment(
        telegram,
        database_url,
        dispatch_interval="0.2",
        metrics_port="0",  # any free port; the log line says which
        log_format="json",
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        "--dispatch-only",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stderr is not None
    seen: list[dict[str, Any]] = []
    try:
        record = await next_record(process.stderr, seen)
        while not record["message"].startswith("health.serving"):
            record = await next_record(process.stderr, seen)
        port = int(record["message"].rsplit("port=", 1)[1])
        assert "listen=127.0.0.1" in record["message"]
        base = f"http://127.0.0.1:{port}"
        async with ClientSession() as http:
            async with http.get(f"{base}/healthz") as response:
                assert response.status == 200

            async def ready() -> bool:  # once migrated and a first dispatch pass finished
                async with http.get(f"{base}/readyz") as response:
                    return response.status == 200

            await wait_until(ready, every=0.1, what="/readyz to answer 200")
            async with http.get(f"{base}/metrics") as response:
                body = await response.text()
        assert "tend_dispatch_processes 1.0" in body
        assert "tend_dispatch_lag_seconds 0.0" in body
    finally:
        process.send_signal(signal.SIGTERM)
        rest = await asyncio.wait_for(process.stderr.read(), 60)
        await process.wait()
    seen += [json.loads(line) for line in rest.decode().splitlines()]
    assert process.returncode == 0
    messages = [r["message"] for r in seen]
    assert any(m.startswith("bot.ready") for m in messages)
    assert any(m.startswith("bot.stopped") for m in messages)
    assert all({"time", "level", "logger"} <= r.keys() for r in seen)
    assert telegram.token not in json.dumps(seen)
