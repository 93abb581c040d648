"""bot.batching: loads asked for at the same moment, or while a read is on its way, are read
together; every waiter gets its own key's value, or the read's error."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

import pytest

from bot.batching import BatchLoader


class Reads:
    """A read that records each call's keys and can be held open or made to fail."""

    def __init__(self) -> None:
        self.calls: list[list[int]] = []
        self.started = asyncio.Event()  # a read has begun
        self.gate: asyncio.Event | None = None
        self.fail: Exception | None = None

    async def __call__(self, keys: list[int]) -> Mapping[int, str]:
        self.calls.append(keys)
        self.started.set()
        if self.gate is not None:
            await self.gate.wait()
        if self.fail is not None:
            raise self.fail
        return {key: f"v{key}" for key in keys if key % 10 != 0}  # ids ending in 0: no row


async def test_loads_at_the_same_moment_are_one_read_and_each_gets_its_own() -> None:
    reads = Reads()
    loader = BatchLoader(reads, missing="none")
    got = await asyncio.gather(*(loader.load(key) for key in (1, 2, 3, 20)))
    assert got == ["v1", "v2", "v3", "none"]
    assert reads.calls == [[1, 2, 3, 20]]
    assert loader.reads == 1


async def test_one_load_alone_is_read_at_once() -> None:
    reads = Reads()
    loader = BatchLoader(reads, missing="none")
    assert await asyncio.wait_for(loader.load(7), 1) == "v7"
    assert await asyncio.wait_for(loader.load(8), 1) == "v8"
    assert reads.calls == [[7], [8]]  # nothing waited to be joined


async def test_loads_while_a_read_is_on_its_way_go_together_in_the_next() -> None:
    reads = Reads()
    reads.gate = asyncio.Event()
    loader = BatchLoader(reads, missing="none")
    first = asyncio.create_task(loader.load(1))
    await reads.started.wait()
    later = [asyncio.create_task(loader.load(key)) for key in (2, 3, 3)]
    await asyncio.sleep(0)
    assert reads.calls == [[1]]  # still on its way: the others wait
    reads.gate.set()
    assert await asyncio.gather(first, *later) == ["v1", "v2", "v3", "v3"]
    assert reads.calls == [[1], [2, 3]]  # the same key twice is read once


async def test_a_failed_read_fails_its_waiters_and_the_next_read_works() -> None:
    reads = Reads()
    reads.fail = RuntimeError("database gone")
    loader = BatchLoader(reads, missing="none")
    results = await asyncio.gather(loader.load(1), loader.load(2), return_exceptions=True)
    assert [type(r) for r in results] == [RuntimeError, RuntimeError]
    reads.fail = None
    assert await loader.load(3) == "v3"


async def test_at_most_so_many_keys_in_one_read() -> None:
    reads = Reads()
    loader = BatchLoader(reads, missing="none", most=2)
    got = await asyncio.gather(*(loader.load(key) for key in (1, 2, 3, 4, 5)))
    assert got == ["v1", "v2", "v3", "v4", "v5"]
    assert reads.calls == [[1, 2], [3, 4], [5]]


async def test_a_cancelled_waiter_leaves_the_others_their_values() -> None:
    reads = Reads()
    reads.gate = asyncio.Event()
    loader = BatchLoader(reads, missing="none")
    gone = asyncio.create_task(loader.load(1))
    stays = asyncio.create_task(loader.load(2))
    await reads.started.wait()
    gone.cancel()
    reads.gate.set()
    assert await stays == "v2"
    with pytest.raises(asyncio.CancelledError):
        await gone
    assert await loader.load(1) == "v1"  # and the loader carries on
