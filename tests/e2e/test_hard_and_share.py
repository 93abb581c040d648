"""/hard and /share through the fake Telegram, as two partners and a stranger.

A hard moment at 03:00 in quiet hours: grounding at once (also when flood control has muted the
person), the private note, "let my partner know" held for quiet hours until "send anyway"
(silent), the partner's preset coming back, a second alert within the hour held kindly. A share
set up by the partner who broke trust: it arrives on its rhythm, the receiver cannot start or
change it, a note of danger is held, it stops at its end date. Forged buttons, export, delete.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.flood import FloodGuard
from db.models import HardMoment, ShareEntry, SharePlan, ShareReply
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import full_ticks, onboard, pair, rows, settle, wait_until

BERLIN = ZoneInfo("Europe/Berlin")
DANGER = "I want to kill myself"
TRIGGER = "Saw the old hotel receipt in a drawer"
STICKER = {
    **{"file_id": "s1", "file_unique_id": "us1", "type": "regular"},
    **{"width": 512, "height": 512, "is_animated": False, "is_video": False},
}


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


async def tap(user: FakeUser, message: Any, label: str, telegram: FakeTelegram) -> None:
    await user.press(message, label)
    await settle(telegram)


async def refused(user: FakeUser, message: Any, data: str) -> str:
    answer = await user.answer_of(await user.press(message, data=data))
    return str(answer.get("answer_text") or "")


async def test_a_hard_moment_at_three_in_the_morning(
    bot, alice: FakeUser, bob: FakeUser, carol: FakeUser, telegram: FakeTelegram, clock
):
    await pair(alice, bob)
    await onboard(carol)
    clock.set(berlin(27, 3))  # both partners are in their quiet hours
    # Flood control has muted Alice: asking for help still gets through.
    frozen = FloodGuard(now=lambda: 0.0)
    bot.bot_data.deps.flood = bot.bot_data.deps.updates.flood = frozen
    frozen.silence(alice.id)
    alice.mark_read()
    await alice.send("/hard")
    grounding = await alice.expect_text("let's slow down together")
    for label in ("breathed in", "breathed out", "feet down", "named five", "done"):
        await tap(alice, grounding, label, telegram)
    assert "you got through that wave" in (grounding.text or "").lower()
    assert grounding.edits == 5 and len(alice.new_messages()) == 0  # one message moved along
    bot.bot_data.deps.flood = bot.bot_data.deps.updates.flood = FloodGuard()  # the mute is over
    await tap(alice, grounding, "note it for me", telegram)
    assert "your partner never sees it" in (grounding.text or "").lower()
    await tap(alice, grounding, "4", telegram)
    assert "what set it off" in (grounding.text or "").lower()
    await alice.send_raw({"sticker": STICKER})  # not words: the question stays open, kindly
    await alice.expect_text("typed words", "/cancel")
    await alice.send(f"{TRIGGER}. {DANGER}")
    await alice.expect_text("findahelpline.com")  # the crisis reply first
    helped = await alice.expect_text("what helped")
    await tap(alice, helped, "going outside", telegram)
    assert "noted, just for you" in (helped.text or "").lower()
    (moment,) = await rows(bot, HardMoment)
    assert (moment.intensity, moment.helped, moment.trigger) == (
        4,
        "Going outside",
        f"{TRIGGER}. {DANGER}",
    )
    # The stranger cannot touch it, nor tell anyone about it.
    carol.mark_read()
    probe = await carol.send("/help")
    await carol.expect()
    for data in (f"hd:i:{moment.id}:1", f"hd:tell:{moment.id}", f"hd:a:{moment.id}:here"):
        assert "expired" in (await refused(carol, probe, data)).lower()
    await settle(telegram)
    assert (await rows(bot, HardMoment))[0].intensity == 4 and bob.new_messages() == []
    # Quiet hours: asked first; "send anyway" goes silently, and names nothing of hers.
    await alice.press(helped, "let my partner know")
    quiet = await alice.expect_text("quiet time for your partner")
    bob.mark_read()
    await alice.press(quiet, "send anyway")
    await alice.expect_text("let your partner know", "quietly")
    notice = await bob.expect_text("listen")
    assert (notice.text or "").splitlines()[0] == "Your partner is having a hard time right now."
    assert notice.silent and "hotel" not in (notice.text or "").lower()
    assert DANGER.lower() not in (notice.text or "").lower()
    await bob.press(notice, "i'm here")
    await alice.expect_text("your partner answered: i'm here")
    await settle(telegram)
    assert "thank you for being there" in (notice.text or "").lower()
    # A second alert within the hour is held, kindly.
    await alice.send("/hard")
    again = await alice.expect_text("slow down")
    for label in ("breathed in", "breathed out", "feet down", "named five", "done"):
        await tap(alice, again, label, telegram)
    await alice.press(again, "let my partner know")
    await alice.expect_text("a little while ago")
    await settle(telegram)
    assert bob.new_messages() == []
    # Her own pattern is in her summary; his has nothing of it until she turns it on.
    alice.mark_read()
    await alice.send("/summary")
    # (the chart is drawn first: matplotlib's first load can take seconds on a busy machine)
    mine = await alice.expect_among(
        "just for you: hard moments this week: 1 (the week before: 0)", timeout=30
    )
    assert "going outside" in (mine.text or "").lower()
    bob.mark_read()
    await bob.send("/summary")
    assert "hard moments" not in ((await bob.expect(timeout=30)).text or "").lower()
    await alice.send("/settings")
    await tap(
        alice,
        await alice.expect_among("hard moments in our summary: off"),
        "hard moments",
        telegram,
    )
    await bob.send("/summary")
    theirs = (
        (await bob.expect_among("your partner's hard moments", timeout=30)).text or ""
    ).lower()
    assert "your partner's hard moments this week: 1, average strength 4" in theirs
    assert "going outside" not in theirs


async def exported(user: FakeUser) -> dict[str, Any]:
    """The person's /export, passing over any other message."""
    await user.send("/export")
    while (message := await user.expect()).file_name != "tend-export.json":
        pass
    data: dict[str, Any] = json.loads(message.document or b"{}")
    return data


async def _write_share(bob: FakeUser, invite: Any, telegram: FakeTelegram, parts: list[str]) -> Any:
    await bob.press(invite, "write it now")
    for words in parts:
        await bob.expect_among("of 5")
        if words:
            await bob.send(words)
        else:
            prompt = bob.bot_messages()[-1]
            await bob.press(prompt, "skip")
    return await bob.expect_among("send it")


async def test_a_share_from_the_partner_who_broke_trust(
    bot, alice: FakeUser, bob: FakeUser, carol: FakeUser, telegram: FakeTelegram, clock
):
    await pair(alice, bob)  # Alice was hurt, Bob broke the trust
    await onboard(carol)
    await bob.send("/share")
    await bob.press(await bob.expect_text("something you give"), "every day")
    await bob.expect_text("at what time")
    await bob.send("19:00")
    set_up = await bob.expect_text("every day, at 19:00, until 21 january 2027")
    (plan,) = await rows(bot, SharePlan)
    # Alice can neither start nor change it; nothing tells her it exists.
    probe = await alice.send("/help")
    await alice.expect()
    for data in (f"sh:go:{plan.id}", f"sh:pause:{plan.id}", f"sh:end:{plan.id}"):
        assert "only something your partner" in (await refused(alice, probe, data)).lower()
    assert (
        "only something your partner" in (await refused(carol, set_up, f"sh:go:{plan.id}")).lower()
    )
    clock.set(berlin(26, 19, 1))
    invite = await bob.expect_among("your check-in is here whenever you want it")
    assert (invite.text or "").startswith("Your check-in is here")
    review = await _write_share(
        bob, invite, telegram, ["Tired but hopeful", "", "A slow evening", DANGER, "A walk"]
    )
    assert "may be in pain" in (review.text or "").lower()  # danger words held for a choice
    assert [m for m in alice.new_messages() if "shared something" in (m.text or "")] == []
    (entry,) = await rows(bot, ShareEntry)
    assert "expired" in (await refused(carol, review, f"sh:send:{entry.id}")).lower()
    await bob.press(review, "send it anyway")
    got = await alice.expect_among("your partner has shared something with you")
    assert "Tired but hopeful" in (got.text or "") and "A slow evening" in (got.text or "")
    assert "worried about your partner's safety" in (got.text or "")  # danger sent anyway
    assert (await rows(bot, ShareEntry))[0].sent_at is not None
    assert "expired" in (await refused(carol, got, f"sh:t:{entry.id}")).lower()
    await settle(telegram)
    assert await rows(bot, ShareReply) == []
    await alice.press(got, "let's talk")
    await alice.expect_text("add a short note")
    await wait_until(lambda: not got.buttons(), what="the answered share without its buttons")
    assert "Tired but hopeful" in (got.text or "")  # its words stay
    await alice.send(f"Can we talk tonight? {DANGER}")
    await alice.expect_text("findahelpline.com")
    held = await alice.expect_text("hasn't seen it")
    await settle(telegram)
    assert not any("would like to talk" in (m.text or "") for m in bob.new_messages())
    await alice.press(held, "send it anyway")
    await bob.expect_among("would like to talk about it", "can we talk tonight", "/safety")
    # It stops at its end date: one offer to renew, then nothing.
    async with bot.bot_data.deps.transaction() as session:
        row = await session.get(SharePlan, plan.id)
        row.ends_at = berlin(28, 12)
    clock.set(berlin(27, 19, 1))
    await bob.expect_among("your check-in is here whenever")
    clock.set(berlin(28, 19, 1))
    await bob.expect_among("reached its end date")
    clock.set(berlin(29, 19, 1))  # a Sunday: the weekly summaries' charts are drawn too
    await full_ticks(bot, timeout=60)
    await settle(telegram)
    assert not any("check-in is here" in (m.text or "").lower() for m in bob.new_messages())
    # Export: each has their own part; delete erases the sharer's.
    hers = await exported(alice)
    assert hers["share_answers_given"][0]["answer"] == "talk"
    assert "Tired but hopeful" not in json.dumps(hers)
    mine = await exported(bob)
    assert mine["shares_written"][0]["feelings"] == "Tired but hopeful"
    await bob.send("/delete")
    await bob.press(await bob.expect_among("erase everything"), "yes, erase")
    await alice.expect_among("pairing has ended")
    for table in (SharePlan, ShareEntry, ShareReply):
        assert await rows(bot, table) == []
    async with bot.bot_data.deps.transaction() as session:
        assert (await session.execute(select(HardMoment))).all() == []


async def test_the_sharer_is_told_which_days_the_invitation_comes(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, clock
):
    await pair(alice, bob)  # set up on Thursday 26 November, Berlin time
    await bob.send("/share")
    await bob.press(await bob.expect_text("something you give"), "every few days")
    await bob.expect_text("at what time")
    await bob.send("19:00")
    await bob.expect_text("set: every few days, on thursdays and sundays, at 19:00")
    await bob.send("/share")
    await bob.press(await bob.expect_text("your fuller check-in"), "change rhythm or time")
    await bob.press(await bob.expect_text("how often"), "once a week")
    await bob.expect_text("at what time")
    await bob.send("08:30")
    await bob.expect_text("set: once a week, on thursdays, at 08:30")
    await bob.send("/share")
    await bob.expect_text("once a week, on thursdays, at 08:30, until 21 january 2027")
    clock.set(berlin(29, 19, 1))  # a Sunday: no longer one of the days
    await full_ticks(bot)
    await settle(telegram)
    assert not any("check-in is here" in (m.text or "").lower() for m in bob.new_messages())
