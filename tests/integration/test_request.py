"""The bot's aiohttp transport and the fake server's latency, against the fake Bot API."""

from __future__ import annotations

import socket
import time

import pytest
from telegram import Bot
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.request import AiohttpRequest
from demo.fake_telegram import FakeUser
from demo.fake_telegram.server import FakeTelegram


def bot_for(server: FakeTelegram, **timeouts: float) -> Bot:
    return Bot(
        server.token,
        base_url=f"{server.url}/bot",
        base_file_url=f"{server.url}/file/bot",
        request=AiohttpRequest(8, **timeouts),
    )


async def test_every_answer_but_getupdates_waits_out_the_latency() -> None:
    server = FakeTelegram(latency=0.5)
    server.open_chats = True
    await server.start()
    try:
        async with bot_for(server) as bot:  # initialize calls getMe: already one slow answer
            started = time.monotonic()
            sent = await bot.send_message(42, "hello")
            slow = time.monotonic() - started
            started = time.monotonic()
            await bot.get_updates(timeout=0)
            quick = time.monotonic() - started
            document = await bot.send_document(42, b"\x89PNG data", filename="a.png")
    finally:
        await server.stop()
    assert slow >= 0.5 and quick < 0.5
    assert server.chat(42).messages[-1].document == b"\x89PNG data"
    assert sent.message_id != document.message_id


async def test_a_slow_answer_is_timed_out_and_a_closed_port_is_a_network_error() -> None:
    server = FakeTelegram(latency=1.0)
    server.open_chats = True
    await server.start()
    try:
        bot = bot_for(server, read_timeout=0.1)
        await bot.request.initialize()
        with pytest.raises(TimedOut):
            await bot.send_message(42, "hello")
        await bot.request.shutdown()
    finally:
        await server.stop()
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    request = AiohttpRequest(2, connect_timeout=1.0)
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as caught:
            await request.post(f"http://127.0.0.1:{port}/botX/getMe")
        assert not isinstance(caught.value, TimedOut)
    finally:
        await request.shutdown()


async def test_the_fake_takes_the_reactions_telegram_lists_and_refuses_others() -> None:
    server = FakeTelegram()
    user = FakeUser(server, 42, "Ana")
    await server.start()
    try:
        typed = await user.send("a line")
        async with bot_for(server) as bot:
            assert await bot.set_message_reaction(42, typed.message_id, "✍")
            assert typed.reactions == ["✍"]
            with pytest.raises(BadRequest, match=r"(?i)reaction_invalid"):
                await bot.set_message_reaction(42, typed.message_id, "🤍")  # not on the list
            assert typed.reactions == ["✍"]
    finally:
        await server.stop()
