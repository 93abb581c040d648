"""The path through the fake Telegram, as two partners and a stranger: starting together, each
side's opening and practices, the closing reflection revealed only when both answered, moving
on only when both are ready, a forged button, export and delete."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from content.path import path as content
from db.models import Path, PathStep, User
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import onboard, pair, rows, settle, wait_until

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(month: int, day: int, hour: int) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=BERLIN).astimezone(UTC)


async def test_a_couple_walks_a_stage_together(
    bot, alice: FakeUser, bob: FakeUser, carol: FakeUser, telegram: FakeTelegram, clock, caplog
):
    stage = content().stages[0]
    await pair(alice, bob)  # alice was hurt, bob broke the trust
    await alice.send("/path")
    intro = await alice.expect_among("ten weeks", "together")
    await alice.press(intro, "start the path")
    await settle(telegram)
    assert "asked your partner" in (intro.text or "")
    invitation = await bob.expect_among("ten-week path")
    assert invitation.text and invitation.text.startswith("🧭 Your partner would like")
    await bob.press(invitation, "yes")
    await settle(telegram)
    # Bob's stage opens in place; Alice's comes through the due queue (13:00: not quiet).
    assert (invitation.text or "").startswith("Week 1 of 10 on your path")
    assert stage.opening.broke in (invitation.text or "")
    assert stage.personal.broke in (invitation.text or "")
    opening = await alice.expect_among("week 1 of 10 on your path")
    assert stage.opening.hurt in (opening.text or "") and stage.shared.title in (opening.text or "")
    assert stage.opening.broke not in (opening.text or "")

    # A stranger's forged buttons naming this couple's path change nothing.
    (path,) = await rows(bot, Path)
    await onboard(carol)
    caplog.set_level(logging.INFO)
    for data in (f"path:rdy:{path.id}:1", f"path:rf:{path.id}:1", f"path:left:{path.id}"):
        await carol.press(carol.bot_messages()[-1], data=data)
        await carol.expect_among("earlier step of the path")
    refused = [r.getMessage() for r in caplog.records if r.getMessage().startswith("path.refused")]
    assert [line.split(" ", 2)[2] for line in refused] == [
        f"path={path.id} action=ready",
        f"path={path.id} action=reflect",
        f"path={path.id} action=leave",
    ]
    (path,) = await rows(bot, Path)
    assert path.status == "active" and not await rows(bot, PathStep, user_id=carol.id)

    # Six days on, at the path's hour, both are asked to close the week.
    clock.set(berlin(12, 2, 18))
    asked = await alice.expect_among("your week is nearly done")
    await bob.expect_among("your week is nearly done")
    await alice.press(asked, "answer now")
    await alice.expect_text("1 of 2", stage.reflection.helped)
    await alice.send("The walk on Sunday")
    second = await alice.expect_text("2 of 2")
    await alice.press(second, "skip")
    await settle(telegram)
    assert "once your partner has answered" in (second.text or "")
    nudge = await bob.expect_among("your partner has answered")
    assert "walk on sunday" not in (nudge.text or "").lower()  # nothing one-sided

    # Ready first: moving on waits for the other.
    await alice.send("/path")
    status = await alice.expect_among("stage 1 of 10")
    assert "Next: " + content().stages[1].title in (status.text or "")
    await alice.press(status, "ready for the next stage")
    await bob.expect_among("feels ready for the next stage")

    clock.set(berlin(12, 2, 19))
    await bob.press(nudge, "answer now")
    await bob.expect_text("1 of 2")
    await bob.send("Listening without answering back")
    await bob.expect_text("2 of 2")
    await bob.send("Waiting")
    reveal = await bob.expect_text("reflections are in", "the walk on sunday", "listening")
    theirs = await alice.expect_among("reflections are in", "listening without")
    assert "skipped" in (theirs.text or "")
    await bob.press(reveal, "ready for the next stage")
    await settle(telegram)
    assert (reveal.text or "").startswith("Week 2 of 10 on your path")
    await alice.expect_among("week 2 of 10 on your path")

    # Export holds each person's own words only; delete takes them away.
    await alice.send("/export")
    document = await alice.expect()
    while document.file_name != "tend-export.json":
        document = await alice.expect()
    data = json.loads(document.document or b"{}")
    assert [s["what_helped"] for s in data["path"]] == ["The walk on Sunday", None]
    assert b"Listening without" not in (document.document or b"")
    await bob.send("/delete")
    await bob.press(await bob.expect_among("erase everything"), "yes, erase")
    await alice.expect_among("pairing has ended")
    told = await alice.expect_among("ended on your partner's side")
    assert (told.text or "").startswith("🧭 A note from tend") and "stage 2 of 10" in (
        told.text or ""
    )
    assert not await rows(bot, PathStep, user_id=bob.id)
    assert await rows(bot, User, id=bob.id) == []
    (kept,) = await rows(bot, Path)
    assert (kept.solo_user_id, kept.status, kept.stage) == (alice.id, "paused", 2)
    # She can carry on alone from the stage she was at (or leave it).
    await alice.send("/path")
    shown = await alice.expect_among("stage 2 of 10")
    await alice.press(shown, "pick the path up again")

    async def carried_on() -> bool:
        (kept,) = await rows(bot, Path)
        return (kept.solo_user_id, kept.status, kept.stage) == (alice.id, "active", 2)

    await wait_until(carried_on, what="her path carried on alone at stage 2")


STICKER = {
    "sticker": {
        "file_id": "s1",
        "file_unique_id": "us1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
}


async def test_wrong_turns_on_the_path(
    bot, alice: FakeUser, bob: FakeUser, carol: FakeUser, telegram: FakeTelegram, clock
):
    await pair(alice, bob)  # alice was hurt, bob broke the trust
    # Both open /path and both press "start": one path, the second press is the yes.
    await alice.send("/path")
    mine = await alice.expect_among("ten weeks")
    await bob.send("/path")
    theirs = await bob.expect_among("ten weeks")
    await alice.press(mine, "start the path")
    await settle(telegram)
    await bob.press(theirs, "start the path")
    await settle(telegram)
    assert (theirs.text or "").startswith("Week 1 of 10 on your path")
    invitation = await bob.expect_among("ten-week path")
    await bob.expect_among("counts as your yes")
    await bob.press(invitation, "not now")  # the invitation that crossed: nothing to decide
    await bob.expect_among("already under way")
    await alice.expect_among("week 1 of 10 on your path")
    (path,) = await rows(bot, Path)
    assert path.status == "active"

    # A stranger's own path, named on a forged button by Alice: refused, nothing changes.
    await onboard(carol)
    await carol.send("/path")
    await carol.press(await carol.expect_among("on your own"), "start the path")
    await settle(telegram)
    strangers = [p for p in await rows(bot, Path) if p.solo_user_id == carol.id]
    for verb in ("left", "pause", "show"):
        await alice.press(alice.bot_messages()[-1], data=f"path:{verb}:{strangers[0].id}")
        await alice.expect_among("earlier step of the path")
    assert [p.status for p in await rows(bot, Path, id=strangers[0].id)] == ["active"]

    # The week's questions: a sticker, then danger words, then a line.
    clock.set(berlin(12, 2, 18))
    asked = await alice.expect_among("your week is nearly done")
    await bob.expect_among("your week is nearly done")
    await alice.press(asked, "answer now")
    await alice.expect_text("1 of 2")
    await alice.send_raw(STICKER)
    await alice.expect_text("typed words", "/cancel")
    await alice.send("I want to kill myself")
    await alice.expect_among("2 of 2")
    await alice.send("Evenings")
    await alice.expect_among("kept this week's answers private")
    await alice.expect_text("once your partner has answered")
    await bob.expect_among("your partner has answered")
    await bob.send("/path")
    status = await bob.expect_among("stage 1 of 10")
    await bob.press(status, "answer this week")
    await bob.expect_text("1 of 2")
    await bob.send("Being honest")
    await bob.expect_text("2 of 2")
    await bob.send("Waiting")
    reveal = await bob.expect_text("reflections are in", "kept private for now")
    assert "kill" not in (reveal.text or "")
    shown = await alice.expect_among("reflections are in", "being honest")

    # A double tap on "ready" tells the partner once.
    await bob.press(reveal, "ready for the next stage")
    await bob.press(reveal, "ready for the next stage")
    await settle(telegram)
    told = [m for m in alice.bot_messages() if "feels ready for the next stage" in (m.text or "")]
    assert len(told) == 1
    await alice.press(shown, "ready for the next stage")
    await settle(telegram)
    assert (shown.text or "").startswith("Week 2 of 10 on your path")  # edited in place

    # "Answer now" from last week, a week later: a kind word, nothing changes.
    clock.set(berlin(12, 9, 18))
    telegram.age(asked, 170)
    await alice.press(asked, "answer now")
    await alice.expect_among("earlier step of the path")
    (path, *_) = [p for p in await rows(bot, Path) if p.couple_id is not None]
    assert path.stage == 2
