"""The webhook receiver: the secret compared in constant time, bodies capped, nothing logged."""

from __future__ import annotations

import asyncio
import hmac
import json
import socket

import pytest
from aiohttp import ClientSession

from bot import webhook
from bot.settings import Settings
from demo.fake_telegram import FakeTelegram

SECRET = "the-right-secret_0123456789"
UPDATE = {
    "update_id": 7,
    "message": {
        "message_id": 1,
        "date": 0,
        "chat": {"id": 4001, "type": "private"},
        "from": {"id": 4001, "is_bot": False, "first_name": "Carol"},
        "text": "words nobody may log",
    },
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def receiver(bot):
    queue: asyncio.Queue[object] = asyncio.Queue()
    port = free_port()
    server = webhook.make_server(bot.bot, queue, "hook", SECRET)
    server.listen(port, address="127.0.0.1")
    yield f"http://127.0.0.1:{port}/hook", queue
    server.stop()
    await server.close_all_connections()


async def post(url: str, body: bytes, secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[webhook.SECRET_HEADER] = secret
    async with ClientSession() as http, http.post(url, data=body, headers=headers) as response:
        return response.status


def test_the_webhook_listens_on_loopback_unless_told_otherwise():
    settings = Settings(_env_file=None, bot_token="1:x")  # type: ignore[call-arg, arg-type]
    assert settings.webhook_listen == "127.0.0.1"


async def test_only_the_right_secret_gets_in_and_it_is_compared_in_constant_time(
    receiver, telegram: FakeTelegram, monkeypatch
):
    url, queue = receiver
    compared: list[tuple[bytes, bytes]] = []
    constant_time = hmac.compare_digest

    def spy(given: bytes, wanted: bytes) -> bool:
        compared.append((given, wanted))
        return constant_time(given, wanted)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    body = json.dumps(UPDATE).encode()
    assert await post(url, body, None) == 403
    assert await post(url, body, "the-right-secret_012345678") == 403  # one character short
    assert await post(url, body, SECRET.upper()) == 403
    assert queue.empty()
    assert len(compared) == 3 and all(wanted == SECRET.encode() for _, wanted in compared)
    assert await post(url, body, SECRET) == 200
    update = await asyncio.wait_for(queue.get(), 5)
    assert update.update_id == 7
    assert await post(url, b"{not json", SECRET) == 400  # unreadable: refused, not processed
    assert queue.empty()


async def test_a_body_over_the_cap_is_refused_unread(receiver, telegram: FakeTelegram):
    url, queue = receiver
    padded = {**UPDATE, "padding": "x" * webhook.MAX_BODY}
    assert await post(url, json.dumps(padded).encode(), SECRET) == 400  # by its Content-Length
    assert queue.empty()
    assert await post(url, json.dumps(UPDATE).encode(), SECRET) == 200  # still serving
