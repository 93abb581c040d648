"""A third person who knows how the bot's buttons look forges data naming another couple's
rounds, answers, appreciations, boundaries, deliveries, pairing and invites: all refused,
nothing changes, nothing leaks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.flood import FloodGuard
from db.models import Appreciation, Base, Boundary, BoundaryResponse, CheckinRound, Delivery
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import (
    ALICE_WORDS,
    BOB_THANKS,
    BOB_WORDS,
    berlin,
    bob_everywhere,
    onboard,
    rows,
    settle,
)

# Tables that change by themselves while a test runs (the dispatcher's leases and heartbeats).
MOVING = {"reminders", "deliveries", "workers"}


async def snapshot(bot: Any, leave_out: int) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (decrypted), except the prober's own rows."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    async with bot.bot_data.deps.transaction() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in MOVING:
                continue
            result = await session.execute(select(table))
            found[table.name] = sorted(
                (tuple(row) for row in result.all() if leave_out not in tuple(row)), key=repr
            )
    return found


async def test_forged_buttons_naming_another_couple_change_nothing(
    bot, alice: FakeUser, bob: FakeUser, carol: FakeUser, telegram: FakeTelegram, clock
):
    await bob_everywhere(alice, bob, telegram)
    clock.set(berlin(27, 9))  # a self-care nudge goes out, so a delivery exists
    await alice.expect_among("a small moment for you")
    await onboard(carol)
    (round_,) = await rows(bot, CheckinRound)
    (note,) = await rows(bot, Appreciation)
    boundary = (await rows(bot, Boundary, owner_id=alice.id))[0]
    response = (await rows(bot, BoundaryResponse))[0]
    delivery = (await rows(bot, Delivery, user_id=alice.id))[0]
    assert alice.id != carol.id and round_.couple_id is not None
    r, b = round_.id, boundary.id
    forged = [
        f"ci:r:{r}:safety:5",
        f"ci:p:{r}:text",
        f"ci:s:{r}",
        f"ci:k:{r}",
        f"ci:e:{r}",
        f"ci:go:{r}",
        f"ci:show:{r}",
        f"ci:later:{r}",
        f"ci:share:{r}",
        f"ci:v:{r}:{b}:n",
        f"ap:start:{r}",
        f"ap:send:{note.id}",
        f"bd:share:{b}",
        f"bd:edit:{b}",
        f"bd:cons:{b}",
        f"bd:nocons:{b}",
        f"bd:retire:{b}",
        f"bd:rtok:{b}",
        f"bd:open:{b}",
        f"bd:hist:{b}",
        f"bd:ack:{b}:{boundary.version}",
        f"bd:talk:{b}:{boundary.version}",
        f"bd:nonote:{b}",
        f"bd:sendnote:{response.id}",
        f"unlink:yes:{round_.couple_id}",
        f"nudge:done:{delivery.id}",
        f"nudge:later:{delivery.id}",
        f"nudge:skip:{delivery.id}",
        "ci:r:999999:safety:5",
        "ci:r:abc",
        "ap:send:-1",
        "nudge:done:x",
        "unlink:yes:",
        "::::",
        "x" * 64,
    ]
    await settle(telegram)
    alice.mark_read()
    bob.mark_read()
    before = await snapshot(bot, carol.id)
    # Carol sends all of these within a second or so, past the flood budget (TEND_FLOOD_BURST):
    # flood control is not what this test is about (a fast run used to get "slow down" instead).
    bot.bot_data.deps.updates.flood = FloodGuard(burst=len(forged) + 20)
    await carol.send("/help")
    own = await carol.expect()
    for data in forged:
        query = await carol.press(own, data=data)
        await carol.answer_of(query)  # every press is answered (no spinning button)
    await carol.send("/start 3P2y8uSm0Xv3Qe1lE7zW")  # a made-up invite code
    await carol.send("Just some words")  # nothing was left waiting for her input
    await settle(telegram)
    assert await snapshot(bot, carol.id) == before
    assert not alice.new_messages() and not bob.new_messages()
    seen = "\n".join((m.text or "") + (m.caption or "") for m in carol.bot_messages())
    for words in (ALICE_WORDS, BOB_WORDS, BOB_THANKS, boundary.statement, "Alice", "Bob"):
        assert words not in seen
    assert "glad you wrote" in seen  # "Just some words" was not taken as an answer
