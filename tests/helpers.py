"""Steps many tests share."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from bot.updates import ChatOrderedProcessor
from demo.fake_telegram import FakeTelegram, FakeUser
from demo.fake_telegram.server import SentMessage

PROBE_ID = 990001
# Probes take turns, so a test that settles often never trips the per-person flood guard.
_probes = itertools.cycle(range(PROBE_ID, PROBE_ID + 200))


async def settle(telegram: FakeTelegram) -> None:
    """Wait until the bot has handled every update sent so far.

    Once a probe's /help is answered, every update sent before it has been fetched; updates of
    different chats run side by side, so then wait until none is in flight (including messages
    to partners, sent before a handler ends).
    """
    probe = FakeUser(telegram, next(_probes), "Probe")
    probe.mark_read()
    await probe.send("/help")
    await probe.expect()
    await idle()


async def idle(timeout: float = 10.0) -> None:
    """Wait until no update is in flight in this process's bots."""
    async with asyncio.timeout(timeout):
        while not ChatOrderedProcessor.all_idle():  # noqa: ASYNC110 - a counter, polled briefly
            await asyncio.sleep(0.005)


async def onboard(
    user: FakeUser, zone: str = "Europe/Berlin", role: str = "hurt", code: str | None = None
) -> None:
    """Consent, side and time zone, the way a person taps through it."""
    await user.send(f"/start {code}" if code else "/start")
    welcome = await user.expect_text("not therapy")
    await user.press(welcome, "agree")
    offer = await user.expect() if code else None  # whose invite it is (or why not)
    ask_role = await user.expect_text("which is closest")
    assert "you agreed" in (welcome.text or "").lower()  # the buttons became a receipt
    labels = {"hurt": "was hurt", "broke": "broke the trust", "unsaid": "rather not say"}
    await user.press(ask_role, labels[role])
    await user.expect_text("which time zone")
    assert "noted" in (ask_role.text or "").lower()
    await user.send(zone)
    await user.expect_text("time zone set")
    await user.expect_text("all set")
    if offer is not None and offer.buttons():
        await user.press(offer, "yes, pair us")  # the joiner's step; the inviter's comes next
        await user.server.wait_for(lambda: "asked" in (offer.text or ""))


async def accept_join(inviter: FakeUser, joiner: FakeUser) -> SentMessage:
    """The inviter confirms the person who asked to pair; both hear they are paired. Returns
    the inviter's "now paired" note."""
    request = await inviter.expect_text(f"{joiner.info['first_name']}", "asked to pair")
    await inviter.press(request, "that's my partner")
    note = await inviter.expect_text("now paired")
    await joiner.expect_text("now paired")
    return note


def invite_code(text: str) -> str:
    """The code in an invite link message."""
    start = text.index("?start=") + len("?start=")
    return text[start:].split()[0]


async def pair(
    first: FakeUser, second: FakeUser, zones: tuple[str, str] = ("Europe/Berlin", "Europe/Berlin")
) -> None:
    """Onboard both and pair them through an invite link."""
    await onboard(first, zone=zones[0])
    await first.send("/invite")
    code = invite_code((await first.expect()).text or "")
    await onboard(second, zone=zones[1], role="broke", code=code)
    await accept_join(first, second)
    first.mark_read()
    second.mark_read()


async def full_ticks(bot: Any, count: int = 2, timeout: float = 10.0) -> None:
    """Wait until the dispatcher has finished `count` more passes (sends and sweeps). With two,
    at least one whole pass began after this call, so whatever was due then has been handled."""
    service = bot.bot_data.deps.dispatch
    target = service.ticks + count
    deadline = asyncio.get_running_loop().time() + timeout
    while service.ticks < target:
        assert asyncio.get_running_loop().time() < deadline, "the dispatcher stopped ticking"
        await asyncio.sleep(0.02)
