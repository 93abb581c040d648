"""The language an update is written in: set once at its start, never leaking to another task."""

from __future__ import annotations

import asyncio

from content import i18n


async def test_read_in_holds_for_the_rest_of_the_task_only():
    async def one_update(language: str | None) -> tuple[str, str]:
        chosen = i18n.read_in(language)
        await asyncio.sleep(0)  # another update's task runs in between
        return chosen, i18n.current()

    results = await asyncio.gather(
        asyncio.create_task(one_update("ru")),
        asyncio.create_task(one_update("xx")),  # a code tend does not speak: English
        asyncio.create_task(one_update("pt")),
    )
    assert list(results) == [("ru", "ru"), ("en", "en"), ("pt", "pt")]
    assert i18n.current() == "en"  # the tasks' settings stayed in their tasks


async def test_a_speaking_block_inside_an_update_takes_precedence():
    async def update() -> list[str]:
        i18n.read_in("es")
        seen = [i18n.current()]
        with i18n.speaking("ru"):  # a note to a partner who reads Russian
            seen.append(i18n.current())
        seen.append(i18n.current())
        return seen

    assert await asyncio.create_task(update()) == ["es", "ru", "es"]
