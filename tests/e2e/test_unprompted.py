"""Words written when no question is open: a warm reply with a choice, through the fake Telegram.

Keep it in my journal (one tap), I'm having a hard time (/hard's grounding), or nothing; the
crisis reply comes first for danger words; two taps at once and a week-old button."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from core import held
from db.models import HeldMessage, JournalEntry
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.e2e.test_concurrency import own_bot
from tests.helpers import onboard, rows, settle

PAIN = "I found another message from her today and I feel sick"


async def test_keep_it_saves_what_was_just_written_to_the_journal(
    bot, alice: FakeUser, telegram: FakeTelegram, caplog
):
    caplog.set_level(logging.DEBUG)
    await onboard(alice)
    await alice.send(PAIN)
    offer = await alice.expect_text("glad you wrote", "only you can read it")
    labels = [b["text"] for b in offer.buttons()]
    assert labels == ["📓 Keep it in my journal", "I'm having a hard time", "Nothing, thanks"]
    (hold,) = await rows(bot, HeldMessage, user_id=alice.id)
    assert hold.text == PAIN  # decrypted here; stored encrypted like every free text
    assert await rows(bot, JournalEntry) == []
    # Two taps at once: exactly one saves, the other hears it's done.
    first = await alice.press(offer, "keep it")
    second = await alice.press(offer, "keep it")
    answers = [await alice.answer_of(first), await alice.answer_of(second)]
    await settle(telegram)
    assert "kept in your journal" in (offer.text or "").lower()
    assert offer.buttons() == []
    assert [a.get("answer_text") for a in answers].count("That's already taken care of.") == 1
    (entry,) = await rows(bot, JournalEntry, user_id=alice.id)
    assert entry.text == PAIN
    (hold,) = await rows(bot, HeldMessage, user_id=alice.id)
    assert hold.text is None  # the words now live only in the journal
    await alice.send("/journal list")
    await alice.expect_text("another message from her")
    assert PAIN not in caplog.text and "feel sick" not in caplog.text


async def test_a_hard_time_brings_grounding_and_keeping_stays_possible(
    bot, alice: FakeUser, telegram: FakeTelegram
):
    await onboard(alice)
    await alice.send("i cant do this anymore")
    offer = await alice.expect_text("glad you wrote")
    await alice.press(offer, "hard time")
    help_ = await alice.expect_text("slow down together", "breathe in")
    assert [b["text"] for b in help_.buttons()] == ["Breathed in"]  # /hard's grounding
    await settle(telegram)
    assert [b["text"] for b in offer.buttons()] == ["📓 Keep it in my journal", "Nothing, thanks"]
    await alice.send("/safety")
    await alice.expect_text("findahelpline.com")
    await alice.press(offer, "keep it")
    await settle(telegram)
    (entry,) = await rows(bot, JournalEntry, user_id=alice.id)
    assert entry.text == "i cant do this anymore"


async def test_nothing_lets_the_words_go_at_once(bot, alice: FakeUser, telegram: FakeTelegram):
    await onboard(alice)
    await alice.send("🙂")
    offer = await alice.expect_text("glad you wrote")
    await alice.press(offer, "nothing")
    await settle(telegram)
    assert "let it go" in (offer.text or "").lower() and offer.buttons() == []
    assert [h.text for h in await rows(bot, HeldMessage)] == [None]
    assert await rows(bot, JournalEntry) == []


async def test_danger_words_get_the_crisis_reply_first(
    bot, alice: FakeUser, telegram: FakeTelegram
):
    await onboard(alice)
    await alice.send("I don't want to be alive anymore")
    await alice.expect_text("findahelpline.com")
    offer = await alice.expect_text("glad you wrote")
    await alice.press(offer, "keep it")
    await settle(telegram)
    assert len(await rows(bot, JournalEntry, user_id=alice.id)) == 1


async def test_a_button_from_last_week_says_the_words_are_gone(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, clock
):
    await onboard(alice)
    await onboard(bob)
    await alice.send(PAIN)
    offer = await alice.expect_text("glad you wrote")
    (hold,) = await rows(bot, HeldMessage)
    # Someone else's tap on Alice's hold keeps nothing and tells them nothing.
    await bob.send("/help")
    own = await bob.expect()
    probe = await bob.press(own, data=f"un:keep:{hold.id}")
    await bob.answer_of(probe)
    await settle(telegram)
    assert await rows(bot, JournalEntry) == []
    clock.advance(timedelta(days=7))
    await alice.press(offer, "keep it")
    await settle(telegram)
    assert "already let it go" in (offer.text or "").lower() and offer.buttons() == []
    assert await rows(bot, JournalEntry) == []
    # A hard moment is met however old the button is.
    alice.mark_read()
    await alice.press(offer, data=f"un:hard:{hold.id}")
    await alice.expect_text("breathe in")
    assert "already let it go" in (offer.text or "").lower() and offer.buttons() == []
    # The hourly retention pass has deleted the row itself.
    async with bot.bot_data.deps.transaction() as session:
        await held.prune(session, clock.now())
    assert await rows(bot, HeldMessage) == []


async def test_held_words_expire_after_an_hour(bot, alice: FakeUser, telegram: FakeTelegram, clock):
    await onboard(alice)
    await alice.send("thinking of you")
    offer = await alice.expect_text("glad you wrote")
    clock.advance(held.HOLD_FOR + timedelta(seconds=1))
    async with bot.bot_data.deps.transaction() as session:
        await held.prune(session, clock.now())  # the bot's own hourly pass may be first
    assert await rows(bot, HeldMessage) == []
    await alice.press(offer, "keep it")
    await settle(telegram)
    assert "already let it go" in (offer.text or "").lower()
    assert await rows(bot, JournalEntry) == []


async def test_lines_in_a_row_get_one_offer_and_a_quiet_sign_each(
    bot, alice: FakeUser, telegram: FakeTelegram, clock, caplog
):
    await onboard(alice)
    alice.mark_read()
    first = await alice.send(PAIN)
    offer = await alice.expect_text("glad you wrote")
    clock.advance(timedelta(minutes=1))
    later = [await alice.send("I can't stop shaking"), await alice.send("<b>why</b> me")]
    await settle(telegram)
    assert alice.new_messages() == []  # no second offer, no message at all
    assert [m.reactions for m in (first, *later)] == [[], ["✍"], ["✍"]]
    await alice.press(offer, "keep it")
    await settle(telegram)
    assert "kept in your journal" in (offer.text or "").lower()
    (entry,) = await rows(bot, JournalEntry, user_id=alice.id)
    assert entry.text == f"{PAIN}\n\nI can't stop shaking\n\n<b>why</b> me"
    assert "shaking" not in caplog.text


async def test_with_telegrams_limits_a_crisis_reply_never_waits_behind_the_reactions(
    telegram: FakeTelegram, database_url: str, clock, alice: FakeUser
):
    # Each joined line gets a reaction; were reactions held to the chat's one message a
    # second, the crisis reply after eight of them would come some eight seconds late.
    async with own_bot(telegram, database_url, clock, rate_limits=True):
        await onboard(alice)
        await alice.send(PAIN)
        await alice.expect_text("glad you wrote")
        lines = [await alice.send(f"and another thing, number {n}") for n in range(8)]
        started = time.monotonic()
        await alice.send("I don't want to be alive anymore")
        await alice.expect_text("findahelpline.com", timeout=10)
        assert time.monotonic() - started < 3.0
        await settle(telegram)
        assert all(line.reactions == ["✍"] for line in lines)
