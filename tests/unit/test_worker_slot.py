"""Waiting for Telegram's limits gives the update's worker slot back (bot/updates.py)."""

from __future__ import annotations

import asyncio

from bot.flood import FloodGuard
from bot.limiter import WORKER_SLOT, TendRateLimiter
from bot.updates import ChatOrderedProcessor, WorkerSlot


async def _call() -> bool:
    return True


async def test_a_wait_for_the_chat_limit_frees_the_slot_and_takes_it_back():
    limiter = TendRateLimiter(per_second=1000)
    slots = asyncio.Semaphore(1)
    slot = WorkerSlot(slots)
    await slot.take()
    WORKER_SLOT.set(slot)
    for _ in range(3):  # the chat's burst: no wait, the slot stays held
        await limiter.process_request(_call, (), {}, "sendMessage", {"chat_id": 7}, None)
        assert slots.locked()
    waiting = asyncio.create_task(
        limiter.process_request(_call, (), {}, "sendMessage", {"chat_id": 7}, None)
    )
    async with asyncio.timeout(0.5):  # the fourth waits about a second for its chat's token
        await slots.acquire()  # meanwhile another update can take the only slot
    assert not waiting.done()
    slots.release()
    assert await waiting is True
    assert slot.held and slots.locked()  # taken back before the call went out


def test_concurrent_updates_setting_reaches_the_processor():
    processor = ChatOrderedProcessor(7, FloodGuard())
    assert processor.workers == 7 and processor.max_pending == 40
