"""Taps that Telegram sends late or oddly: every button kind still does its work when the press
arrives on an old message (an InaccessibleMessage: id, chat, date 0, no text), when answering
the press is refused as too late, and when the message can no longer be edited."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from bot import texts
from db.models import Boundary, Delivery, User
from demo.fake_telegram import FakeTelegram, FakeUser
from demo.fake_telegram.server import Fault, SentMessage
from tests.helpers import answer, berlin, invite_code, onboard, pair, rows, settle


@dataclass
class Tap:
    """A button to press and what must follow once its work is done."""

    message: SentMessage
    label: str
    done: Callable[[], Awaitable[None]]
    presser: FakeUser | None = None  # Alice unless said


Scenario = Callable[[Any, FakeUser, FakeUser, FakeTelegram, Any], Awaitable[Tap]]


async def consent(bot, alice, bob, telegram, clock) -> Tap:
    await alice.send("/start")
    welcome = await alice.expect_text("not therapy")

    async def done() -> None:
        await alice.expect_text("which is closest")
        assert await rows(bot, User, id=alice.id)

    return Tap(welcome, "agree", done)


async def role(bot, alice, bob, telegram, clock) -> Tap:
    await alice.send("/start")
    await alice.press(await alice.expect_text("not therapy"), "agree")
    ask = await alice.expect_text("which is closest")

    async def done() -> None:
        await alice.expect_text("which time zone")
        assert (await rows(bot, User, id=alice.id))[0].role is not None

    return Tap(ask, "broke the trust", done)


async def zone(bot, alice, bob, telegram, clock) -> Tap:
    await alice.send("/start")
    await alice.press(await alice.expect_text("not therapy"), "agree")
    await alice.press(await alice.expect_text("which is closest"), "was hurt")
    ask = await alice.expect_text("which time zone")

    async def done() -> None:
        await alice.expect_text("time zone set")
        assert (await rows(bot, User, id=alice.id))[0].timezone is not None
        await telegram.wait_for(lambda: ask.buttons() == [] and "time zone" in (ask.text or ""))

    return Tap(ask, "london", done)


async def settings(bot, alice, bob, telegram, clock) -> Tap:
    await onboard(alice)
    await alice.send("/settings")
    shown = await alice.expect_text("paired")

    async def done() -> None:
        await alice.expect_text("discreet")
        assert (await rows(bot, User, id=alice.id))[0].discreet is False

    return Tap(shown, "discreet", done)


async def unlink(bot, alice, bob, telegram, clock) -> Tap:
    await pair(alice, bob)
    await alice.send("/unlink")
    ask = await alice.expect_text("end the pairing")

    async def done() -> None:
        await bob.expect_text("pairing has ended")
        assert (await rows(bot, User, id=alice.id))[0].couple_id is None

    return Tap(ask, "yes, end", done)


async def delete(bot, alice, bob, telegram, clock) -> Tap:
    await onboard(alice)
    await alice.send("/delete")
    ask = await alice.expect_text("erase")

    async def done() -> None:
        await telegram.wait_for(
            lambda: any("erased" in (m.text or "") for m in alice.bot_messages())
        )
        assert not await rows(bot, User, id=alice.id)

    return Tap(ask, "yes", done)


async def nudge(bot, alice, bob, telegram, clock) -> Tap:
    await onboard(alice)
    clock.set(berlin(27, 9))
    shown = await alice.expect_text("a small moment for you")
    words = (shown.text or "").split("\n\n", 1)[1]

    async def done() -> None:
        await telegram.wait_for(lambda: "thank you for looking after" in (shown.text or "").lower())
        assert words in (shown.text or "")  # the nudge keeps its words (from the delivery)
        assert shown.buttons() == []
        (delivery,) = await rows(bot, Delivery, user_id=alice.id, kind="selfcare")
        assert delivery.response == "done"

    return Tap(shown, "done", done)


async def pause(bot, alice, bob, telegram, clock) -> Tap:
    await onboard(alice)
    clock.set(berlin(27, 9))
    shown = await alice.expect_text("a small moment for you")

    async def done() -> None:
        await alice.expect_text("paused")
        assert (await rows(bot, User, id=alice.id))[0].paused_until is not None

    return Tap(shown, "pause reminders", done)


async def checkin(bot, alice, bob, telegram, clock) -> Tap:
    await pair(alice, bob)
    await alice.send("/checkin")
    flow = await alice.expect_text("check-in · 1 of 4")

    async def done() -> None:
        await telegram.wait_for(lambda: "2 of 4" in (flow.text or ""))

    return Tap(flow, "4", done)


async def boundary(bot, alice, bob, telegram, clock) -> Tap:
    await onboard(alice)
    await alice.send("/boundaries")
    shown = await alice.expect_text("boundar")

    async def done() -> None:
        await telegram.wait_for(lambda: "what is this boundary about" in (shown.text or "").lower())

    return Tap(shown, "add a boundary", done)


async def safety(bot, alice, bob, telegram, clock) -> Tap:
    await onboard(alice)
    await alice.send("/help")
    shown = await alice.expect()

    async def done() -> None:
        await alice.expect_text("where to find help")

    return Tap(shown, "support and safety", done)


async def journal(bot, alice, bob, telegram, clock) -> Tap:
    await onboard(alice)
    await alice.send("/journal")
    shown = await alice.expect_text("your next message is saved")

    async def done() -> None:
        await alice.expect_text("starting point")

    return Tap(shown, "prompt", done)


async def path(bot, alice, bob, telegram, clock) -> Tap:
    await onboard(alice)
    await alice.send("/path")
    shown = await alice.expect_among("your path", "on your own")

    async def done() -> None:
        await telegram.wait_for(lambda: "Week 1 of 10" in (shown.text or ""))

    return Tap(shown, "start the path", done)


async def join(bot, alice, bob, telegram, clock) -> Tap:
    await onboard(alice)
    await onboard(bob)
    await alice.send("/invite")
    code = invite_code((await alice.expect()).text or "")
    await bob.send(f"/start {code}")
    offer = await bob.expect_text("made by")

    async def done() -> None:
        await alice.expect_text("bob", "asked to pair")

    return Tap(offer, "yes, pair us", done, presser=bob)


async def pairing(bot, alice, bob, telegram, clock) -> Tap:
    tap = await join(bot, alice, bob, telegram, clock)
    await bob.press(tap.message, tap.label)
    request = await alice.expect_text("asked to pair")

    async def done() -> None:
        await bob.expect_text("now paired")
        assert (await rows(bot, User, id=alice.id))[0].couple_id is not None

    return Tap(request, "that's my partner", done)


async def appreciation(bot, alice, bob, telegram, clock) -> Tap:
    await pair(alice, bob)
    await answer(alice, telegram, (3, 3, 3), "A calm evening")
    await answer(bob, telegram, (3, 3, 3), "We cooked together")
    await settle(telegram)
    reveal = next(m for m in alice.bot_messages() if "check-ins are in" in (m.text or "").lower())

    async def done() -> None:
        await alice.expect_among("words of appreciation")

    return Tap(reveal, "appreciation", done)


async def hard(bot, alice, bob, telegram, clock) -> Tap:
    await onboard(alice)
    await alice.send("/hard")
    grounding = await alice.expect_text("slow down")

    async def done() -> None:
        await telegram.wait_for(lambda: "breathe out" in (grounding.text or "").lower())

    return Tap(grounding, "breathed in", done)


SCENARIOS: dict[str, Scenario] = {
    "join": join,
    "pair": pairing,
    "ap": appreciation,
    "consent": consent,
    "role": role,
    "tz": zone,
    "settings": settings,
    "unlink": unlink,
    "delete": delete,
    "nudge": nudge,
    "pause": pause,
    "ci": checkin,
    "bd": boundary,
    "safety": safety,
    "jr": journal,
    "path": path,
    "hd": hard,
}


def no_apology(*people: FakeUser) -> None:
    # The exact apology: a journal prompt may say "something went wrong" in other words.
    for person in people:
        for message in person.bot_messages():
            assert str(texts.SOMETHING_WRONG) not in (message.text or "")


@pytest.mark.parametrize("kind", sorted(SCENARIOS))
async def test_press_on_an_inaccessible_message_does_its_work(
    bot, alice, bob, telegram: FakeTelegram, clock, kind: str
):
    tap = await SCENARIOS[kind](bot, alice, bob, telegram, clock)
    telegram.age(tap.message, hours=49)  # older than 48 hours: Telegram sends no text
    presser = tap.presser or alice
    query = await presser.press(tap.message, tap.label)
    await tap.done()
    await presser.answer_of(query)
    await settle(telegram)
    no_apology(alice, bob)


@pytest.mark.parametrize("kind", sorted(SCENARIOS))
async def test_refused_callback_answer_does_not_stop_the_work(
    bot, alice, bob, telegram: FakeTelegram, clock, kind: str
):
    tap = await SCENARIOS[kind](bot, alice, bob, telegram, clock)
    query = await (tap.presser or alice).press(tap.message, tap.label, late=True)
    await tap.done()
    await settle(telegram)
    assert telegram.callback_queries[query].get("refused")  # the bot did try, and was refused
    no_apology(alice, bob)


@pytest.mark.parametrize(
    "refusal",
    [
        "Bad Request: message to edit not found",
        "Bad Request: message can't be edited",
        "Bad Request: message is not modified",
    ],
)
async def test_edit_refusals_on_a_nudge_keep_the_answer(
    bot, alice, bob, telegram: FakeTelegram, clock, refusal: str
):
    tap = await nudge(bot, alice, bob, telegram, clock)
    telegram.inject(Fault("editMessageText", 400, refusal))
    await alice.press(tap.message, tap.label)
    await settle(telegram)
    (delivery,) = await rows(bot, Delivery, user_id=alice.id, kind="selfcare")
    assert delivery.response == "done"
    if "not modified" not in refusal:  # the answer arrives as a new message instead
        note = await alice.expect_text("thank you for looking after")
        assert note.buttons() == []
    no_apology(alice)


async def test_edit_refusal_on_a_boundary_button_still_answers(
    bot, alice, bob, telegram: FakeTelegram, clock
):
    tap = await boundary(bot, alice, bob, telegram, clock)
    telegram.inject(Fault("editMessageText", 400, "Bad Request: message to edit not found"))
    await alice.press(tap.message, tap.label)
    await alice.expect_text("what is this boundary about")
    no_apology(alice)
    assert not await rows(bot, Boundary)


HUGE = "18446744073709551616123"  # more digits than any row id can have


@pytest.mark.parametrize(
    "data",
    [
        f"nudge:done:{HUGE}",
        f"ci:go:{HUGE}",
        f"ci:v:1:{HUGE}:k",
        f"ap:start:{HUGE}",
        f"bd:open:{HUGE}",
        f"unlink:yes:{HUGE}",
        f"hd:i:{HUGE}:3",
        f"sh:go:{HUGE}",
        f"rp:ok:{HUGE}",
        "nudge:done:2147483648",  # one past a 32-bit row id: PostgreSQL would refuse it
        "bd:open:99999999999",
        "pair:ok:9007199254740993",  # past any Telegram user id
        "nudge:done:\u0663",  # an Arabic-Indic digit: decimal to Python, no id of ours
    ],
)
async def test_huge_ids_are_refused_like_any_forged_button(
    bot, alice, bob, telegram: FakeTelegram, data: str
):
    await onboard(alice)
    await alice.send("/help")
    shown = await alice.expect()
    query = await alice.press(shown, data=data)
    answered = await alice.answer_of(query)
    assert "expired" in (answered["answer_text"] or "")
    await settle(telegram)
    no_apology(alice)


async def test_not_yours_and_no_such_nudge_get_the_same_answer(
    bot, alice, bob, telegram: FakeTelegram, clock
):
    await onboard(bob)
    tap = await nudge(bot, alice, bob, telegram, clock)
    (delivery,) = await rows(bot, Delivery, user_id=alice.id, kind="selfcare")
    await bob.send("/help")
    own = await bob.expect()
    answers = []
    for data in (f"nudge:done:{delivery.id}", f"nudge:done:{delivery.id + 1000}"):
        answers.append((await bob.answer_of(await bob.press(own, data=data)))["answer_text"])
    assert answers[0] == answers[1]
    assert tap.message.buttons()  # Alice's nudge is untouched
