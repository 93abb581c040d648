"""Steps many tests share: waiting, onboarding and pairing, and the flows several tests walk
through (a check-in, a boundary, a person who used every feature). Test modules import these from
here, never from each other."""

from __future__ import annotations

import asyncio
import inspect
import itertools
import os
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.updates import ChatOrderedProcessor
from core import languages
from demo.fake_telegram import FakeTelegram, FakeUser
from demo.fake_telegram.server import SentMessage

# Waits last this many times their stated timeout (the fake Bot API's too: FakeTelegram.patience):
# the suite runs on several workers, and a busy machine can make a reply take seconds. A wait
# still ends as soon as what it waits for is there, so this costs nothing when all is well.
PATIENCE = float(os.environ.get("TEND_TEST_PATIENCE", "4"))
PROBE_ID = 990001
# How long a test waits for a bot process it started to reach Telegram (imports, migrations;
# times PATIENCE): seconds on a quiet machine, far more when the suite runs beside other work.
PROCESS_START = 30.0
# Probes take turns, so a test that settles often never trips the per-person flood guard.
_probes = itertools.cycle(range(PROBE_ID, PROBE_ID + 200))


async def wait_until(
    check: Callable[[], Any] | Callable[[], Awaitable[Any]],
    timeout: float = 20.0,
    every: float = 0.05,
    what: str = "the state the test waits for",
) -> Any:
    """Call `check` (plain or async) every `every` seconds until it returns something truthy,
    and return that. Fails the test after `timeout` x PATIENCE seconds (a state that comes
    sooner ends the wait sooner). For what the fake Bot API sees, its own
    `FakeTelegram.wait_for` wakes at each call instead of polling."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout * PATIENCE
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return result
        assert loop.time() < deadline, f"timed out after {timeout * PATIENCE} s waiting for {what}"
        await asyncio.sleep(every)


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


async def idle(timeout: float = 60.0) -> None:
    """Wait until no update is in flight in this process's bots."""
    async with asyncio.timeout(timeout):
        while not ChatOrderedProcessor.all_idle():  # noqa: ASYNC110 - a counter, polled briefly
            await asyncio.sleep(0.005)


def _english(user: FakeUser) -> bool:
    """Whether the bot writes to `user` in English (their Telegram language picks it)."""
    return languages.pick(user.info.get("language_code")) == languages.ENGLISH


async def _said(user: FakeUser, *english: str) -> SentMessage:
    """The next message; in English it must hold the `english` fragments (in another language
    only its arrival is checked: tests of the words themselves compare translations)."""
    return await user.expect_text(*english) if _english(user) else await user.expect()


async def _tap(user: FakeUser, message: SentMessage, english: str, index: int) -> None:
    """Press a button: by its English label, or (in another language) by its place."""
    if _english(user):
        await user.press(message, english)
    else:
        await user.press(message, data=message.buttons()[index]["callback_data"])


async def onboard(
    user: FakeUser, zone: str = "Europe/Berlin", role: str = "hurt", code: str | None = None
) -> None:
    """Consent, side and time zone, the way a person taps through it (in the language their
    Telegram language picks: the buttons are then pressed by their place)."""
    await user.send(f"/start {code}" if code else "/start")
    welcome = await _said(user, "not therapy")
    await _tap(user, welcome, "agree", 0)
    offer = await user.expect() if code else None  # whose invite it is (or why not)
    ask_role = await _said(user, "which is closest")
    if _english(user):
        assert "you agreed" in (welcome.text or "").lower()  # the buttons became a receipt
    labels = {"hurt": "was hurt", "broke": "broke the trust", "unsaid": "rather not say"}
    await _tap(user, ask_role, labels[role], list(labels).index(role))
    await _said(user, "which time zone")
    if _english(user):
        assert "noted" in (ask_role.text or "").lower()
    await user.send(zone)
    await _said(user, "time zone set")
    await _said(user, "all set")
    if offer is not None and offer.buttons():
        before = offer.text
        await _tap(user, offer, "yes, pair us", 0)  # the joiner's step; the inviter's comes next
        await user.server.wait_for(lambda: offer.text != before)


async def accept_join(inviter: FakeUser, joiner: FakeUser) -> SentMessage:
    """The inviter confirms the person who asked to pair; both hear they are paired. Returns
    the inviter's "now paired" note."""
    request = await _said(inviter, f"{joiner.info['first_name']}", "asked to pair")
    await _tap(inviter, request, "that's my partner", 0)
    note = await _said(inviter, "now paired")
    await _said(joiner, "now paired")
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


async def full_ticks(bot: Any, count: int = 2, timeout: float = 60.0) -> None:
    """Wait until the dispatcher has finished `count` more passes (sends and sweeps). With two,
    at least one whole pass began after this call, so whatever was due then has been handled."""
    service = bot.bot_data.deps.dispatch
    target = service.ticks + count
    deadline = asyncio.get_running_loop().time() + timeout
    while service.ticks < target:
        assert asyncio.get_running_loop().time() < deadline, "the dispatcher stopped ticking"
        await asyncio.sleep(0.02)


BERLIN = ZoneInfo("Europe/Berlin")


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


async def rows(bot: Any, model: Any, **where: Any) -> list[Any]:
    async with bot.bot_data.deps.transaction() as session:
        query = select(model).filter_by(**where)
        return list((await session.execute(query)).scalars())


async def answer(
    user: FakeUser,
    telegram: FakeTelegram,
    ratings: tuple[int, int, int],
    text: str | None,
    private: tuple[str, ...] = (),
) -> SentMessage:
    """Tap through /checkin: three ratings, then words or "Skip". Returns the flow message."""
    await user.send("/checkin")
    flow = await user.expect_text("check-in · 1 of 4")
    for step, value in enumerate(ratings):
        if ("safety", "connection", "agreements")[step] in private:
            await user.press(flow, "keep private")
            await settle(telegram)
            assert "kept private" in str(flow.buttons()).lower()
        await user.press(flow, str(value))
        await settle(telegram)
        assert f"{step + 2} of 4" in (flow.text or "")
    if "text" in private:
        await user.press(flow, "keep private")
        await settle(telegram)
    if text is None:
        await user.press(flow, "skip")
        await settle(telegram)
    else:
        await user.send(text)
    return flow


NEED = "I need honest answers when I ask where you were"


CONSEQUENCE = "If I find out something was hidden, I will sleep in the spare room for a week"


async def add(
    user: FakeUser,
    telegram: FakeTelegram,
    statement: str,
    consequence: str | None = None,
    category: str = "transparency",
) -> SentMessage:
    """Add a boundary through /boundaries add; returns the card (or the "saved" message)."""
    await user.send("/boundaries add")
    pick = await user.expect_text("what is this boundary about")
    await user.press(pick, category)
    await user.expect_text("write your boundary", "for example")
    await user.send(statement)
    saved = await user.expect_text("saved, privately")
    if consequence is None:
        await user.press(saved, "not now")
        await settle(telegram)
        assert "only you see it" in (saved.text or "").lower()
        return saved
    await user.press(saved, "add what i'll do")
    await user.expect_text("what will you do")
    await user.send(consequence)
    return await user.expect_text("updated", consequence)


async def share(user: FakeUser, telegram: FakeTelegram, card: SentMessage) -> None:
    await user.press(card, "share with my partner")
    await settle(telegram)
    assert "shared. your partner can now" in (card.text or "").lower()


async def acknowledged(
    alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, statement: str, consequence: str
) -> None:
    card = await add(alice, telegram, statement, consequence)
    await share(alice, telegram, card)
    offer = await bob.expect_text("a boundary from alice")
    await bob.press(offer, "i acknowledge it")
    await alice.expect_text("acknowledged your boundary")


BOB_WORDS = "Bob wrote this about the long walk home"


BOB_THANKS = "Bob thanks Alice for the soup"


BOB_JOURNAL = "Bob's journal about the hard morning"


BOB_BOUNDARY = "I need Bob's evenings to stay unplanned"


ALICE_WORDS = "Alice wrote about the quiet breakfast"


BOB_HELD = "Bob wrote this when nothing was asked"


async def bob_everywhere(alice: FakeUser, bob: FakeUser, telegram: FakeTelegram) -> None:
    """Alice and Bob use every feature, so Bob's data is in every table it can be in."""
    await onboard(alice)
    await alice.send("/invite")
    code = invite_code((await alice.expect()).text or "")
    await onboard(bob, role="broke", code=code)
    await accept_join(alice, bob)
    await acknowledged(alice, bob, telegram, NEED, CONSEQUENCE)
    card = await add(bob, telegram, BOB_BOUNDARY, "I will plan my own evening")
    await share(bob, telegram, card)
    offer = await alice.expect_text("a boundary from bob")
    await alice.press(offer, "let's talk")
    await alice.expect_text("add a short note")
    await alice.send("Alice's note on Bob's boundary")
    await settle(telegram)
    await bob.send("/boundaries review thursday")
    await settle(telegram)
    alice.mark_read()
    bob.mark_read()
    await answer(alice, telegram, (4, 4, 4), ALICE_WORDS)
    # The review (Alice's boundary only: Bob's was not acknowledged) comes below her answer.
    step = await alice.expect_text("weekly boundary review · 1 of 1")
    await alice.press(step, "kept")
    await settle(telegram)
    assert "your partner has checked in too" in (step.text or "")  # the step became the recap
    await answer(bob, telegram, (3, 3, 3), BOB_WORDS)
    await bob.press(await bob.expect_text("weekly boundary review · 1 of 1"), "not kept")
    await settle(telegram)
    reveal = next(m for m in bob.bot_messages() if "check-ins are in" in (m.text or "").lower())
    await bob.press(reveal, "appreciation")
    await settle(telegram)
    await bob.send(BOB_THANKS)
    await settle(telegram)
    await alice.send("/journal Alice's own journal")
    await bob.send(f"/journal {BOB_JOURNAL}")
    await bob.send(BOB_HELD)  # held for a tap on "keep it in my journal"
    await settle(telegram)
